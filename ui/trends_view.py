"""The trends view (趋势): one figure per unit below, month by month for the twelve months
ending at the chosen month (:mod:`desktop.reporting.trends`) — a pivot with units as rows and
months as columns, the cells frozen in a unit's submission shaded — and a line chart of the
selected row.  Computed in a worker on a read-only connection (only the chosen figure's table
is read); "Export Excel" writes the pivot in a worker."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QPushButton, QSplitter,
                               QTableView, QVBoxLayout, QWidget)

from desktop.ledger import Ledger
from desktop.reporting import trends as T
from desktop.reporting.chart_axis import value_axis
from ui.file_export import FileExport
from ui.month_header import BAR, MonthFigureView

#: The background of a figure frozen in a unit's submission (as in the Excel form).
FROZEN = QColor("#dce8f5")


class TrendTableModel(QAbstractTableModel):
    """One figure's pivot: a row per unit and a last row with their sum, a column per month.
    ``Qt.UserRole`` gives the raw value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trends: T.Trends | None = None
        self.trend: T.Trend | None = None

    def set_trend(self, trends: T.Trends | None, trend: T.Trend | None) -> None:
        self.beginResetModel()
        self.trends, self.trend = trends, trend
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.trend is None else len(self.trend.rows) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.trends is None else len(self.trends.months)

    def is_total(self, row: int) -> bool:
        return self.trend is not None and row == len(self.trend.rows)

    def row_name(self, row: int) -> str:
        if self.trend is None:
            return ""
        return self.tr("All units") if self.is_total(row) else self.trend.rows[row].name

    def row_values(self, row: int) -> tuple[int, ...]:
        if self.trend is None:
            return ()
        return self.trend.totals if self.is_total(row) else self.trend.rows[row].values

    def is_frozen(self, row: int, column: int) -> bool:
        return self.trend is not None and not self.is_total(row) and self.trend.rows[row].frozen[column]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or self.trend is None:
            return None
        row, column = index.row(), index.column()
        value = self.row_values(row)[column]
        if role == Qt.DisplayRole:
            return f"{value:,}"
        if role == Qt.UserRole:
            return value
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.BackgroundRole and self.is_frozen(row, column):
            return FROZEN
        if role == Qt.FontRole and self.is_total(row):
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ToolTipRole:
            how = (self.tr("as frozen in the unit's submission") if self.is_frozen(row, column)
                   else self.tr("computed from the ledger"))
            return f"{self.row_name(row)}, {self.trends.months[column]}: {value:,} ({how})"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if self.trends is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if orientation == Qt.Horizontal:
            return self.trends.months[section] if 0 <= section < len(self.trends.months) else None
        return self.row_name(section) if self.trend is not None and 0 <= section <= len(self.trend.rows) else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags


