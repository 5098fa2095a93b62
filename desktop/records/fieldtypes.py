"""Field types, declared once: each type's stored SQL type, its coercion from what a
user typed (or a spreadsheet cell, or a received change) and its plain-text display.

``TYPES`` maps every ``T`` to a ``FieldType``.  A coercion is built once per field from
its declaration (``FieldType.coercer(field)``) and cached on the field as
``Field.coerce``: the write path calls one closure per value instead of interpreting
the field's declaration each time.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TYPE_CHECKING, Callable

from desktop import i18n
from desktop.records.dates import is_month, parse_date_text
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records.enums import enumerations
from desktop.scope.geo import geography

if TYPE_CHECKING:  # a field is declared with its type: records imports this module
    from desktop.records import Field


class T(str, Enum):
    """Field types."""

    TEXT = "text"
    ENUM = "enum"
    DATE = "date"          # "YYYY-MM-DD"
    MONTH = "month"        # "YYYY-MM"
    YEAR = "year"          # int
    INT = "int"            # non-negative int
    MONEY = "money"        # int, in fen (1 yuan = 100 fen)
    PHONE = "phone"
    DIVISION = "division"  # a statistical division code that exists
    REF = "ref"            # id of another record


MSG_TOO_LONG = QT_TRANSLATE_NOOP("errors", "is too long ({length} characters; at most {max})")
MSG_NOT_TEXT = QT_TRANSLATE_NOOP("errors", "must be text")
MSG_BAD_ENUM = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not one of the allowed values ({allowed})")
MSG_BAD_DATE = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date; write it as 2024-03-15")
MSG_FUTURE = QT_TRANSLATE_NOOP("errors", "{value} lies in the future")
MSG_TOO_OLD = QT_TRANSLATE_NOOP("errors", "{value} is before 1900")
MSG_BAD_MONTH = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a month; write it as 2024-03")
MSG_BAD_YEAR = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a year between 1949 and {max}")
MSG_BAD_INT = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a whole number")
MSG_NEGATIVE = QT_TRANSLATE_NOOP("errors", "must not be negative")
MSG_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "{value} is too large")
MSG_BAD_AMOUNT = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not an amount in yuan (e.g. 20000 or 1234.50)")
MSG_BAD_PHONE = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a phone number (11-digit mobile, or area code and number)")
MSG_BAD_DIVISION = QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a known division code")
#: The code of the nation (全国) in a DIVISION field that allows it (``nation_ok``): a national
#: ledger's scope, above every province.
NATION = ""
NATION_NAME = QT_TRANSLATE_NOOP("offices", "the whole country")

MAX_INT = 10**12
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_PHONE_NOISE = re.compile(r"[\s()（）]")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_INT_TEXT = re.compile(r"-?\d+")


class Invalid(Exception):
    """A value a field cannot hold: the message and its parameters."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


class AllowedValues:
    """The first labels of an enumeration, for messages, in the reader's language."""

    def __init__(self, enum: str, limit: int = 8) -> None:
        self.enum, self.limit = enum, limit

    def text(self, language: str | None = None) -> str:
        sep = ", " if (language or i18n.language()) == "en" else "、"
        values = enumerations().values(self.enum)
        more = "…" if len(values) > self.limit else ""
        return sep.join(v.label(language) for v in values[: self.limit]) + more


# ------------------------------------------------------------------------------ text and parsers
def normalise_text(value: str) -> str:
    """Full-width digits, letters and spaces to half-width; trim.  For numbers, dates,
    phones and codes: free text keeps its Chinese punctuation (see ``clean_text``)."""
    return unicodedata.normalize("NFKC", value).strip()


def clean_text(value: str) -> str:
    """Free text as the user wrote it, composed (NFC) and trimmed (full-width spaces too)."""
    return unicodedata.normalize("NFC", value).strip()


def today() -> dt.date:
    return dt.date.today()


_today_iso: list = [0.0, ""]  # [read again after (time.time()), today as "YYYY-MM-DD"]


def today_iso() -> str:
    """Today as stored, read from the system at most once a second (it is asked per date value)."""
    now = time.time()
    if now >= _today_iso[0]:
        _today_iso[:] = [now + 1.0, today().isoformat()]
    return _today_iso[1]


