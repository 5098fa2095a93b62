"""The PDF's layout decisions: column headings that shrink, then wrap without splitting a
word; no heading alone at the foot of a page; the signature block at the end."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument

from desktop.reporting.layout import Column, Table
from desktop.reporting.report import monthly_report
from ui import report_pdf as R

pytestmark = pytest.mark.gui

SOURCES = ("乡镇", "现有团委委员", "新增团委委员", "退出团委委员", "机关干部", "大学生村官", "学校负责人",
           "农村致富带头人", "乡村好青年", "企业员工", "涉农金融机构人员", "其他")


def members_table(columns=SOURCES) -> Table:
    rows = tuple((f"第{n}镇",) + tuple(n * 3 + i for i in range(len(columns) - 1)) for n in range(7))
    return Table("members", "各单位团委委员", (Column(columns[0], "text"),) + tuple(Column(c) for c in columns[1:]),
                 rows)


def test_a_chinese_heading_wraps_between_words():
    assert R.split_header("大学生村官", 2, len) == ["大学生", "村官"]
    assert R.split_header("学校负责人", 2, len) == ["学校", "负责人"]
    assert R.split_header("涉农金融机构人员", 2, len) == ["涉农金融", "机构人员"]
    assert 4 not in R.break_points("大学生村官") and 3 in R.break_points("大学生村官")
    assert R.break_points("落实2万元工作经费") and 3 not in R.break_points("落实20000元")


def test_headings_shrink_before_they_wrap(qapp):
    few = R.header_layout(members_table(SOURCES[:5]), 680)
    assert few.point_size == R.HEADER_PT and all(len(lines) == 1 for lines in few.lines)
    many = R.header_layout(members_table(), 520)
    assert many.point_size == R.HEADER_FLOOR_PT  # shrunk to the floor first
    assert any(len(lines) > 1 for lines in many.lines)  # then wrapped
    for title, lines in zip(SOURCES, many.lines):
        assert "".join(lines) == title
        for word in ("大学生", "村官", "负责人", "带头人", "好青年", "团委", "委员", "金融", "机构", "人员"):
            if word in title:
                assert any(word in line for line in lines), (word, lines)  # never split
    assert ["大学生村", "官"] not in many.lines


def test_no_heading_is_left_alone_at_the_foot_of_a_page(qapp):
    def document(fill: int, keep: bool) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(R.report_font(9))
        doc.setPageSize(QSizeF(400, 300))
        filler = "".join(f"<p>第{i}行</p>" for i in range(fill))
        doc.setHtml(filler + "<h3>各单位团组织</h3><table border='1'><tr><td>栾城镇</td><td>18</td></tr>"
                    "<tr><td>冶河镇</td><td>22</td></tr></table>")
        if keep:
            R.keep_headings_with_next(doc)
        return doc

    orphaned = [n for n in range(1, 30) if any(page != follows for _h, page, follows in
                                               R.heading_pages(document(n, keep=False)))]
    assert orphaned, "no filler length puts the heading at the foot of a page"
    for n in orphaned:
        (_h, alone, _follows), = R.heading_pages(document(n, keep=False))
        (_h, page, follows), = R.heading_pages(document(n, keep=True))
        assert page == follows == alone + 1, n  # moved to the next page, with its table


@pytest.fixture
def report(county_ledger, township_org):
    county_ledger.committee_members.create(org_id=township_org, name="赵丽", gender="female", post="secretary",
                                           employment="full_time", source="village_official",
                                           joined_on="2024-01-01", phone="13800000001")
    return monthly_report(county_ledger, "130111", "2026-11", parallel=False)


def test_the_report_keeps_its_headings_and_ends_with_the_signature_block(qapp, report, tmp_path):
    doc = R.report_document(report, 680, 950)
    assert all(page == follows for _h, page, follows in R.heading_pages(doc))
    text = doc.toPlainText()
    for label in ("填报人", "审核人", "联系电话", "日期", "盖章处"):
        assert label in text[-200:], label
    assert "<img" in doc.toHtml()  # the county's townships side by side: charts
    target = R.write_report_pdf(report, tmp_path / "月报.pdf")
    assert target.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "填报人" in out and "盖章处" in out


def test_a_pdf_cut_short_by_a_full_disk_is_refused_and_never_left_behind(qapp, report, tmp_path):
    """Qt's PDF writer does not report a full disk; the PDF is checked for its end before it
    takes its name, on a real small file system filled up."""
    from desktop.errors import FileDiskFull
    from test_disk_faults import _fill, _mount

    small = tmp_path / "small"
    _mount(small, "2m")
    try:
        _fill(small, leave=8 * 1024)
        with pytest.raises(FileDiskFull) as caught:
            R.write_report_pdf(report, small / "月报.pdf")
        assert "月报.pdf" in str(caught.value) and "磁盘已满" in str(caught.value)
        assert sorted(p.name for p in small.iterdir()) == ["filler"]  # neither the PDF nor its part
        (small / "filler").unlink()
        assert R.write_report_pdf(report, small / "月报.pdf").stat().st_size > 10_000  # room again: written
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True, timeout=30)


def test_a_pdf_without_its_end_is_not_put_down_to_the_disk_when_there_is_room(tmp_path):
    cut = tmp_path / "cut.pdf.part"
    cut.write_bytes(b"%PDF-1.4\n1 0 obj\n")
    with pytest.raises(OSError) as caught:
        R._check_complete(cut)
    assert caught.value.errno != 28  # not ENOSPC: the disk has room
    cut.write_bytes(b"%PDF-1.4\n...\nstartxref\n123\n%%EOF\n")
    R._check_complete(cut)
