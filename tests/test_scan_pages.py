"""Beyond one roster page, on boxes made by hand (no OCR engine, no image): a table going on
over a page without its header, a meeting's sign-in sheet read as the meeting it records,
and a funding table, each through the Excel import's own planning."""

from __future__ import annotations

import pytest

from conftest import TOWNSHIP
from desktop import excel, scan
from desktop.excel import ADD
from desktop.scan.boxes import OcrBox, turn_point
from test_scan_table import DATA, HEADER, MEMBER, page

#: Sign-in sheet columns (centres) and line pitch.
SXS = [120, 260, 480, 700, 900]
STOP, SPITCH = 320, 60


def lines_at(lines: list[list[str]], xs: list[float], top: float, pitch: float, conf: float = 0.99) -> list[OcrBox]:
    """Boxes of *lines*, each cell centred on *xs*, the first line at *top*."""
    boxes = []
    for r, line in enumerate(lines):
        y = top + r * pitch
        for c, text in enumerate(line):
            if text:
                w = len(text) * (26 if not text.isascii() else 14)
                boxes.append(OcrBox.rect(xs[c] - w / 2, y - 18, xs[c] + w / 2, y + 18, text, conf))
    return boxes


def signin(people: list[tuple[str, str, str]], *, title="南高乡团委对标整改动员会签到表",
           info=("时间：2025年3月5日上午9:00", "地点：乡政府三楼会议室"), header=("序号", "姓名", "单位", "职务", "签到"),
           footer="记录人：赵六") -> list[OcrBox]:
    """A sign-in sheet's boxes: title, time and place line, header, people (name, unit,
    signature; blank signature: not signed), footer."""
    boxes = [OcrBox.rect(300, 150, 800, 190, title)]
    if info:
        boxes += [OcrBox.rect(80, 230, 420, 262, info[0]), OcrBox.rect(560, 230, 900, 262, info[1])]
    rows = [list(header)] + [[str(i + 1), name, unit, "团员", sign] for i, (name, unit, sign) in enumerate(people)]
    boxes += lines_at(rows, SXS, STOP, SPITCH)
    bottom = STOP + len(rows) * SPITCH + 30
    if footer:
        boxes.append(OcrBox.rect(80, bottom, 300, bottom + 34, footer))
    return boxes


PEOPLE = [("张三", "南高村", "张三"), ("李四", "乡政府", ""), ("王芳", "中心小学", "王芳"), ("赵强", "卫生院", "赵强")]


def test_a_page_without_a_header_goes_on_in_the_columns_of_the_page_before():
    first = scan.recover_table(page([HEADER] + DATA[:2]), MEMBER, "名册-1")
    assert first is not None
    more = [["4", "赵强", "男", "1998.01", "委员", "兼职", "企业员工", "2022.1.5", "13700137000"]]
    boxes = [OcrBox.rect(600, 100, 760, 130, "第2页")] + lines_at(DATA[2:] + more, [100, 220, 320, 450, 580, 700, 840,
                                                                                   1000, 1180], 200, 60)
    second = scan.recover_table(boxes, MEMBER, "名册-2", follow=first)
    assert second is not None and second.rows == [HEADER] + DATA[2:] + more  # the page number passed over
    assert scan.recover_table(boxes, MEMBER, "名册-2") is None  # alone: no header, no table


def test_a_sign_in_sheet_is_one_meeting_with_its_date_place_and_attendance():
    sheet = scan.recover_signin(signin(PEOPLE), "签到表")
    assert sheet is not None
    assert sheet.rows == [["类型", "会议时间", "会议名称", "参会人数", "会议地点"],
                          ["动员会", "2025年3月5日", "对标整改动员会", "3", "乡政府三楼会议室"]]
    assert sheet.low_confidence == set()


def test_without_signatures_read_the_names_are_counted_and_the_footer_is_not():
    unsigned = [(name, unit, "") for name, unit, _sign in PEOPLE]
    sheet = scan.recover_signin(signin(unsigned, header=("序号", "姓名", "单位", "职务", "本人签名")), "x")
    assert sheet is not None and sheet.rows[1][3] == "4"


@pytest.mark.parametrize("title, name", [("南高乡团委班子会签到表", "班子会"), ("共青团南高乡委员会动员会签到表", "共青团南高乡委员会动员会"),
                                         ("团委班子会签到表", "团委班子会"), ("南高村团支部主题团日签到表", "主题团日")])
def test_the_organisation_opening_the_title_is_left_out(title, name):
    sheet = scan.recover_signin(signin(PEOPLE, title=title), "x")
    assert sheet is not None and sheet.rows[1][2] == name


