"""Which headline cards of the overview apply at which level, declared once.

A township's overview is about the township itself: it does not count township committees
("1 of 1 township"), has no county co-operative working committee, and reads the township
figures (funding secured, meetings held) as yes or no.  A county or anything above counts
its townships.  The widgets ask :func:`cards_for` and :func:`reads_as_flag`; they do not
test levels themselves."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.scope.geo import level_of_code

#: Levels of a scope by its code's length ("" is the whole country).
COUNTRY, PROVINCE, PREFECTURE, COUNTY, TOWNSHIP = "country", "province", "prefecture", "county", "township"
ALL = frozenset({COUNTRY, PROVINCE, PREFECTURE, COUNTY, TOWNSHIP})
ABOVE_TOWNSHIP = ALL - {TOWNSHIP}
_BY_LEVEL = {None: COUNTRY, 1: PROVINCE, 2: PREFECTURE, 3: COUNTY, 4: TOWNSHIP}


@dataclass(frozen=True)
class Card:
    """A headline card: where it is shown, and where its count is a yes/no of the unit itself."""

    name: str
    levels: frozenset[str] = ALL
    #: levels where the figure is one unit's yes or no (shown as such, without a share)
    flag_levels: frozenset[str] = frozenset()


#: The cards in the order the overview lays them out.
CARDS = (
    Card("members"),
    Card("townships", ABOVE_TOWNSHIP),
    Card("funding", flag_levels=frozenset({TOWNSHIP})),
    Card("mobilisation", flag_levels=frozenset({TOWNSHIP})),
    Card("review", flag_levels=frozenset({TOWNSHIP})),
    Card("checklist"),
    Card("direct_orgs"),
    Card("coop", ABOVE_TOWNSHIP),
    Card("wechat_groups"),
    Card("wechat_reach"),
)
_CARDS = {c.name: c for c in CARDS}


def level(scope: str) -> str:
    """The level of a scope: country, province, prefecture, county or township (a village
    or an unknown code reads as a township: it is below every count of townships)."""
    return _BY_LEVEL.get(level_of_code(scope) if scope else None, TOWNSHIP)


def cards_for(scope: str) -> list[str]:
    """The names of the cards that apply at *scope*'s level, in layout order."""
    at = level(scope)
    return [c.name for c in CARDS if at in c.levels]


def reads_as_flag(card: str, scope: str) -> bool:
    """Whether *card* shows a yes or no of the unit itself at *scope* (not a count with a share)."""
    return level(scope) in _CARDS[card].flag_levels


def worth_a_chart(bars: int) -> bool:
    """Whether a chart of *bars* bars (units, or categories with a value) says more than the
    cards: one bar, or none, does not; the chart is left out."""
    return bars > 1
