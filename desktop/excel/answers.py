"""The user's answers to a file, as the command line and the import dialog give them: one
value for a whole column (``--set 任职方式=兼职``) and the value a word of a choice column
stands for (``--map 村干部=其他``).  Fields are named by their Chinese or English label, a
header spelling or their key; values by a label or a key."""

from __future__ import annotations

import unicodedata

from desktop.excel.conversion import convert_cell
from desktop.excel.errors import BadAssignment, BadColumnValue, ExcelText, NotAChoice, NotAField, XInvalid
from desktop.excel.matching import header_field
from desktop.excel.words import answer_key
from desktop.records import KINDS, T, Field
from desktop.records.fieldtypes import AllowedValues, Invalid
from desktop.records.validation import field_error


def split_assignment(text: str) -> tuple[str, str]:
    """"任职方式=兼职" → ("任职方式", "兼职") (a full-width ＝ too)."""
    name, sep, value = unicodedata.normalize("NFKC", text).partition("=")
    if not sep or not name.strip() or not value.strip():
        raise BadAssignment(text=text)
    return name.strip(), value.strip()


def field_of(kind: str, text: str) -> Field:
    """The field of *kind* that *text* names.  Raises NotAField."""
    k = KINDS[kind]
    name = header_field(kind, text)
    if name is None:
        example = next(f for f in k.fields if f.required and not f.immutable).label
        raise NotAField(name=text, kind=k.label, example=example)
    return k.field_map[name]


def column_values(kind: str, assignments: list[str]) -> dict[str, str]:
    """field → value, from "FIELD=VALUE" texts."""
    out = {}
    for text in assignments:
        name, value = split_assignment(text)
        out[field_of(kind, name).name] = value
    return out


def bad_column_value(f: Field, exc: Invalid) -> BadColumnValue:
    """Why a value given for *f*'s whole column cannot be used, in the user's language."""
    reason = ExcelText(exc.message, exc.params) if isinstance(exc, XInvalid) else field_error(f, exc)
    return BadColumnValue(column=f.label, reason=reason.text())


def check_column_value(f: Field, raw: object) -> object:
    """The value *raw* gives field *f* (a name to look up stays as typed).  Raises
    BadColumnValue, so a value can be refused as soon as it is typed."""
    try:
        return raw if f.type in (T.REF, T.DIVISION) else convert_cell(f, raw)
    except Invalid as exc:
        raise bad_column_value(f, exc) from None


def choice(f: Field, value: str) -> str:
    """The key of the value *value* names in *f*'s enumeration.  Raises NotAChoice."""
    key = answer_key(f.enum, value)
    if key is None:
        raise NotAChoice(value=value, column=f.label, allowed=AllowedValues(f.enum, limit=20))
    return key


def add_answer(words: dict[str, dict[str, str]], f: Field, word: str, value: str) -> None:
    """Record that *word* in *f*'s column stands for *value* (a label or key)."""
    words.setdefault(f.enum, {})[word] = choice(f, value)


def word_answers(kind: str, assignments: list[str], unknown: list[tuple[str, str, int]]) -> dict[str, dict[str, str]]:
    """enumeration → {word: key}, from "WORD=VALUE" texts.  A word is answered for the
    column(s) of the file where it is unknown; a word the file does not have, for every
    choice column whose values include VALUE."""
    k = KINDS[kind]
    out: dict[str, dict[str, str]] = {}
    for text in assignments:
        word, value = split_assignment(text)
        fields = [k.field_map[name] for name, w, _n in unknown if w == word]
        if not fields:
            fields = [f for f in k.fields if f.type is T.ENUM and answer_key(f.enum, value) is not None]
        if not fields:
            enum_fields = [f for f in k.fields if f.type is T.ENUM]
            raise NotAChoice(value=value, column=enum_fields[0].label if enum_fields else k.label,
                             allowed=AllowedValues(enum_fields[0].enum, limit=20) if enum_fields else "")
        for f in fields:
            add_answer(out, f, word, value)
    return out
