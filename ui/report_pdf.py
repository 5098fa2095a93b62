"""The monthly report as a printable PDF (A4): the tables of :func:`desktop.reporting.report.sections`
laid out by a ``QTextDocument`` (HTML tables whose header rows repeat on every page), a bar
chart per unit beside each per-unit table drawn with ``QPainter`` into an image, the report's
title above every page after the first and "第 N 页 / 共 M 页" below every page.

Fonts: the application's font family when it has Chinese glyphs, else the first installed of
the usual Chinese families (Microsoft YaHei on Windows, WenQuanYi Micro Hei on Linux …).
Painting uses fonts, so it runs on the GUI thread (a QGuiApplication must exist); the report
itself is computed beforehand, in a worker.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QFontDatabase, QFontMetricsF,
                           QGuiApplication, QImage, QPageLayout, QPageSize, QPaintDevice, QPainter, QPen,
                           QTextDocument)
from PySide6.QtPrintSupport import QPrinter

from desktop.fsio import atomic_path
from desktop.i18n import translate
from desktop.reporting.chart_axis import value_axis
from desktop.reporting.report import CTX, MSG_CANNOT_WRITE, MSG_MORE_ROWS, MSG_PAGE, MonthlyReport, Table, format_cell, sections

#: Chinese font families, most wanted first, for when the application font has no Chinese.
CJK_FAMILIES = ("Microsoft YaHei", "微软雅黑", "SimHei", "SimSun", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Heiti SC")
#: Longer tables are cut in the PDF (the Excel form has every row).
PDF_MAX_ROWS = 300
#: Layout resolution: CSS pixels are 1/96 inch, as on screen; text and lines stay vectors and
#: the chart images keep their own (higher) resolution.
DPI = 96
BAR_COLOURS = (QColor("#c62828"), QColor("#5c6bc0"), QColor("#2e7d32"), QColor("#f9a825"))
GRID, AXIS, TEXT, MUTED = QColor("#e0e0e0"), QColor("#9e9e9e"), QColor("#212121"), QColor("#616161")
CHART_WIDTH = 1600  # pixels of a chart image


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
    value_room = fm.horizontalAdvance("100.0%" if shares else f"{int(maximum):,}") + line * 0.8
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
            text = format_cell(value, "share" if shares else "int")
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
"""


def _table_html(table: Table, max_rows: int) -> str:
    e = html.escape
    head = "".join(f"<th>{e(c.title)}</th>" for c in table.columns)
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
    for s_index, section in enumerate(sections(report)):
        if s_index == 0:
            overview = section.tables[0]
            parts.append(f'<p class="sub">{e(overview.note)}</p>')
        parts.append(f"<h2>{e(section.title)}</h2>")
        for table in section.tables:
            parts.append(f"<h3>{e(table.title)}</h3>")
            parts.append(_table_html(table, max_rows))
            if table.note and not (s_index == 0 and table is section.tables[0]):  # that one is above
                parts.append(f'<p class="note">{e(table.note)}</p>')
            if table.chart and table.rows:
                image = chart_image(table)
                name = f"chart-{charts}"
                charts += 1
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
                scale = page_width / image.width()
                if image.height() * scale > page_height * 0.9:
                    scale = page_height * 0.9 / image.height()
                parts.append(f'<p align="center"><img src="{name}" width="{image.width() * scale:.0f}" '
                             f'height="{image.height() * scale:.0f}"></p>')
    doc.setHtml("".join(parts))
    return doc


def write_report_pdf(report: MonthlyReport, path: Path | str, max_rows: int = PDF_MAX_ROWS) -> Path:
    """Write the report to *path* as an A4 PDF, atomically (a temporary file beside it,
    renamed over the target when complete).  Call on the GUI thread."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        _print(report, path, tmp, max_rows)
    return path


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
