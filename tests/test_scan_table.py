"""Table recovery from OCR boxes (desktop.scan), on boxes made by hand: no OCR engine, no
image.  Also the scan sheet through the Excel import's own planning and the command line
without the optional component."""

from __future__ import annotations

import argparse

import pytest

from conftest import TOWNSHIP
from desktop import excel, scan
from desktop.cli import scan as cli_scan
from desktop.excel import ADD, ERROR
from desktop.scan.boxes import OcrBox, page_angle, turn_point, turned

MEMBER = "committee_member"
HEADER = ["序号", "姓名", "性别", "出生年月", "职务", "专兼职", "来源", "任职时间", "联系电话"]
DATA = [
    ["1", "张三", "男", "1995年3月", "书记", "专职", "机关干部", "2020.05.01", "13800138000"],
    ["2", "李四", "女", "1996.04", "副书记", "兼职", "大学生村官", "2021/3/2", "13900139000"],
    ["3", "王芳", "女", "1997-05-06", "委员", "兼职", "乡村好青年", "2021年3月2日", "13900139001"],
]
#: Column centres on the page (pixels) and the line pitch.
XS = [100, 220, 320, 450, 580, 700, 840, 1000, 1180]
TOP, PITCH, CHAR = 300, 60, 26


def page(lines: list[list[str]], *, angle: float = 0.0, conf: dict | None = None,
         split: dict | None = None) -> list[OcrBox]:
    """Boxes of a printed table: a title, an office line, the lines given (header first)
    with their cells centred on XS, a footer; turned by *angle* degrees about (700, 500).
    *conf* gives some cells' confidence, *split* cuts a cell into two boxes at a position."""
    conf, split = conf or {}, split or {}
    boxes = [OcrBox.rect(500, 150, 900, 190, "南高乡团委委员名册"), OcrBox.rect(60, 220, 400, 250, "填报单位：南高乡团委（盖章）")]
    for r, line in enumerate(lines):
        y = TOP + r * PITCH
        for c, text in enumerate(line):
            if not text:
                continue
            w = len(text) * (CHAR if not text.isascii() else CHAR * 0.55)
            x0 = XS[c] - w / 2
            cut = split.get((r, c))
            parts = [text[:cut], text[cut:]] if cut else [text]
            for part in parts:
                pw = w * len(part) / len(text)
                boxes.append(OcrBox.rect(x0, y - 18, x0 + pw, y + 18, part, conf.get((r, c), 0.99)))
                x0 += pw + 4
    bottom = TOP + len(lines) * PITCH + 40
    boxes.append(OcrBox.rect(60, bottom, 700, bottom + 36, "填表人：赵六    审核人：钱七    填表日期：2025年3月1日"))
    boxes.append(OcrBox.rect(60, bottom + 60, 300, bottom + 96, "第1页"))  # never reached: below the footer
    if angle:
        boxes = [OcrBox(tuple(turn_point(p, angle, (700, 500)) for p in b.quad), b.text, b.conf) for b in boxes]
    return boxes


def table(boxes: list[OcrBox]) -> scan.ScanSheet:
    sheet = scan.recover_table(boxes, MEMBER, "名册")
    assert sheet is not None
    return sheet


def test_a_level_page_gives_the_header_and_rows_without_title_or_footer():
    sheet = table(page([HEADER] + DATA))
    assert sheet.rows == [HEADER] + DATA
    assert sheet.low_confidence == set()
    assert set(sheet.row_boxes) == {0, 1, 2, 3}
    left, top, right, bottom = sheet.cell_boxes[(1, 1)]
    assert left < XS[1] < right and top < TOP + PITCH < bottom


@pytest.mark.parametrize("angle", [-5.0, -2.5, 3.0, 5.0])
def test_a_turned_page_is_measured_and_levelled(angle):
    boxes = page([HEADER] + DATA, angle=angle)
    measured = page_angle(boxes)
    assert measured == pytest.approx(angle, abs=0.05)
    assert table(turned(boxes, measured, (700, 500))).rows == [HEADER] + DATA


@pytest.mark.parametrize("residual", [-3.0, 3.0])
def test_rows_group_right_with_a_few_degrees_of_turn_left(residual):
    """Rows are grouped parallel to the header line, so a page levelled badly still reads."""
    assert table(page([HEADER] + DATA, angle=residual)).rows == [HEADER] + DATA


