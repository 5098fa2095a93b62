"""Reading files for import (desktop.excel): the reader seam (any reader's sheets plan as
the workbook's do), what each kind of bad file is told, cells in every form offices type,
header spellings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import TOWNSHIP
from desktop import excel
from desktop.excel import ADD, ERROR
from desktop.records import KINDS
from desktop.records.validation import Invalid
from test_excel import HEADER_1, MEMBER, ROWS_1, ROWS_2, roster, write_book, xtext

# --------------------------------------------------------------------------- the reader seam
def _roster_sheets() -> list[excel.Sheet]:
    """The sheets of ``roster()`` as another reader would hand them over: rows as typed,
    ragged, merged ranges with their value in the first cell only."""
    width = len(HEADER_1)
    rows_1 = [["南高乡团委委员名册"],
              ["填报单位：南高乡团委（盖章）", None, None, None, None, None, None, None, None, "填报时间：2025年3月"],
              list(HEADER_1)] + [list(r) for r in ROWS_1]
    return [excel.Sheet("委员名单", rows_1, merged=[(0, 0, 0, width - 1)]),
            excel.Sheet("第二批", [list(r) for r in ROWS_2], merged=[(0, 0, 1, 0), (0, 1, 0, 3), (0, 4, 0, 7)])]


def _described(plan) -> list[tuple]:
    return [(r.sheet, r.row, r.status, r.values, r.changes, r.reason("en")) for r in plan.rows]


def test_a_plan_from_an_in_memory_reader_is_the_plan_from_the_workbook(county_ledger, tmp_path):
    path = roster(tmp_path / "r.xlsx")
    from_file = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    from_memory = excel.plan_import(county_ledger, MEMBER, path.with_suffix(".photo"), TOWNSHIP,
                                    sheets=_roster_sheets())
    assert from_memory.summary() == from_file.summary() == {ADD: 6, "update": 0, "duplicate": 0, ERROR: 5}
    assert [(s.name, s.header) for s in from_memory.sheets] == [(s.name, s.header) for s in from_file.sheets]
    assert _described(from_memory) == _described(from_file)
    assert excel.apply_import(county_ledger, from_memory).added == 6


def test_the_workbook_reader_gives_what_an_in_memory_sheet_holds(tmp_path):
    read = excel.read_workbook(roster(tmp_path / "r.xlsx"))
    for ours, theirs in zip(_roster_sheets(), read):
        assert ours.name == theirs.name and ours.banner_rows == theirs.banner_rows
        # as the spreadsheet shows them (a reader may give 13800138000 or 13800138000.0, a date or a midnight)
        assert [[excel.cell_text(v) for v in r if v is not None] for r in ours.rows if any(v is not None for v in r)] \
            == [[excel.cell_text(v) for v in r if v is not None] for r in theirs.rows if any(v is not None for v in r)]


def test_a_sheet_spreads_its_merged_ranges_and_finds_its_banner_rows():
    sheet = excel.Sheet("s", [["名册"], ["南高乡团委", "甲"], [None, "乙", "女"], ["注：按身份证填写"]],
                        merged=[(0, 0, 0, 2), (1, 0, 2, 0), (3, 0, 3, 1)])
    assert sheet.rows == [["名册"] * 3, ["南高乡团委", "甲"], ["南高乡团委", "乙", "女"], ["注：按身份证填写"] * 2]
    assert sheet.banner_rows == {0, 3}  # the committee merged down two rows is data, not a banner
    assert excel.Sheet("plain", [["a", "b"]]).banner_rows == set()


def test_a_readers_hints_are_heeded(county_ledger, tmp_path):
    header = ["姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间"]
    rows = [header,
            ["示例", "男", "1990-01-01", "委员", "兼职", "其他", "2020-01-01"],  # an example row
            ["张三", "男", 1995.1, "书记", "专职", "机关干部", "2020-05-01"],  # 1995.10 as typed
            ["李四", "女", "#N/A", "委员", "兼职", "其他", "2020-05-01"]]  # a broken formula
    sheets = [excel.Sheet("hidden", [list(header), ["王五", "男", "1990-01-01", "委员", "兼职", "其他", "2020-01-01"]],
                          hidden=True),
              excel.Sheet("s", rows, example_rows={1}, formats={(2, 2): "0.00"}, errors={(3, 2)})]
    plan = excel.plan_import(county_ledger, MEMBER, tmp_path / "any.name", TOWNSHIP, sheets=sheets)
    assert [s.name for s in plan.sheets] == ["s"]
    assert [(r.row, r.status) for r in plan.rows] == [(3, ADD), (4, ERROR)]
    assert plan.rows[0].values["birth_date"] == "1995-10"  # 1995.10 under "0.00": October, kept as a month
    assert plan.rows[1].reason() == "出生年月：" + xtext(excel.MSG_EXCEL_ERROR, value="#N/A")


def _read_csv(path: Path) -> list[excel.Sheet]:
    """A reader of a few lines: what a CSV reader would give the import."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = [[cell.strip() or None for cell in line] for line in csv.reader(fh)]
    return [excel.Sheet(path.stem, rows)]