def test_the_date_may_be_in_the_title_and_the_kind_word_is_the_longest_known():
    sheet = scan.recover_signin(signin(PEOPLE, title="2025年4月8日第一季度团干部培训班签到册", info=None), "x")
    assert sheet is not None
    kind, held_on, title, attendance = sheet.rows[1]  # no place: the trailing blank cut
    assert (kind, held_on, title, attendance) == ("培训班", "2025年4月8日", "第一季度团干部培训班", "3")


def test_a_doubtful_name_makes_the_attendance_doubtful():
    boxes = signin(PEOPLE)
    i = next(i for i, b in enumerate(boxes) if b.text == "王芳" and b.cx > 800)
    boxes[i] = OcrBox(boxes[i].quad, "王芳", 0.5)
    sheet = scan.recover_signin(boxes, "x")
    assert sheet is not None and sheet.low_confidence == {(1, 3)}


def test_a_roster_or_a_meeting_register_is_not_a_sign_in_sheet():
    assert scan.recover_signin(page([HEADER] + DATA), "x") is None
    # 姓名 and 单位 under a title that says nothing of signing in
    assert scan.recover_signin(signin(PEOPLE, title="南高乡青年名单", header=("序号", "姓名", "单位", "职务", "电话")),
                               "x") is None
    assert scan.recover_signin([], "x") is None


def test_a_turned_sign_in_sheet_reads_the_same():
    boxes = [OcrBox(tuple(turn_point(p, 2.0, (500, 500)) for p in b.quad), b.text, b.conf) for b in signin(PEOPLE)]
    sheet = scan.recover_signin(boxes, "x")
    assert sheet is not None and sheet.rows[1][1:4] == ["2025年3月5日", "对标整改动员会", "3"]


def test_the_sign_in_sheet_is_stored_as_one_meeting(county_ledger):
    sheet = scan.recover_signin(signin(PEOPLE), "签到表")
    plan = excel.plan_import(county_ledger, "meeting", "签到表.jpg", TOWNSHIP, sheets=[sheet])
    assert [r.status for r in plan.rows] == [ADD], [r.reason() for r in plan.rows]
    excel.apply_import(county_ledger, plan)
    (meeting,) = county_ledger.query("meeting")
    assert (meeting["kind"], meeting["held_on"], meeting["attendance"]) == ("mobilisation", "2025-03-05", 3)
    assert (meeting["title"], meeting["location"]) == ("对标整改动员会", "乡政府三楼会议室")


def test_a_sign_in_sheet_naming_no_kind_of_meeting_leaves_it_to_be_given(county_ledger):
    """No kind guessed: the meeting is incomplete (待补全) until the user names it."""
    sheet = scan.recover_signin(signin(PEOPLE, title="南高乡团委青年座谈签到表"), "签到表")
    assert sheet is not None and sheet.rows[1][0] is None
    plan = excel.plan_import(county_ledger, "meeting", "签到表.jpg", TOWNSHIP, sheets=[sheet])
    assert [r.missing for r in plan.rows] == [["kind"]]
    plan = excel.plan_import(county_ledger, "meeting", "签到表.jpg", TOWNSHIP, sheets=[sheet],
                             options=excel.ImportOptions(column_values={"kind": "其他活动"}))
    assert [(r.status, r.missing) for r in plan.rows] == [(ADD, [])]
    excel.apply_import(county_ledger, plan)
    assert [m["kind"] for m in county_ledger.query("meeting")] == ["other"]


@pytest.mark.parametrize("amount", ["20,000.00", "20000"])
def test_a_printed_funding_table_imports_through_the_same_reader(county_ledger, amount):
    header = ["年度", "经费来源", "预算金额（元）", "到位金额（元）", "到位日期", "文号", "用途"]
    rows = [["2025", "地方财政", amount, amount, "2025年3月15日", "栾财〔2025〕12号", "团建活动经费"],
            ["2025", "团县委", "5000", "3000", "2025.6.1", "", "青年之家建设"]]
    boxes = lines_at([header] + rows, [90, 230, 400, 580, 760, 960, 1160], 300, 60)
    sheet = scan.recover_table(boxes, "funding_entry", "经费")
    assert sheet is not None and sheet.rows[1:] == [[c or None for c in r] for r in rows]
    plan = excel.plan_import(county_ledger, "funding_entry", "经费.jpg", TOWNSHIP, sheets=[sheet])
    assert [r.status for r in plan.rows] == [ADD, ADD], [r.reason() for r in plan.rows]
    excel.apply_import(county_ledger, plan)
    stored = {f["purpose"]: f for f in county_ledger.query("funding_entry")}
    assert stored["团建活动经费"]["source"] == "local_budget" and stored["青年之家建设"]["source"] == "league_support"
    assert stored["团建活动经费"]["received_on"] == "2025-03-15" and stored["团建活动经费"]["year"] == 2025
