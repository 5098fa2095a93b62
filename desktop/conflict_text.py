"""Conflicts as people read them, one text for the window and the command line: the record,
the field, the value that lost and the one that won, and the office, person and time of the
change that won (:func:`conflict_rows`, :func:`conflict_sentence`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Callable

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.ledger import Conflict, HistoryEntry, Ledger
from desktop.offices import office_of
from desktop.records import DELETED, KINDS
from desktop.records.display import field_label, record_title, reference_titles, shown_value

#: The window's texts of conflicts (the dialog's context, where their translations live).
CTX = "ConflictsDialog"
MSG_SENTENCE = QT_TRANSLATE_NOOP("ConflictsDialog", "{record} · {field}: “{won}” from {winner} ({when}) replaced “{lost}”")

#: How a moment is shown (the window passes the user's locale's short form).
TimeText = Callable[["dt.datetime | str | None"], str]


def moment_of(when: dt.datetime | str | None) -> dt.datetime | str | None:
    """A stored time as a datetime; a text that is no time comes back as it is, nothing as None."""
    if not when or not isinstance(when, str):
        return when or None
    try:
        return dt.datetime.fromisoformat(when)
    except ValueError:
        return when


def plain_time(when: dt.datetime | str | None) -> str:
    """A local time as "YYYY-MM-DD HH:MM:SS" (the command line's form)."""
    moment = moment_of(when)
    if moment is None or isinstance(moment, str):
        return moment or ""
    return f"{moment:%Y-%m-%d %H:%M:%S}"


@dataclass(frozen=True)
class ConflictRow:
    """One open conflict, every part as text."""

    conflict: Conflict
    kind: str
    record: str
    field: str
    lost: str
    won: str
    #: the office and person whose change won, and when they made it
    winner: str
    won_at: str
    detected: str


def author_text(ledger: Ledger, entry: HistoryEntry) -> str:
    """The office and person that made a change: its unit's name and the change's author."""
    office = office_of(ledger, entry.origin)
    if office.unit_name() or not entry.author:
        return replace(office, person=entry.author or office.person).text()
    # an office this ledger knows by device only: still name the person
    return translate("offices", "{unit} ({person})").format(unit=office.text(), person=entry.author)


def _winner(ledger: Ledger, conflict: Conflict, entries: dict[str, list[HistoryEntry]],
            when: TimeText) -> tuple[str, str]:
    """(office and person, time) of the change that won *conflict*."""
    if conflict.record_id not in entries:
        try:
            entries[conflict.record_id] = ledger.history(conflict.record_id)
        except LedgerError:
            entries[conflict.record_id] = []
    entry = next((e for e in entries[conflict.record_id] if e.stamp == conflict.won_stamp), None)
    if entry is None:
        return "—", ""
    return author_text(ledger, entry), when(entry.when)


def conflict_rows(ledger: Ledger, conflicts: list[Conflict], when: TimeText = plain_time) -> list[ConflictRow]:
    """Open conflicts as people read them: record, field, both values, who won and *when*."""
    by_kind: dict[str, list[Conflict]] = {}
    for c in conflicts:
        by_kind.setdefault(c.kind, []).append(c)
    rows: list[ConflictRow] = []
    names: dict[tuple[str, str], str] = {}
    entries: dict[str, list[HistoryEntry]] = {}
    for kind_name, group in by_kind.items():
        k = KINDS.get(kind_name)
        if k is None:
            continue
        pairs = [(c.field, v) for c in group for v in (c.lost_value, c.won_value)]
        titles = reference_titles(ledger, k, pairs)
        for c in group:
            key = (kind_name, c.record_id)
            if key not in names:
                names[key] = record_title(ledger, k, c.record_id)
            if c.field == DELETED:
                lost, won = (translate(CTX, "deleted") if v else translate(CTX, "not deleted")
                             for v in (c.lost_value, c.won_value))
                label = translate(CTX, "Deleted")
            else:
                lost, won = (shown_value(k, c.field, v, titles) for v in (c.lost_value, c.won_value))
                label = field_label(k, c.field)
            winner, won_at = _winner(ledger, c, entries, when)
            rows.append(ConflictRow(c, k.label.text(), names[key], label, lost, won, winner, won_at,
                                    when(c.detected_at)))
    rows.sort(key=lambda r: r.conflict.id)
    return rows


def conflict_sentence(row: ConflictRow) -> str:
    """One conflict in a sentence (the window's notice, the ``conflicts`` command)."""
    return translate(CTX, MSG_SENTENCE).format(record=row.record, field=row.field, won=row.won, winner=row.winner,
                                               when=row.won_at, lost=row.lost)
