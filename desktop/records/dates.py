"""Dates as people write them, read once for every way in (forms, spreadsheets, the CLI).

    1996-08-01  1996/8/1  1996.8.1  1996年8月1日  19960801   → "1996-08-01"
    1996-08     1996.8    1996年8月  199608                  → "1996-08" (only the month is known)

Full-width digits and spaces are folded first.  A date that does not exist (2026-02-30) or
text that is no date raises ``ValueError``; the caller says so in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_YM = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?(?:份)?$")
_Y8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_Y6 = re.compile(r"^(\d{4})(\d{2})$")
_TIME = re.compile(r"^(.+?)(?:T|\s)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    m = _TIME.match(text)
    if m:  # "1996-08-01 00:00" as spreadsheets write it
        text = m[1]
    return re.sub(r"\s+", "", text)


def parse_date_text(text: str) -> str:
    """"YYYY-MM-DD", or "YYYY-MM" when the text names only a month.  Raises ValueError."""
    text = _fold(text)
    m = _YMD.match(text) or _Y8.match(text)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    m = _YM.match(text) or _Y6.match(text)
    if m:
        year, month = int(m[1]), int(m[2])
        dt.date(year, month, 1)  # raises for month 13
        return f"{year:04d}-{month:02d}"
    raise ValueError(text)


def is_month(value: str) -> bool:
    """True for a month-precision value ("1996-08")."""
    return len(value) == 7


def same_date(a: str | None, b: str | None) -> bool:
    """Whether two stored dates may name the same day: equal, or one a month ("1995-03") and
    the other a day of it — a roster that knows only 出生年月 still finds the member."""
    if a == b:
        return True
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return len(short) == 7 and long_.startswith(short)


def less_precise(new: str | None, old: str | None) -> bool:
    """Whether *new* only repeats *old* with less precision (a month of the stored day)."""
    return bool(new and old) and len(new) < len(old) and old.startswith(new)
