"""The dashboard (月报概览): the monthly report's headline figures of the chosen unit,
as figure cards and bar charts.  Every figure is computed in a worker thread on a
read-only connection of its own (``desktop.reporting.figures``); the GUI thread only draws."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Callable

from PySide6.QtCharts import (QAbstractBarSeries, QBarCategoryAxis, QBarSet, QChart, QChartView,
                              QHorizontalBarSeries, QHorizontalStackedBarSeries, QValueAxis)
from PySide6.QtCore import QDate, QEvent, QLocale, QMargins, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea,
                               QSizePolicy, QToolTip, QVBoxLayout, QWidget)

from desktop.reporting import figures
from desktop.records.enums import enumerations
from desktop.errors import LedgerError
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from ui import workers
from ui.month_header import MonthHeader

#: Cards in this many columns (two rows of five fit a 1366-pixel screen beside the unit tree).
CARD_COLUMNS = 5
CARDS = ("members", "townships", "funding", "mobilisation", "review",
         "checklist", "direct_orgs", "coop", "wechat_groups", "wechat_reach")
VERIFIED, DONE, NOT_DONE = QColor("#2e7d32"), QColor("#81c784"), QColor("#cfd8dc")
BAR = QColor("#c62828")  # league red
LABEL = QColor("#212121")  # values beside the bars, on the chart's light background


def _nice_step(maximum: float, ticks: int = 5) -> int:
    """The smallest round tick interval (1, 2 or 5 times a power of ten) that needs at most
    *ticks* intervals to reach *maximum*."""
    power = 1
    while True:
        for m in (1, 2, 5):
            if m * power * ticks >= maximum:
                return m * power
        power *= 10


class FigureCard(QFrame):
    """One headline figure: a large number, its label and a line of detail."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card_{name}")
        self.setFrameShape(QFrame.StyledPanel)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.value_label = QLabel("…", self)
        self.value_label.setObjectName(f"card_{name}_value")
        big = QFont(self.font())
        if big.pointSizeF() > 0:
            big.setPointSizeF(big.pointSizeF() * 1.9)
        else:
            big.setPixelSize(round(big.pixelSize() * 1.9))
        big.setBold(True)
        self.value_label.setFont(big)
        self.title_label = QLabel(self)
        self.title_label.setObjectName(f"card_{name}_title")
        self.title_label.setWordWrap(True)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName(f"card_{name}_detail")
        self.detail_label.setWordWrap(True)
        muted = self.detail_label.palette()
        muted.setColor(QPalette.WindowText, muted.color(QPalette.PlaceholderText))
        self.detail_label.setPalette(muted)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)

    def show_figure(self, title: str, value: str, detail: str = "") -> None:
        self.title_label.setText(title)
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setToolTip(f"{title}: {value}" + (f"\n{detail}" if detail else ""))


