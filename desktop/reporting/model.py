"""What the monthly report (月报) holds: its figures, per level and per unit, the month
before, timeliness, reported figures that differ from the ledger, and the units to remind
(:class:`MonthlyReport`), with the names the report gives them.  Computed by
:func:`desktop.reporting.report.monthly_report`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records.enums import enumerations
from desktop.reporting.figures import MSG_BAD_FIGURE, Headline, share

if TYPE_CHECKING:
    from desktop.reporting.problems import Problem
    from desktop.reporting.overdue import OverdueTasks
    from desktop.reporting.submissions import SubmissionState
    from desktop.reporting.work_figures import WorkFigures
    from desktop.reporting.work_section import WorkRecords

CTX = "report"

#: What the units of each level are called in the report.
LEVELS: dict[int, str] = {
    1: QT_TRANSLATE_NOOP("report", "Provinces"),
    2: QT_TRANSLATE_NOOP("report", "Prefectures"),
    3: QT_TRANSLATE_NOOP("report", "Counties"),
    4: QT_TRANSLATE_NOOP("report", "Townships"),
}

#: The figures the per-unit bar chart can show (key → label); :meth:`UnitFigures.value`.
UNIT_FIGURES: dict[str, str] = {
    "members_current": QT_TRANSLATE_NOOP("report", "Committee members now"),
    "members_added": QT_TRANSLATE_NOOP("report", "Committee members added"),
    "members_exited": QT_TRANSLATE_NOOP("report", "Committee members exited"),
    "townships": QT_TRANSLATE_NOOP("report", "Township committees"),
    "mobilisation_meeting": QT_TRANSLATE_NOOP("report", "Townships that held a mobilisation meeting"),
    "mobilisation_share": QT_TRANSLATE_NOOP("report", "Mobilisation meeting held (% of townships)"),
    "review_meeting": QT_TRANSLATE_NOOP("report", "Townships that held a review meeting"),
    "review_share": QT_TRANSLATE_NOOP("report", "Review meeting held (% of townships)"),
    "direct_orgs": QT_TRANSLATE_NOOP("report", "Directly affiliated organisations"),
    "direct_orgs_new": QT_TRANSLATE_NOOP("report", "New directly affiliated organisations"),
    "direct_orgs_revoked": QT_TRANSLATE_NOOP("report", "Revoked (e.g. hollow)"),
    "direct_orgs_rectifying": QT_TRANSLATE_NOOP("report", "Under rectification"),
    "coop_committees": QT_TRANSLATE_NOOP("report", "Agricultural counties with a co-operative working committee"),
    "coop_share": QT_TRANSLATE_NOOP("report", "Agricultural counties covered (%)"),
    "wechat_groups": QT_TRANSLATE_NOOP("report", "WeChat groups"),
    "wechat_reach": QT_TRANSLATE_NOOP("report", "Young people reached"),
    "funding_secured": QT_TRANSLATE_NOOP("report", "Townships with 20,000 yuan funding secured"),
    "funding_share": QT_TRANSLATE_NOOP("report", "Funding secured (% of townships)"),
    "checklist_done": QT_TRANSLATE_NOOP("report", "Checklist tasks done"),
    "checklist_verified": QT_TRANSLATE_NOOP("report", "Checklist tasks verified"),
    "checklist_share": QT_TRANSLATE_NOOP("report", "Checklist tasks done (%)"),
    "townships_updated": QT_TRANSLATE_NOOP("report", "Townships that updated their ledger"),
    "timeliness_share": QT_TRANSLATE_NOOP("report", "Townships that updated their ledger (%)"),
    "lagging": QT_TRANSLATE_NOOP("report", "Units to remind"),
    "expected_townships": QT_TRANSLATE_NOOP("report", "Townships expected (division list)"),
    "silent": QT_TRANSLATE_NOOP("report", "Silent townships"),
}
#: The figures of :data:`UNIT_FIGURES` that are shares (0…1), shown as percentages.
SHARE_FIGURES = frozenset(k for k in UNIT_FIGURES if k.endswith("_share"))

#: The headline figures compared with the previous month, in the order of the overview.
COMPARED: dict[str, str] = {
    "members_current": UNIT_FIGURES["members_current"],
    "members_added": UNIT_FIGURES["members_added"],
    "members_exited": UNIT_FIGURES["members_exited"],
    "townships": UNIT_FIGURES["townships"],
    "mobilisation_meeting": UNIT_FIGURES["mobilisation_meeting"],
    "review_meeting": UNIT_FIGURES["review_meeting"],
    "funding_secured": UNIT_FIGURES["funding_secured"],
    "direct_orgs": UNIT_FIGURES["direct_orgs"],
    "direct_orgs_new": UNIT_FIGURES["direct_orgs_new"],
    "direct_orgs_revoked": UNIT_FIGURES["direct_orgs_revoked"],
    "direct_orgs_rectifying": UNIT_FIGURES["direct_orgs_rectifying"],
    "coop_committees": UNIT_FIGURES["coop_committees"],
    "wechat_groups": UNIT_FIGURES["wechat_groups"],
    "wechat_reach": UNIT_FIGURES["wechat_reach"],
    "checklist_done": UNIT_FIGURES["checklist_done"],
    "checklist_verified": UNIT_FIGURES["checklist_verified"],
}

MSG_ALL_OF_CHINA = QT_TRANSLATE_NOOP("report", "All of China")
MSG_TITLE = QT_TRANSLATE_NOOP("report", "Monthly report of {unit}, {month}")
MSG_PAGE = QT_TRANSLATE_NOOP("report", "Page {page} of {pages}")
MSG_CANNOT_WRITE = QT_TRANSLATE_NOOP("report", "Cannot write {path}.")
MSG_GENERATED = QT_TRANSLATE_NOOP("report", "Computed from the ledger on {when}; compared with {previous}.")
MSG_MORE_ROWS = QT_TRANSLATE_NOOP("report", "… and {n} more rows (see the Excel form).")
MSG_NO_SECRETARY = QT_TRANSLATE_NOOP("report", "no secretary on record")
MSG_NOT_ENTERED = QT_TRANSLATE_NOOP("report", "no records in the ledger")
MSG_NO_CHANGE = QT_TRANSLATE_NOOP("report", "no change this month")
MSG_YES = QT_TRANSLATE_NOOP("report", "yes")
MSG_NO = QT_TRANSLATE_NOOP("report", "no")
MSG_AS_REPORTED = QT_TRANSLATE_NOOP("report", "as reported")
MSG_LEDGER = QT_TRANSLATE_NOOP("report", "ledger")
MSG_NONE_LAGGING = QT_TRANSLATE_NOOP("report", "Every township updated its ledger and no reported figure differs.")
MSG_NONE_DIFFERING = QT_TRANSLATE_NOOP("report", "No reported figure of this month differs from the ledger.")


#: The reported metrics (``report_metric``) other than meetings, and the ledger's figure for each.
REPORTED_AS = {
    "members_current": "members_current", "members_added": "members_added", "members_exited": "members_exited",
    "direct_orgs_total": "direct_orgs_total", "direct_orgs_new": "direct_orgs_new",
    "wechat_groups": "wechat_groups", "wechat_reach": "wechat_reach", "funding_secured": "townships_funding_secured",
}



@dataclass(frozen=True)
class Contact:
    """Whom to call: a committee's secretary."""

    name: str
    phone: str


