"""Dates typed as people write them."""

import pytest

from desktop.records.dates import is_month, parse_date_text


@pytest.mark.parametrize("text, expected", [
    ("1996-08-01", "1996-08-01"), ("1996/8/1", "1996-08-01"), ("1996.8.1", "1996-08-01"),
    ("1996年8月1日", "1996-08-01"), ("19960801", "1996-08-01"), (" １９９６－０８－０１ ", "1996-08-01"),
    ("1996-08-01 00:00", "1996-08-01"), ("1996-08", "1996-08"), ("1996.8", "1996-08"),
    ("1996年8月", "1996-08"), ("199608", "1996-08"), ("2024年3月份", "2024-03"),
])
def test_the_ways_people_write_dates(text, expected):
    assert parse_date_text(text) == expected
    assert is_month(expected) == (len(expected) == 7)


@pytest.mark.parametrize("text", ["", "明天", "1996-13", "2026-02-30", "96-8-1", "1996-08-01-02", "1996年"])
def test_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date_text(text)


def test_a_birth_month_is_kept_as_a_month_other_dates_need_the_day(county_ledger, township_org):
    import pytest as _pytest

    from desktop.errors import ValidationError

    member = county_ledger.committee_members.create(
        org_id=township_org, name="王芳", gender="female", post="member", employment="part_time", source="other",
        joined_on="2021.5.1", birth_date="1996年8月")
    stored = county_ledger.get("committee_member", member)
    assert (stored["birth_date"], stored["joined_on"]) == ("1996-08", "2021-05-01")
    with _pytest.raises(ValidationError) as caught:
        county_ledger.committee_members.update(member, joined_on="2021-05")
    assert [e.field for e in caught.value.errors] == ["joined_on"]


def test_a_roster_that_knows_the_month_finds_the_member_and_keeps_the_day(county_ledger, township_org):
    from desktop.records.dates import less_precise, same_date

    assert same_date("1995-03", "1995-03-02") and same_date("1995-03-02", "1995-03-02")
    assert not same_date("1995-03", "1995-04-02") and not same_date("1995-03-02", "1995-03-03")
    assert not same_date(None, "1995-03") and same_date(None, None)
    assert less_precise("1995-03", "1995-03-02") and not less_precise("1995-03-02", "1995-03")
