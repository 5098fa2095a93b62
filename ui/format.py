"""How stored values are shown: enumeration labels, yuan, dates, references."""

from __future__ import annotations

from desktop.records.enums import enumerations
from desktop.records import Field, T
from desktop.records.validation import format_yuan


def display(f: Field, value: object, titles: dict[str, str] | None = None) -> str:
    if value is None:
        return ""
    if f.type is T.ENUM:
        return enumerations().label(f.enum, value)
    if f.type is T.MONEY:
        return format_yuan(value)
    if f.type is T.REF:
        return (titles or {}).get(value, value)
    if f.type is T.DIVISION:
        from desktop.scope.geo import geography

        d = geography().get(value)
        return d.name if d else value
    return str(value)


def editable(f: Field, value: object) -> str:
    """The text a form field starts with."""
    if value is None:
        return ""
    if f.type is T.MONEY:
        return format_yuan(value)
    return str(value)