@dataclass(frozen=True)
class LevelCoverage:
    """Meetings held by the units of one level under the scope, by the month's end."""

    level: int  # 1 province, 2 prefecture, 3 county, 4 township
    units: int
    mobilisation: int
    review: int
    #: counted from the units' reported figures (the ledger keeps no committees of this level)
    reported: bool = False

    @property
    def label(self) -> str:
        return translate(CTX, LEVELS[self.level])

    @property
    def mobilisation_share(self) -> float | None:
        return share(self.mobilisation, self.units)

    @property
    def review_share(self) -> float | None:
        return share(self.review, self.units)


@dataclass(frozen=True)
class UnitFigures:
    """Every figure of one unit one level below the scope."""

    code: str
    name: str
    figures: Headline
    agricultural_counties: int = 0
    #: agricultural counties with a co-operative working committee
    coop_counties: int = 0
    townships_updated: int = 0
    #: townships (or the unit itself) that reported figures for the month
    reporting: int = 0
    lagging: int = 0
    #: expected townships without a change this month (incl. those not in the ledger at all)
    silent: int = 0

    def value(self, figure: str) -> float | int | None:
        """The unit's value of a figure of :data:`UNIT_FIGURES` (shares 0…1, None without a whole)."""
        h = self.figures
        total, done, verified = h.checklist_total
        return {
            "members_current": h.members_current, "members_added": h.members_added,
            "members_exited": h.members_exited, "townships": h.townships,
            "mobilisation_meeting": h.townships_mobilisation_meeting, "mobilisation_share": h.mobilisation_meeting_share,
            "review_meeting": h.townships_review_meeting, "review_share": h.review_meeting_share,
            "direct_orgs": h.direct_orgs_total, "direct_orgs_new": h.direct_orgs_new,
            "direct_orgs_revoked": h.direct_orgs_revoked, "direct_orgs_rectifying": h.direct_orgs_rectifying,
            "coop_committees": self.coop_counties, "coop_share": share(self.coop_counties, self.agricultural_counties),
            "wechat_groups": h.wechat_groups, "wechat_reach": h.wechat_reach,
            "funding_secured": h.townships_funding_secured, "funding_share": h.funding_secured_share,
            "checklist_done": done, "checklist_verified": verified, "checklist_share": share(done, total),
            "townships_updated": self.townships_updated,
            "timeliness_share": share(self.townships_updated, self.townships_updated + self.silent),
            "lagging": self.lagging, "expected_townships": h.expected_townships, "silent": self.silent,
        }[figure]


