"""Readable file names: a package says who sent it and when (``南高乡团委-2026-12-05.tlpkg``),
an identity file whose it is (``南高乡团委-身份.tlid``).  Reading never depends on the
name: files named the old way (``<device id>-<time>.tlpkg``) are read as before."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from desktop.i18n import QT_TRANSLATE_NOOP, translate
from sync.packages.common import IDENTITY_SUFFIX, PART, SUFFIX

M_OFFICE = QT_TRANSLATE_NOOP("packages", "{unit} Youth League")
M_IDENTITY = QT_TRANSLATE_NOOP("packages", "{office}-identity")

#: characters no file system takes, and control characters
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def office_title(ledger) -> str:
    """The office as a file name starts: its unit's name and 团委 (the device id when the
    unit is unknown)."""
    from desktop.scope.geo import geography

    scope = ledger.scope or ""
    geo = geography()
    unit = geo.name(scope) if scope and geo.exists(scope) else ""
    title = translate("packages", M_OFFICE).format(unit=unit) if unit else ledger.device_id
    return _UNSAFE.sub("_", title).strip(" .") or ledger.device_id


def free_path(dest: Path, stem: str, suffix: str) -> Path:
    """``dest/stem+suffix``, or with a counter (``-2``, ``-3`` …) when that name is taken
    (also by an unfinished ``.part`` of a writer)."""
    path = dest / f"{stem}{suffix}"
    n = 2
    while path.exists() or path.with_name(path.name + PART).exists():
        path = dest / f"{stem}-{n}{suffix}"
        n += 1
    return path


def package_name(ledger, dest: Path, suffix: str = SUFFIX, today: dt.date | None = None) -> Path:
    """Where a package (or receipt) of this office goes in *dest*: its name and the date."""
    day = (today or dt.date.today()).isoformat()
    return free_path(Path(dest), f"{office_title(ledger)}-{day}", suffix)


def identity_name(ledger, dest: Path) -> Path:
    """Where this office's identity file goes in *dest* (the same name again is replaced:
    an office has one identity)."""
    stem = translate("packages", M_IDENTITY).format(office=office_title(ledger))
    return Path(dest) / f"{_UNSAFE.sub('_', stem)}{IDENTITY_SUFFIX}"
