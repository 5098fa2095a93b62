"""The month's figures and the month before's, in one pass over each table.

Each table is read once for both months (the ``*_two_months`` queries of
:mod:`desktop.ledger.report_queries`), grouped by township, and split into two
:class:`desktop.reporting.figures.Tally`, so every figure is summed exactly as
:mod:`desktop.reporting.figures` sums it (the tests compare both, month by month).  Half of the
tables are read on a second read-only connection at the same time (:class:`Beside`), the
other half with what the caller reads beside (the work figures, the change log).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from desktop.ledger import Ledger
from desktop.ledger import report_queries as q
from desktop.ledger.report_queries import Period
from desktop.reporting.figures import Tally
from desktop.reporting.model import Contact
from desktop.reporting.months import period

#: Readings are grouped by township (9 digits), then rolled up in Python to any level.
TOWNSHIP = 9


def _members(ledger: Ledger, scope: str, month: Period, prev: Period, n: int) -> tuple[list, list]:
    rows = q.members_by_unit_two_months(ledger, scope, month, prev, n)
    return [r[:5] for r in rows], [(r[0], r[1], *r[5:]) for r in rows]


def _organisations(ledger: Ledger, scope: str, month: Period, prev: Period, n: int) -> tuple[list, list]:
    """(unit, townships, counties, co-op committees, direct orgs total, new, revoked, under rectification)."""
    units: list[dict[str, list[int]]] = [{}, {}]
    for unit, kind, *counts in q.committees_by_unit_two_months(ledger, scope, month, prev, n):
        for month_units, count in zip(units, counts):
            month_units.setdefault(unit, [0] * 7)[q.COMMITTEE_KINDS.index(kind)] = count or 0
    for unit, *counts in q.direct_orgs_by_unit_two_months(ledger, scope, month, prev, n):
        for month_units, figures in zip(units, (counts[:4], counts[4:])):
            month_units.setdefault(unit, [0] * 7)[3:] = figures
    return tuple([(unit, *values) for unit, values in sorted(m.items())] for m in units)  # type: ignore[return-value]


def _funding(ledger: Ledger, scope: str, month: Period, prev: Period, n: int) -> tuple[dict, dict]:
    rows = q.funding_secured_by_unit_two_months(ledger, scope, month, prev, n)
    return {r[0]: r[1] for r in rows if r[1]}, {r[0]: r[2] for r in rows if r[2]}


def _meetings(ledger: Ledger, scope: str, month: Period, prev: Period, n: int) -> tuple[dict, dict]:
    """(unit, kind) → township committees that held a mobilisation / review meeting by each month's end."""
    rows = q.meetings_by_unit_two_months(ledger, scope, month, prev, n)
    return {(r[0], r[1]): r[2] for r in rows if r[2]}, {(r[0], r[1]): r[3] for r in rows if r[3]}


def _checklist(ledger: Ledger, scope: str, month: Period, prev: Period, n: int) -> tuple[list, list]:
    rows = q.checklist_by_unit_two_months(ledger, scope, month, prev, n)
    return [r[:5] for r in rows], [(*r[:3], *r[5:]) for r in rows]


def _wechat(ledger: Ledger, scope: str, month: Period, prev: Period, n: int) -> tuple[list, list]:
    rows = q.wechat_by_unit_two_months(ledger, scope, month, prev, n)
    return [r[:3] for r in rows if r[1]], [(r[0], r[3], r[4]) for r in rows if r[3]]


def county_meetings(ledger: Ledger, scope: str) -> dict[str, dict[str, str]]:
    """county code → {meeting kind: first day held} of the county committees within *scope*."""
    out: dict[str, dict[str, str]] = {}
    if len(scope) < TOWNSHIP:
        for code, kind, first in q.committee_meetings(ledger, "county_committee", scope):
            out.setdefault(code, {})[kind] = first
    return out


def secretaries(ledger: Ledger, scope: str) -> dict[str, Contact]:
    """org id → the secretary of every committee within *scope* (post "secretary", not exited,
    not deleted; the one who joined last when the ledger holds several), in one pass."""
    return {org: Contact(name or "", phone or "") for org, name, phone in q.secretaries(ledger, scope)}


@dataclass(frozen=True)
class Readings:
    """What the monthly report reads from the ledger."""

    tally: Tally
    previous: Tally
    #: county code → {meeting kind: first day held}
    county_meetings: dict[str, dict[str, str]]
    #: (county code, founded on) of the co-operative working committees
    coops: list[tuple[str, str | None]]
    #: (unit, metric, value, reported by, reported on) of the month
    reported: list[tuple]
    secretaries: dict[str, Contact]
    #: the townships whose part of the ledger changed during the month
    changed: set[str]
    #: what the caller asked to be read on the second connection besides (``also``), or None
    also: Any = None


