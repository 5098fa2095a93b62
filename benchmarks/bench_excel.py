"""Benchmark: Excel import and export (desktop.excel).

    .venv/bin/python benchmarks/bench_excel.py [--rows 10000] [--read-rows 100000] [--export-rows 100000]

1. Import: a prefecture ledger (石家庄市, 1301) with its county and township committees; a
   member sheet of ``--rows`` rows shaped like an office roster (a title row, variant Chinese
   headers, an organisation column naming the committee, Excel dates and text dates, phones
   as numbers, enumeration variants, 1 % bad rows).  Excel and WPS store text in a shared
   string table; openpyxl writes inline strings, which take openpyxl four times as long to
   read — so the sheet is timed both ways, and the goal applies to the file as offices have
   it (shared strings).  Timed: ``plan_import`` (read, header, values, references, the
   ledger's validation of every row in a rolled-back transaction) and ``apply_import`` (one
   transaction, one undo batch); the import reads with calamine, and the same file read by
   the openpyxl reader it replaced is timed beside it as the baseline.
2. Read: ``--read-rows`` roster rows as an Excel 97-2003 .xls (two sheets: the format holds
   65,536 rows a sheet) through ``read_workbook``, and as an .xlsx by calamine and openpyxl.
3. Export: ``--export-rows`` member records through ``export_rows`` (labels, dates, yuan,
   organisation names, formula-safe text, widths, frozen header, atomic rename) against a
   bare openpyxl write-only dump of the same rows' stored values, in the same run: the ratio
   is the cost of making the file right for the user.

Wall-clock goals; the process's CPU time is printed beside each figure (on a shared machine
the wall clock also counts other programs' work; the load average is printed too).
Prints the figures and whether the goals are met; exits 0 either way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402

from desktop import excel  # noqa: E402
from desktop.scope.geo import geography  # noqa: E402
from desktop.ledger import Ledger  # noqa: E402
from desktop.records import KINDS  # noqa: E402

GOAL_IMPORT_S = 2.0
GOAL_XLS_READ_S = 3.0
GOAL_EXPORT_S = 20.0
PREFECTURE = "1301"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def build_ledger(path: Path) -> list[str]:
    """The prefecture's county and township committees; returns the committee names."""
    geo = geography()
    ledger = Ledger.new(path, scope=PREFECTURE, operator="bench")
    names: list[str] = []
    seen: set[str] = set()
    try:
        with ledger.batch():
            for county in geo.children(PREFECTURE):
                county_org = ledger.organisations.create(kind="county_committee", name=f"{county.name}团委",
                                                         division_code=county.code)
                for t in geo.children(county.code):
                    if not geo.is_rural_township(t.code):
                        continue
                    name = f"{t.name}团委"
                    if name in seen:  # the same township name in two counties: the county goes first
                        name = f"{county.name}{name}"
                    seen.add(name)
                    ledger.organisations.create(kind="township_committee", name=name, division_code=t.code,
                                                parent_id=county_org)
                    names.append(name)
    finally:
        ledger.close()
    return names


TITLE = "石家庄市乡镇团委委员名册"
HEADER = ["序号", "所属团委", "姓名", "性别", "出生年月", "民族", "政治面貌", "文化程度", "手机号码", "团内职务", "专兼职",
          "委员来源", "工作单位", "任职时间", "备注"]


def roster_rows(rows: int, committees: list[str], seed: int = 0) -> tuple[list[list], int]:
    """*rows* member rows shaped like an office roster; returns them and how many were made
    bad on purpose."""
    rng = random.Random(seed)
    out, bad = [], 0
    for i in range(rows):
        birth = dt.date(1985 + rng.randrange(15), rng.randrange(1, 13), rng.randrange(1, 28))
        birth_cell = birth if i % 3 == 0 else (f"{birth.year}.{birth.month}" if i % 3 == 1 else f"{birth:%Y年%m月%d日}")
        joined = dt.datetime(2018 + rng.randrange(6), rng.randrange(1, 13), 1)
        phone = 13000000000 + i * 7 + 1.0
        row = [i + 1, committees[i % len(committees)], rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) + str(i),
               rng.choice(("男", "女", "男性", "女性")), birth_cell, rng.choice(("汉族", "汉", "回族", "满族")),
               rng.choice(("共青团员", "中共党员", "团员", "群众")), rng.choice(("本科", "大学本科", "大专", "高中", "硕士")),
               phone, rng.choice(("委员", "委员", "副书记", "书记")), rng.choice(("兼职", "专职", "挂职", "兼")),
               rng.choice(("机关干部", "大学生村官", "学校负责人", "农村致富带头人", "乡村好青年", "企业员工", "其他")),
               rng.choice(("乡政府", "中心小学", "信用社", None)), joined, None]
        if i % 100 == 99:  # a bad phone or a bad date
            bad += 1
            if i % 200 == 99:
                row[8] = "1380013"
            else:
                row[4] = "1990-13-01"
        out.append(row)
    return out, bad


