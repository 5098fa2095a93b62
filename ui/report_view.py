"""The monthly report view (月报): the report of the chosen unit and month as tables (one tab
per section of :func:`desktop.reporting.report.sections`), a bar chart of any figure per unit below,
and the Excel and PDF forms.  The report is computed in a worker on a read-only connection
of its own; the Excel form is written in a worker; the PDF is painted on the GUI thread
(fonts and QPainter), from the report already on hand."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import (QT_TR_NOOP, QAbstractTableModel, QModelIndex, QObject, QSortFilterProxyModel,
                            Qt, Signal)
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLabel, QPushButton, QScrollArea, QSizePolicy, QSplitter, QTableView, QTabWidget, QVBoxLayout,
                               QWidget)

from desktop.errors import LedgerError
from desktop.i18n import translate
from desktop.ledger import Ledger
from desktop.reporting import cards as card_rules
from desktop.reporting import report as R
from ui.file_export import FileExport
from ui.month_header import MonthFigureView
from ui.submission import SubmissionPanel


UP, DOWN = QColor("#2e7d32"), QColor("#c62828")
#: A figure reported unlike the ledger, either way: a fault to look into, never good news.
DISCREPANCY = QColor("#b26a00")
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
        if role == Qt.ForegroundRole and kind == "discrepancy" and value:
            return DISCREPANCY
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


class ReportView(FileExport, MonthFigureView):
    """The monthly report of the chosen unit ("" = the whole country) and month."""

    sig_exported = Signal(str)
    """The report was written to this file (Excel or PDF)."""

    LOADING = QT_TR_NOOP("Computing the report…")
    FAILED = QT_TR_NOOP("The report could not be computed.")
    SAVE_FAILED = QT_TR_NOOP("The report could not be saved: {reason}")
    MONTH_DELAY = 250

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(ledger, "report", None, parent)
        self.setObjectName("report_view")
        self.report: R.MonthlyReport | None = None
        self.excel_button = QPushButton(self)
        self.excel_button.setObjectName("report_export_excel")
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("report_export_pdf")
        self.pdf_button.clicked.connect(self.export_pdf)

        # ---- the sections, a tab each
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("report_sections")
        self.panels: dict[str, _TablePanel] = {}
        self._section_pages: dict[str, QScrollArea] = {}
        #: section key → the keys of the tables its page shows (a scope's report may hold more:
        #: the overdue tasks and the villages due are listed at a county's scope or below)
        self._page_tables: dict[str, tuple[str, ...]] = {}

        # ---- the chart of a figure per unit below
        self.figure_combo.setCurrentIndex(self.figure_combo.findData(DEFAULT_FIGURE))
        self.chart_view = self.make_chart_view("report_chart")
        self.chart_view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.chart_view.setMinimumHeight(self.fontMetrics().height() * 10)
        chart_panel = self.chart_panel = QWidget(self)
        chart_panel.setObjectName("report_chart_panel")
        chart_layout = QVBoxLayout(chart_panel)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_scroll = QScrollArea(chart_panel)  # many units: a tall chart that scrolls
        self.chart_scroll.setObjectName("report_chart_scroll")
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.NoFrame)
        self.chart_scroll.setWidget(self.chart_view)
        chart_layout.addLayout(self.figure_bar_layout())
        chart_layout.addWidget(self.chart_scroll, 1)

        self.splitter = QSplitter(Qt.Vertical, self)
        self.splitter.setObjectName("report_splitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(chart_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([3000, 2000])  # scaled to the height there is: tables above, the chart below

        # ---- the monthly submission: the unit's own month, the units below to review
        self.submission = SubmissionPanel(ledger, self)
        self.submission.sig_changed.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.header_layout(self.excel_button, self.pdf_button))
        layout.addWidget(self.submission)
        layout.addWidget(self.splitter, 1)
        self.retranslate()
        self._update_month_buttons()

    # ------------------------------------------------------------- the view's figures
    def figure_items(self) -> list[tuple[str, str]]:
        return [(key, translate(R.CTX, label)) for key, label in R.UNIT_FIGURES.items()]

    def compute(self, reader: Ledger, scope: str, month: str) -> R.MonthlyReport:
        return R.monthly_report(reader, scope, month)

    def failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, ValueError) and not isinstance(exc, LedgerError):
            return str(exc)
        return super().failure_text(exc)

    def busy_changed(self) -> None:
        ready = self.report is not None and not self.loading and not self.exporting
        self.excel_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    # ------------------------------------------------------------- drawing
    def show_result(self) -> None:
        """Fill the tabs and the chart from the report on hand (no query)."""
        report = self.report
        if report is None:
            return
        current = self.tabs.currentIndex()
        for section in R.sections(report):
            page = self._section_pages.get(section.key)
            if page is None:
                page = self._section_pages[section.key] = self._section_page(section)
                self.tabs.addTab(page, section.title)
            elif self._page_tables[section.key] != tuple(t.key for t in section.tables):
                self._fill_page(page, section)  # another scope's report: other tables
            self.tabs.setTabText(self.tabs.indexOf(page), section.title)
            for table in section.tables:
                self.panels[table.key].show_table(table)
        if current >= 0:
            self.tabs.setCurrentIndex(current)
        self.submission.show_report(report)
        self.show_chart()

    def _section_page(self, section: R.Section) -> QScrollArea:
        """A tab's page: the section's tables, one under the other, scrolling together."""
        page = QScrollArea()
        page.setObjectName(f"report_section_{section.key}")
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.NoFrame)
        self._fill_page(page, section)
        return page

    def _fill_page(self, page: QScrollArea, section: R.Section) -> None:
        """Give *page* a panel for each of the section's tables (the panels it had go with it)."""
        for key in self._page_tables.get(section.key, ()):
            self.panels.pop(key, None)
        content = QWidget(page)
        page_layout = QVBoxLayout(content)
        page_layout.setContentsMargins(4, 4, 4, 4)
        for table in section.tables:
            panel = self.panels[table.key] = _TablePanel(table.key, content)
            page_layout.addWidget(panel)
        page_layout.addStretch(1)
        page.setWidget(content)  # the scroll area deletes the content it had
        self._page_tables[section.key] = tuple(t.key for t in section.tables)

    def show_chart(self) -> None:
        """Draw the chosen figure per unit below."""
        report = self.report
        if report is None:
            return
        figure = self.figure()
        share = figure in R.SHARE_FIGURES
        chart = self.chart_view.chart()
        self.clear_chart(chart)
        label = translate(R.CTX, R.UNIT_FIGURES[figure])
        chart.setTitle(self.tr("{level}: {figure}").format(level=report.unit_label, figure=label))
        rows = [(code, name, round((v or 0) * 100, 1) if share else float(v or 0))
                for code, name, v in report.unit_values(figure)]
        # one bar (a township's own report) says no more than its tables: no chart, no choice
        self.chart_panel.setVisible(card_rules.worth_a_chart(len(rows)))
        self.unit_bars(chart, label, rows, percent=share)
        line = self.fontMetrics().height()
        self.chart_view.setMinimumHeight(round(line * (6 + 1.5 * max(len(rows), 3))))

    # ------------------------------------------------------------- exports
    def _ask_path(self, title: str, suffix: str, filters: str) -> Path | None:
        report = self.report
        name = self.tr("Monthly report {unit} {month}").format(unit=report.scope_name, month=report.month)
        return self.ask_export_path("report", title, name, suffix, filters)

    def export_excel(self) -> None:
        """Ask where, then write the Excel form in a worker."""
        if self.report is None:
            return
        path = self._ask_path(self.tr("Export the report to Excel"), ".xlsx", self.tr("Excel workbooks (*.xlsx)"))
        if path is None:
            return
        from desktop.reporting.report_xlsx import write_report_xlsx

        report = self.report
        self.export_in_worker(path, lambda: write_report_xlsx(report, path))

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
            self.export_failed(exc)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.export_done(written)

    # ------------------------------------------------------------- language
    def retranslate(self) -> None:
        self.excel_button.setText(self.tr("Export &Excel…"))
        self.pdf_button.setText(self.tr("Export &PDF…"))
        self.figure_label.setText(self.tr("&Chart by unit"))
        super().retranslate()