@dataclass(frozen=True)
class Comparison:
    """A headline figure this month and the month before."""

    key: str
    value: int
    previous: int
    share: float | None = None
    previous_share: float | None = None

    @property
    def label(self) -> str:
        return translate(CTX, COMPARED[self.key])

    @property
    def change(self) -> int:
        return self.value - self.previous


@dataclass(frozen=True)
class UnitRef:
    """A unit in a list: code, name, and the full name of the unit above it."""

    code: str
    name: str
    within: str


@dataclass(frozen=True)
class Difference:
    """A figure a unit reported for the month that differs from what the ledger yields."""

    unit: UnitRef
    metric: str
    reported: int
    ledger: int
    reported_by: str = ""
    reported_on: str = ""

    @property
    def label(self) -> str:
        return enumerations().label("report_metric", self.metric)

    @property
    def change(self) -> int:
        """Reported minus ledger."""
        return self.reported - self.ledger


@dataclass(frozen=True)
class LaggingUnit:
    """A unit to remind: silent this month (no change to its part of the ledger), or whose
    reported figures differ from the ledger, with its secretary's contact."""

    unit: UnitRef
    silent: bool
    differences: int
    secretary: Contact | None
    #: False for a unit the ledger has never heard of (no committee of it in the ledger)
    entered: bool = True