def test_boxes_in_one_cell_are_joined_and_the_cell_keeps_the_lowest_confidence():
    sheet = table(page([HEADER] + DATA, split={(1, 8): 7, (2, 6): 2}, conf={(1, 8): 0.8, (2, 4): 0.5}))
    assert sheet.rows[1][8] == "13800138000"
    assert sheet.rows[2][6] == "大学生村官"
    assert sheet.confidence[(1, 8)] == pytest.approx(0.8)
    assert sheet.low_confidence == {(1, 8), (2, 4)}


def test_a_misread_header_word_stands_for_the_spelling_it_is_closest_to():
    header = list(HEADER)
    header[3] = "出生年丹"
    sheet = table(page([header] + DATA))
    assert sheet.rows[0][3] == "出生年月"
    assert scan.known_header(MEMBER, "性别") == "性别"
    assert scan.known_header(MEMBER, "张三") is None
    assert scan.known_header(MEMBER, "机关干部") is None


def test_blank_cells_stay_blank_and_a_page_without_a_header_gives_nothing():
    rows = [list(r) for r in DATA]
    rows[1][8] = ""
    rows[2][3] = ""
    sheet = table(page([HEADER] + rows))
    assert sheet.rows[2] == rows[1][:8]
    assert sheet.rows[3][3] is None
    assert scan.recover_table(page(DATA), MEMBER, "x") is None
    assert scan.recover_table([], MEMBER, "x") is None


@pytest.mark.parametrize("text, footer", [("填表人：张三", True), ("单位（盖章）：南高乡团委", True), ("审核人: 李四", True),
                                          ("学校负责人", False), ("农村致富带头人", False), ("张三", False),
                                          ("注：出生年月填到月", True), ("备注:", True), ("注册会计师", False)])
def test_footer_lines(text, footer):
    assert scan.table.is_footer(text) is footer


def test_the_scan_sheet_goes_through_the_excel_import_unchanged(county_ledger):
    rows = [list(r) for r in DATA]
    rows[2][2] = "X"  # a misread gender: validation catches it
    sheet = table(page([HEADER] + rows))
    plan = excel.plan_import(county_ledger, MEMBER, "名册.jpg", TOWNSHIP, sheets=[sheet])
    assert [r.status for r in plan.rows] == [ADD, ADD, ERROR]
    assert plan.rows[2].row == 4 and plan.rows[2].problems[0].column == "性别"
    assert plan.ignored_columns == ["序号"]
    result = excel.apply_import(county_ledger, plan)
    assert (result.added, result.errors) == (2, 1)
    stored = {m["name"]: m for m in county_ledger.query(MEMBER)}
    assert stored["张三"]["birth_date"] == "1995-03" and stored["张三"]["joined_on"] == "2020-05-01"
    assert stored["李四"]["phone"] == "13900139000" and stored["李四"]["post"] == "deputy_secretary"
    assert stored["李四"]["source"] == "village_official"
    county_ledger.undo_batch(result.batch_id)
    assert county_ledger.count(MEMBER) == 0


def test_without_the_scan_component_the_command_says_so_in_one_line(monkeypatch, ledger_path, county_ledger,
                                                                      tmp_path, capsys):
    from desktop.cli.common import run_command

    county_ledger.close()
    monkeypatch.setattr(scan.reader, "available", lambda: False)
    photo = tmp_path / "名册.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    args = argparse.Namespace(ledger=str(ledger_path), file=str(photo), kind=MEMBER, unit=TOWNSHIP, dry_run=True,
                              errors=None, column_values=[], words=[], apply_exits=False, complete_only=False)
    with pytest.raises(SystemExit):
        run_command(cli_scan.cmd_import_scan, args)
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and excel.ExcelError.__name__ not in err
    assert scan.ScanNotInstalled().text() in err


