"""What a roster's remarks column (备注) says that a field should hold: an exit written as
"2024年5月调离", "已离任 2023.6" or "2023-06-30辞职" is a suggested exit date (a suggestion
only: the user accepts it)."""

from __future__ import annotations

import re
import unicodedata

from desktop.records.dates import parse_date_text

#: Words that say a member left the committee.
_EXIT_WORDS = ("调离", "调出", "调走", "调任", "调至", "离任", "离职", "辞职", "辞去", "退出", "免职", "免去",
               "卸任", "退休", "去世", "病故", "不再担任", "已离开", "转出", "超龄")
_EXIT = re.compile("|".join(_EXIT_WORDS))
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2})\s*日?|\s*月(?:份)?)?")


def exit_date(remark: object) -> str | None:
    """The exit date a remark names ("YYYY-MM-DD"; a month alone is its first day), None
    when it names no exit or no date."""
    if not isinstance(remark, str):
        return None
    text = unicodedata.normalize("NFKC", remark)
    exits = [m.start() for m in _EXIT.finditer(text)]
    if not exits:
        return None
    # the date nearest an exit word ("2022年9月任职，2024年3月调走" left in 2024)
    dates = sorted(_DATE.finditer(text), key=lambda m: min(abs(m.start() - e) for e in exits))
    for m in dates:
        year, month, day = m[1], m[2], m[3]
        try:
            parsed = parse_date_text(f"{year}-{month}-{day}" if day else f"{year}-{month}")
        except ValueError:
            continue
        return parsed if len(parsed) == 10 else parsed + "-01"
    return None
