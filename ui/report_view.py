"""The monthly report view (月报): the report of the chosen unit and month as tables (one tab
per section of :func:`desktop.reporting.report.sections`), a bar chart of any figure per unit below,
and the Excel and PDF forms.  The report is computed in a worker on a read-only connection
of its own; the Excel form is written in a worker; the PDF is painted on the GUI thread
(fonts and QPainter), from the report already on hand."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import shiboken6
from PySide6.QtCharts import QAbstractBarSeries, QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, \
    QValueAxis
from PySide6.QtCore import (QAbstractTableModel, QDate, QEvent, QMargins, QModelIndex, QObject, QSortFilterProxyModel,
                            QStandardPaths, Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFrame, QHBoxLayout, QHeaderView,
                               QLabel, QMessageBox, QPushButton, QScrollArea, QSizePolicy, QSplitter, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from desktop.reporting import report as R
from desktop.errors import LedgerError
from desktop.scope.geo import geography
from desktop.i18n import translate
from desktop.ledger import Ledger
from ui import workers
from ui.month_header import MonthHeader

BAR = QColor("#c62828")  # league red, as on the dashboard
LABEL = QColor("#212121")
UP, DOWN = QColor("#2e7d32"), QColor("#c62828")
#: The figure the chart shows first.
DEFAULT_FIGURE = "mobilisation_share"
#: Rows a table shows before it scrolls on its own (the section's page scrolls too).
VISIBLE_ROWS = 20


class ReportTableModel(QAbstractTableModel):
    """One table of the report (:class:`desktop.reporting.report.Table`), read-only.  ``Qt.UserRole``
    gives the raw value, for sorting."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: R.Table | None = None

    def set_table(self, table: R.Table | None) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.table is None else len(self.table.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        value = self.table.rows[index.row()][index.column()]
        kind = self.table.columns[index.column()].kind
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return R.format_cell(value, kind)
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignLeft if kind == "text" else Qt.AlignRight) | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and kind == "change" and value:
            return UP if value > 0 else DOWN
        if role == Qt.UserRole:
            if value is None:
                return -math.inf if kind != "text" else ""
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if self.table is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if orientation == Qt.Horizontal:
            return self.table.columns[section].title if 0 <= section < len(self.table.columns) else None
        return section + 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags


