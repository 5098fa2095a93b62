"""The monthly report as an Excel workbook (月报 Excel 表): a sheet per section of
:func:`desktop.reporting.report.sections`, each table with its title, bold headers, number formats
and fitted column widths, and a native Excel bar chart of the units below beside every
per-unit table.  Written in openpyxl's streaming mode (a national reminders list has
tens of thousands of rows) to a temporary file that replaces the target only when
complete."""

from __future__ import annotations

import copy
import re
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from desktop.fsio import atomic_path
from desktop.reporting.report import MonthlyReport, Section, Table, sections

#: Number formats by column kind (see :class:`desktop.reporting.report.Column`).
FORMATS = {"int": "#,##0", "money": "#,##0.00", "ratio": "#,##0.00", "share": "0.0%", "change": "+#,##0;-#,##0;0",
           "discrepancy": "+#,##0;-#,##0;0"}
#: Bar colours of the charts' series (league red, then a muted blue).
SERIES_COLOURS = ("C62828", "5C6BC0", "2E7D32", "F9A825")

_TITLE_FONT = Font(bold=True, size=14)
_TABLE_FONT = Font(bold=True, size=11)
_HEAD_FONT = Font(bold=True)
_NOTE_FONT = Font(italic=True, color="616161")
_HEAD_FILL = PatternFill("solid", fgColor="F3DADA")
_THIN = Side(style="thin", color="BDBDBD")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "share":
        return f"{value * 100:.1f}%"  # type: ignore[operator]
    if kind in ("money", "ratio"):
        return f"{value:,.2f}"
    if kind in ("int", "change", "discrepancy"):
        return f"{value:,}" if kind == "int" else f"{value:+,}"
    return str(value)


def _sheet_title(title: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _column_widths(tables: tuple[Table, ...]) -> list[float]:
    """Column widths fitted to the headers and values (long text capped; headers wrap)."""
    widths: list[float] = []
    for table in tables:
        for i, col in enumerate(table.columns):
            cells = [_width(_shown(row[i], col.kind)) for row in table.rows[:2000]]
            wanted = max([min(_width(col.title), 18)] + cells)
            if i >= len(widths):
                widths.append(0)
            widths[i] = max(widths[i], min(wanted + 2, 48))
    return [max(w, 8) for w in widths]


class _Cells:
    """Styled cells for a streaming sheet.  Setting a style on a cell makes openpyxl hash it;
    a national reminders list has a quarter of a million cells, so each combination of
    styles is set once on a model cell and copied from there."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self._models: dict[tuple, WriteOnlyCell] = {}

    def __call__(self, value, *, font=None, fill=None, border=None, number_format=None,
                 alignment=None) -> WriteOnlyCell:
        key = (id(font), id(fill), id(border), number_format, id(alignment))
        model = self._models.get(key)
        if model is None:
            model = self._models[key] = WriteOnlyCell(self.ws)
            if font is not None:
                model.font = font
            if fill is not None:
                model.fill = fill
            if border is not None:
                model.border = border
            if number_format is not None:
                model.number_format = number_format
            if alignment is not None:
                model.alignment = alignment
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy.copy(model._style)
        return cell


def _chart(ws, table: Table, first_row: int, last_row: int) -> BarChart:
    """A horizontal bar chart of the table's chart columns, one bar per unit (first unit at the top)."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = table.chart_title
    chart.grouping = "clustered"
    shares = all(table.columns[c].kind == "share" for c in table.chart)
    for n, (c, name) in enumerate(zip(table.chart, table.series_names())):
        data = Reference(ws, min_col=c + 1, max_col=c + 1, min_row=first_row, max_row=last_row)
        chart.add_data(data)
        series = chart.series[-1]
        series.tx = SeriesLabel(v=name)
        series.graphicalProperties.solidFill = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        series.graphicalProperties.line.solidFill = SERIES_COLOURS[n % len(SERIES_COLOURS)]
    names = Reference(ws, min_col=1, min_row=first_row, max_row=last_row)
    for series in chart.series:  # the unit names are text: a string reference (openpyxl's default is numeric)
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
    # the value beside each bar, and only the value (a reader may default the others to shown)
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False, showLegendKey=False,
                                     showPercent=False)
    chart.x_axis.scaling.orientation = "maxMin"  # the first unit at the top, as in the table
    chart.y_axis.crosses = "max"  # … and the value axis still at the bottom
    chart.y_axis.axPos = "b"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.y_axis.scaling.min = 0
    if shares:
        chart.y_axis.scaling.max = 1
        chart.y_axis.number_format = "0%"
        chart.y_axis.numFmt.sourceLinked = False  # type: ignore[union-attr]
    if len(table.chart) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    units = last_row - first_row + 1
    chart.width = 17
    chart.height = max(7.0, 2.5 + units * (0.45 + 0.3 * len(table.chart)))
    return chart