def parse_yuan(text: str) -> int:
    """"20000", "1,234.5", "１２３４．５０元" → fen.  Raises Invalid."""
    cleaned = normalise_text(str(text)).replace(",", "").replace("元", "").replace("¥", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(MSG_BAD_AMOUNT, value=text) from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise Invalid(MSG_BAD_AMOUNT, value=text)
    if amount < 0:
        raise Invalid(MSG_NEGATIVE)
    fen = int((amount * 100).to_integral_value())
    if fen > MAX_INT:
        raise Invalid(MSG_TOO_LARGE, value=text)
    return fen


def format_yuan(fen: int | None) -> str:
    if fen is None:
        return ""
    return f"{fen // 100}.{fen % 100:02d}"


def parse_date(value: object, *, month_ok: bool = False) -> str:
    """A date (a ``date``, or text as people write it: :mod:`desktop.records.dates`) as
    "YYYY-MM-DD"; with *month_ok* a month alone stays "YYYY-MM"."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = normalise_text(str(value))
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii():
        try:  # the stored spelling itself: the common case, parsed in C
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise Invalid(MSG_BAD_DATE, value=value) from None
    try:
        parsed = parse_date_text(text)
    except ValueError:
        raise Invalid(MSG_BAD_DATE, value=value) from None
    if is_month(parsed) and not month_ok:
        raise Invalid(MSG_BAD_DATE, value=value)
    return parsed


def parse_int(value: object) -> int:
    """A whole number from an int, a whole float or its text ("1,200", "１２")."""
    if isinstance(value, bool):
        raise Invalid(MSG_BAD_INT, value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = normalise_text(str(value)).replace(",", "")
    if _INT_TEXT.fullmatch(text):
        return int(text)
    raise Invalid(MSG_BAD_INT, value=value)


def normalise_phone(value: object) -> str:
    """The stored form of a phone number: an 11-digit mobile, or a landline with its area
    code ("0311-8765432", an extension after a second "-"); spaces, brackets and a "+86"
    prefix dropped.  Raises ``Invalid`` (with ``MSG_BAD_PHONE``) for anything else."""
    text = _PHONE_NOISE.sub("", normalise_text(value) if isinstance(value, str) else str(value))
    if isinstance(value, float) and value.is_integer():  # a number cell of a spreadsheet
        text = str(int(value))
    if text.startswith("+86"):
        text = text[3:]
    if not (_MOBILE.match(text) or _LANDLINE.match(text)):
        raise Invalid(MSG_BAD_PHONE, value=value)
    return text


# ------------------------------------------------------------------------------ coercions per type
# Each builder returns the coercion of one field: stored value, None for empty, or Invalid.
# Text input is normalised first (``clean_text`` for free text, ``normalise_text`` otherwise);
# an empty text is no value.

Coercion = Callable[[object], object]


def _text(f: "Field") -> Coercion:
    max_len, clean = f.max_len, (clean_text if f.type is T.TEXT else normalise_text)

    def coerce(value: object) -> object:
        if isinstance(value, str):
            value = value.strip() if value.isascii() else clean(value)  # both forms leave ASCII as it is
            if not value:
                return None
        elif value is None:
            return None
        else:
            raise Invalid(MSG_NOT_TEXT)
        if len(value) > max_len:
            raise Invalid(MSG_TOO_LONG, length=len(value), max=max_len)
        return value
    return coerce


def _enum(f: "Field") -> Coercion:
    name, enums = f.enum, enumerations()
    known: dict[str, str] = {}  # text → key, as far as met (keys and labels only)

    def coerce(value: object) -> object:
        if isinstance(value, str):
            value = value.strip() if value.isascii() else normalise_text(value)
            if not value:
                return None
            key = known.get(value)
            if key is None:
                key = value if enums.has(name, value) else enums.lookup(name, value)
                if key is None:
                    raise Invalid(MSG_BAD_ENUM, value=value, allowed=AllowedValues(name))
                known[value] = key
            return key
        if value is None:
            return None
        raise Invalid(MSG_BAD_ENUM, value=value, allowed=AllowedValues(name))
    return coerce


def _normalised(parse: Callable[[object], object]) -> Coercion:
    """*parse* after the common text step (normalise; empty is no value)."""
    def coerce(value: object) -> object:
        if isinstance(value, str):
            value = value.strip() if value.isascii() else normalise_text(value)
            if not value:
                return None
        elif value is None:
            return None
        return parse(value)
    return coerce


def _date(f: "Field") -> Coercion:
    not_future, month_ok = f.not_future, f.month_ok

    def parse(value: object) -> str:
        text = parse_date(value, month_ok=month_ok)
        if text < "1900-01-01":
            raise Invalid(MSG_TOO_OLD, value=text)
        if not_future and text > today_iso()[:len(text)]:
            raise Invalid(MSG_FUTURE, value=text)
        return text
    general = _normalised(parse)

    def coerce(value: object) -> object:
        # the stored spelling itself ("2024-03-15"), the common case, without the general steps
        if value.__class__ is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
            try:
                text = dt.date.fromisoformat(value).isoformat()
            except ValueError:
                return general(value)
            if "1900-01-01" <= text and not (not_future and text > today_iso()):
                return text
        return general(value)
    return coerce


def _month(f: "Field") -> Coercion:
    def parse(value: object) -> str:
        text = value.isoformat()[:7] if isinstance(value, dt.date) else str(value)
        m = _MONTH.match(text)
        if not m or not 1 <= int(m[2]) <= 12:
            raise Invalid(MSG_BAD_MONTH, value=value)
        return text
    return _normalised(parse)


def _year(f: "Field") -> Coercion:
    def parse(value: object) -> int:
        year = parse_int(value)
        if not 1949 <= year <= today().year + 1:
            raise Invalid(MSG_BAD_YEAR, value=value, max=today().year + 1)
        return year
    return _normalised(parse)


def _int(f: "Field") -> Coercion:
    def parse(value: object) -> int:
        number = parse_int(value)
        if number < 0:
            raise Invalid(MSG_NEGATIVE)
        if number > MAX_INT:
            raise Invalid(MSG_TOO_LARGE, value=value)
        return number
    return _normalised(parse)


def _money(f: "Field") -> Coercion:
    def parse(value: object) -> int:
        if isinstance(value, bool):
            raise Invalid(MSG_BAD_AMOUNT, value=value)
        if isinstance(value, int):
            if value < 0:
                raise Invalid(MSG_NEGATIVE)
            if value > MAX_INT:
                raise Invalid(MSG_TOO_LARGE, value=value)
            return value
        return parse_yuan(str(value))
    return _normalised(parse)


def _phone(f: "Field") -> Coercion:
    return _normalised(normalise_phone)


def _division(f: "Field") -> Coercion:
    def parse(value: object) -> str:
        text = str(value)
        if not geography().exists(text):
            raise Invalid(MSG_BAD_DIVISION, value=value)
        return text
    general = _normalised(parse)
    if not f.nation_ok:
        return general

    def coerce(value: object) -> object:
        # the nation's code is the empty one: a value, where another field's "" is none
        return NATION if isinstance(value, str) and not value.strip() else general(value)
    return coerce


# ------------------------------------------------------------------------------ display per type
def _show_enum(f: "Field", value: object, titles: dict | None) -> str:
    return enumerations().label(f.enum, value)


def _show_money(f: "Field", value: object, titles: dict | None) -> str:
    return format_yuan(value)


def _show_ref(f: "Field", value: object, titles: dict | None) -> str:
    return (titles or {}).get(value, value)


def _show_division(f: "Field", value: object, titles: dict | None) -> str:
    if value == NATION and f.nation_ok:
        return i18n.translate("offices", NATION_NAME)
    d = geography().get(value)
    return d.name if d else value


def _show_plain(f: "Field", value: object, titles: dict | None) -> str:
    return str(value)


@dataclass(frozen=True)
class FieldType:
    """Everything a field type means, in one place."""

    #: the column type in the record tables and the type a received value must have
    sql_type: str
    #: builds the coercion of one field of this type from its declaration
    coercer: Callable[["Field"], Coercion]
    #: the plain text of a stored value (enumeration labels, yuan, division names, titles)
    show: Callable[["Field", object, "dict | None"], str]


TYPES: dict[T, FieldType] = {
    T.TEXT: FieldType("TEXT", _text, _show_plain),
    T.ENUM: FieldType("TEXT", _enum, _show_enum),
    T.DATE: FieldType("TEXT", _date, _show_plain),
    T.MONTH: FieldType("TEXT", _month, _show_plain),
    T.YEAR: FieldType("INTEGER", _year, _show_plain),
    T.INT: FieldType("INTEGER", _int, _show_plain),
    T.MONEY: FieldType("INTEGER", _money, _show_money),
    T.PHONE: FieldType("TEXT", _phone, _show_plain),
    T.DIVISION: FieldType("TEXT", _division, _show_division),
    T.REF: FieldType("TEXT", _text, _show_ref),
}


def display(f: "Field", value: object, titles: dict[str, str] | None = None) -> str:
    """How a stored value reads as plain text ("" for none); *titles* names referenced records."""
    if value is None:
        return ""
    return TYPES[f.type].show(f, value, titles)
