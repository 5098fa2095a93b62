"""Coverage figures of the monthly report: meetings held per level of units under the scope
(:func:`levels`), and the agricultural counties covered by a county co-operative working
committee (:func:`coop_covered`), over the units the division list expects
(:mod:`desktop.reporting.expected`)."""

from __future__ import annotations

import collections
from typing import Iterable

from desktop.reporting.expected import agricultural_counties, expected
from desktop.reporting.figures import Headline
from desktop.reporting.model import LevelCoverage

#: The reported metrics that say a unit held a meeting.
MEETING_METRICS = ("mobilisation_meeting_held", "review_meeting_held")


def level_of(code: str) -> int:
    """0 the country, 1 province, 2 prefecture, 3 county, 4 township."""
    return {0: 0, 2: 1, 4: 2, 6: 3, 9: 4}.get(len(code), 4)


def coop_covered(coops: Iterable[tuple[str, str | None]], agricultural: frozenset[str], by: str) -> set[str]:
    """The agricultural counties with a co-operative working committee founded by the day *by*
    (or without a date)."""
    return {code for code, founded in coops if code in agricultural and (founded is None or founded <= by)}


class CountyMeetings:
    """Whether a county committee held a meeting by a day."""

    def __init__(self, first_held: dict[str, dict[str, str]]) -> None:
        self._first = first_held

    def held(self, county: str, kind: str, by: str) -> bool:
        first = self._first.get(county, {}).get(kind)
        return first is not None and first <= by


def levels(scope: str, head: Headline, counties: list[str], meetings: CountyMeetings, reported: list[tuple],
           end: str) -> tuple[LevelCoverage, ...]:
    """Meeting coverage per level below *scope*, over the units the division list expects
    (:mod:`desktop.reporting.expected`): townships by their committees, agricultural counties
    by their own county committee (*counties*: the county committees in the ledger); the ledger
    keeps no prefecture or province committees, so those levels count the units that
    *reported* holding one for the month."""
    reported_held: dict[str, dict[str, int]] = collections.defaultdict(dict)
    for unit, metric, value, _by, _on in reported:
        if metric in MEETING_METRICS:
            reported_held[unit][metric] = value
    out = []
    for level in range(min(level_of(scope) + 1, 4), 5):
        if level == 4:
            out.append(LevelCoverage(4, head.expected_townships, head.townships_mobilisation_meeting,
                                     head.townships_review_meeting))
        elif level == 3:
            agri = agricultural_counties(scope)
            held = [c for c in counties if c in agri]
            out.append(LevelCoverage(3, len(agri), sum(meetings.held(c, "mobilisation", end) for c in held),
                                     sum(meetings.held(c, "review", end) for c in held)))
        else:
            units = expected(scope, level)
            out.append(LevelCoverage(
                level, len(units),
                sum(1 for u in units if reported_held.get(u, {}).get("mobilisation_meeting_held", 0) > 0),
                sum(1 for u in units if reported_held.get(u, {}).get("review_meeting_held", 0) > 0),
                reported=True))
    return tuple(out)