def _part_a(scope: str, month: Period, prev: Period, month_key: str,
            changed: Callable[[Ledger], set[str]]) -> Callable[[Ledger], dict]:
    """Organisations, meetings, funding, the counties' meetings, and *changed* (the change log,
    and whatever else the caller reads beside: about half the work)."""
    def work(reader: Ledger) -> dict:
        return {"changed": changed(reader), "orgs": _organisations(reader, scope, month, prev, TOWNSHIP),
                "meetings": _meetings(reader, scope, month, prev, TOWNSHIP),
                "funding": _funding(reader, scope, month, prev, TOWNSHIP),
                "county_meetings": county_meetings(reader, scope),
                "coops": q.coop_committees(reader, scope) if len(scope) <= 6 else []}
    return work


def _part_b(scope: str, month: Period, prev: Period, n_unit: int, month_key: str,
            also: Callable[[Ledger], Any] | None) -> Callable[[Ledger], dict]:
    """Members, checklist (per unit below only), WeChat groups, records to complete, reported
    figures, secretaries, and *also* (the other half)."""
    def work(reader: Ledger) -> dict:
        return {"members": _members(reader, scope, month, prev, TOWNSHIP),
                "checklist": _checklist(reader, scope, month, prev, n_unit),
                "wechat": _wechat(reader, scope, month, prev, TOWNSHIP),
                "incomplete": q.incomplete_by_unit(reader, scope, TOWNSHIP),
                "reported": q.reported_figures(reader, scope, month_key), "secretaries": secretaries(reader, scope),
                "also": also(reader) if also else None}
    return work


def read(ledger: Ledger, scope: str, month: str, prev: str, n_unit: int, changed: Callable[[Ledger], set[str]], *,
         also: Callable[[Ledger], Any] | None = None, parallel: bool = True) -> Readings:
    """Read both months of *scope*; the checklist grouped by units of *n_unit* characters (it
    has no township-level figure), *changed* run on one of the connections and *also* on the
    other (:attr:`Readings.also`).  *parallel*: half of the tables on a second read-only
    connection (needs the ledger's file)."""
    this, before = period(month), period(prev)
    part_b = _part_b(scope, this, before, n_unit, month, also)
    beside = Beside.start(ledger, part_b) if parallel else None
    try:
        a = _part_a(scope, this, before, month, changed)(ledger)
        b = beside.result() if beside else part_b(ledger)
    except BaseException:
        if beside:
            beside.cancel()
        raise
    tallies = [Tally(members=b["members"][i], orgs=a["orgs"][i], funding=a["funding"][i], meetings=a["meetings"][i],
                     checklist=b["checklist"][i], wechat=b["wechat"][i], incomplete=b["incomplete"])
               for i in (0, 1)]
    return Readings(tallies[0], tallies[1], a["county_meetings"], a["coops"], b["reported"], b["secretaries"],
                    a["changed"], b["also"])


class Beside:
    """Run ``fn(reader)`` on a read-only connection of its own in a thread, beside the caller's
    work (SQLite releases the GIL while it steps, so two passes overlap)."""

    def __init__(self, path: Path, fn: Callable[[Ledger], Any]) -> None:
        self._fn, self._path = fn, path
        self._result: Any = None
        self._error: BaseException | None = None
        self._reader: Ledger | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="monthly-report", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            reader = Ledger.open(self._path, read_only=True, verify=False)
            try:
                with self._lock:
                    self._reader = reader
                self._result = self._fn(reader)
            finally:
                with self._lock:
                    self._reader = None
                reader.close()
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    @classmethod
    def start(cls, ledger: Ledger, fn: Callable[[Ledger], Any]) -> "Beside | None":
        """``fn`` running beside on a connection of its own to *ledger*'s file, or None when the
        ledger has no file to open again (the caller runs ``fn(ledger)`` itself)."""
        return cls(ledger.path, fn) if ledger.path and Path(ledger.path).exists() else None

    def interrupt(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.interrupt()

    def cancel(self) -> None:
        """Interrupt the work and wait for its thread, leaving out its result or error (the
        caller has an error of its own to report)."""
        self.interrupt()
        try:
            self.result()
        except BaseException:  # noqa: S110 - the caller's error is the one to report
            pass

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result
