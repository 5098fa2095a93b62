"""The monthly report as plain data for other programs (``township-ledger report --json``).

Every figure is ``{"value", "numerator", "denominator"}``: a count has its value as numerator
and no denominator (``null``); a share (0…1) has both, the denominator being the units the
division list expects where the base is "all townships / agricultural counties / prefectures
/ provinces in scope" (:mod:`desktop.reporting.expected`).  The keys are stable and written
sorted; :data:`KEYS` describes the top level (the command's help prints it).
"""

from __future__ import annotations

import dataclasses
import json

from desktop.i18n import QT_TRANSLATE_NOOP

from desktop.reporting.figures import share, unit_length
from desktop.reporting.model import UNIT_FIGURES, LaggingUnit, MonthlyReport, UnitFigures, UnitRef
from desktop.reporting.plain import fields_of, plain
from desktop.reporting.work_figures import work_data

__all__ = ["KEYS", "SCHEMA", "report_data", "report_json"]

#: Bumped when a key changes meaning or goes away (new keys may be added).
SCHEMA = 1

#: The top-level keys and what they hold (translated where the command's help shows them).
KEYS = {
    "schema": QT_TRANSLATE_NOOP("report", "version of this layout"),
    "scope": QT_TRANSLATE_NOOP("report", "{code, name} of the unit reported on (\"\" = all of China)"),
    "month": QT_TRANSLATE_NOOP("report", "the month, YYYY-MM; previous_month: the one compared with"),
    "generated_at": QT_TRANSLATE_NOOP("report", "when the report was computed"),
    "figures": QT_TRANSLATE_NOOP("report", "figure -> {value, numerator, denominator, previous}"),
    "levels": QT_TRANSLATE_NOOP("report", "[{level, units, mobilisation, review, reported}] meetings per level"),
    "units": QT_TRANSLATE_NOOP("report", "{expected, reporting, on_time, silent}: the units with their codes"),
    "by_unit": QT_TRANSLATE_NOOP("report", "[{code, name, figures}] every figure of each unit one level below"),
    "differences": QT_TRANSLATE_NOOP("report", "[{code, metric, reported, ledger}] figures reported unlike the ledger"),
    "submissions": QT_TRANSLATE_NOOP("report", "[{code, state, due_on, submitted_at, on_time, review, figures, "
                                               "discrepancies}] each unit's monthly submission"),
    "own_submission": QT_TRANSLATE_NOOP("report", "the unit's own submission to the level above (same form), or null"),
    "work": QT_TRANSLATE_NOOP("report", "funding by source (fen), publicity and its average per unit below, unified "
                                        "activities per month, demonstration units, venues, co-operative "
                                        "organisations, rectified organisations, and each by unit"),
    "problems": QT_TRANSLATE_NOOP("report", "{evaluated, counts, by_unit, thresholds, list: [{rule, severity, code, "
                                            "name, kind, id, text}]} the problem list (evaluated for a prefecture "
                                            "and below)"),
    "unit_level": QT_TRANSLATE_NOOP("report", "the level of the units below in by_unit (1 province … 4 township)"),
    "overdue": QT_TRANSLATE_NOOP("report", "{as_of, count, listed, tasks: [{unit: {code, name, within}, title, system, "
                                           "responsible, deadline, status, days}], by_unit: [{code, name, count}]} "
                                           "checklist tasks past their deadline and not done"),
    "work_ledger": QT_TRANSLATE_NOOP("report", "{total, units: [{code, name, figures}], terms, terms_listed, horizon} "
                                               "the work ledger: work plan items, cases and briefs, branch terms and "
                                               "the other figures of its section, in all and by unit (the villages "
                                               "due listed at a county's scope or below)"),
}


def _figure(numerator: int, denominator: int | None = None, previous: int | None = None) -> dict:
    value = numerator if denominator is None else share(numerator, denominator)
    return {"value": value, "numerator": numerator, "denominator": denominator, "previous": previous}


#: The headline's counts written above under the name of the figure compared.
_COMPARED_AS = {"direct_orgs_total", "townships_funding_secured", "townships_mobilisation_meeting",
                "townships_review_meeting"}


