"""The monthly report as a printable PDF (A4): the tables of :func:`desktop.reporting.report.sections`
laid out by a ``QTextDocument`` (HTML tables whose header rows repeat on every page), a bar
chart per unit beside each per-unit table drawn with ``QPainter`` into an image, the report's
title above every page after the first and "第 N 页 / 共 M 页" below every page, and a
signature block (填报人, 审核人, 联系电话, 日期, 盖章处) at the end.

Layout decisions the HTML engine would get wrong are made here: a table's column headings
shrink (down to a floor) until the table fits the page, then the widest wrap onto more lines
at a point that splits no word (Chinese has no spaces, so the words of the report's headings
are listed: 大学生村官 wraps as 大学生/村官, never 大学生村/官); and no heading stays alone
at the foot of a page (it moves to the next page with what it heads).

Fonts: the application's font family when it has Chinese glyphs, else the first installed of
the usual Chinese families (Microsoft YaHei on Windows, WenQuanYi Micro Hei on Linux …).
Painting uses fonts, so it runs on the GUI thread (a QGuiApplication must exist); the report
itself is computed beforehand, in a worker.
"""

from __future__ import annotations

import errno
import html
import math
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QFontDatabase, QFontMetricsF,
                           QGuiApplication, QImage, QPageLayout, QPageSize, QPaintDevice, QPainter, QPen,
                           QTextCursor, QTextDocument, QTextFormat)
from PySide6.QtPrintSupport import QPrinter

from desktop.fsio import atomic_path
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.reporting.cards import worth_a_chart
from desktop.reporting.chart_axis import value_axis
from desktop.reporting.report import CTX, MSG_CANNOT_WRITE, MSG_MORE_ROWS, MSG_PAGE, MonthlyReport, Table, format_cell, sections