def test_another_reader_plugs_in_without_touching_the_import(county_ledger, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("姓名,性别,出生年月,职务,专兼职,来源,任职时间\n"
                    "张三,男,1995.3,书记,专职,机关干部,2020-05-01\n"
                    ",,,,,,\n"
                    "李四,女,19960401,委员,兼,其他,2021年3月\n", encoding="utf-8")
    own = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)  # the program's own text reader
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP, sheets=_read_csv(path))
    assert _described(own) == _described(plan)
    assert [(r.row, r.status) for r in plan.rows] == [(2, ADD), (4, ADD)]
    assert [(r.values["birth_date"], r.values["employment"]) for r in plan.rows] == \
        [("1995-03", "full_time"), ("1996-04-01", "part_time")]  # 出生年月 "1995.3": a month
    assert excel.apply_import(county_ledger, plan).added == 2


# --------------------------------------------------------------------------- values
@pytest.mark.parametrize(("raw", "expected"), [
    (dt.datetime(1995, 3, 2), "1995-03-02"), (dt.date(1995, 3, 2), "1995-03-02"),
    ("1995.3", "1995-03-01"), ("1995.03", "1995-03-01"), ("1995年3月", "1995-03-01"), ("1995年03月", "1995-03-01"),
    ("1995-03-02", "1995-03-02"), ("19950302", "1995-03-02"), ("1995/3/2", "1995-03-02"), ("1995.3.2", "1995-03-02"),
    ("1995年3月2日", "1995-03-02"), ("1995-3", "1995-03-01"), ("199503", "1995-03-01"), ("１９９５．３", "1995-03-01"),
    (" 1995-03-02 ", "1995-03-02"), ("1995-03-02 00:00:00", "1995-03-02"), (19950302, "1995-03-02"),
    (1995.3, "1995-03-01"), (1995.12, "1995-12-01"), (34760, "1995-03-02"), (34760.0, "1995-03-02"),
])
def test_dates_in_every_form(raw, expected):
    assert excel.excel_date(raw) == expected


def test_a_month_typed_as_a_number_keeps_the_decimals_the_cell_shows():
    assert excel.excel_date(1995.1, "0.00") == "1995-10-01"  # typed 1995.10
    assert excel.excel_date(1995.1) == "1995-01-01"


@pytest.mark.parametrize("raw", ["1995-13-01", "1995年", "abc", "95.3", "1995-02-30", True])
def test_what_is_not_a_date(raw):
    with pytest.raises(Invalid):
        excel.excel_date(raw)


@pytest.mark.parametrize(("raw", "expected"), [
    (13800138000.0, "13800138000"), (13800138000, "13800138000"), ("１３８００１３８０００", "13800138000"),
    ("138 0013 8000", "13800138000"), ("138-0013-8000", "13800138000"), ("0311-8888888", "0311-8888888"),
])
def test_phones(raw, expected):
    assert excel.excel_phone(raw) == expected


@pytest.mark.parametrize(("raw", "fen"), [
    (20000, 2000000), (20000.0, 2000000), (1234.5, 123450), (0.1 + 0.2, 30), ("20,000.50", 2000050),
    ("2万", 2000000), ("2万元", 2000000), ("１２３４．５０元", 123450), ("¥300", 30000),
])
def test_amounts(raw, fen):
    from desktop.records.validation import parse_yuan

    assert parse_yuan(excel.excel_amount(raw)) == fen


@pytest.mark.parametrize(("enum", "text", "key"), [
    ("gender", "男", "male"), ("gender", "女性", "female"), ("gender", "F", "female"), ("gender", "male", "male"),
    ("ethnicity", "汉", "han"), ("ethnicity", "蒙古族", "mongol"), ("education", "本科", "bachelor"),
    ("political_status", "团员", "league_member"), ("employment", "兼", "part_time"), ("post", "团委书记", "secretary"),
    ("member_source", "Government staff", "civil_servant"), ("member_source", "village_official", "village_official"),
])
def test_enumeration_values_by_label_key_or_variant(enum, text, key):
    from desktop.records import Field, T

    assert excel.excel_enum(Field("x", T.ENUM, "x", enum=enum), text) == key


def test_funding_amounts_as_numbers_and_text(county_ledger, tmp_path):
    path = write_book(tmp_path / "f.xlsx", [("经费", [["年度", "预算金额（元）", "到位金额", "经费来源", "到位日期"],
                                                     [2024, 20000, "2万元", "地方财政", "2024年3月"],
                                                     ["2025年", None, 5000.5, "上级团组织", dt.datetime(2025, 1, 2)],
                                                     [2025, None, "五千", "社会资金", None]], [])])
    plan = excel.plan_import(county_ledger, "funding_entry", path, TOWNSHIP)
    assert [r.status for r in plan.rows] == [ADD, ADD, ERROR]
    assert "五千" in plan.rows[2].reason() and "到位金额" in plan.rows[2].reason()
    excel.apply_import(county_ledger, plan)
    entries = county_ledger.query("funding_entry", order_by="year")
    assert [(e["year"], e["budgeted"], e["received"], e["received_on"]) for e in entries] == [
        (2024, 2000000, 2000000, "2024-03-01"), (2025, None, 500050, "2025-01-02")]


