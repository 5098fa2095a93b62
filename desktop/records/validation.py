"""Field values: coercion from what a user typed, and the checks on each type and kind.

Each field's coercion is declared by its type (``desktop.records.fieldtypes``);
``kind_check(kind)`` compiles a kind's coercions, defaults and required fields once,
so a write runs one closure per value.  Rules that look at several fields or at other
records live in ``desktop.records.rules``.
"""

from __future__ import annotations

from desktop.errors import FieldError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import Field, Kind, T
# What the rest of the program imports from here; the field types define them.
from desktop.records.fieldtypes import (MSG_BAD_ENUM, AllowedValues, Invalid, format_yuan,  # noqa: F401
                                        normalise_phone, parse_yuan)

MSG_REQUIRED = QT_TRANSLATE_NOOP("errors", "is required")
MSG_UNKNOWN_FIELD = QT_TRANSLATE_NOOP("errors", "is not a field of this record")
MSG_NOT_STORED_FORM = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not in its stored form \"{stored}\"")


def coerce(f: Field, value: object) -> object:
    """The stored form of *value* for field *f*, or ``None`` for empty.  Raises Invalid."""
    return f.coerce(value)


def received_error(f: Field, value: object) -> FieldError | None:
    """Why a value received from another ledger cannot be stored in *f*, None if it can.

    A received value must be what a local write would have stored: it passes the field's
    coercion (but for "not in the future") and comes out unchanged."""
    if value == "" and f.type is T.TEXT:
        return None  # the empty text of a field the program fills (issued_by of national templates)
    try:
        stored = f.coerce_received(value)
    except Invalid as exc:
        return field_error(f, exc)
    if stored != value:
        return FieldError(f.name, MSG_NOT_STORED_FORM, {"value": value, "stored": stored}, f.label)
    return None


# ------------------------------------------------------------------ incomplete records (待补全)
# A record may be stored without some of its required fields when it comes from a roster that
# does not have them (an import that lets rows in as incomplete).  It stays "incomplete" until
# those fields are filled; this is the one definition of it, used by writes, the tables, the
# dashboard and the report.

def completable(kind: Kind) -> tuple[Field, ...]:
    """The required fields a record of *kind* may be stored without, to be completed later:
    those without a default that neither name the record (its title), place it (a reference
    or a division) nor are fixed once it exists."""
    found = _COMPLETABLE.get(kind.name)
    if found is None or found[0] is not kind:
        fields = tuple(f for f in kind.fields if f.required and f.default is None and not f.immutable
                       and f.name != kind.title_field and f.type not in (T.REF, T.DIVISION))
        found = _COMPLETABLE[kind.name] = (kind, fields)
    return found[1]


_COMPLETABLE: dict[str, tuple[Kind, tuple[Field, ...]]] = {}


def missing_required(kind: Kind, record: dict) -> list[Field]:
    """The completable fields *record* lacks: not empty means the record is incomplete."""
    return [f for f in completable(kind) if record.get(f.name) is None]


def is_incomplete(kind: Kind, record: dict) -> bool:
    return bool(missing_required(kind, record))


def incomplete_sql(kind: Kind) -> str | None:
    """The SQL condition of :func:`is_incomplete` on a row of *kind*'s table (None: a record
    of this kind is never incomplete)."""
    fields = completable(kind)
    return "(" + " OR ".join(f"{f.name} IS NULL" for f in fields) + ")" if fields else None


def field_error(f: Field, exc: Invalid) -> FieldError:
    return FieldError(f.name, exc.message, exc.params, f.label)


def required_error(f: Field) -> FieldError:
    return FieldError(f.name, MSG_REQUIRED, {}, f.label)


class KindCheck:
    """A kind's per-field checks, compiled once from its declaration."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self._coercions = {f.name: (f, f.coerce) for f in kind.fields}
        self._blank = {f.name: f.default for f in kind.fields}
        self._required = tuple(f for f in kind.fields if f.required)
        self._essential = tuple(f for f in self._required if f not in completable(kind))

    def coerce(self, values: dict, errors: list[FieldError]) -> dict:
        """The stored form of each given value; a field error for each bad or unknown one."""
        out = {}
        coercions = self._coercions
        for name, value in values.items():
            entry = coercions.get(name)
            if entry is None:
                errors.append(FieldError(name, MSG_UNKNOWN_FIELD))
                continue
            try:
                out[name] = entry[1](value)
            except Invalid as exc:
                errors.append(field_error(entry[0], exc))
        return out

    def new(self, values: dict, errors: list[FieldError], fallback: dict | None = None,
            incomplete_ok: bool = False) -> dict:
        """Every field of a record to be created: the given values, else the field's default,
        else *fallback*'s; a field error for each required field left empty (with
        *incomplete_ok*, only for those not :func:`completable`)."""
        full = self._blank.copy()
        coercions = self._coercions
        for name, value in values.items():  # ``coerce`` inlined: this runs for every new record
            entry = coercions.get(name)
            if entry is None:
                errors.append(FieldError(name, MSG_UNKNOWN_FIELD))
                continue
            try:
                value = entry[1](value)
            except Invalid as exc:
                errors.append(field_error(entry[0], exc))
                continue
            if value is not None:
                full[name] = value
        if fallback:
            for name, value in fallback.items():
                if full[name] is None:
                    full[name] = value
        required = self._essential if incomplete_ok else self._required
        if errors:
            bad = {e.field for e in errors}
            errors += [required_error(f) for f in required if full[f.name] is None and f.name not in bad]
        else:
            errors += [required_error(f) for f in required if full[f.name] is None]
        return full


_CHECKS: dict[str, KindCheck] = {}


def kind_check(kind: Kind) -> KindCheck:
    """The compiled checks of *kind* (built on first use, then shared)."""
    check = _CHECKS.get(kind.name)
    if check is None or check.kind is not kind:
        check = _CHECKS[kind.name] = KindCheck(kind)
    return check
