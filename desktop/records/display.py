"""How stored values are shown to people: enumeration labels, yuan, division names, the
titles of referenced records.  Shared by the window, the command line and reports."""

from __future__ import annotations

from desktop.records import Field, Kind, T
from desktop.records.fieldtypes import display
from desktop.records.validation import format_yuan

__all__ = ["display", "editable", "field_label", "reference_titles", "shown_value", "record_title"]


def editable(f: Field, value: object) -> str:
    """The text a form field starts with."""
    if value is None:
        return ""
    if f.type is T.MONEY:
        return format_yuan(value)
    return str(value)


def field_label(k: Kind, name: str) -> str:
    f = k.field_map.get(name)
    return f.label.text() if f is not None else name


def reference_titles(ledger, k: Kind, values: list[tuple[str, object]]) -> dict[str, str]:
    """Titles of the records that the REF values among (field, value) pairs point to."""
    wanted: dict[str, set] = {}
    for name, value in values:
        f = k.field_map.get(name)
        if f is not None and f.type is T.REF and f.ref and isinstance(value, str):
            wanted.setdefault(f.ref, set()).add(value)
    titles: dict[str, str] = {}
    for ref_kind, record_ids in wanted.items():
        titles.update(ledger.titles(ref_kind, record_ids))
    return titles


def shown_value(k: Kind, name: str, value: object, titles: dict[str, str]) -> str:
    f: Field | None = k.field_map.get(name)
    if f is None:
        return "" if value is None else str(value)
    return display(f, value, titles)


def record_title(ledger, k: Kind, record_id: str) -> str:
    rec = ledger.get(k.name, record_id, include_deleted=True)
    if rec is None:
        return record_id
    return shown_value(k, k.title_field, rec.get(k.title_field), {}) or record_id