def test_two_header_words_or_two_cells_read_as_one_box_are_cut_apart():
    boxes = page([HEADER] + DATA)
    y_head, y_row = TOP - 18, TOP + PITCH - 18

    def merged(y, left, right, text):
        a, b = (next(x for x in boxes if abs(x.y0 - y) < 1 and x.text == t) for t in (left, right))
        boxes.remove(a)
        boxes.remove(b)
        boxes.append(OcrBox.rect(a.x0, a.y0, b.x1, a.y1, text))

    merged(y_head, "姓名", "性别", "姓名性别")
    merged(y_row, "男", "1995年3月", "男 1995年3月")
    sheet = table(boxes)
    assert sheet.rows == [HEADER] + DATA


def test_read_scan_levels_the_page_and_reads_it_once_for_every_kind(monkeypatch, tmp_path):
    cv2 = pytest.importorskip("cv2", reason="the optional scan component (opencv) is not installed")
    import numpy as np

    calls = []

    def fake_engine(image):
        calls.append(image.shape)
        found = page([HEADER] + DATA, angle=3.0)
        return [[list(b.quad), b.text, b.conf] for b in found], [0.0, 0.0, 0.0]

    monkeypatch.setattr(scan.reader, "engine", lambda: fake_engine)
    monkeypatch.setattr(scan.reader, "_last", None)
    photo = tmp_path / "名册.png"
    photo.write_bytes(cv2.imencode(".png", np.full((1000, 1400, 3), 255, np.uint8))[1].tobytes())
    sheet = scan.read_scan(photo, MEMBER)[0]
    assert sheet.rows == [HEADER] + DATA and sheet.angle == pytest.approx(3.0, abs=0.05)
    image = cv2.imdecode(np.frombuffer(sheet.image, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape[1] > 1400 and image.shape[0] > 1000  # the levelled page keeps its corners
    with pytest.raises(scan.NoTableFound):  # another kind: the same reading, no table of that kind
        scan.read_scan(photo, "organisation")
    assert scan.read_scan(photo, MEMBER, keep_image=False)[0].rows == sheet.rows
    assert len(calls) == 1
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"not an image")
    with pytest.raises(scan.NotAnImage):
        scan.read_scan(bad, MEMBER)


def test_a_paper_meeting_register_imports_like_a_roster(county_ledger):
    from desktop.records import KINDS

    k = KINDS["meeting"]
    header = [k.field(f).label.text("zh_CN") for f in ("kind", "held_on", "title", "attendance", "location")]
    rows = [["动员会", "2025年3月5日", "对标整改动员会", "23", "乡政府三楼会议室"],
            ["培训", "2025.4.8", "团干部培训", "15", "南高村"]]
    sheet = scan.recover_table(page([header] + rows), "meeting", "会议记录")
    assert sheet is not None and sheet.rows == [header] + rows
    plan = excel.plan_import(county_ledger, "meeting", "会议记录.jpg", TOWNSHIP, sheets=[sheet])
    assert [r.status for r in plan.rows] == [ADD, ADD], [r.reason() for r in plan.rows]
    excel.apply_import(county_ledger, plan)
    stored = {m["title"]: m for m in county_ledger.query("meeting")}
    assert stored["对标整改动员会"]["held_on"] == "2025-03-05" and stored["团干部培训"]["attendance"] == 15


def test_import_scan_is_a_command_beside_import_excel():
    from desktop.cli.commands import COMMANDS, build_parser

    args = build_parser().parse_args(["import-scan", "名册.jpg", "--kind", MEMBER, "--unit", TOWNSHIP, "--dry-run"])
    assert args.dry_run and args.unit == TOWNSHIP and COMMANDS[args.command] is cli_scan.cmd_import_scan
    # the answers a paper roster needs as much as a spreadsheet does
    args = build_parser().parse_args(["import-scan", "名册.jpg", "--kind", MEMBER, "--set", "任职方式=兼职",
                                      "--map", "村干部=其他", "--complete-only"])
    assert (args.column_values, args.words, args.complete_only) == (["任职方式=兼职"], ["村干部=其他"], True)


def test_the_command_lists_the_doubtful_cells_by_row_and_column(capsys):
    cli_scan.print_doubtful([table(page([HEADER] + DATA, conf={(2, 4): 0.5}))])
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "1" in out[0]
    assert "3" in out[1] and "职务" in out[1] and "副书记" in out[1]
    cli_scan.print_doubtful([table(page([HEADER] + DATA))])
    assert capsys.readouterr().out == ""