@dataclass(frozen=True)
class MonthlyReport:
    """The monthly report (月报) of a scope and a month."""

    scope: str
    scope_name: str
    month: str
    previous_month: str
    generated_at: str
    headline: Headline
    previous: Headline
    levels: tuple[LevelCoverage, ...]
    #: the level of :attr:`units` (1 province … 4 township)
    unit_level: int
    units: tuple[UnitFigures, ...]
    agricultural_counties: int
    coop_counties: int
    previous_coop_counties: int
    #: the townships the report expects: the division list's rural townships in scope, and any
    #: other township with a committee in the ledger
    expected: tuple[UnitRef, ...]
    updated: tuple[UnitRef, ...]
    #: expected townships whose part of the ledger did not change this month
    silent: tuple[UnitRef, ...]
    #: codes of the silent townships the ledger holds no committee of
    unknown: frozenset[str]
    #: codes of the units that reported figures for the month
    reporting: tuple[str, ...]
    differences: tuple[Difference, ...]
    lagging: tuple[LaggingUnit, ...]
    #: the monthly submission of each unit below (:mod:`desktop.reporting.submissions`)
    submissions: tuple["SubmissionState", ...] = ()
    #: the scope's own submission to the level above (None for all of China)
    own_submission: "SubmissionState | None" = None
    #: funding by source, publicity, unified activities, demonstration units, venues, co-operative
    #: organisations and rectifications (:mod:`desktop.reporting.work_figures`)
    work: "WorkFigures | None" = None
    #: the problem list (问题清单) of the scope and month (:mod:`desktop.reporting.problems`)
    problems: tuple["Problem", ...] = ()
    #: (key, value) of the thresholds the rules were evaluated with; empty when the report's
    #: scope is too wide for them (:func:`desktop.reporting.problems.in_report`)
    problem_thresholds: tuple[tuple[str, int], ...] = ()
    #: the work-ledger section (:mod:`desktop.reporting.work_section`)
    work_ledger: "WorkRecords | None" = None
    # ---- overdue checklist tasks (desktop.reporting.overdue)
    overdue: "OverdueTasks | None" = None

    @property
    def title(self) -> str:
        return translate(CTX, MSG_TITLE).format(unit=self.scope_name, month=self.month)

    @property
    def unit_label(self) -> str:
        """What the units below are called ("Townships", …)."""
        return translate(CTX, LEVELS[self.unit_level])

    @property
    def coop_share(self) -> float | None:
        """Agricultural counties covered by a co-operative working committee."""
        return share(self.coop_counties, self.agricultural_counties)

    @property
    def timeliness_share(self) -> float | None:
        """Townships that updated their ledger this month."""
        return share(len(self.updated), len(self.updated) + len(self.silent))

    @property
    def on_time_submissions(self) -> int:
        """Units below that submitted their month by its due day."""
        return sum(s.on_time for s in self.submissions)

    @property
    def on_time_share(self) -> float | None:
        """The on-time rate (填报及时率): units below that submitted by the due day."""
        return share(self.on_time_submissions, len(self.submissions))

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        h, p = self.headline, self.previous
        agri = self.agricultural_counties
        values = {
            "members_current": (h.members_current, p.members_current),
            "members_added": (h.members_added, p.members_added),
            "members_exited": (h.members_exited, p.members_exited),
            "townships": (h.townships, p.townships),
            "mobilisation_meeting": (h.townships_mobilisation_meeting, p.townships_mobilisation_meeting,
                                     h.mobilisation_meeting_share, p.mobilisation_meeting_share),
            "review_meeting": (h.townships_review_meeting, p.townships_review_meeting,
                               h.review_meeting_share, p.review_meeting_share),
            "funding_secured": (h.townships_funding_secured, p.townships_funding_secured,
                                h.funding_secured_share, p.funding_secured_share),
            "direct_orgs": (h.direct_orgs_total, p.direct_orgs_total),
            "direct_orgs_new": (h.direct_orgs_new, p.direct_orgs_new),
            "direct_orgs_revoked": (h.direct_orgs_revoked, p.direct_orgs_revoked),
            "direct_orgs_rectifying": (h.direct_orgs_rectifying, p.direct_orgs_rectifying),
            "coop_committees": (self.coop_counties, self.previous_coop_counties,
                                share(self.coop_counties, agri), share(self.previous_coop_counties, agri)),
            "wechat_groups": (h.wechat_groups, p.wechat_groups),
            "wechat_reach": (h.wechat_reach, p.wechat_reach),
            "checklist_done": (h.checklist_total[1], p.checklist_total[1], h.checklist_done_share,
                               p.checklist_done_share),
            "checklist_verified": (h.checklist_total[2], p.checklist_total[2],
                                   share(h.checklist_total[2], h.checklist_total[0]),
                                   share(p.checklist_total[2], p.checklist_total[0])),
        }
        return tuple(Comparison(key, *values[key]) for key in COMPARED)

    def comparison(self, key: str) -> Comparison:
        return next(c for c in self.comparisons if c.key == key)

    def unit_values(self, figure: str) -> list[tuple[str, str, float | int | None]]:
        """(code, name, value) of *figure* (a key of :data:`UNIT_FIGURES`) per unit below."""
        if figure not in UNIT_FIGURES:
            raise ValueError(translate("figures", MSG_BAD_FIGURE).format(figure=figure))
        return [(u.code, u.name, u.value(figure)) for u in self.units]

