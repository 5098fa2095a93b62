"""The problem list (问题清单): activity and data-quality rules evaluated over a scope and a
month, each problem pointing at the record to open.

The rules are declared once, as data (:data:`RULES`): an id, a title, a severity, the record
kind a problem points at, the thresholds it takes (each with its default) and the function
that finds its problems through :mod:`desktop.ledger.report_queries`:

- ``hollow_org`` — an organisation (township committee, directly affiliated, co-operative or
  village organisation) with no league members, or without a meeting for ``hollow_months``
  months (空壳化);
- ``no_secretary`` — a township or county committee without a secretary (书记) in office;
- ``overdue_task`` — a checklist task past its deadline (by more than ``overdue_days``) and
  not done;
- ``incomplete_record`` — a record imported without some required values (待补全);
- ``duplicate_member`` — two committee members in office in one unit with one name and the
  same month of birth or phone;
- ``figure_jump`` — a unit's figure that changed by more than ``jump_percent`` % (and by at
  least ``jump_min``) from the month before: the figures frozen in its monthly submissions
  where it submitted both months, else the figures it reported (上报数据).

A ledger keeps its own thresholds in its meta table (``township-ledger rules set
hollow_months 4``, or the problem list's settings in the window); :func:`thresholds` reads
them over the defaults.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import functools
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from desktop.errors import LedgerError, format_message
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Ledger
from desktop.ledger import report_queries as q
from desktop.records import KINDS
from desktop.records.enums import enumerations
from desktop.reporting.model import COMPARED
from desktop.reporting.months import month_bounds, previous_month
from desktop.scope.geo import geography

CTX = "problems"
#: The meta key of a threshold: ``rule.<key>``.
META_PREFIX = "rule."

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITIES = {
    HIGH: QT_TRANSLATE_NOOP("problems", "High"),
    MEDIUM: QT_TRANSLATE_NOOP("problems", "Medium"),
    LOW: QT_TRANSLATE_NOOP("problems", "Low"),
}


@dataclass(frozen=True)
class Threshold:
    """A number a rule takes, with its default and the range a ledger may set."""

    key: str
    label: str
    default: int
    minimum: int = 0
    maximum: int = 100_000


class Problem(NamedTuple):
    """One problem found: the rule, the unit (a division code) and the record to open (a
    tuple: a national evaluation makes hundreds of thousands)."""

    rule: str
    unit: str
    unit_name: str
    kind: str
    record_id: str
    #: the description (marked for translation) and the values it names
    message: str
    params: dict

    @property
    def text(self) -> str:
        """The one-line description in the user's language."""
        return format_message(CTX, self.message, self.params)

    @property
    def severity(self) -> str:
        return RULE_MAP[self.rule].severity


@dataclass(frozen=True)
class Context:
    """What every rule is evaluated against: the scope, the month and its last day, the day
    things are judged as of (the month's end, or today within the current month) and the
    thresholds in force."""

    scope: str
    month: str
    end: str
    as_of: str
    values: dict[str, int]


