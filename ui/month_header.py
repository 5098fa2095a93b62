"""The month-figure view the dashboard and the monthly report are made of: the unit's name
in large type, a month picker with previous / next buttons, a figure to chart per unit
below, computing in a worker on a read-only connection of its own (the newest request
wins), and horizontal bar charts with one value-axis rule (:mod:`desktop.reporting.chart_axis`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QT_TR_NOOP, QDate, QEvent, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.reporting.chart_axis import value_axis
from desktop.reporting.months import month_being_reported
from desktop.scope.geo import geography
from ui import workers

if TYPE_CHECKING:
    from PySide6.QtCharts import QAbstractBarSeries, QChart, QChartView, QHorizontalBarSeries

BAR = QColor("#c62828")  # league red
LABEL = QColor("#212121")  # values beside the bars, on the chart's light background


class ChartSlot(QWidget):
    """The place of a chart in a view.  Its chart view (and QtCharts with it) is made when the
    chart is first asked for — when a computation has something to draw, after the window
    is shown — not when the view is made: QtCharts and the view cost the window's start
    some 15 ms.  Size and visibility are the slot's, the chart fills it."""

    def __init__(self, name: str, parent: QWidget, setup: Callable[["QChart"], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._setup = setup
        self._view: QChartView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def view(self) -> "QChartView":
        """The chart view, made now when it was not yet: an empty chart without a legend,
        titled in the view's bold font."""
        if self._view is None:
            from PySide6.QtCharts import QChart, QChartView

            chart = QChart()
            chart.legend().setVisible(False)
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.setBackgroundRoundness(0)
            title_font = QFont(self.font())
            title_font.setBold(True)
            chart.setTitleFont(title_font)
            chart.legend().setFont(self.font())
            view = QChartView(chart, self)
            view.setObjectName(f"{self.objectName()}_view")
            view.setRenderHint(QPainter.Antialiasing)
            self.layout().addWidget(view)
            self._view = view
            if self._setup is not None:
                self._setup(chart)
        return self._view

    def chart(self) -> "QChart":
        return self.view().chart()

    @property
    def made(self) -> bool:
        """Whether the chart view exists (never makes it)."""
        return self._view is not None


class MonthFigureView(QWidget):
    """A view of a unit ("" = the whole country) and a month, recomputed in a worker when
    either changes.  Subclasses say what to compute (:meth:`compute`), how to show it
    (:meth:`show_result`), which figures the per-unit chart offers (:meth:`figure_items`)
    and the texts of their state (``LOADING``, ``FAILED``, marked with ``QT_TR_NOOP``).

    Widgets: ``unit_label``, ``status_label``, ``month_label``, ``prev_button``,
    ``month_edit``, ``next_button``, ``figure_label`` and ``figure_combo`` (object names
    start with the view's *prefix*); :meth:`header_layout` lays out the first six.  Every view
    opens on the month being reported (:func:`desktop.reporting.months.month_being_reported`)
    unless given another *month*."""

    sig_loaded = Signal()
    """New figures are on screen."""
    sig_failed = Signal(object)
    """Computing failed (the exception)."""
    sig_unit_clicked = Signal(str)
    """The user clicked a unit's bar in the per-unit chart (its division code)."""

    LOADING = QT_TR_NOOP("Loading…")
    FAILED = QT_TR_NOOP("The figures could not be computed.")
    #: Milliseconds the month picker rests before the figures are recomputed.
    MONTH_DELAY = 200

    def __init__(self, ledger: Ledger, prefix: str, month: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.scope = ledger.scope
        self.loading = False
        #: what the view shows (None before the first answer)
        self.report: Any = None
        self._newest = workers.Newest(self, ledger.path)
        self._build_header(prefix, month)
        self.month_edit.dateChanged.connect(self._month_changed)
        self._month_timer = QTimer(self)
        self._month_timer.setSingleShot(True)
        self._month_timer.setInterval(self.MONTH_DELAY)
        self._month_timer.timeout.connect(self.refresh)
        self.figure_label = QLabel(self)
        self.figure_combo = QComboBox(self)
        self.figure_combo.setObjectName(f"{prefix}_figure")
        self.figure_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for key, label in self.figure_items():
            self.figure_combo.addItem(label, key)
        self.figure_combo.currentIndexChanged.connect(lambda _i: self.show_chart())
        self.figure_label.setBuddy(self.figure_combo)

    def _build_header(self, prefix: str, month: QDate) -> None:
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName(f"{prefix}_unit")
        title_font = QFont(self.font())
        title_font.setBold(True)
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.unit_label.setFont(title_font)
        self.unit_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setObjectName(f"{prefix}_status")
        self.month_label = QLabel(self)
        self.prev_button = QToolButton(self)
        self.prev_button.setObjectName(f"{prefix}_prev_month")
        self.prev_button.setArrowType(Qt.LeftArrow)
        self.prev_button.clicked.connect(lambda: self._step_month(-1))
        self.next_button = QToolButton(self)
        self.next_button.setObjectName(f"{prefix}_next_month")
        self.next_button.setArrowType(Qt.RightArrow)
        self.next_button.clicked.connect(lambda: self._step_month(1))
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName(f"{prefix}_month")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setMinimumDate(QDate(2000, 1, 1))
        today = dt.date.today()
        self.month_edit.setMaximumDate(QDate(today.year, today.month, 1))
        if month is None:
            reported = month_being_reported(self.ledger)
            month = QDate(int(reported[:4]), int(reported[5:]), 1)
        self.month_edit.setDate(month)
        self.month_edit.setCurrentSection(QDateEdit.MonthSection)
        self.month_label.setBuddy(self.month_edit)

    def header_layout(self, *extra: QWidget) -> QHBoxLayout:
        """The unit's name, the state, the month picker, then *extra* widgets."""
        header = QHBoxLayout()
        header.addWidget(self.unit_label, 1)
        header.addWidget(self.status_label)
        header.addSpacing(12)
        for widget in (self.month_label, self.prev_button, self.month_edit, self.next_button):
            header.addWidget(widget)
        if extra:
            header.addSpacing(12)
        for widget in extra:
            header.addWidget(widget)
        return header

    def figure_bar_layout(self) -> QHBoxLayout:
        """The choice of the figure charted per unit below."""
        bar = QHBoxLayout()
        bar.addWidget(self.figure_label)
        bar.addWidget(self.figure_combo)
        bar.addStretch(1)
        return bar

    # ------------------------------------------------------------- for subclasses
    def figure_items(self) -> Iterable[tuple[str, str]]:
        """(key, label) of the figures the per-unit chart offers."""
        return ()

    def compute(self, reader: Ledger, scope: str, month: str) -> Any:
        """What the view shows of *scope* and *month* (runs in a worker); each view defines it."""
        raise NotImplementedError(f"{type(self).__name__} defines no computation")

    def show_result(self) -> None:
        """Show :attr:`report` (on hand: no query)."""

    def show_chart(self) -> None:
        """Draw the chosen figure per unit below (from :attr:`report`: no query)."""

    def failure_text(self, exc: BaseException) -> str:
        return exc.text() if isinstance(exc, LedgerError) else self.tr(self.FAILED)

    def busy_changed(self) -> None:
        """The view started or stopped computing (:attr:`loading`)."""

    # ------------------------------------------------------------- public
    def set_scope(self, code: str) -> None:
        """Show the unit *code* ("" = the whole country)."""
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
        """The figure shown per unit below (a key of :meth:`figure_items`)."""
        return self.figure_combo.currentData()

    def set_figure(self, figure: str) -> None:
        self.figure_combo.setCurrentIndex(self.figure_combo.findData(figure))

    def refresh(self) -> None:
        """Recompute (in a worker); older answers still on their way are ignored."""
        self._month_timer.stop()
        scope, month = self.scope, self.month()
        self._set_loading(True)
        self._newest.start(lambda reader, _task: self.compute(reader, scope, month), self._loaded, self._failed)

    # ------------------------------------------------------------- answers
    def _loaded(self, result: Any) -> None:
        self.report = result
        self.show_result()
        self._set_loading(False)
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.busy_changed()
        self.status_label.setText(self.failure_text(exc))
        self.sig_failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.status_label.setText(self.tr(self.LOADING) if loading else "")
        self.busy_changed()

    def _show_unit_name(self) -> None:
        geo = geography()
        if not self.scope:
            self.unit_label.setText(self.tr("All of China"))
        elif geo.exists(self.scope):
            self.unit_label.setText(geo.full_name(self.scope))
        else:
            self.unit_label.setText(self.scope)

    # ------------------------------------------------------------- month
    def _step_month(self, months: int) -> None:
        self.month_edit.setDate(self.month_edit.date().addMonths(months))

    def _update_month_buttons(self) -> None:
        date = self.month_edit.date()
        self.prev_button.setEnabled(date.addMonths(-1) >= self.month_edit.minimumDate())
        self.next_button.setEnabled(date.addMonths(1) <= self.month_edit.maximumDate())

    def _month_changed(self, _date: QDate) -> None:
        self._update_month_buttons()
        self._month_timer.start()

    # ------------------------------------------------------------- charts
    def make_chart_view(self, name: str, setup: Callable[["QChart"], None] | None = None) -> ChartSlot:
        """The place of a chart (:class:`ChartSlot`): its empty chart, without a legend, is made
        when first asked for, then given to *setup*."""
        return ChartSlot(name, self, setup)

    @staticmethod
    def clear_chart(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()

    @staticmethod
    def bar_series(label: str, values: list[float], percent: bool = False) -> QHorizontalBarSeries:
        """One set of league-red bars, each with its value beside it (*percent*: 0…100)."""
        from PySide6.QtCharts import QAbstractBarSeries, QBarSet, QHorizontalBarSeries

        bars = QBarSet(label)
        bars.setColor(BAR)
        bars.setLabelColor(LABEL)
        bars.append([float(v) for v in values])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsOutsideEnd)
        series.setLabelsFormat("@value%" if percent else "@value")
        series.setLabelsPrecision(6)
        return series

    def unit_bars(self, chart: QChart, label: str, rows: list[tuple[str, str, float]], percent: bool = False) -> None:
        """Draw one bar per unit of the (code, name, value) *rows*, the first at the top
        (*percent*: values are 0…100); clicking a bar names its unit (:attr:`sig_unit_clicked`)."""
        rows = rows[::-1]  # a horizontal chart draws the first category at the bottom
        series = self.bar_series(label, [v for _c, _n, v in rows], percent)
        series.clicked.connect(lambda index, _set: self._bar_clicked(rows, index))
        chart.addSeries(series)
        axis = (100, 20) if percent else value_axis(max([v for _c, _n, v in rows] + [1]))
        self.bar_axes(chart, series, [name for _c, name, _v in rows] or [""], axis, "%d%%" if percent else "%d")

    def bar_axes(self, chart: QChart, series: QAbstractBarSeries, categories: list[str],
                 axis: tuple[float, float], label_format: str = "%d") -> None:
        """Categories on the left (first one at the bottom), values from 0 to *axis* = (top,
        step) along the bottom."""
        from PySide6.QtCharts import QBarCategoryAxis, QValueAxis

        names = QBarCategoryAxis()
        names.append(categories)
        names.setLabelsFont(self.font())
        names.setTruncateLabels(False)  # Chinese names are short; an elided one says nothing
        values = QValueAxis()
        top, step = axis
        values.setRange(0, top)
        values.setTickType(QValueAxis.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(step)
        values.setLabelFormat(label_format)
        values.setLabelsFont(self.font())
        chart.addAxis(names, Qt.AlignLeft)
        chart.addAxis(values, Qt.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)

    def _bar_clicked(self, rows: list[tuple[str, str, float]], index: int) -> None:
        if 0 <= index < len(rows) and rows[index][0] != self.scope:
            self.sig_unit_clicked.emit(rows[index][0])

    # ------------------------------------------------------------- language
    def retranslate(self) -> None:
        """Set every text in the current language (and show what is on hand again)."""
        self.month_label.setText(self.tr("&Month"))
        self.prev_button.setToolTip(self.tr("Previous month"))
        self.next_button.setToolTip(self.tr("Next month"))
        for i, (_key, label) in enumerate(self.figure_items()):
            self.figure_combo.setItemText(i, label)
        self._show_unit_name()
        if self.report is not None:
            self.show_result()
        if self.loading:
            self._set_loading(True)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.report is None and not self.loading:
            self.set_scope(self.scope)  # first shown: the ledger's own unit

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