class TrendsView(FileExport, MonthFigureView):
    """The trends of the chosen unit ("" = the whole country): the chosen figure per unit below
    and month, and a line chart of the selected unit (or of all units together)."""

    sig_exported = Signal(str)
    """The pivot was written to this Excel file."""

    LOADING = QT_TR_NOOP("Computing the trends…")
    FAILED = QT_TR_NOOP("The trends could not be computed.")
    SAVE_FAILED = QT_TR_NOOP("The trends could not be saved: {reason}")

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(ledger, "trends", None, parent)
        self.setObjectName("trends_view")
        self.report: T.Trends | None = None
        #: the figure the computation under way was asked for
        self._asked = self.figure()
        self.excel_button = QPushButton(self)
        self.excel_button.setObjectName("trends_export_excel")
        self.excel_button.clicked.connect(self.export_excel)

        self.model = TrendTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("trends_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(self.fontMetrics().horizontalAdvance("2025-12") + 16)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.draw_line())
        self.note = QLabel(self)
        self.note.setObjectName("trends_note")
        self.note.setWordWrap(True)
        self.chart_view = self.make_chart_view("trends_chart")
        self.chart_view.setMinimumHeight(self.fontMetrics().height() * 12)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(self.figure_bar_layout())
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.note)
        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.setObjectName("trends_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.chart_view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([3000, 2000])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.header_layout(self.excel_button))
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._update_month_buttons()

    # ------------------------------------------------------------- the view's figures
    def figure_items(self) -> list[tuple[str, str]]:
        return [(key, T.figure_label(key)) for key in T.TREND_FIGURES]

    def refresh(self) -> None:
        self._asked = self.figure()
        super().refresh()

    def compute(self, reader: Ledger, scope: str, month: str) -> T.Trends:
        return T.trends(reader, scope, month, [self._asked])

    def busy_changed(self) -> None:
        self.excel_button.setEnabled(self.report is not None and not self.loading and not self.exporting)

    # ------------------------------------------------------------- drawing
    def show_result(self) -> None:
        trends = self.report
        if trends is None:
            return
        trend = trends.trends.get(self.figure())
        if trend is None:  # another figure chosen meanwhile
            return
        selected = self.table.currentIndex().row()
        self.model.set_trend(trends, trend)
        frozen = sum(f for r in trend.rows for f in r.frozen)
        self.note.setText(self.tr("{units} {level}, {first} to {last}. Shaded: {n} figures frozen in the units' "
                                  "submissions; the others are computed from the ledger, a past month from its records "
                                  "as they were at its end.").format(
            units=len(trend.rows), level=trends.unit_label, first=trends.months[0], last=trends.months[-1], n=frozen))
        # the sum of the units first (a township's own row when it is the only one)
        row = selected if 0 <= selected < self.model.rowCount() else (0 if len(trend.rows) == 1 else len(trend.rows))
        self.table.selectRow(row)
        self.draw_line()

    def show_chart(self) -> None:
        """The figure changed: compute it (only its table is read), unless it is on hand."""
        if self.report is None or self.figure() not in self.report.trends:
            self.refresh()
        else:
            self.show_result()

    def draw_line(self) -> None:
        """A line of the selected row's values, month by month."""
        from PySide6.QtCharts import QCategoryAxis, QLineSeries, QValueAxis

        chart = self.chart_view.chart()
        self.clear_chart(chart)
        row = self.table.currentIndex().row()
        if self.model.trend is None or row < 0:
            return
        values = self.model.row_values(row)
        months = self.model.trends.months
        chart.setTitle(f"{self.model.row_name(row)}: {self.model.trend.label}")
        series = QLineSeries()
        series.setPointsVisible(True)
        series.setPointLabelsVisible(True)
        series.setPointLabelsFormat("@yPoint")
        series.setPointLabelsClipping(False)
        pen = series.pen()
        pen.setColor(BAR)
        pen.setWidth(2)
        series.setPen(pen)
        for i, v in enumerate(values):
            series.append(i, v)
        chart.addSeries(series)
        names = QCategoryAxis()
        names.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
        for i, m in enumerate(months):
            names.append(m, i)
        names.setRange(-0.3, len(months) - 0.7)
        names.setLabelsFont(self.font())
        top, step = value_axis(max(list(values) + [1]))
        axis = QValueAxis()
        axis.setRange(0, top)
        axis.setTickType(QValueAxis.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
        axis.setLabelFormat("%d")
        axis.setLabelsFont(self.font())
        chart.addAxis(names, Qt.AlignBottom)
        chart.addAxis(axis, Qt.AlignLeft)
        series.attachAxis(names)
        series.attachAxis(axis)

    # ------------------------------------------------------------- export
    def export_excel(self) -> None:
        """Ask where, then write the pivot on screen in a worker."""
        trends = self.report
        if trends is None:
            return
        path = self.ask_export_path("trends", self.tr("Export the trends to Excel"),
                                    self.tr("Trends {unit} {month}").format(unit=trends.scope_name, month=trends.month),
                                    ".xlsx", self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        from desktop.reporting.report_xlsx import write_trends_xlsx

        self.export_in_worker(path, lambda: write_trends_xlsx(trends, path))

    # ------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.excel_button.setText(self.tr("Export &Excel…"))
        self.figure_label.setText(self.tr("&Figure"))
        super().retranslate()