Finder = Callable[[Ledger, Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A rule of the problem list, declared once."""

    id: str
    title: str
    severity: str
    #: the record kind its problems point at (a figure jump: a submission or a reported figure)
    points_at: str
    thresholds: tuple[Threshold, ...]
    find: Finder

    @property
    def label(self) -> str:
        return translate(CTX, self.title)


# ----------------------------------------------------------------------------- the rules
@functools.lru_cache(maxsize=65536)
def _unit_name(code: str) -> str:
    d = geography().get(code)
    return d.name if d else code


def _problem(rule: str, unit: str, kind: str, record_id: str, message: str, /, **params) -> Problem:
    return Problem(rule, unit, _unit_name(unit), kind, record_id, message, params)


#: The organisations the hollow-organisation rule watches.
HOLLOW_KINDS = ("township_committee", "direct_org", "coop_org", "village_branch")

MSG_NO_MEMBERS = QT_TRANSLATE_NOOP("problems", "{name} has no league members.")
MSG_NO_MEETING = QT_TRANSLATE_NOOP("problems", "{name} has held no meeting or activity.")
MSG_QUIET = QT_TRANSLATE_NOOP("problems", "{name} has held no meeting or activity for {months} months "
                                          "(the last on {last}).")
MSG_NO_SECRETARY = QT_TRANSLATE_NOOP("problems", "{name} has no secretary (书记) in office.")
MSG_OVERDUE = QT_TRANSLATE_NOOP("problems", "“{title}” was due on {deadline} and is not done ({status}).")
MSG_INCOMPLETE = QT_TRANSLATE_NOOP("problems", "{kind} “{title}” lacks required values (to be completed).")
MSG_DUPLICATE = QT_TRANSLATE_NOOP("problems", "{name} is on record twice in this unit ({same}).")
MSG_SAME_BIRTH = QT_TRANSLATE_NOOP("problems", "same month of birth")
MSG_SAME_PHONE = QT_TRANSLATE_NOOP("problems", "same phone")
MSG_JUMP = QT_TRANSLATE_NOOP("problems", "{figure}: {previous} in {previous_month}, {value} in {month} "
                                         "({change}).")
MSG_BAD_THRESHOLD = QT_TRANSLATE_NOOP("problems", "\"{key}\" is not a threshold of the problem list; "
                                                  "they are: {keys}.")
MSG_BAD_VALUE = QT_TRANSLATE_NOOP("problems", "{key} takes a whole number from {minimum} to {maximum}, "
                                              "not \"{value}\".")


def _months_before(month: str, n: int) -> str:
    """The month *n* months before *month*."""
    for _ in range(n):
        month = previous_month(month)
    return month


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7])


def _hollow(ledger: Ledger, c: Context) -> Iterable[Problem]:
    months = c.values["hollow_months"]
    since = month_bounds(_months_before(c.month, months - 1))[0]
    for org_id, scope, name, members, last in q.quiet_organisations(ledger, c.scope, HOLLOW_KINDS,
                                                                              since, c.end):
        if members == 0:
            yield _problem("hollow_org", scope, "organisation", org_id, MSG_NO_MEMBERS, name=name)
        elif last:
            quiet = _month_number(c.month) - _month_number(last[:7])  # the months since the last one's
            yield _problem("hollow_org", scope, "organisation", org_id, MSG_QUIET, name=name, months=quiet, last=last)
        else:
            yield _problem("hollow_org", scope, "organisation", org_id, MSG_NO_MEETING, name=name)


def _no_secretary(ledger: Ledger, c: Context) -> Iterable[Problem]:
    for org_id, scope, name in q.committees_without_secretary(ledger, c.scope, c.end):
        yield _problem("no_secretary", scope, "organisation", org_id, MSG_NO_SECRETARY, name=name)


def _overdue(ledger: Ledger, c: Context) -> Iterable[Problem]:
    due_before = (dt.date.fromisoformat(c.as_of) - dt.timedelta(days=c.values["overdue_days"])).isoformat()
    enums = enumerations()
    for task_id, scope, title, deadline, status in q.overdue_tasks(ledger, c.scope, due_before, c.as_of):
        yield _problem("overdue_task", scope, "checklist_task", task_id, MSG_OVERDUE, title=title,
                       deadline=deadline, status=enums.label("task_status", status))


def _incomplete(ledger: Ledger, c: Context) -> Iterable[Problem]:
    for kind, record_id, scope, title in q.incomplete_records(ledger, c.scope):
        yield _problem("incomplete_record", scope, kind, record_id, MSG_INCOMPLETE,
                       kind=KINDS[kind].label, title=title if title is not None else record_id)


def _duplicates(ledger: Ledger, c: Context) -> Iterable[Problem]:
    for member_id, _other, scope, name, same_birth, same_phone in q.duplicate_members(ledger, c.scope):
        same = [translate(CTX, m) for m, on in ((MSG_SAME_BIRTH, same_birth), (MSG_SAME_PHONE, same_phone)) if on]
        yield _problem("duplicate_member", scope, "committee_member", member_id, MSG_DUPLICATE, name=name,
                       same=", ".join(same))


#: The figures whose jumps count: stocks, not the month's flows (members added …), which
#: rightly differ from month to month.  Keys of a submission's frozen figures, then of
#: the reported metrics (``report_metric``).
JUMP_FIGURES = ("members_current", "townships", "direct_orgs", "coop_committees", "wechat_groups", "wechat_reach",
                "funding_secured")
JUMP_METRICS = ("members_current", "direct_orgs_total", "wechat_groups", "wechat_reach")


def _stocks(values: dict, keys: tuple[str, ...]) -> dict:
    return {k: values.get(k) for k in keys}


def _jumps(values: dict[str, int], previous: dict[str, int], percent: int, minimum: int):
    """(figure, previous, value) of the figures that moved by more than *percent* % and by
    at least *minimum* (a figure that was 0 has no percentage to move by)."""
    for key, value in values.items():
        before = previous.get(key)
        if not isinstance(value, int) or not isinstance(before, int) or before <= 0:
            continue
        change = abs(value - before)
        if change >= max(minimum, 1) and change * 100 > percent * before:
            yield key, before, value


def _figure_jumps(ledger: Ledger, c: Context) -> Iterable[Problem]:
    prev = previous_month(c.month)
    percent, minimum = c.values["jump_percent"], c.values["jump_min"]
    submitted: dict[str, dict[str, tuple[str, dict]]] = collections.defaultdict(dict)
    for sub_id, unit, month, text in q.submissions_of_months(ledger, c.scope, (prev, c.month)):
        try:
            frozen = json.loads(text or "{}")
        except ValueError:
            frozen = {}
        submitted[unit][month] = (sub_id, frozen if isinstance(frozen, dict) else {})
    reported: dict[str, dict[str, dict]] = collections.defaultdict(lambda: collections.defaultdict(dict))
    for fig_id, unit, month, metric, value in q.reported_figure_rows(ledger, c.scope, (prev, c.month)):
        reported[unit][month][metric] = (fig_id, value)
    enums = enumerations()
    for unit in sorted(set(submitted) | set(reported)):
        both = submitted.get(unit, {})
        if prev in both and c.month in both:  # the frozen figures first
            sub_id, values = both[c.month]
            for key, before, value in _jumps(_stocks(values, JUMP_FIGURES), _stocks(both[prev][1], JUMP_FIGURES),
                                             percent, minimum):
                yield _jump(unit, "month_submission", sub_id, translate("report", COMPARED[key]), before, value, c)
            continue
        months = reported.get(unit, {})
        now, then = months.get(c.month, {}), months.get(prev, {})
        values = {k: v for k, (_id, v) in now.items()}
        for key, before, value in _jumps(_stocks(values, JUMP_METRICS),
                                         _stocks({k: v for k, (_id, v) in then.items()}, JUMP_METRICS), percent, minimum):
            yield _jump(unit, "reported_figure", now[key][0], enums.label("report_metric", key), before, value, c)


def _jump(unit: str, kind: str, record_id: str, figure: str, before: int, value: int, c: Context) -> Problem:
    change = f"{(value - before) / before:+.0%}"
    return _problem("figure_jump", unit, kind, record_id, MSG_JUMP, figure=figure, previous=before, value=value,
                    previous_month=previous_month(c.month), month=c.month, change=change)


_T = Threshold
RULES: tuple[Rule, ...] = (
    Rule("hollow_org", QT_TRANSLATE_NOOP("problems", "Hollow organisation"), HIGH, "organisation",
         (_T("hollow_months", QT_TRANSLATE_NOOP("problems", "Months without a meeting before an organisation "
                                                            "counts as hollow"), 3, 1, 36),), _hollow),
    Rule("no_secretary", QT_TRANSLATE_NOOP("problems", "No secretary"), HIGH, "organisation", (), _no_secretary),
    Rule("overdue_task", QT_TRANSLATE_NOOP("problems", "Overdue checklist task"), MEDIUM, "checklist_task",
         (_T("overdue_days", QT_TRANSLATE_NOOP("problems", "Days past the deadline before a task counts as "
                                                           "overdue"), 0, 0, 365),), _overdue),
    Rule("figure_jump", QT_TRANSLATE_NOOP("problems", "Figure jump"), MEDIUM, "month_submission",
         (_T("jump_percent", QT_TRANSLATE_NOOP("problems", "Change from the month before that counts as a jump "
                                                           "(%)"), 50, 1, 10_000),
          _T("jump_min", QT_TRANSLATE_NOOP("problems", "Smallest change that counts as a jump"), 5, 1, 100_000)),
         _figure_jumps),
    Rule("duplicate_member", QT_TRANSLATE_NOOP("problems", "Likely duplicate member"), LOW, "committee_member", (),
         _duplicates),
    Rule("incomplete_record", QT_TRANSLATE_NOOP("problems", "Incomplete record"), LOW, "", (), _incomplete),
)
RULE_MAP: dict[str, Rule] = {r.id: r for r in RULES}
THRESHOLDS: dict[str, Threshold] = {t.key: t for r in RULES for t in r.thresholds}


# ----------------------------------------------------------------------------- thresholds
class ThresholdError(LedgerError):
    """A threshold the problem list does not know, or a value it does not take."""

    context = CTX


def thresholds(ledger: Ledger) -> dict[str, int]:
    """Every threshold: the ledger's own setting, else the default (a stored value out of
    range or not a number counts as unset)."""
    out = {}
    for key, t in THRESHOLDS.items():
        try:
            value = int(ledger.meta(META_PREFIX + key) or "")
        except ValueError:
            value = t.default
        out[key] = value if t.minimum <= value <= t.maximum else t.default
    return out


def checked_threshold(key: str, value: object) -> int:
    """*value* as the threshold *key* takes it; LedgerError for an unknown key or a value out of range."""
    t = THRESHOLDS.get(key)
    if t is None:
        raise ThresholdError(MSG_BAD_THRESHOLD, key=key, keys=", ".join(THRESHOLDS))
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not t.minimum <= number <= t.maximum:
        raise ThresholdError(MSG_BAD_VALUE, key=key, minimum=t.minimum, maximum=t.maximum, value=value)
    return number


def set_threshold(ledger: Ledger, key: str, value: object) -> int:
    """Keep *value* as the ledger's threshold *key* (None: back to the default)."""
    if value is None:
        checked_threshold(key, THRESHOLDS[key].default if key in THRESHOLDS else "")
        ledger.set_meta(META_PREFIX + key, "")
        return THRESHOLDS[key].default
    number = checked_threshold(key, value)
    ledger.set_meta(META_PREFIX + key, str(number))
    return number


# ----------------------------------------------------------------------------- evaluation
def context(ledger: Ledger, scope: str, month: str, today: dt.date | None = None,
            values: dict[str, int] | None = None) -> Context:
    end = month_bounds(month)[1]
    today_text = (today or dt.date.today()).isoformat()
    return Context(scope, month, end, min(end, today_text), {**thresholds(ledger), **(values or {})})


def evaluate(ledger: Ledger, scope: str, month: str, *, today: dt.date | None = None,
             values: dict[str, int] | None = None, rules: Iterable[str] | None = None) -> tuple[Problem, ...]:
    """The problems of *scope* ("" = the whole ledger) and *month* ("YYYY-MM"), rule by rule
    in the order of :data:`RULES` (*rules*: only these); *values* override the ledger's
    thresholds."""
    c = context(ledger, scope, month, today, values)
    wanted = set(rules) if rules is not None else None
    return tuple(p for r in RULES if wanted is None or r.id in wanted for p in r.find(ledger, c))


#: The shortest scope (a prefecture) whose monthly report evaluates the rules.  A synthetic
#: prefecture's list takes about 0.1 s (its report 0.3 s instead of 0.1 s); a province looks
#: at some 45,000 organisations (0.6 s), the whole country at 700,000 (over 10 s, where its
#: report takes 2.3 s): above a prefecture the report leaves the list to the prefectures,
#: counties and townships (``benchmarks/bench_problems.py``).
REPORT_SCOPE_MIN = 4


def in_report(scope: str) -> bool:
    """Whether the monthly report of *scope* holds its problem list (:data:`REPORT_SCOPE_MIN`)."""
    return len(scope) >= REPORT_SCOPE_MIN


def counts(problems: Iterable[Problem]) -> dict[str, int]:
    """rule → problems, for every rule (0 included), in the order of :data:`RULES`."""
    found = collections.Counter(p.rule for p in problems)
    return {r.id: found[r.id] for r in RULES}


def counts_by_unit(problems: Iterable[Problem], units: Iterable[str]) -> dict[str, dict[str, int]]:
    """unit → rule → problems of the records within each of *units* (division codes)."""
    units = list(units)
    lengths = sorted({len(u) for u in units})
    known = set(units)
    out = {u: dict.fromkeys(RULE_MAP, 0) for u in units}
    for p in problems:
        unit = next((p.unit[:n] for n in lengths if p.unit[:n] in known), None)
        if unit is not None:
            out[unit][p.rule] += 1
    return out
