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