def roster_sheet(path: Path, rows: int, committees: list[str], seed: int = 0) -> int:
    """A member roster of *rows* rows as .xlsx; returns how many rows were made bad on purpose."""
    data, bad = roster_rows(rows, committees, seed)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "委员名册"
    ws.append([TITLE])
    ws.merge_cells("A1:O1")
    ws.append(HEADER)
    for row in data:
        ws.append(row)
    wb.save(path)
    return bad


def roster_xls(path: Path, rows: int, committees: list[str]) -> None:
    """The roster as an Excel 97-2003 .xls (xlwt), a sheet per 50,000 rows (the format holds
    at most 65,536 rows a sheet)."""
    import xlwt

    data, _ = roster_rows(rows, committees)
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for part, start in enumerate(range(0, rows, 50_000), 1):
        ws = book.add_sheet(f"委员名册{part}")
        ws.write_merge(0, 0, 0, len(HEADER) - 1, TITLE)
        for c, title in enumerate(HEADER):
            ws.write(1, c, title)
        for r, row in enumerate(data[start:start + 50_000], 2):
            for c, v in enumerate(row):
                if isinstance(v, dt.date):
                    ws.write(r, c, v, date_style)
                elif v is not None:
                    ws.write(r, c, v)
    book.save(str(path))


def openpyxl_sheets(path: Path) -> list[excel.Sheet]:
    """The openpyxl reader the import used before calamine (values, merged ranges, decimal
    formats; what it cost is the baseline)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        values, formats, max_r, max_c = {}, {}, 0, 0
        for (r, c), cell in ws._cells.items():
            v = cell.value
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            values[(r - 1, c - 1)] = v
            if type(v) is float and not v.is_integer() and cell.number_format not in (None, "General"):
                formats[(r - 1, c - 1)] = cell.number_format
            max_r, max_c = max(max_r, r), max(max_c, c)
        rows = [[None] * max_c for _ in range(max_r)]
        for (r, c), v in values.items():
            rows[r][c] = v
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
        sheets.append(excel.Sheet(ws.title, rows, ws.sheet_state != "visible", merged, formats=formats))
    wb.close()
    return sheets


def with_shared_strings(src: Path, dst: Path) -> None:
    """Rewrite an openpyxl workbook the way Excel and WPS store it: text in the shared
    string table (``xl/sharedStrings.xml``) instead of inline in every cell."""
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings: list[str] = []
    index: dict[str, int] = {}
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(src) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.startswith("xl/worksheets/sheet"):
                root = etree.fromstring(data)
                for c in root.iter(f"{{{ns}}}c"):
                    if c.get("t") != "inlineStr":
                        continue
                    inline = c.find(f"{{{ns}}}is")
                    text = "".join(inline.itertext())
                    c.remove(inline)
                    i = index.setdefault(text, len(strings))
                    if i == len(strings):
                        strings.append(text)
                    c.set("t", "s")
                    etree.SubElement(c, f"{{{ns}}}v").text = str(i)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            parts[name] = data
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{ns}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>").encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


class Clock:
    """Wall and CPU seconds since the last ``lap()``."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def time_import(ledger_path: Path, sheet: Path, expected_bad: int, reader=None):
    """Check and import *sheet* (read by *reader*, else by the import's own reader)."""
    ledger = Ledger.open(ledger_path)
    try:
        clock = Clock()
        sheets = reader(sheet) if reader else None
        plan = excel.plan_import(ledger, "committee_member", sheet, sheets=sheets)
        t1 = clock.lap()
        result = excel.apply_import(ledger, plan)
        t2 = clock.lap()
        summary = plan.summary()
        assert summary["error"] == expected_bad, (summary, [r.reason() for r in plan.errors[:5]])
        assert result.added == summary["add"]
        ledger.undo_batch(result.batch_id)  # the next run starts from the same ledger
    finally:
        ledger.close()
    return t1, t2, summary


def export_rows_of(n: int, committees: dict[str, str], seed: int = 1) -> list[dict]:
    """*n* member records as the ledger stores them (ids, keys, ISO dates)."""
    rng = random.Random(seed)
    orgs = list(committees)
    out = []
    for i in range(n):
        out.append({
            "id": f"m{i:08d}", "scope": "130111200", "deleted": 0, "org_id": orgs[i % len(orgs)],
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + str(i), "gender": rng.choice(("male", "female")),
            "birth_date": f"{1985 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}", "ethnicity": "han",
            "political_status": "league_member", "education": "bachelor", "phone": str(13000000000 + i),
            "post": "member", "employment": "part_time", "source": "civil_servant",
            "employer": "=乡政府" if i % 1000 == 0 else "乡政府", "duty": "组织宣传", "rotation_duty": None,
            "joined_on": "2020-05-01", "exited_on": None, "exit_reason": None, "appraisal_year": 2024,
            "appraisal": "competent", "note": None})
    return out


def time_export(folder: Path, rows: list[dict], titles: dict[str, str]):
    from openpyxl import Workbook

    k = KINDS["committee_member"]
    names = list(k.field_names)
    clock = Clock()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("bare")
    ws.append(names)
    for rec in rows:
        ws.append([rec[n] for n in names])
    wb.save(folder / "bare.xlsx")
    bare = clock.lap()
    excel.export_rows(folder / "ours.xlsx", "committee_member", rows, names, titles=titles)
    ours = clock.lap()
    return bare, ours


