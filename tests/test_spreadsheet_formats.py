"""Every spreadsheet an office already has: the same roster saved as .xlsx, .xls (written
with xlwt), .ods (written with odfpy), GBK CSV, UTF-8-BOM CSV, tab-separated text (GB18030,
Excel's UTF-16 "Unicode text", and a web system's text export named .xls) imports with the same plan and the same stored records; a WPS .et, an encrypted, a
damaged file, an empty CSV or one in an unknown encoding gets one clear line and stores
nothing; dates in either date system; numbers that are phone or ID numbers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import TOWNSHIP
from desktop import excel
from desktop.excel import ADD, ERROR
from desktop.records import KINDS

MEMBER = "committee_member"
SHEET = "委员名单"
TITLE = "南高乡团委委员名册"
HEADER = ["序号", "姓名", "性别", "出生年月", "手机号码", "职务", "专兼职", "委员来源", "任职时间", "工作单位"]
ROWS = [
    [1, "张三", "男", dt.date(1995, 3, 2), 13800138000, "书记", "专职", "机关干部", dt.date(2020, 5, 1), "南高乡人民政府, 党政办"],
    [2, "李四", "女", "1996.4", 13900139000, "副书记", "兼", "大学生村官", dt.date(2021, 3, 2), "南高村"],
    [3, "王芳", "女", dt.date(1997, 5, 6), "139 0013 9001", "委员", "兼职", "乡村好青年", "2021-03-02", None],
    [4, "赵六", "男", "1996-13-01", 13900139003, "委员", "兼职", "其他", dt.date(2022, 1, 1), None],
    [5, "孙七", "男", dt.date(1990, 2, 3), 123, "委员", "兼职", "其他", dt.date(2022, 1, 1), None],
    [6, "周八", "男", "1990年2月3日", None, "委员", "挂职", "企业员工", "2022.9.1", None],
]
EXPECTED = {ADD: 4, "update": 0, "duplicate": 0, ERROR: 2}


# --------------------------------------------------------------------------- writers
def _table() -> list[list]:
    return [[TITLE]] + [list(HEADER)] + [list(r) for r in ROWS]


def write_xlsx(path: Path, rows: list[list], *, epoch=None) -> Path:
    wb = openpyxl.Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = SHEET
    for row in rows:
        ws.append(row)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    wb.save(path)
    return path


def write_xls(path: Path, rows: list[list]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(SHEET)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if r == 0:
                ws.write_merge(0, 0, 0, len(HEADER) - 1, v)
            elif isinstance(v, dt.date):
                ws.write(r, c, v, date_style)
            elif v is not None:
                ws.write(r, c, v)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: list[list]) -> Path:
    pytest.importorskip("odf", reason="odfpy, which writes the test's .ods files, has no wheel for the Windows run")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=SHEET)
    for r, row in enumerate(rows):
        tr = TableRow()
        for v in row:
            if r == 0:
                cell = TableCell(valuetype="string", numbercolumnsspanned=len(HEADER))
            elif isinstance(v, dt.date):
                cell = TableCell(valuetype="date", datevalue=v.isoformat())
            elif isinstance(v, (int, float)):
                cell = TableCell(valuetype="float", value=v)
            elif v is None:
                cell = TableCell()
            else:
                cell = TableCell(valuetype="string")
            if v is not None:
                cell.addElement(P(text=excel.cell_text(v)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def text_table(rows: list[list], delimiter: str = ",") -> str:
    """The rows as a CSV export writes them: each cell as the spreadsheet shows it."""
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if v is None else excel.cell_text(v) for v in row] for row in rows])
    return out.getvalue()


FORMATS = {
    "xlsx": lambda folder: write_xlsx(folder / f"{SHEET}.xlsx", _table()),
    "xls": lambda folder: write_xls(folder / f"{SHEET}.xls", _table()),
    "ods": lambda folder: write_ods(folder / f"{SHEET}.ods", _table()),
    "gbk-csv": lambda folder: _write(folder / f"{SHEET}.csv", text_table(_table()).encode("gbk")),
    "utf8-bom-csv": lambda folder: _write(folder / f"{SHEET}.csv", text_table(_table()).encode("utf-8-sig")),
    "tsv": lambda folder: _write(folder / f"{SHEET}.tsv", text_table(_table(), "\t").encode("gb18030")),
    "unicode-text": lambda folder: _write(folder / f"{SHEET}.txt", text_table(_table(), "\t").encode("utf-16")),
    "tab-text-named-xls": lambda folder: _write(folder / f"{SHEET}.xls", text_table(_table(), "\t").encode("gbk")),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _described(plan) -> list[tuple]:
    return [(r.sheet, r.row, r.status, r.values, r.changes, r.reason("en")) for r in plan.rows]


def _stored(ledger) -> list[tuple]:
    names = [f.name for f in KINDS[MEMBER].fields]
    return sorted(tuple(m[n] for n in names) for m in ledger.query(MEMBER))


# --------------------------------------------------------------------------- bad files first
def _xls_bytes(folder: Path) -> bytes:
    return write_xls(folder / "src.xls", _table()).read_bytes()


def _encrypted_xlsx(folder: Path) -> bytes:
    return (excel.OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
            + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000)


def _encrypted_ods(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                   'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                   '</manifest:file-entry></manifest:manifest>')
        z.writestr("content.xml", b"\x8a\x13encrypted bytes\x00")
    return buf.getvalue()


BAD_FILES = {
    "名单.et": (excel.WpsFile, _xls_bytes, "WPS"),
    "加密.xlsx": (excel.PasswordProtected, _encrypted_xlsx, "password protected"),
    "加密.xls": (excel.PasswordProtected, _encrypted_xlsx, "password protected"),
    "加密.ods": (excel.PasswordProtected, _encrypted_ods, "password protected"),
    "损坏.xls": (excel.DamagedWorkbook, lambda folder: _xls_bytes(folder)[:1500], "damaged"),
    "文档.xls": (excel.NotAWorkbook, lambda folder: excel.OLE_MAGIC + b"\x00" * 504
                 + "WordDocument".encode("utf-16-le") + b"\x00" * 1000, "not an Excel workbook"),
    "空.csv": (excel.EmptyFile, lambda folder: b"", "empty"),
    "只有逗号.csv": (excel.EmptyWorkbook, lambda folder: b",,,\r\n , ,\r\n\r\n", "no data"),
    "编码.csv": (excel.UnknownEncoding, lambda folder: "Name,Ort\r\nMüller €,Zoë\r\n".encode("cp1252"), "encoding"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_gets_one_clear_line_and_nothing_is_stored(county_ledger, tmp_path, name):
    error, make, words = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    seq = county_ledger.last_seq()
    with pytest.raises(error) as info:
        excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    for language in ("en", "zh_CN"):
        text = info.value.text(language)
        assert name in text and "\n" not in text, text
    assert words in info.value.text("en")
    assert info.value.text("zh_CN") != info.value.text("en")  # translated
    assert county_ledger.last_seq() == seq


def test_a_number_too_long_for_a_spreadsheet_is_refused_with_the_reason(county_ledger, tmp_path):
    rows = [[TITLE], list(HEADER), [1, "张三", "男", dt.date(1995, 3, 2), 130111199503020000, "书记", "专职", "机关干部",
                           dt.date(2020, 5, 1), None]]
    plan = excel.plan_import(county_ledger, MEMBER, write_xlsx(tmp_path / "id.xlsx", rows), TOWNSHIP)
    assert [r.status for r in plan.rows] == [ERROR]
    reason = plan.rows[0].reason("en")
    assert "手机号码" in reason and "15 digits" in reason and "130111199503020000" in reason


# --------------------------------------------------------------------------- one roster, every format
def test_the_same_roster_in_every_format_plans_and_stores_the_same(county_ledger, tmp_path):
    results = {}
    for fmt, make in FORMATS.items():
        folder = tmp_path / fmt
        folder.mkdir()
        path = make(folder)
        plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
        assert plan.summary() == EXPECTED, (fmt, [r.reason("en") for r in plan.errors])
        result = excel.apply_import(county_ledger, plan)
        assert result.added == EXPECTED[ADD]
        results[fmt] = (_described(plan), _stored(county_ledger))
        county_ledger.undo_batch(result.batch_id)  # the next format starts from the same ledger
        assert county_ledger.query(MEMBER) == []
    first = results["xlsx"]
    for fmt, got in results.items():
        assert got[0] == first[0], fmt
        assert got[1] == first[1], fmt
    zhang = next(values for _, _, _, values, _, _ in first[0] if values.get("name") == "张三")
    assert (zhang["birth_date"], zhang["phone"], zhang["employer"]) == ("1995-03-02", "13800138000",
                                                                          "南高乡人民政府, 党政办")


@pytest.mark.parametrize("fmt", ["xls", "gbk-csv"])
def test_the_command_imports_an_xls_or_a_csv_and_hands_back_the_bad_rows_as_xlsx(county_ledger, ledger_path,
                                                                                 tmp_path, capsys, fmt):
    import argparse

    from desktop.cli import excel as cli_excel
    from desktop.ledger import Ledger

    path = FORMATS[fmt](tmp_path)
    county_ledger.close()
    args = argparse.Namespace(ledger=str(ledger_path), file=str(path), kind=MEMBER, unit=TOWNSHIP, dry_run=False,
                              errors=None, scope=None, column_values=[], words=[], apply_exits=False,
                              complete_only=False)
    assert cli_excel.cmd_import_excel(args) == 0
    assert "手机号码" in capsys.readouterr().out  # the bad phone's row, listed
    errors = openpyxl.load_workbook(path.with_name(f"{SHEET}-errors.xlsx")).worksheets[0]
    assert [row[1] for row in errors.iter_rows(min_row=2, values_only=True)] == ["赵六", "孙七"]
    with Ledger.open(ledger_path) as ledger:
        assert ledger.count(MEMBER) == EXPECTED[ADD]


def test_dates_come_out_as_dates_in_the_1904_date_system(county_ledger, tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = write_xlsx(tmp_path / "mac.xlsx", _table(), epoch=CALENDAR_MAC_1904)
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.summary() == EXPECTED
    assert plan.rows[0].values["birth_date"] == "1995-03-02" and plan.rows[0].values["joined_on"] == "2020-05-01"


def test_the_xls_reader_gives_what_the_xlsx_reader_gives(tmp_path):
    xlsx = excel.read_workbook(write_xlsx(tmp_path / "a.xlsx", _table()))
    xls = excel.read_workbook(write_xls(tmp_path / "a.xls", _table()))
    ods = excel.read_workbook(write_ods(tmp_path / "a.ods", _table()))
    assert xlsx[0].rows == xls[0].rows == ods[0].rows
    assert xlsx[0].rows[2][4] == 13800138000 and type(xlsx[0].rows[2][4]) is int  # a phone keeps its digits
    assert xlsx[0].banner_rows == xls[0].banner_rows == {0}  # the merged title


def test_an_ods_committee_merged_down_its_members_rows_names_each_of_them(tmp_path):
    pytest.importorskip("odf", reason="odfpy, which writes the test's .ods files, has no wheel for the Windows run")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    def cell(text, **kw):
        c = TableCell(valuetype="string", **kw)
        c.addElement(P(text=text))
        return c

    doc = OpenDocumentSpreadsheet()
    table = Table(name="s")
    for cells in ([cell("所属组织"), cell("姓名")], [cell("南高乡团委", numberrowsspanned=2), cell("张三")],
                  [CoveredTableCell(), cell("李四")]):
        tr = TableRow()
        for c in cells:
            tr.addElement(c)
        table.addElement(tr)
    blank = TableRow(numberrowsrepeated=1000)  # an office suite's padding to the sheet's end
    blank.addElement(TableCell(numbercolumnsrepeated=5))
    table.addElement(blank)
    doc.spreadsheet.addElement(table)
    doc.save(str(tmp_path / "m.ods"))
    sheet = excel.read_workbook(tmp_path / "m.ods")[0]
    assert sheet.merged == [(1, 0, 2, 0)]
    assert sheet.rows == [["所属组织", "姓名"], ["南高乡团委", "张三"], ["南高乡团委", "李四"]]


@pytest.mark.parametrize(("text", "delimiter"), [("a,b;c\n1,2\n", ","), ("a\tb,c\n1\t2\n", "\t"),
                                                 ("a;b;c\n1;2;3\n", ";"), ("名单\n", ",")])
def test_the_delimiter_is_the_one_the_lines_use(text, delimiter):
    from desktop.excel.textfile import guess_delimiter

    assert guess_delimiter(text, "x.csv") == delimiter


def test_the_import_dialog_offers_every_spreadsheet_type(qtbot, county_ledger, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from ui.excel_dialogs import ImportDialog

    offered = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: offered.append(a[3]) or ("", ""))
    dialog = ImportDialog(county_ledger, kind=MEMBER, unit=TOWNSHIP)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    first = offered[0].split(";;")[0]
    for pattern in ("*.xlsx", "*.xlsm", "*.xls", "*.xlsb", "*.ods", "*.csv", "*.tsv", "*.et"):
        assert pattern in first.split("(")[1], pattern