def _headline_figures(r: MonthlyReport) -> dict:
    h, p = r.headline, r.previous
    tasks = h.checklist_total[0]
    out = {c.key: _figure(c.value, None, c.previous) for c in r.comparisons}
    # the shares, over the expected units (townships, agricultural counties) or the tasks
    for key, denominator in (("mobilisation_meeting", h.expected_townships), ("review_meeting", h.expected_townships),
                             ("funding_secured", h.expected_townships), ("coop_committees", r.agricultural_counties),
                             ("checklist_done", tasks), ("checklist_verified", tasks)):
        out[key]["denominator"] = denominator
        out[key]["value"] = share(out[key]["numerator"], denominator)
    out["expected_townships"] = _figure(len(r.expected))
    out["agricultural_counties"] = _figure(r.agricultural_counties)
    out["on_time"] = _figure(len(r.updated), len(r.expected))
    out["silent"] = _figure(len(r.silent), len(r.expected))
    out["not_entered"] = _figure(len(r.unknown), len(r.expected))
    out["reporting"] = _figure(len(r.reporting))
    out["lagging"] = _figure(len(r.lagging))
    out["submitted"] = _figure(sum(s.submitted for s in r.submissions), len(r.submissions))
    out["submitted_on_time"] = _figure(r.on_time_submissions, len(r.submissions))
    out["approved"] = _figure(sum(s.locked for s in r.submissions), len(r.submissions))
    out["members_by_source"] = {k: _figure(v, h.members_current, p.members_by_source.get(k, 0))
                                for k, v in h.members_by_source.items()}
    out["checklist_by_system"] = {k: {"tasks": t, "done": _figure(d, t), "verified": _figure(v, t)}
                                  for k, (t, d, v) in h.checklist.items()}
    # every other count of the headline, as a count compared with the month before
    for f in dataclasses.fields(h):
        value = getattr(h, f.name)
        if f.name not in out and f.name not in _COMPARED_AS and isinstance(value, int) and not isinstance(value, bool):
            out[f.name] = _figure(value, None, getattr(p, f.name))
    return out


#: The per-unit shares of :data:`UNIT_FIGURES`: (numerator figure, the denominator's getter).
_UNIT_SHARES = {
    "mobilisation_share": ("mobilisation_meeting", lambda u: u.figures.expected_townships),
    "review_share": ("review_meeting", lambda u: u.figures.expected_townships),
    "funding_share": ("funding_secured", lambda u: u.figures.expected_townships),
    "coop_share": ("coop_committees", lambda u: u.agricultural_counties),
    "checklist_share": ("checklist_done", lambda u: u.figures.checklist_total[0]),
    "timeliness_share": ("townships_updated", lambda u: u.townships_updated + u.silent),
}


def _unit_figures(u: UnitFigures) -> dict:
    out = {}
    for key in UNIT_FIGURES:
        if key in _UNIT_SHARES:
            numerator, denominator = _UNIT_SHARES[key]
            out[key] = _figure(u.value(numerator), denominator(u))
        else:
            out[key] = _figure(u.value(key))
    out["agricultural_counties"] = _figure(u.agricultural_counties)
    return out


def _ref(unit: UnitRef) -> dict:
    return {"code": unit.code, "name": unit.name, "within": unit.within}


def _silent(lag: LaggingUnit) -> dict:
    return {**_ref(lag.unit), "in_ledger": lag.entered,
            "secretary": lag.secretary.name if lag.secretary else None,
            "phone": (lag.secretary.phone or None) if lag.secretary else None}


def _submission(s) -> dict | None:
    if s is None:
        return None
    review = s.review
    return {**_ref(s.unit), "state": s.state, "due_on": s.due_on, "submitted_at": s.submitted_at or None,
            "first_submitted_at": s.first_submitted_at or None, "submitted_by": s.submitted_by or None,
            "on_time": s.on_time, "figures": s.figures,
            "review": {"decision": review.decision, "reason": review.reason or None, "reviewer": review.reviewer,
                       "reviewed_by": review.reviewed_by, "reviewed_at": review.reviewed_at} if review else None,
            "discrepancies": [{"figure": d.figure, "submitted": d.submitted, "ledger": d.ledger}
                              for d in s.discrepancies]}


