"""Timeliness (填报及时率) and reminders: which townships updated their part of the ledger
during the month, which reported figures differ from what the ledger yields, and the units a
county works through for one-to-one reminders, with their secretary's name and phone."""

from __future__ import annotations

import collections

from desktop.ledger import Ledger
from desktop.ledger import report_queries as q
from desktop.records import natural_org_id
from desktop.reporting import figures
from desktop.reporting.coverage import MEETING_METRICS, CountyMeetings
from desktop.reporting.model import REPORTED_AS, Contact, Difference, LaggingUnit, UnitRef
from desktop.reporting.months import month_stamp_range
from desktop.reporting.two_months import secretaries
from desktop.scope.geo import LEVEL_BY_LENGTH, geography, in_full_name

__all__ = ["Reminders", "UnitRefs", "differences", "secretaries", "townships_changed"]


def townships_changed(ledger: Ledger, scope: str, month: str) -> set[str]:
    """The townships (9-digit codes) within *scope* whose part of the ledger changed during
    *month*: a change record of the township's scope, or of a village under it, stamped
    within the month (local time)."""
    lo, hi = month_stamp_range(month)
    return {code for code in q.scopes_changed(ledger, scope, lo, hi, 9) if len(code) == 9}


class UnitRefs:
    """Units as the lists name them (:class:`UnitRef`), each looked up once."""

    def __init__(self) -> None:
        self._geo = geography()
        self._refs: dict[str, UnitRef] = {}
        self._within: dict[str, str] = {}

    def __call__(self, code: str) -> UnitRef:
        found = self._refs.get(code)
        if found is None:
            named = self._geo.name_and_parent(code)
            if named is None:
                found = UnitRef(code, code, "")
            else:
                name, parent = named
                found = UnitRef(code, name, self._full_name(parent) if parent else "")
            self._refs[code] = found
        return found

    def _full_name(self, code: str) -> str:
        """The full name of the unit *code* (:meth:`Geography.full_name`), each one made once from
        its parent's."""
        found = self._within.get(code)
        if found is None:
            named = self._geo.name_and_parent(code)
            if named is None:
                return self._geo.full_name(code)  # an unknown unit: refused as it is there
            name, parent = named
            own = name if in_full_name(LEVEL_BY_LENGTH[len(code)], name) else ""
            found = self._within[code] = (self._full_name(parent) if parent else "") + own
        return found


class _LedgerValues:
    """What the ledger yields for a reported metric of a unit of any level."""

    def __init__(self, tally: figures.Tally, meetings: CountyMeetings, end: str) -> None:
        self._tally, self._meetings, self._end = tally, meetings, end
        self._sums: dict[int, dict[str, dict[str, int]]] = {}
        self._zero = dict.fromkeys(figures.SUMS, 0)

    def sums(self, code: str) -> dict[str, int]:
        """The whole-number figures of the unit *code*."""
        by_unit = self._sums.get(len(code))
        if by_unit is None:
            by_unit = self._sums[len(code)] = figures.unit_sums(self._tally, len(code))
        return by_unit.get(code, self._zero)

    def value(self, unit: str, metric: str) -> int | None:
        column = REPORTED_AS.get(metric)
        if column is not None:
            return self.sums(unit)[column]
        if metric in MEETING_METRICS:
            kind = metric.split("_")[0]
            if len(unit) == 9:
                return int(self.sums(unit)[f"townships_{kind}_meeting"] > 0)
            if len(unit) == 6:
                return int(self._meetings.held(unit, kind, self._end))
        return None  # no committee of a prefecture or province in the ledger


def differences(reported: list[tuple], tally: figures.Tally, meetings: CountyMeetings, end: str,
                refs: UnitRefs) -> list[Difference]:
    """The reported figures (unit, metric, value, by, on) that differ from the ledger's."""
    values = _LedgerValues(tally, meetings, end)
    sums, of = values.sums, REPORTED_AS.get
    out = []
    for unit, metric, value, by, on in reported:
        column = of(metric)
        # the common case inline: a whole-number figure of a township (163,000 rows nationally)
        expected = sums(unit)[column] if column else values.value(unit, metric)
        if expected is not None and value is not None and value != expected:
            out.append(Difference(refs(unit), metric, value, expected, by or "", on or ""))
    return out


class Reminders:
    """The townships that updated their ledger, the silent ones, and the units to remind.

    *townships* are the townships the report expects (the division list's, and any other
    with a committee in the ledger); *entered* those with a committee in the ledger.  A silent
    township either has no change this month or is not in the ledger at all."""

    def __init__(self, townships: list[str], entered: set[str], changed: set[str], found: list[Difference],
                 contacts: dict[str, Contact], refs: UnitRefs) -> None:
        self.silent = [c for c in townships if c not in changed]
        self.updated = [c for c in townships if c in changed]
        self.unknown = [c for c in self.silent if c not in entered]
        differing = collections.Counter(d.unit.code for d in found)
        self.codes = sorted(set(self.silent) | set(differing))
        silent = set(self.silent)
        self.lagging = tuple(
            LaggingUnit(refs(c), c in silent, differing.get(c, 0), contacts.get(_committee(c), None),
                        entered=c in entered or len(c) != 9)
            for c in self.codes)


def _committee(code: str) -> str:
    """The natural id of the unit's own committee ("" above the county)."""
    if len(code) == 9:
        return natural_org_id("township_committee", code)
    return natural_org_id("county_committee", code) if len(code) == 6 else ""
