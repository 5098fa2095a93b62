"""Which overview cards apply at which level."""

from desktop.reporting import cards


def test_levels_of_scopes():
    assert [cards.level(s) for s in ("", "13", "1301", "130111", "130111200")] == [
        "country", "province", "prefecture", "county", "township"]


def test_a_township_has_no_county_cards_and_reads_its_figures_as_yes_or_no():
    at_township = cards.cards_for("130111200")
    assert "townships" not in at_township and "coop" not in at_township
    assert at_township[0] == "members" and "checklist" in at_township
    assert cards.reads_as_flag("funding", "130111200") and not cards.reads_as_flag("funding", "130111")
    assert cards.cards_for("130111") == [c.name for c in cards.CARDS]


def test_one_bar_is_no_chart():
    assert not cards.worth_a_chart(1) and not cards.worth_a_chart(0) and cards.worth_a_chart(2)