def bench_import(folder: Path, ledger_path: Path, committees: list[str], rows: int) -> None:
    inline = folder / "roster-openpyxl.xlsx"
    shared = folder / "roster.xlsx"
    bad = roster_sheet(inline, rows, committees)
    with_shared_strings(inline, shared)
    print(f"Import of a {rows:,}-row member sheet into a ledger of {len(committees)} township committees "
          f"({bad} bad rows on purpose); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    (plan_w, plan_c), (apply_w, apply_c), summary = time_import(ledger_path, shared, bad)
    total, total_c = plan_w + apply_w, plan_c + apply_c
    print(f"  calamine, as Excel/WPS save it (shared strings): check {plan_w:5.2f} s + import {apply_w:5.2f} s = "
          f"{total:5.2f} s (CPU {total_c:5.2f} s; {rows / total:,.0f} rows/s)   goal < {GOAL_IMPORT_S:.0f} s: "
          f"{_verdict(total < GOAL_IMPORT_S)}")
    (plan_w, plan_c), (apply_w, apply_c), _ = time_import(ledger_path, shared, bad, openpyxl_sheets)
    base, base_c = plan_w + apply_w, plan_c + apply_c
    print(f"  openpyxl reader, the same file:                  check {plan_w:5.2f} s + import {apply_w:5.2f} s = "
          f"{base:5.2f} s (CPU {base_c:5.2f} s)   calamine takes {total / base:4.2f} of it (CPU {total_c / base_c:4.2f})")
    (plan_w, plan_c), (apply_w, apply_c), _ = time_import(ledger_path, inline, bad)
    print(f"  calamine, as openpyxl writes it (inline strings): check {plan_w:5.2f} s + import {apply_w:5.2f} s = "
          f"{plan_w + apply_w:5.2f} s (CPU {plan_c + apply_c:5.2f} s)")
    print(f"  plan: {summary}")


def bench_read(folder: Path, committees: list[str], rows: int) -> None:
    xls, xlsx, inline = folder / "big.xls", folder / "big.xlsx", folder / "big-inline.xlsx"
    roster_xls(xls, rows, committees)
    roster_sheet(inline, rows, committees)
    with_shared_strings(inline, xlsx)
    print(f"Reading {rows:,} roster rows ({len(HEADER)} columns); load average {os.getloadavg()[0]:.1f}")
    clock = Clock()
    n = sum(len(s.rows) for s in excel.read_workbook(xls))
    xls_w, xls_c = clock.lap()
    print(f"  .xls  (2 sheets), calamine: {xls_w:6.2f} s (CPU {xls_c:6.2f} s; {n:,} rows)   goal < {GOAL_XLS_READ_S:.0f} s: "
          f"{_verdict(xls_w < GOAL_XLS_READ_S)}")
    excel.read_workbook(xlsx)
    cal_w, cal_c = clock.lap()
    openpyxl_sheets(xlsx)
    opx_w, opx_c = clock.lap()
    print(f"  .xlsx, calamine:            {cal_w:6.2f} s (CPU {cal_c:6.2f} s)")
    print(f"  .xlsx, openpyxl:            {opx_w:6.2f} s (CPU {opx_c:6.2f} s)   calamine takes {cal_w / opx_w:4.2f} of it "
          f"(CPU {cal_c / opx_c:4.2f})")


def bench_export(folder: Path, ledger_path: Path, rows_n: int) -> None:
    with Ledger.open(ledger_path, read_only=True) as ledger:
        titles = {o["id"]: o["name"] for o in ledger.query("organisation", where={"kind": "township_committee"})}
    rows = export_rows_of(rows_n, titles)
    (bare_w, bare_c), (ours_w, ours_c) = time_export(folder, rows, titles)
    print(f"Export of {rows_n:,} member rows ({len(KINDS['committee_member'].fields)} columns); "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  bare openpyxl write-only dump: {bare_w:6.2f} s (CPU {bare_c:6.2f} s)")
    print(f"  export_rows:                   {ours_w:6.2f} s (CPU {ours_c:6.2f} s)   ratio {ours_w / bare_w:4.2f} "
          f"(CPU {ours_c / bare_c:4.2f})   goal < {GOAL_EXPORT_S:.0f} s: {_verdict(ours_w < GOAL_EXPORT_S)}")
    size = (folder / "ours.xlsx").stat().st_size
    print(f"  file size {size / 1e6:,.1f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000, help="rows of the member sheet imported")
    ap.add_argument("--read-rows", type=int, default=100_000, help="rows of the .xls and .xlsx read")
    ap.add_argument("--export-rows", type=int, default=100_000, help="rows exported")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ledger_path = folder / "bench.sqlite"
        committees = build_ledger(ledger_path)
        bench_import(folder, ledger_path, committees, args.rows)
        if args.read_rows:
            bench_read(folder, committees, args.read_rows)
        if args.export_rows:
            bench_export(folder, ledger_path, args.export_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