def _problems(r: MonthlyReport) -> dict:
    """The problem list: counts per rule (and per unit below), the thresholds used, each problem."""
    from desktop.reporting import problems as P

    per_unit = P.counts_by_unit(r.problems, [u.code for u in r.units])
    return {"evaluated": bool(r.problem_thresholds), "counts": P.counts(r.problems),
            "by_unit": [{"code": u.code, "name": u.name, "counts": per_unit[u.code]} for u in r.units],
            "thresholds": dict(r.problem_thresholds),
            "list": [{"rule": p.rule, "severity": p.severity, "code": p.unit, "name": p.unit_name, "kind": p.kind,
                      "id": p.record_id, "text": p.text} for p in r.problems]}


def _named_counts(r: MonthlyReport, counts: dict[str, int]) -> list[dict]:
    """{code, name, count} of each unit below (none missing), then of any other unit counted."""
    listed = [{"code": u.code, "name": u.name, "count": counts.get(u.code, 0)} for u in r.units]
    known = {u.code for u in r.units}
    return listed + [{"code": c, "name": c, "count": n} for c, n in sorted(counts.items()) if c not in known]


def _overdue(r: MonthlyReport) -> dict | None:
    if r.overdue is None:
        return None
    return {**plain(r.overdue), "by_unit": _named_counts(r, r.overdue.by_unit(unit_length(r.scope)))}


def _work_ledger(r: MonthlyReport) -> dict | None:
    w = r.work_ledger
    if w is None:
        return None
    return {**fields_of(w, {"units"}),
            "units": [{"code": code, "name": name, "figures": plain(f)} for code, name, f in w.units]}


#: The work figures :func:`~desktop.reporting.work_figures.work_data` writes under another name.
_WORK_RENAMED = {"unified", "units"}


def _work(r: MonthlyReport) -> dict | None:
    """The work figures in their documented form, and any other figure they hold as it is."""
    data = work_data(r.work, len(r.units))
    if data is None:
        return None
    return {**fields_of(r.work, set(data) | _WORK_RENAMED), **data}


#: The fields of :class:`MonthlyReport` :func:`report_data` writes itself; any other is written
#: generically under its own name.
_WRITTEN = {"scope", "scope_name", "month", "previous_month", "generated_at", "headline", "previous", "levels",
            "unit_level", "units", "agricultural_counties", "coop_counties", "previous_coop_counties", "expected",
            "updated", "silent", "unknown", "reporting", "differences", "lagging", "submissions", "own_submission",
            "work", "problems", "problem_thresholds", "work_ledger", "overdue"}


def report_data(r: MonthlyReport) -> dict:
    """The report as nested dicts and lists of plain values (see :data:`KEYS`)."""
    return {
        **fields_of(r, _WRITTEN, computed=False),
        "schema": SCHEMA, "scope": {"code": r.scope, "name": r.scope_name}, "month": r.month,
        "previous_month": r.previous_month, "generated_at": r.generated_at,
        "figures": _headline_figures(r),
        "levels": [{"level": lv.level, "units": lv.units, "mobilisation": _figure(lv.mobilisation, lv.units),
                    "review": _figure(lv.review, lv.units), "reported": lv.reported} for lv in r.levels],
        "units": {
            "expected": [_ref(u) for u in r.expected],
            "reporting": list(r.reporting),
            "on_time": [_ref(u) for u in r.updated],
            "silent": [_silent(lag) for lag in r.lagging if lag.silent],
            "not_entered": sorted(r.unknown),
            "lagging": [{**_silent(lag), "silent": lag.silent, "differences": lag.differences} for lag in r.lagging],
        },
        "unit_level": r.unit_level,
        "by_unit": [{"code": u.code, "name": u.name, "figures": _unit_figures(u)} for u in r.units],
        "differences": [{**_ref(d.unit), "metric": d.metric, "reported": d.reported, "ledger": d.ledger,
                         "reported_by": d.reported_by, "reported_on": d.reported_on} for d in r.differences],
        "submissions": [_submission(s) for s in r.submissions],
        "own_submission": _submission(r.own_submission),
        "work": _work(r),
        "work_ledger": _work_ledger(r),
        "overdue": _overdue(r),
        "problems": _problems(r),
    }


def report_json(r: MonthlyReport) -> str:
    """:func:`report_data` as JSON text: keys sorted, UTF-8 names kept readable."""
    return json.dumps(report_data(r), ensure_ascii=False, sort_keys=True, indent=1)