class _TablePanel(QWidget):
    """A titled table with its note."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.title = QLabel(self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.model = ReportTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.UserRole)
        self.view = QTableView(self)
        self.view.setObjectName(f"report_table_{key}")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # the report's own order first
        self.proxy.sort(-1)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignCenter | Qt.AlignVCenter)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName(f"report_note_{key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def show_table(self, table: R.Table) -> None:
        self.title.setText(table.title)
        self.model.set_table(table)
        self.note.setText(table.note)
        self.note.setVisible(bool(table.note))
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        limit = self.fontMetrics().averageCharWidth() * 40
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column) + 12, limit))
        self._fit_height()

    def _fit_height(self) -> None:
        """The height of the table's rows, up to VISIBLE_ROWS (then it scrolls on its own),
        and of a horizontal scroll bar when its columns are wider than the view."""
        header = self.view.horizontalHeader()
        row_h = self.view.verticalHeader().defaultSectionSize()
        rows = len(self.model.table.rows) if self.model.table else 0
        height = header.sizeHint().height() + row_h * min(max(rows, 1), VISIBLE_ROWS) + 2 * self.view.frameWidth()
        width = self.view.verticalHeader().sizeHint().width() + header.length() + 2 * self.view.frameWidth()
        if width > self.view.width():
            height += self.view.horizontalScrollBar().sizeHint().height()
        self.view.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()


class ReportView(MonthHeader, QWidget):
    """The monthly report of the chosen unit ("" = the whole country) and month."""

    sig_loaded = Signal()
    """A new report is on screen."""
    sig_failed = Signal(object)
    """Computing the report failed (the exception)."""
    sig_exported = Signal(str)
    """The report was written to this file (Excel or PDF)."""
    sig_unit_clicked = Signal(str)
    """The user clicked a unit's bar in the chart (its division code)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_view")
        self.ledger = ledger
        self.scope = ledger.scope
        self.report: R.MonthlyReport | None = None
        self.loading = False
        self.exporting = False
        self._newest = workers.Newest(self, ledger.path)
        self._chart_rows: list[tuple[str, str, float | int | None]] = []

        # ---- header: unit, state, month, exports
        last = R.last_month(dt.date.today())
        self._build_header("report", QDate(int(last[:4]), int(last[5:]), 1))
        self.month_edit.dateChanged.connect(self._month_changed)
        self._month_timer = QTimer(self)
        self._month_timer.setSingleShot(True)
        self._month_timer.setInterval(250)
        self._month_timer.timeout.connect(self.refresh)
        self.excel_button = QPushButton(self)
        self.excel_button.setObjectName("report_export_excel")
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("report_export_pdf")
        self.pdf_button.clicked.connect(self.export_pdf)

        header = QHBoxLayout()
        header.addWidget(self.unit_label, 1)
        header.addWidget(self.status_label)
        header.addSpacing(12)
        header.addWidget(self.month_label)
        header.addWidget(self.prev_button)
        header.addWidget(self.month_edit)
        header.addWidget(self.next_button)
        header.addSpacing(12)
        header.addWidget(self.excel_button)
        header.addWidget(self.pdf_button)

        # ---- the sections, a tab each
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("report_sections")
        self.panels: dict[str, _TablePanel] = {}
        self._section_pages: dict[str, QWidget] = {}

        # ---- the chart of a figure per unit below
        self.figure_label = QLabel(self)
        self.figure_combo = QComboBox(self)
        self.figure_combo.setObjectName("report_figure")
        self.figure_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for key in R.UNIT_FIGURES:
            self.figure_combo.addItem(translate(R.CTX, R.UNIT_FIGURES[key]), key)
        self.figure_combo.setCurrentIndex(self.figure_combo.findData(DEFAULT_FIGURE))
        self.figure_combo.currentIndexChanged.connect(lambda _i: self._show_chart())
        self.figure_label.setBuddy(self.figure_combo)
        chart = QChart()
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart_title = QFont(self.font())
        chart_title.setBold(True)
        chart.setTitleFont(chart_title)
        self.chart_view = QChartView(chart, self)
        self.chart_view.setObjectName("report_chart")
        self.chart_view.setRenderHint(QPainter.Antialiasing)
        self.chart_view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.chart_view.setMinimumHeight(self.fontMetrics().height() * 10)
        chart_panel = QWidget(self)
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(self.figure_label)
        chart_bar.addWidget(self.figure_combo)
        chart_bar.addStretch(1)
        chart_layout = QVBoxLayout(chart_panel)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_scroll = QScrollArea(chart_panel)  # many units: a tall chart that scrolls
        self.chart_scroll.setObjectName("report_chart_scroll")
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.NoFrame)
        self.chart_scroll.setWidget(self.chart_view)
        chart_layout.addLayout(chart_bar)
        chart_layout.addWidget(self.chart_scroll, 1)

        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.setObjectName("report_splitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(chart_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([3000, 2000])  # scaled to the height there is: tables above, the chart below

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self._retranslate()
        self._update_buttons()

    # ------------------------------------------------------------- public
    def set_scope(self, code: str) -> None:
        """Show the report of the unit *code* ("" = the whole country)."""
        self.scope = code
        self._show_unit_name()
        self.refresh()

    def month(self) -> str:
        return self.month_edit.date().toString("yyyy-MM")

    def set_month(self, month: str) -> None:
        """Show the month "YYYY-MM" (within the picker's range) and recompute at once."""
        self.month_edit.setDate(QDate(int(month[:4]), int(month[5:7]), 1))
        self.refresh()

    def figure(self) -> str:
        """The figure the chart shows (a key of ``desktop.reporting.report.UNIT_FIGURES``)."""
        return self.figure_combo.currentData()

    def set_figure(self, figure: str) -> None:
        self.figure_combo.setCurrentIndex(self.figure_combo.findData(figure))

    def refresh(self) -> None:
        """Recompute the report (in a worker); an older answer still on its way is ignored."""
        self._month_timer.stop()
        scope, month = self.scope, self.month()
        self._set_loading(True)
        self._newest.start(lambda reader, _task: R.monthly_report(reader, scope, month), self._loaded, self._failed)

    # ------------------------------------------------------------- answers
    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _loaded(self, report: R.MonthlyReport) -> None:
        self.report = report
        self._show_report()
        self._set_loading(False)
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self._update_buttons()
        if isinstance(exc, LedgerError):
            text = exc.text()
        elif isinstance(exc, ValueError):
            text = str(exc)
        else:
            text = self.tr("The report could not be computed.")
        self.status_label.setText(text)
        self.sig_failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.status_label.setText(self.tr("Computing the report…") if loading else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.report is not None and not self.loading and not self.exporting
        self.excel_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    # ------------------------------------------------------------- drawing
    def _show_unit_name(self) -> None:
        geo = geography()
        if not self.scope:
            self.unit_label.setText(self.tr("All of China"))
        elif geo.exists(self.scope):
            self.unit_label.setText(geo.full_name(self.scope))
        else:
            self.unit_label.setText(self.scope)

    def _show_report(self) -> None:
        """Fill the tabs and the chart from the report on hand (no query)."""
        report = self.report
        if report is None:
            return
        current = self.tabs.currentIndex()
        for section in R.sections(report):
            page = self._section_pages.get(section.key)
            if page is None:
                page = self._section_pages[section.key] = QScrollArea()
                page.setObjectName(f"report_section_{section.key}")
                page.setWidgetResizable(True)
                page.setFrameShape(QFrame.NoFrame)
                content = QWidget(page)
                page_layout = QVBoxLayout(content)
                page_layout.setContentsMargins(4, 4, 4, 4)
                for table in section.tables:
                    panel = self.panels[table.key] = _TablePanel(table.key, content)
                    page_layout.addWidget(panel)
                page_layout.addStretch(1)
                page.setWidget(content)
                self.tabs.addTab(page, section.title)
            self.tabs.setTabText(self.tabs.indexOf(page), section.title)
            for table in section.tables:
                self.panels[table.key].show_table(table)
        if current >= 0:
            self.tabs.setCurrentIndex(current)
        self._show_chart()

    @staticmethod
    def _clear(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()

    def _level_title(self) -> str:
        return self.report.unit_label if self.report else ""

    def _show_chart(self) -> None:
        """Draw the chosen figure per unit below."""
        report = self.report
        if report is None:
            return
        figure = self.figure()
        share = figure in R.SHARE_FIGURES
        rows = self._chart_rows = report.unit_values(figure)[::-1]  # a horizontal chart draws the first at the bottom
        chart = self.chart_view.chart()
        self._clear(chart)
        label = translate(R.CTX, R.UNIT_FIGURES[figure])
        chart.setTitle(self.tr("{level}: {figure}").format(level=self._level_title(), figure=label))
        bars = QBarSet(label)
        bars.setColor(BAR)
        bars.setLabelColor(LABEL)
        bars.append([round((v or 0) * 100, 1) if share else float(v or 0) for _c, _n, v in rows])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsOutsideEnd)
        series.setLabelsFormat("@value%" if share else "@value")
        series.setLabelsPrecision(6)
        series.clicked.connect(lambda index, _set: self._bar_clicked(index))
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([name for _c, name, _v in rows] or [""])
        names.setLabelsFont(self.font())
        names.setTruncateLabels(False)
        values = QValueAxis()
        maximum = 100.0 if share else max([float(v or 0) for _c, _n, v in rows] + [1.0])
        step = 20 if share else _nice_step(maximum * 1.15)
        top = step * max(1, math.ceil(maximum * 1.15 / step))  # room for the value beside the longest bar
        values.setRange(0, top)
        values.setTickType(QValueAxis.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(step)
        values.setLabelFormat("%d%%" if share else "%d")
        values.setLabelsFont(self.font())
        chart.addAxis(names, Qt.AlignLeft)
        chart.addAxis(values, Qt.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)
        line = self.fontMetrics().height()
        self.chart_view.setMinimumHeight(round(line * (6 + 1.5 * max(len(rows), 3))))


    def _bar_clicked(self, index: int) -> None:
        if 0 <= index < len(self._chart_rows) and self._chart_rows[index][0] != self.scope:
            self.sig_unit_clicked.emit(self._chart_rows[index][0])

    # ------------------------------------------------------------- month
    def _month_changed(self, _date: QDate) -> None:
        self._update_month_buttons()
        self._month_timer.start()

    # ------------------------------------------------------------- exports
    def _suggested_path(self, suffix: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
        report = self.report
        name = self.tr("Monthly report {unit} {month}").format(unit=report.scope_name, month=report.month)
        return str(Path(folder) / f"{name}{suffix}")

    def _ask_path(self, title: str, suffix: str, filters: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, self._suggested_path(suffix), filters)
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def export_excel(self) -> None:
        """Ask where, then write the Excel form in a worker."""
        if self.report is None:
            return
        path = self._ask_path(self.tr("Export the report to Excel"), ".xlsx", self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        from desktop.reporting.report_xlsx import write_report_xlsx

        report = self.report
        self.exporting = True
        self._update_buttons()
        self.status_label.setText(self.tr("Writing {file}…").format(file=path.name))
        workers.start(lambda _task: write_report_xlsx(report, path), lambda written: self._exported(written),
                      self._export_failed)

    def export_pdf(self) -> None:
        """Ask where, then paint the PDF (on the GUI thread: fonts and QPainter)."""
        if self.report is None:
            return
        path = self._ask_path(self.tr("Export the report to PDF"), ".pdf", self.tr("PDF files (*.pdf)"))
        if path is None:
            return
        from ui.report_pdf import write_report_pdf

        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            written = write_report_pdf(self.report, path)
        except OSError as exc:
            self._export_failed(exc)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._exported(written)

    def _exported(self, path: Path) -> None:
        if not self._alive():
            return
        self.exporting = False
        self._update_buttons()
        self.status_label.setText(self.tr("Saved {file}").format(file=Path(path).name))
        self.sig_exported.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self.exporting = False
        self._update_buttons()
        self.status_label.setText("")
        reason = exc.text() if isinstance(exc, LedgerError) else (exc.strerror or str(exc)) \
            if isinstance(exc, OSError) else str(exc)
        QMessageBox.warning(self, self.tr("Export"), self.tr("The report could not be saved: {reason}").format(
            reason=reason))

    # ------------------------------------------------------------- language
    def _retranslate(self) -> None:
        self.month_label.setText(self.tr("&Month"))
        self.prev_button.setToolTip(self.tr("Previous month"))
        self.next_button.setToolTip(self.tr("Next month"))
        self.excel_button.setText(self.tr("Export &Excel…"))
        self.pdf_button.setText(self.tr("Export &PDF…"))
        self.figure_label.setText(self.tr("&Chart by unit"))
        for i in range(self.figure_combo.count()):
            self.figure_combo.setItemText(i, translate(R.CTX, R.UNIT_FIGURES[self.figure_combo.itemData(i)]))
        self._show_unit_name()
        if self.report is not None:
            self._show_report()
        if self.loading:
            self._set_loading(True)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.report is None and not self.loading:
            self.set_scope(self.scope)  # first shown: the ledger's own unit

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def _nice_step(maximum: float, ticks: int = 5) -> int:
    """The smallest round tick interval (1, 2 or 5 times a power of ten) that needs at most
    *ticks* intervals to reach *maximum*."""
    power = 1
    while True:
        for m in (1, 2, 5):
            if m * power * ticks >= maximum:
                return m * power
        power *= 10