def test_header_synonyms_never_name_two_fields_of_a_kind():
    for kind in excel.IMPORT_KINDS:
        own: dict[str, str] = {}
        for name, spellings in excel.header_synonyms(kind).items():
            assert name in KINDS[kind].field_map, (kind, name)
            for s in spellings:
                key = excel.norm_header(s)
                assert own.setdefault(key, name) == name, (kind, s, own[key], name)
        for f in KINDS[kind].fields:  # each field's own labels find it
            for label in (f.label.text("zh_CN"), f.label.text("en"), f.name):
                assert excel.header_field(kind, label) == f.name, (kind, label)


def test_english_headers_and_keys_in_any_order(county_ledger, tmp_path):
    path = write_book(tmp_path / "en.xlsx", [("s", [["Joined on", "post", "Source category", "Name", "Gender",
                                                     "employment"],
                                                    ["2022-01-01", "Member", "Other", "Wang", "Female", "Part-time"]], [])])
    plan = excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert plan.summary()[ADD] == 1, plan.rows[0].reason()


# --------------------------------------------------------------------------- bad files
def _xls_bytes() -> bytes:
    return excel.OLE_MAGIC + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 1000


def _encrypted_bytes() -> bytes:
    return (excel.OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
            + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000)


def _damaged(tmp_path: Path) -> bytes:
    good = roster(tmp_path / "good.xlsx").read_bytes()
    return good[: len(good) // 2]


def _empty_workbook(tmp_path: Path) -> bytes:
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    return (tmp_path / "empty.xlsx").read_bytes()


def _no_header(tmp_path: Path) -> bytes:
    return write_book(tmp_path / "nh.xlsx", [("s", [["hello", "world"], [1, 2], ["会议纪要", None]], [])]).read_bytes()


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


BAD_FILES = {
    "old.xls": (excel.DamagedWorkbook, _xls_bytes, "damaged"),
    "roster.et": (excel.WpsFile, _xls_bytes, "WPS"),
    "protected.xlsx": (excel.PasswordProtected, _encrypted_bytes, "password protected"),
    "roster.csv": (excel.UnknownEncoding, lambda: "Name,Ort\nMüller €,Zoë\n".encode("cp1252"), "encoding"),
    "roster-utf8.xlsx": (excel.MissingColumns, lambda: "\ufeff性别,职务\n男,委员\n".encode("utf-8"), "no column"),
    "web.xls": (excel.WebPageFile, lambda: "<html><table><tr><td>姓名</td></tr></table></html>".encode(), "web page"),
    "random.xlsx": (excel.NotAWorkbook, lambda: random.Random(7).randbytes(4096), "not an Excel workbook"),
    "report.xlsx": (excel.NotAWorkbook, _docx, "not an Excel workbook"),
    "damaged.xlsx": (excel.DamagedWorkbook, _damaged, "damaged"),
    "zero.xlsx": (excel.EmptyFile, lambda: b"", "empty"),
    "blank.xlsx": (excel.EmptyWorkbook, _empty_workbook, "no data"),
    "notes.xlsx": (excel.NoHeader, _no_header, "header row"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_gives_its_clear_message_and_changes_nothing(county_ledger, tmp_path, name):
    error, make, words = BAD_FILES[name]
    maker_args = (tmp_path,) if make in (_damaged, _empty_workbook, _no_header) else ()
    path = tmp_path / name
    path.write_bytes(make(*maker_args))
    seq = county_ledger.last_seq()
    with pytest.raises(error) as info:
        excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    english = info.value.text("en")
    assert name in english and words in english, english
    assert str(info.value) == info.value.text()  # shown in the user's language
    assert county_ledger.last_seq() == seq


def test_a_missing_file_and_missing_columns(county_ledger, tmp_path):
    with pytest.raises(excel.FileMissing):
        excel.plan_import(county_ledger, MEMBER, tmp_path / "nowhere.xlsx", TOWNSHIP)
    path = write_book(tmp_path / "short.xlsx", [("名单", [["姓名", "性别"], ["张三", "男"]], [])])
    # refused only when the rows may not be imported as incomplete
    with pytest.raises(excel.MissingColumns) as info:
        excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP, options=excel.ImportOptions(incomplete=False))
    text = info.value.text()
    for label in ("职务", "任职方式", "委员来源", "任职日期"):
        assert label in text
    assert "名单" in text
    # a column naming the record is never optional
    path = write_book(tmp_path / "nameless.xlsx", [("名单", [["性别", "职务"], ["男", "委员"]], [])])
    with pytest.raises(excel.MissingColumns) as info:
        excel.plan_import(county_ledger, MEMBER, path, TOWNSHIP)
    assert "姓名" in info.value.text()


def test_attachments_are_not_imported(county_ledger, tmp_path):
    with pytest.raises(excel.NotImportable):
        excel.plan_import(county_ledger, "attachment", roster(tmp_path / "r.xlsx"))
