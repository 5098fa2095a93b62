"""The dashboard (月报概览): the monthly report's headline figures of the chosen unit,
as figure cards and bar charts.  Every figure is computed in a worker thread on a
read-only connection of its own (``desktop.reporting.figures``); the GUI thread only draws."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPalette
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QToolTip,
                               QVBoxLayout, QWidget)

from desktop.ledger import Ledger
from desktop.records.enums import enumerations
from desktop.reporting import cards as card_rules
from desktop.reporting import figures
from desktop.reporting.chart_axis import value_axis
from ui.month_header import MonthFigureView

#: Cards in this many columns (two rows of five fit a 1366-pixel screen beside the unit tree).
CARD_COLUMNS = 5
CARDS = tuple(c.name for c in card_rules.CARDS)
VERIFIED, DONE, NOT_DONE = QColor("#2e7d32"), QColor("#81c784"), QColor("#cfd8dc")


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


class DashboardView(MonthFigureView):
    """Headline figures of the monthly report for a unit and a month: figure cards,
    committee members by source, checklist progress by system, and one figure per unit
    below as a bar chart."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None) -> None:
        super().__init__(ledger, "dashboard", None, parent)
        self.setObjectName("dashboard")
        #: the figures on screen
        self.report: figures.Report | None = None
        #: (code, name, value) of the chosen figure per unit below, as drawn
        self.units: list[tuple[str, str, int]] = []

        # ---- figure cards
        self.cards = {name: FigureCard(name) for name in CARDS}
        card_grid = self.card_grid = QGridLayout()
        card_grid.setSpacing(8)
        self._lay_out_cards(CARDS)
        for column in range(CARD_COLUMNS):
            card_grid.setColumnStretch(column, 1)

        # ---- charts
        self.source_view = self.make_chart_view("chart_sources")
        self.checklist_view = self.make_chart_view("chart_checklist", self._with_legend)
        self.units_view = self.make_chart_view("chart_units")
        row = self.fontMetrics().height()
        for view, lines in ((self.source_view, 18), (self.checklist_view, 18), (self.units_view, 12)):
            view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Minimum)
            view.setMinimumHeight(row * lines)
        charts = QHBoxLayout()
        charts.addWidget(self.source_view, 1)
        charts.addWidget(self.checklist_view, 1)

        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(card_grid)
        body.addLayout(charts)
        body.addLayout(self.figure_bar_layout())
        body.addWidget(self.units_view)
        body.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("dashboard_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.header_layout())
        layout.addWidget(self.scroll, 1)
        self.retranslate()
        self._update_month_buttons()

    # ------------------------------------------------------------- the view's figures
    def figure_items(self) -> list[tuple[str, str]]:
        return [(key, figures.figure_label(key)) for key in figures.FIGURES]

    def compute(self, reader: Ledger, scope: str, month: str) -> figures.Report:
        return figures.report(reader, scope, month)

    def show_result(self) -> None:
        self._show_headline(self.report.headline)
        self.show_chart()

    @property
    def headline(self) -> figures.Headline | None:
        """The headline figures on screen."""
        return self.report.headline if self.report else None

    # ------------------------------------------------------------- drawing
    def _lay_out_cards(self, names: list[str] | tuple[str, ...]) -> None:
        """Show the cards *names* in reading order, without gaps; hide the others."""
        for card in self.cards.values():
            self.card_grid.removeWidget(card)
            card.hide()
        for i, name in enumerate(names):
            self.card_grid.addWidget(self.cards[name], i // CARD_COLUMNS, i % CARD_COLUMNS)
            self.cards[name].show()

    def shown_cards(self) -> list[str]:
        """The names of the cards on screen, in layout order."""
        return [n for n in CARDS if not self.cards[n].isHidden()]

    def _number(self, n: int) -> str:
        return QLocale().toString(int(n))

    def _percent(self, value: float | None) -> str:
        if value is None:
            return "–"
        return self.tr("{percent}%").format(percent=QLocale().toString(value * 100, "f", 1))

    def _show_headline(self, h: figures.Headline) -> None:
        n, pct = self._number, self._percent
        c = self.cards
        self._lay_out_cards(card_rules.cards_for(h.scope))

        def of_townships(part_share: float | None) -> str:
            if part_share is None:
                return ""
            return self.tr("{percent} of %Ln township(s)", "", h.expected_townships).format(percent=pct(part_share))

        def township_figure(card: str, title: str, count: int, part_share: float | None) -> None:
            if card_rules.reads_as_flag(card, h.scope):
                c[card].show_figure(title, self.tr("Yes") if count else self.tr("Not yet"))
            else:
                c[card].show_figure(title, n(count), of_townships(part_share))

        sources = [k for k, v in h.members_by_source.items() if v]
        detail = self.tr("{added} joined, {exited} left this month").format(added=n(h.members_added),
                                                                            exited=n(h.members_exited))
        if len(sources) == 1:  # the chart of sources would be one bar: it becomes this line
            detail += "\n" + self.tr("all {source}").format(source=enumerations().label("member_source", sources[0]))
        if h.records_incomplete:  # records imported without required values (待补全), until completed
            detail += "\n" + self.tr("{n} records to complete").format(n=n(h.records_incomplete))
        c["members"].show_figure(self.tr("Committee members"), n(h.members_current), detail)
        c["townships"].show_figure(self.tr("Township committees"), n(h.townships))
        township_figure("funding", self.tr("Funding of 20,000 yuan secured"), h.townships_funding_secured,
                        h.funding_secured_share)
        township_figure("mobilisation", self.tr("Mobilisation meeting held"), h.townships_mobilisation_meeting,
                        h.mobilisation_meeting_share)
        township_figure("review", self.tr("Summary-and-review meeting held"), h.townships_review_meeting,
                        h.review_meeting_share)
        total, done, verified = h.checklist_total
        c["checklist"].show_figure(
            self.tr("Checklist tasks done"), n(done),
            self.tr("{percent} of %Ln task(s); {verified} verified", "", total).format(
                percent=pct(h.checklist_done_share), verified=n(verified)) if total else
            self.tr("No checklist tasks yet"))
        c["direct_orgs"].show_figure(
            self.tr("Directly affiliated organisations"), n(h.direct_orgs_total),
            self.tr("{new} new this month; {revoked} revoked; {rectifying} under rectification").format(
                new=n(h.direct_orgs_new), revoked=n(h.direct_orgs_revoked), rectifying=n(h.direct_orgs_rectifying)))
        c["coop"].show_figure(
            self.tr("Co-operative working committees"), n(h.coop_committees),
            "" if h.coop_committees_share is None else
            self.tr("{percent} of %Ln agricultural county(ies)", "", h.expected_counties).format(
                percent=pct(h.coop_committees_share)))
        c["wechat_groups"].show_figure(self.tr("WeChat groups"), n(h.wechat_groups))
        c["wechat_reach"].show_figure(self.tr("Young people reached"), n(h.wechat_reach),
                                      self.tr("through WeChat groups"))
        self._show_sources(h)
        self._show_checklist(h)

    def _show_sources(self, h: figures.Headline) -> None:
        chart = self.source_view.chart()
        self.clear_chart(chart)
        chart.setTitle(self.tr("Committee members by source"))
        enums = enumerations()
        items = list(h.members_by_source.items())[::-1]  # a horizontal chart draws the first category at the bottom
        self.source_view.setVisible(card_rules.worth_a_chart(sum(1 for _k, v in items if v)))
        series = self.bar_series(self.tr("Committee members"), [v for _k, v in items])
        chart.addSeries(series)
        self.bar_axes(chart, series, [enums.label("member_source", k) for k, _v in items],
                      value_axis(max([v for _k, v in items] + [1])))

    @staticmethod
    def _with_legend(chart) -> None:
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignBottom)

    def _show_checklist(self, h: figures.Headline) -> None:
        from PySide6.QtCharts import QBarSet, QHorizontalStackedBarSeries

        chart = self.checklist_view.chart()
        self.clear_chart(chart)
        chart.setTitle(self.tr("Checklist progress by system"))
        enums = enumerations()
        items = list(h.checklist.items())[::-1]
        self.checklist_view.setVisible(card_rules.worth_a_chart(sum(1 for _k, c in items if c[0])))
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
        self.bar_axes(chart, series, labels, value_axis(max([c[0] for _k, c in items] + [1])))

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

    def show_chart(self) -> None:
        """Draw the chosen figure per unit below (from the report on hand: no query)."""
        if self.report is None:
            return
        figure = self.figure()
        units = self.units = self.report.units[figure]
        # one bar (a township's own figure) says no more than its card: no chart, no choice of figure
        wanted = card_rules.worth_a_chart(len(units))
        for widget in (self.units_view, self.figure_label, self.figure_combo):
            widget.setVisible(wanted)
        chart = self.units_view.chart()
        self.clear_chart(chart)
        label = figures.figure_label(figure)
        level = self._level_title(self.report.headline.scope)
        if not units:
            chart.setTitle(self.tr("{level}: none with a township committee in the ledger").format(level=level))
        else:
            chart.setTitle(self.tr("{level}: {figure}").format(level=level, figure=label))
        self.unit_bars(chart, label, units)
        row = self.fontMetrics().height()
        self.units_view.setMinimumHeight(row * (8 + round(1.8 * max(len(units), 3))))

    def retranslate(self) -> None:
        self.figure_label.setText(self.tr("&By unit"))
        super().retranslate()