#: Chinese font families, most wanted first, for when the application font has no Chinese.
CJK_FAMILIES = ("Microsoft YaHei", "微软雅黑", "SimHei", "SimSun", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Heiti SC")
#: Longer tables are cut in the PDF (the Excel form has every row).
PDF_MAX_ROWS = 300
#: Free space below which a PDF cut short is put down to a full disk.
PDF_ROOM = 1 << 20
#: Layout resolution: CSS pixels are 1/96 inch, as on screen; text and lines stay vectors and
#: the chart images keep their own (higher) resolution.
DPI = 96
BAR_COLOURS = (QColor("#c62828"), QColor("#5c6bc0"), QColor("#2e7d32"), QColor("#f9a825"))
GRID, AXIS, TEXT, MUTED = QColor("#e0e0e0"), QColor("#9e9e9e"), QColor("#212121"), QColor("#616161")
CHART_WIDTH = 1600  # pixels of a chart image
#: Column headings: their size, and the smallest they shrink to before they wrap.
HEADER_PT, HEADER_FLOOR_PT, HEADER_STEP_PT = 8.5, 7.0, 0.5
#: Body cells' size, and a cell's padding and borders (CSS pixels), as in :data:`_CSS`.
CELL_PT, CELL_PAD = 8.5, 14.0
#: Words of the report's headings a line break must not split, longest first where one
#: contains another.  Breaks fall between them, or between any other characters.
WORDS = ("大学生", "村官", "负责人", "带头人", "好青年", "致富", "金融", "机构", "人员", "员工", "企业", "团委", "委员",
         "团工委", "团组织", "直属", "农村", "乡村", "合作组织", "涉农", "学校", "机关", "干部", "乡镇", "单位",
         "召开", "动员会", "总结述评会", "述评", "工作经费", "经费", "落实", "整改", "任务", "验收", "完成",
         "团青", "微信群", "联系", "青年", "团员", "新增", "退出", "现有", "撤销", "整顿", "占比", "上月", "增减",
         "来源", "类别", "层级", "统计", "依据", "指标", "数据", "上报", "台账", "差异", "更新", "按时")
#: The signature block at the end of the report.
SIGNATURE = (
    (QT_TRANSLATE_NOOP("report", "Prepared by"), QT_TRANSLATE_NOOP("report", "Reviewed by")),
    (QT_TRANSLATE_NOOP("report", "Telephone"), QT_TRANSLATE_NOOP("report", "Date")),
)
MSG_SEAL = QT_TRANSLATE_NOOP("report", "Seal")


_app = None


def ensure_application():
    """The running QApplication, or a new one (the command line paints PDFs without a window)."""
    global _app
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = _app = QApplication(["township-ledger"])
    return app


def report_families() -> list[str]:
    """Font families for the report: the application's when it has Chinese, then the others."""
    chinese = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    app = QGuiApplication.font().family()
    chosen = [app] if app in chinese else []
    chosen += [f for f in CJK_FAMILIES if f in chinese and f not in chosen]
    return chosen or [app]


def report_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(report_families())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


# ----------------------------------------------------------------------------- the chart
def chart_image(table: Table, width: int = CHART_WIDTH) -> QImage:
    """A horizontal bar chart of the table's chart columns, one group of bars per row (unit),
    the first unit at the top, values written beside the bars."""
    shares = all(table.columns[c].kind == "share" for c in table.chart)
    labels = [str(row[0]) for row in table.rows]
    series = [(name, [row[c] for row in table.rows]) for c, name in zip(table.chart, table.series_names())]
    value_kind = "share" if shares else "money" if all(table.columns[c].kind == "money" for c in table.chart) else "int"
    px = width / 66  # the text size: about 9 pt when the image spans the page width
    font = QFont()
    font.setFamilies(report_families())
    font.setPixelSize(round(px))
    bold = QFont(font)
    bold.setBold(True)
    bold.setPixelSize(round(px * 1.1))
    fm, fmb = QFontMetricsF(font), QFontMetricsF(bold)
    line = fm.height()
    bar = line * 0.9
    group = bar * len(series) + line * 0.6
    title_h = fmb.height() * 1.6
    legend_h = line * 1.8 if len(series) > 1 else 0
    axis_h = line * 1.6
    height = math.ceil(title_h + group * max(len(labels), 1) + axis_h + legend_h + line * 0.5)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.setFont(bold)
    p.setPen(TEXT)
    p.drawText(QRectF(0, 0, width, title_h), Qt.AlignmentFlag.AlignCenter, table.chart_title)

    values = [v for _name, vs in series for v in vs if v is not None]
    maximum = 1.0 if shares else max(values + [1])
    top, step = (1.0, 0.2) if shares else value_axis(maximum, headroom=1.12)  # the values have a column of their own
    label_w = min(max([fm.horizontalAdvance(s) for s in labels] + [0]) + line, width * 0.3)
    widest = "100.0%" if shares else f"{int(maximum):,}" + (".00" if value_kind == "money" else "")
    value_room = fm.horizontalAdvance(widest) + line * 0.8
    plot = QRectF(label_w, title_h, width - label_w - value_room, group * max(len(labels), 1))

    # grid and value axis
    p.setFont(font)
    ticks = int(round(top / step))
    for i in range(ticks + 1):
        value = i * step
        x = plot.left() + plot.width() * value / top
        p.setPen(QPen(GRID if i else AXIS, 1))
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        p.setPen(MUTED)
        text = f"{value * 100:.0f}%" if shares else f"{value:,.0f}"
        p.drawText(QRectF(x - 100, plot.bottom() + line * 0.2, 200, line), Qt.AlignmentFlag.AlignHCenter, text)

    # bars
    for r, name in enumerate(labels):
        y0 = plot.top() + r * group + line * 0.3
        p.setPen(TEXT)
        p.drawText(QRectF(0, y0, label_w - line * 0.4, bar * len(series)),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   fm.elidedText(name, Qt.TextElideMode.ElideRight, label_w - line * 0.4))
        for s, (_title, vs) in enumerate(series):
            value = vs[r]
            y = y0 + s * bar
            w = 0 if value is None else plot.width() * min(value / top, 1.0)
            colour = BAR_COLOURS[s % len(BAR_COLOURS)]
            p.fillRect(QRectF(plot.left(), y + bar * 0.1, w, bar * 0.8), colour)
            p.setPen(TEXT)
            text = format_cell(value, value_kind)
            p.drawText(QRectF(plot.left() + w + line * 0.25, y, value_room + line, bar),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    # legend
    if legend_h:
        x = plot.left()
        y = plot.bottom() + axis_h
        for s, (title, _vs) in enumerate(series):
            p.fillRect(QRectF(x, y + line * 0.25, line * 0.8, line * 0.6), BAR_COLOURS[s % len(BAR_COLOURS)])
            p.setPen(TEXT)
            p.drawText(QPointF(x + line * 1.1, y + fm.ascent() + line * 0.1), title)
            x += line * 2.2 + fm.horizontalAdvance(title)
    p.end()
    return image


# ----------------------------------------------------------------------------- the document
_CSS = """
h1 { font-size: 15pt; font-weight: bold; margin-bottom: 4px; }
h2 { font-size: 12pt; font-weight: bold; margin-top: 14px; margin-bottom: 2px; color: #b71c1c; }
h3 { font-size: 10pt; font-weight: bold; margin-top: 10px; margin-bottom: 4px; }
p.note { color: #616161; font-size: 8pt; margin-top: 3px; }
p.sub { color: #616161; }
table { border-collapse: collapse; }
th { background-color: #f3dada; font-weight: bold; }
td, th { border: 1px solid #9e9e9e; padding: 2px 4px; font-size: 8.5pt; }
td.n { white-space: nowrap; }
th { white-space: nowrap; }
table.signature { margin-top: 24px; }
td.sign { border: none; font-size: 10pt; padding-top: 14px; white-space: nowrap; }
td.seal { border: 1px dashed #9e9e9e; color: #9e9e9e; font-size: 10pt; width: 30%; }
"""


# ----------------------------------------------------------------------------- column headings
@dataclass(frozen=True)
class HeaderLayout:
    """How a table's column headings are set: one size for all, and each heading's lines."""

    point_size: float
    lines: list[list[str]]


def break_points(text: str) -> list[int]:
    """Where *text* may wrap: after a space or a punctuation mark, or between two characters,
    but never inside a word of :data:`WORDS` or a run of Latin letters and digits."""
    inside: set[int] = set()
    for word in WORDS:
        for m in re.finditer(re.escape(word), text):
            inside.update(range(m.start() + 1, m.end()))
    for m in re.finditer(r"[0-9A-Za-z.,%]+", text):
        inside.update(range(m.start() + 1, m.end()))
    return [i for i in range(1, len(text)) if i not in inside and not text[i].isspace()
            and text[i] not in "）)、，。：:%"]


def split_header(text: str, lines: int, width) -> list[str]:
    """*text* on *lines* lines (or as few as its break points allow), the widest as narrow as
    can be; *width* measures a line."""
    best = [text]
    if lines < 2:
        return best
    for cut in break_points(text):
        head, rest = text[:cut].rstrip(), text[cut:].lstrip()
        candidate = [head] + split_header(rest, lines - 1, width)
        if max(map(width, candidate)) < max(map(width, best)):
            best = candidate
    return best


def header_layout(table: Table, page_width: float, max_rows: int = PDF_MAX_ROWS,
                  device: QPaintDevice | None = None) -> HeaderLayout:
    """The headings of *table* so that it fits *page_width*: on one line each at the largest
    size down to :data:`HEADER_FLOOR_PT`; if that is still too wide, at the floor with the
    headings that need the most room wrapped onto more lines, one more line at a time."""
    cell = QFontMetricsF(report_font(CELL_PT), device) if device else QFontMetricsF(report_font(CELL_PT))
    rows = table.rows[:max_rows]
    content = [max([cell.horizontalAdvance(format_cell(r[i], c.kind)) for r in rows] + [0])
               for i, c in enumerate(table.columns)]
    titles = [c.title for c in table.columns]

    def measure(size: float):
        fm = QFontMetricsF(report_font(size, bold=True), device) if device else QFontMetricsF(
            report_font(size, bold=True))
        return lambda line: fm.horizontalAdvance(line)

    def total(lines: list[list[str]], width) -> float:
        return sum(max(content[i], max(map(width, ls))) + CELL_PAD for i, ls in enumerate(lines))

    size = HEADER_PT
    while True:
        width = measure(size)
        single = [[t] for t in titles]
        if total(single, width) <= page_width or size - HEADER_STEP_PT < HEADER_FLOOR_PT - 1e-6:
            break
        size -= HEADER_STEP_PT
    lines = single
    counts = [1] * len(titles)
    while total(lines, width) > page_width:
        # the heading whose room most exceeds its column's content, that can still wrap
        excess = sorted(((max(map(width, lines[i])) - content[i], i) for i in range(len(titles))
                         if len(lines[i]) == counts[i]), reverse=True)
        wrapped = False
        for extra, i in excess:
            if extra <= 0:
                break
            better = split_header(titles[i], counts[i] + 1, width)
            counts[i] += 1
            if len(better) > len(lines[i]):
                lines[i], wrapped = better, True
                break
        if not wrapped:
            break
    return HeaderLayout(size, lines)


# ----------------------------------------------------------------------------- the end and the breaks
def _signature_html() -> str:
    """填报人, 审核人, 联系电话, 日期 with room to write, and the place of the seal."""
    e = html.escape
    line = "_" * 18
    rows = "".join("<tr>" + "".join(f'<td class="sign">{e(translate(CTX, label))}：{line}</td>' for label in pair)
                   + "</tr>" for pair in SIGNATURE)
    seal = (f'<td class="seal" rowspan="{len(SIGNATURE)}" align="center" valign="middle">'
            f"{e(translate(CTX, MSG_SEAL))}</td>")
    rows = rows.replace("</tr>", seal + "</tr>", 1)
    return f'<table class="signature" width="100%" cellspacing="0" cellpadding="8">{rows}</table>'


def _page_of(doc: QTextDocument, block) -> tuple[int, int]:
    """The pages on which *block* starts and ends (its rectangle is in the document's
    coordinates, a table cell's too)."""
    rect = doc.documentLayout().blockBoundingRect(block)
    height = doc.pageSize().height()
    return int(rect.top() // height), int(max(rect.bottom() - 1, rect.top()) // height)


def _content_after(block):
    """The first block after *block* that is neither a heading nor empty (a table's first cell counts)."""
    nxt = block.next()
    while nxt.isValid() and (nxt.blockFormat().headingLevel() or
                             (not nxt.text().strip() and QTextCursor(nxt).currentTable() is None)):
        nxt = nxt.next()
    return nxt


def heading_pages(doc: QTextDocument) -> list[tuple[str, int, int]]:
    """(heading, its page, the page on which what follows it starts), for every heading."""
    out = []
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            follows = _content_after(block)
            if follows.isValid():
                out.append((block.text(), _page_of(doc, block)[1], _page_of(doc, follows)[0]))
        block = block.next()
    return out


def keep_headings_with_next(doc: QTextDocument) -> None:
    """Move every heading left alone at the foot of a page to the next page, with the headings
    right above it (they head what follows too)."""
    doc.pageCount()  # the whole layout first: it is made lazily, and positions are read below
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            first = block
            while block.next().isValid() and block.next().blockFormat().headingLevel():
                block = block.next()
            follows = _content_after(block)
            if follows.isValid() and not _starts_page(first) and _page_of(doc, first)[1] != _page_of(doc, follows)[0]:
                fmt = first.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(first).setBlockFormat(fmt)
                doc.markContentsDirty(0, doc.characterCount())  # lay out everything again (not only the block)
                doc.pageCount()
        block = block.next()


def keep_signature_together(doc: QTextDocument) -> None:
    """The signature block (the last table) on one page: moved to the next one if it would split."""
    block = doc.lastBlock()
    while block.isValid() and QTextCursor(block).currentTable() is None:
        block = block.previous()
    if not block.isValid():
        return
    table = QTextCursor(block).currentTable()
    first = table.cellAt(0, 0).firstCursorPosition().block()
    if _page_of(doc, first)[0] != _page_of(doc, block)[1]:
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)
        doc.markContentsDirty(0, doc.characterCount())
        doc.pageCount()


def _starts_page(block) -> bool:
    return bool(block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _table_html(table: Table, max_rows: int, width: float, device: QPaintDevice | None = None) -> str:
    e = html.escape
    layout = header_layout(table, width, max_rows, device)
    head = "".join(f'<th style="font-size: {layout.point_size:g}pt">{"<br>".join(e(t) for t in lines)}</th>'
                   for lines in layout.lines)
    body = []
    for row in table.rows[:max_rows]:
        cells = []
        for value, col in zip(row, table.columns):
            if col.kind == "text":
                cells.append(f"<td>{e(format_cell(value, col.kind))}</td>")
            else:  # numbers never wrap
                cells.append(f'<td align="right" class="n">{e(format_cell(value, col.kind))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    out = (f'<table width="100%" cellspacing="0" cellpadding="3"><thead><tr>{head}</tr></thead>'
           f'<tbody>{"".join(body)}</tbody></table>')
    if len(table.rows) > max_rows:
        out += f'<p class="note">{e(translate(CTX, MSG_MORE_ROWS).format(n=f"{len(table.rows) - max_rows:,}"))}</p>'
    return out


def report_document(report: MonthlyReport, page_width: float, page_height: float,
                    max_rows: int = PDF_MAX_ROWS, device: QPaintDevice | None = None) -> QTextDocument:
    """The report as a text document of the given page size (pixels of *device*, default the screen)."""
    e = html.escape
    doc = QTextDocument()
    if device is not None:
        doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(report_font(9))
    doc.setDefaultStyleSheet(_CSS)
    doc.setPageSize(QSizeF(page_width, page_height))
    parts = [f"<h1>{e(report.title)}</h1>"]
    charts = 0
    images: list[tuple[str, QImage]] = []
    for s_index, section in enumerate(sections(report)):
        if s_index == 0:
            overview = section.tables[0]
            parts.append(f'<p class="sub">{e(overview.note)}</p>')
        parts.append(f"<h2>{e(section.title)}</h2>")
        for table in section.tables:
            parts.append(f"<h3>{e(table.title)}</h3>")
            parts.append(_table_html(table, max_rows, page_width, device))
            if table.note and not (s_index == 0 and table is section.tables[0]):  # that one is above
                parts.append(f'<p class="note">{e(table.note)}</p>')
            if table.chart and worth_a_chart(len(table.rows)):  # one unit's bar says no more than its row
                image = chart_image(table)
                name = f"chart-{charts}"
                charts += 1
                images.append((name, image))
                scale = page_width / image.width()
                if image.height() * scale > page_height * 0.9:
                    scale = page_height * 0.9 / image.height()
                parts.append(f'<p align="center"><img src="{name}" width="{image.width() * scale:.0f}" '
                             f'height="{image.height() * scale:.0f}"></p>')
    parts.append(_signature_html())
    doc.setHtml("".join(parts))
    for name, image in images:  # after the HTML: setting it drops the document's resources
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    keep_headings_with_next(doc)
    keep_signature_together(doc)
    return doc


def write_report_pdf(report: MonthlyReport, path: Path | str, max_rows: int = PDF_MAX_ROWS) -> Path:
    """Write the report to *path* as an A4 PDF, atomically (a temporary file beside it,
    renamed over the target when complete).  Call on the GUI thread."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        _print(report, path, tmp, max_rows)
        _check_complete(tmp)
    return path


def _check_complete(tmp: Path) -> None:
    """Qt's PDF writer says nothing when the disk fills under it: the file simply stops.  A
    whole PDF ends with its trailer (``%%EOF``); one without it is never renamed into place,
    and the error names the full disk when that is why (:func:`desktop.fsio.atomic_path`
    turns it into the one message for a file that could not be written)."""
    try:
        size = tmp.stat().st_size
        with open(tmp, "rb") as fh:
            fh.seek(max(0, size - 64))
            tail = fh.read()
    except OSError:
        tail = b""
    if b"%%EOF" in tail:
        return
    try:
        free = shutil.disk_usage(tmp.parent).free
    except OSError:
        free = 0
    if free < PDF_ROOM:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
    raise OSError(errno.EIO, os.strerror(errno.EIO), str(tmp))


def _print(report: MonthlyReport, path: Path, tmp: Path, max_rows: int) -> None:
    """Lay the report out on A4 pages and print them to *tmp*, the PDF file on its way to *path*."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(DPI)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(15, 12, 15, 12), QPageLayout.Unit.Millimeter))
    printer.setDocName(report.title)
    printer.setCreator("团建台账 Township Ledger")
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    small = report_font(8)
    fm = QFontMetricsF(small, printer)
    band = fm.height() * 2.2  # the running header and the footer
    body = QRectF(0, band, area.width(), area.height() - 2 * band)

    doc = report_document(report, body.width(), body.height(), max_rows, printer)
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(translate(CTX, MSG_CANNOT_WRITE).format(path=path))
    try:
        for page in range(pages):
            if page:
                printer.newPage()
            painter.save()
            painter.setClipRect(body)  # the layout does not clip what lies on the next page
            painter.translate(body.left(), body.top() - page * body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * body.height(), body.width(), body.height())
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(small)
            painter.setPen(MUTED)
            if page:
                painter.drawText(QRectF(0, 0, body.width(), band * 0.7),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, report.title)
                painter.drawLine(QPointF(0, band * 0.8), QPointF(body.width(), band * 0.8))
            painter.drawText(QRectF(0, area.height() - band * 0.8, body.width(), band * 0.8),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             translate(CTX, MSG_PAGE).format(page=page + 1, pages=pages))
    finally:
        painter.end()