def _write_section(ws, report: MonthlyReport, section: Section) -> None:
    widths = _column_widths(section.tables)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    chart_column = get_column_letter(len(widths) + 2)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    _cell = _Cells(ws)
    ws.append([_cell(report.title, font=_TITLE_FONT)])
    ws.append([_cell(section.title, font=_TABLE_FONT)])
    row = 2
    for table in section.tables:
        ws.append([])
        ws.append([_cell(table.title, font=_TABLE_FONT)])
        row += 2
        title_row = row
        ws.append([_cell(col.title, font=_HEAD_FONT, fill=_HEAD_FILL, border=_BORDER, alignment=_WRAP)
                   for col in table.columns])
        row += 1
        header_row = row
        formats = [FORMATS.get(col.kind) for col in table.columns]
        for values in table.rows:
            ws.append([_cell(v, border=_BORDER, number_format=f) for v, f in zip(values, formats)])
            row += 1
        if table.note:
            ws.append([_cell(table.note, font=_NOTE_FONT)])
            row += 1
        if table.chart and table.rows:
            ws.add_chart(_chart(ws, table, header_row + 1, header_row + len(table.rows)),
                         f"{chart_column}{title_row}")


def write_report_xlsx(report: MonthlyReport, path: Path | str) -> Path:
    """Write the report to *path* (.xlsx), atomically: a temporary file beside it, flushed
    to disk, then renamed over the target."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for section in sections(report):
        ws = wb.create_sheet(_sheet_title(section.title, used))
        _write_section(ws, report, section)
    wb.properties.title = report.title
    wb.properties.creator = "团建台账 Township Ledger"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


# ----------------------------------------------------------------------------- trends
_FROZEN_FILL = PatternFill("solid", fgColor="DCE8F5")


def _write_trend(ws, trends, trend) -> None:
    """One figure's pivot: a row per unit, a column per month, the units' sum last; the
    figures frozen in a submission shaded, and a line chart of the sum."""
    from openpyxl.chart import LineChart

    from desktop.i18n import translate
    from desktop.reporting.trends import MSG_FROZEN_NOTE, MSG_TOTAL

    ws.column_dimensions["A"].width = max([_width(r.name) for r in trend.rows] + [_width(trends.unit_label), 10]) + 2
    for i in range(len(trends.months)):
        ws.column_dimensions[get_column_letter(i + 2)].width = 10
    cell = _Cells(ws)
    ws.append([cell(trends.title, font=_TITLE_FONT)])
    ws.append([cell(trend.label, font=_TABLE_FONT)])
    ws.append([cell(v, font=_HEAD_FONT, fill=_HEAD_FILL, border=_BORDER, alignment=_WRAP)
               for v in (trends.unit_label, *trends.months)])
    for row in trend.rows:
        ws.append([cell(row.name, border=_BORDER)] + [
            cell(v, border=_BORDER, number_format=FORMATS["int"], fill=_FROZEN_FILL if f else None)
            for v, f in zip(row.values, row.frozen)])
    ws.append([cell(translate("report", MSG_TOTAL), font=_HEAD_FONT, border=_BORDER)]
              + [cell(v, font=_HEAD_FONT, border=_BORDER, number_format=FORMATS["int"]) for v in trend.totals])
    ws.append([cell(translate("report", MSG_FROZEN_NOTE), font=_NOTE_FONT)])
    total_row = 4 + len(trend.rows)
    chart = LineChart()
    chart.title = f"{trend.label}（{translate('report', MSG_TOTAL)}）"
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, max_col=len(trends.months) + 1, min_row=total_row, max_row=total_row),
                   from_rows=True)
    chart.set_categories(Reference(ws, min_col=2, max_col=len(trends.months) + 1, min_row=3, max_row=3))
    chart.series[0].graphicalProperties.line.solidFill = SERIES_COLOURS[0]
    chart.y_axis.scaling.min = 0
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 18, 8
    ws.add_chart(chart, f"A{total_row + 3}")


def write_trends_xlsx(trends, path: Path | str) -> Path:
    """Write the trends (:class:`desktop.reporting.trends.Trends`) to *path* (.xlsx), a sheet
    per figure, atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for trend in trends.trends.values():
        _write_trend(wb.create_sheet(_sheet_title(trend.label, used)), trends, trend)
    wb.properties.title = trends.title
    wb.properties.creator = "团建台账 Township Ledger"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