class DashboardView(MonthHeader, QWidget):
    """Headline figures of the monthly report for a unit and a month: figure cards,
    committee members by source, checklist progress by system, and one figure per unit
    below as a bar chart."""

    sig_loaded = Signal()
    """New figures are on screen."""
    sig_failed = Signal(object)
    """Computing the figures failed (the exception)."""
    sig_unit_clicked = Signal(str)
    """The user clicked a unit's bar in the per-unit chart (its division code)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.ledger = ledger
        self.scope = ledger.scope
        self.loading = False
        #: the figures on screen
        self.report: figures.Report | None = None
        #: (code, name, value) of the chosen figure per unit below, as drawn
        self.units: list[tuple[str, str, int]] = []
        self._newest = workers.Newest(self, ledger.path)

        # ---- header: unit, month, state
        today = dt.date.today()
        self._build_header("dashboard", QDate(today.year, today.month, 1))
        self.month_edit.dateChanged.connect(self._month_changed)
        self._month_timer = QTimer(self)
        self._month_timer.setSingleShot(True)
        self._month_timer.setInterval(200)
        self._month_timer.timeout.connect(self.refresh)

        header = QHBoxLayout()
        header.addWidget(self.unit_label, 1)
        header.addWidget(self.status_label)
        header.addSpacing(12)
        header.addWidget(self.month_label)
        header.addWidget(self.prev_button)
        header.addWidget(self.month_edit)
        header.addWidget(self.next_button)

        # ---- figure cards
        self.cards = {name: FigureCard(name) for name in CARDS}
        card_grid = QGridLayout()
        card_grid.setSpacing(8)
        for i, name in enumerate(CARDS):
            card_grid.addWidget(self.cards[name], i // CARD_COLUMNS, i % CARD_COLUMNS)
        for column in range(CARD_COLUMNS):
            card_grid.setColumnStretch(column, 1)

        # ---- charts
        self.source_view = self._chart_view("chart_sources")
        self.checklist_view = self._chart_view("chart_checklist")
        self.checklist_view.chart().legend().setVisible(True)
        self.checklist_view.chart().legend().setAlignment(Qt.AlignBottom)
        self.units_view = self._chart_view("chart_units")
        row = self.fontMetrics().height()
        self.source_view.setMinimumHeight(row * 18)
        self.checklist_view.setMinimumHeight(row * 18)
        self.units_view.setMinimumHeight(row * 12)
        charts = QHBoxLayout()
        charts.addWidget(self.source_view, 1)
        charts.addWidget(self.checklist_view, 1)

        self.figure_label = QLabel(self)
        self.figure_combo = QComboBox(self)
        self.figure_combo.setObjectName("dashboard_figure")
        self.figure_combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        for key in figures.FIGURES:
            self.figure_combo.addItem(figures.figure_label(key), key)
        self.figure_combo.currentIndexChanged.connect(lambda _i: self._show_units())
        self.figure_label.setBuddy(self.figure_combo)
        unit_bar = QHBoxLayout()
        unit_bar.addWidget(self.figure_label)
        unit_bar.addWidget(self.figure_combo)
        unit_bar.addStretch(1)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(card_grid)
        body.addLayout(charts)
        body.addLayout(unit_bar)
        body.addWidget(self.units_view)
        body.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("dashboard_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.scroll, 1)
        self._retranslate()
        self._update_month_buttons()

    def _chart_view(self, name: str) -> QChartView:
        chart = QChart()
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().setFont(self.font())
        view = QChartView(chart, self)
        view.setObjectName(name)
        view.setRenderHint(QPainter.Antialiasing)
        view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
        return view

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
        year, mon = int(month[:4]), int(month[5:7])
        self.month_edit.setDate(QDate(year, mon, 1))
        self.refresh()

    @property
    def headline(self) -> figures.Headline | None:
        """The headline figures on screen."""
        return self.report.headline if self.report else None

    def figure(self) -> str:
        """The figure shown per unit below (a key of ``desktop.reporting.figures.FIGURES``)."""
        return self.figure_combo.currentData()

    def set_figure(self, figure: str) -> None:
        self.figure_combo.setCurrentIndex(self.figure_combo.findData(figure))

    def refresh(self) -> None:
        """Recompute every figure (in a worker); older answers still on their way are ignored."""
        self._month_timer.stop()
        scope, month = self.scope, self.month()
        self._set_loading(True)
        self._newest.start(lambda reader, _task: figures.report(reader, scope, month), self._loaded, self._failed)

    def _start(self, compute: Callable[[Ledger, workers.Task], Any], on_done, on_failed) -> Callable[[], None]:
        """Compute on a read-only connection of its own, in a worker; returns the canceller."""
        return workers.start_on_reader(self.ledger.path, compute, on_done, on_failed)

    # ------------------------------------------------------------- answers
    def _loaded(self, report: figures.Report) -> None:
        self.report = report
        self._show_headline(report.headline)
        self._show_units()
        self._set_loading(False)
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        text = exc.text() if isinstance(exc, LedgerError) else self.tr("The figures could not be computed.")
        self.status_label.setText(text)
        self.sig_failed.emit(exc)

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.status_label.setText(self.tr("Loading…") if loading else "")

    # ------------------------------------------------------------- drawing
    def _number(self, n: int) -> str:
        return QLocale().toString(int(n))

    def _percent(self, value: float | None) -> str:
        if value is None:
            return "–"
        return self.tr("{percent}%").format(percent=QLocale().toString(value * 100, "f", 1))

    def _show_unit_name(self) -> None:
        geo = geography()
        if not self.scope:
            self.unit_label.setText(self.tr("All of China"))
        elif geo.exists(self.scope):
            self.unit_label.setText(geo.full_name(self.scope))
        else:
            self.unit_label.setText(self.scope)

    def _show_headline(self, h: figures.Headline) -> None:
        n, pct = self._number, self._percent
        c = self.cards

        def of_townships(part_share: float | None) -> str:
            if part_share is None:
                return ""
            return self.tr("{percent} of %Ln township(s)", "", h.townships).format(percent=pct(part_share))

        c["members"].show_figure(
            self.tr("Committee members"), n(h.members_current),
            self.tr("{added} joined, {exited} left this month").format(added=n(h.members_added),
                                                                       exited=n(h.members_exited)))
        c["townships"].show_figure(self.tr("Township committees"), n(h.townships))
        c["funding"].show_figure(self.tr("Funding of 20,000 yuan secured"), n(h.townships_funding_secured),
                                 of_townships(h.funding_secured_share))
        c["mobilisation"].show_figure(self.tr("Mobilisation meeting held"), n(h.townships_mobilisation_meeting),
                                      of_townships(h.mobilisation_meeting_share))
        c["review"].show_figure(self.tr("Summary-and-review meeting held"), n(h.townships_review_meeting),
                                of_townships(h.review_meeting_share))
        total, done, verified = h.checklist_total
        c["checklist"].show_figure(
            self.tr("Checklist tasks done"), n(done),
            self.tr("{percent} of %Ln task(s); {verified} verified", "", total).format(
                percent=pct(h.checklist_done_share), verified=n(verified)))
        c["direct_orgs"].show_figure(
            self.tr("Directly affiliated organisations"), n(h.direct_orgs_total),
            self.tr("{new} new this month; {revoked} revoked; {rectifying} under rectification").format(
                new=n(h.direct_orgs_new), revoked=n(h.direct_orgs_revoked), rectifying=n(h.direct_orgs_rectifying)))
        c["coop"].show_figure(
            self.tr("Co-operative working committees"), n(h.coop_committees),
            "" if h.coop_committees_share is None else
            self.tr("{percent} of %Ln county committee(s)", "", h.counties).format(percent=pct(h.coop_committees_share)))
        c["wechat_groups"].show_figure(self.tr("WeChat groups"), n(h.wechat_groups))
        c["wechat_reach"].show_figure(self.tr("Young people reached"), n(h.wechat_reach),
                                      self.tr("through WeChat groups"))
        self._show_sources(h)
        self._show_checklist(h)

    @staticmethod
    def _clear(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()

    def _axes(self, chart: QChart, series: QAbstractBarSeries, categories: list[str], maximum: float) -> None:
        """Categories on the left (first one at the top), values along the bottom."""
        names = QBarCategoryAxis()
        names.append(categories)
        names.setLabelsFont(self.font())
        names.setTruncateLabels(False)  # Chinese names are short; an elided one says nothing
        values = QValueAxis()
        step = _nice_step(maximum * 1.15)
        values.setRange(0, step * max(1, math.ceil(maximum * 1.15 / step)))
        values.setTickType(QValueAxis.TicksDynamic)
        values.setTickAnchor(0)
        values.setTickInterval(step)
        values.setLabelFormat("%d")
        values.setLabelsFont(self.font())
        chart.addAxis(names, Qt.AlignLeft)
        chart.addAxis(values, Qt.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(values)

    def _show_sources(self, h: figures.Headline) -> None:
        chart = self.source_view.chart()
        self._clear(chart)
        chart.setTitle(self.tr("Committee members by source"))
        enums = enumerations()
        items = list(h.members_by_source.items())[::-1]  # a horizontal chart draws the first category at the bottom
        bars = QBarSet(self.tr("Committee members"))
        bars.setColor(BAR)
        bars.setLabelColor(LABEL)
        bars.append([float(v) for _k, v in items])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        self._axes(chart, series, [enums.label("member_source", k) for k, _v in items],
                   max([v for _k, v in items] + [1]))

    def _show_checklist(self, h: figures.Headline) -> None:
        chart = self.checklist_view.chart()
        self._clear(chart)
        chart.setTitle(self.tr("Checklist progress by system"))
        enums = enumerations()
        items = list(h.checklist.items())[::-1]
        sets = []
        for name, colour, pick in (
            (self.tr("Verified"), VERIFIED, lambda t, d, v: v),
            (self.tr("Done, not yet verified"), DONE, lambda t, d, v: d - v),
            (self.tr("Not done"), NOT_DONE, lambda t, d, v: t - d),
        ):
            bars = QBarSet(name)
            bars.setColor(colour)
            bars.setBorderColor(colour)
            bars.append([float(pick(*counts)) for _k, counts in items])
            sets.append(bars)
        series = QHorizontalStackedBarSeries()
        series.append(sets)
        labels = [enums.label("checklist_system", k) for k, _c in items]
        series.hovered.connect(lambda on, index, _set: self._checklist_tip(on, labels, items, index))
        chart.addSeries(series)
        self._axes(chart, series, labels, max([c[0] for _k, c in items] + [1]))

    def _checklist_tip(self, on: bool, labels: list[str], items: list, index: int) -> None:
        if not on or not 0 <= index < len(items):
            QToolTip.hideText()
            return
        total, done, verified = items[index][1]
        QToolTip.showText(QCursor.pos(), self.tr("{system}: %Ln task(s), {done} done, {verified} verified", "",
                                                 total).format(system=labels[index], done=self._number(done),
                                                               verified=self._number(verified)),
                          self.checklist_view)

    def _level_title(self, scope: str) -> str:
        """What the units one level below *scope* are."""
        return {0: self.tr("Provinces"), 2: self.tr("Prefectures"), 4: self.tr("Counties"),
                6: self.tr("Townships")}.get(len(scope), self.tr("This township"))

    def _show_units(self) -> None:
        """Draw the chosen figure per unit below (from the report on hand: no query)."""
        if self.report is None:
            return
        figure = self.figure()
        units = self.units = self.report.units[figure]
        chart = self.units_view.chart()
        self._clear(chart)
        label = figures.figure_label(figure)
        level = self._level_title(self.report.headline.scope)
        if not units:
            chart.setTitle(self.tr("{level}: none with a township committee in the ledger").format(level=level))
        else:
            chart.setTitle(self.tr("{level}: {figure}").format(level=level, figure=label))
        rows = units[::-1]
        bars = QBarSet(label)
        bars.setColor(BAR)
        bars.setLabelColor(LABEL)
        bars.append([float(v) for _c, _n, v in rows])
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.clicked.connect(lambda index, _set: self._unit_clicked(rows, index))
        chart.addSeries(series)
        self._axes(chart, series, [name for _c, name, _v in rows], max([v for _c, _n, v in rows] + [1]))
        row = self.fontMetrics().height()
        self.units_view.setMinimumHeight(row * (8 + round(1.8 * max(len(units), 3))))

    def _unit_clicked(self, rows: list[tuple[str, str, int]], index: int) -> None:
        if 0 <= index < len(rows) and rows[index][0] != self.scope:
            self.sig_unit_clicked.emit(rows[index][0])

    # ------------------------------------------------------------- month
    def _month_changed(self, _date: QDate) -> None:
        self._update_month_buttons()
        self._month_timer.start()

    # ------------------------------------------------------------- language
    def _retranslate(self) -> None:
        self.month_label.setText(self.tr("&Month"))
        self.prev_button.setToolTip(self.tr("Previous month"))
        self.next_button.setToolTip(self.tr("Next month"))
        self.figure_label.setText(self.tr("&By unit"))
        for i in range(self.figure_combo.count()):
            self.figure_combo.setItemText(i, figures.figure_label(self.figure_combo.itemData(i)))
        self._show_unit_name()
        if self.report is not None:
            self._show_headline(self.report.headline)
            self._show_units()
        if self.loading:
            self._set_loading(True)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.report is None and not self.loading:
            self.set_scope(self.scope)  # first shown: load the ledger's own unit

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
