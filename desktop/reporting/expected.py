"""The units a report expects (应报单位), from the division list rather than the ledger.

A coverage figure whose base is "all townships / all agricultural counties / all
prefectures in scope" takes its denominator from here, so a county with 7 rural townships
of which 1 is entered reads "1 of 7", and the 6 others are listed as silent.

- townships: the rural townships (乡, 民族乡, 镇, 苏木:
  :meth:`desktop.scope.geo.Geography.is_rural_township`) within the scope; a township scope
  expects itself;
- counties: the agricultural counties (涉农县), counties with at least one rural township;
- prefectures and provinces: those with at least one agricultural county.

Every list is computed once per scope (the whole country in about 0.1 s) and cached.
"""

from __future__ import annotations

import collections
import functools

from desktop.scope.geo import CODE_LENGTH, COUNTY, TOWNSHIP, geography

__all__ = ["agricultural_counties", "expected", "expected_count", "expected_townships"]

#: code length → level: 2 province, 4 prefecture, 6 county, 9 township
_LEVEL = {2: 1, 4: 2, 6: 3, 9: 4}


#: Every province, prefecture and county of the country (some 3,100) fits: a report asks for
#: each unit below its scope, and a smaller cache would drop the provinces the country's
#: report needs again after a look at a few prefectures.
_UNITS = 4096


@functools.lru_cache(maxsize=_UNITS)
def expected_townships(scope: str) -> tuple[str, ...]:
    """The rural townships within *scope* ("" = the whole country), in code order; a township
    scope expects itself (whatever its kind: the ledger of that township is about it)."""
    geo = geography()
    if len(scope) >= CODE_LENGTH[TOWNSHIP]:
        return (scope[:9],) if geo.exists(scope[:9]) else ()
    if scope and not geo.exists(scope):
        return ()
    if not scope:
        # the provinces' lists, each cached: a report of the country also asks for each province's
        return tuple(t for p in geo.children(None) for t in expected_townships(p.code))
    counties = [scope] if len(scope) == CODE_LENGTH[COUNTY] else [d.code for d in geo.descendants(scope, COUNTY)]
    return tuple(t.code for c in counties for t in geo.children(c)
                 if t.level == TOWNSHIP and geo.is_rural_township(t.code))


@functools.lru_cache(maxsize=_UNITS)
def agricultural_counties(scope: str) -> frozenset[str]:
    """The agricultural counties (涉农县) within *scope*: counties of the division list with at
    least one rural township (乡, 民族乡, 镇, 苏木)."""
    if len(scope) > CODE_LENGTH[COUNTY]:
        return frozenset()
    return frozenset(t[:6] for t in expected_townships(scope))


@functools.lru_cache(maxsize=256)
def expected(scope: str, level: int) -> tuple[str, ...]:
    """The expected units of *level* (1 province … 4 township) within *scope*, in code order:
    the units holding at least one rural township (a unit above the scope is not expected)."""
    length = CODE_LENGTH[level]
    if length < len(scope):
        return ()
    return tuple(sorted({t[:length] for t in expected_townships(scope)}))


@functools.lru_cache(maxsize=64)
def _township_counts(scope: str, length: int) -> dict[str, int]:
    return dict(collections.Counter(t[:length] for t in expected_townships(scope)))


def expected_count(code: str) -> int:
    """How many rural townships the unit *code* ("" = the whole country) expects."""
    if len(code) >= CODE_LENGTH[TOWNSHIP] or not code:
        return len(expected_townships(code))
    # one pass over the province (or country) serves every unit within it
    return _township_counts(code[:2], len(code)).get(code, 0)
