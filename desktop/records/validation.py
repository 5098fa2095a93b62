"""Field values: coercion from what a user typed, and the checks on each type.

``coerce`` turns input into the stored value or returns a ``FieldError``.  Rules that
look at several fields or at other records live in ``desktop.records.rules``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from desktop.records.enums import enumerations
from desktop.errors import FieldError
from desktop import i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import Field, T
from desktop.scope.geo import geography

MSG_REQUIRED = QT_TRANSLATE_NOOP("errors", "is required")
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
MSG_BAD_REF = QT_TRANSLATE_NOOP("errors", "\"{value}\" does not name a record in this ledger")

MAX_INT = 10**12
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class AllowedValues:
    """The first labels of an enumeration, for messages, in the reader's language."""

    def __init__(self, enum: str, limit: int = 8) -> None:
        self.enum, self.limit = enum, limit

    def text(self, language: str | None = None) -> str:
        sep = ", " if (language or i18n.language()) == "en" else "、"
        values = enumerations().values(self.enum)
        more = "…" if len(values) > self.limit else ""
        return sep.join(v.label(language) for v in values[: self.limit]) + more


class Invalid(Exception):
    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def normalise_text(value: str) -> str:
    """Full-width digits, letters and spaces to half-width; trim.  For numbers, dates,
    phones and codes: free text keeps its Chinese punctuation (see ``clean_text``)."""
    return unicodedata.normalize("NFKC", value).strip()


def clean_text(value: str) -> str:
    """Free text as the user wrote it, composed (NFC) and trimmed (full-width spaces too)."""
    return unicodedata.normalize("NFC", value).strip()


def today() -> dt.date:
    return dt.date.today()


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


def parse_date(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = normalise_text(str(value))
    for pattern in _DATE_FORMS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                break
    raise Invalid(MSG_BAD_DATE, value=value)


def coerce(f: Field, value: object) -> object:
    """The stored form of *value* for field *f*, or ``None`` for empty.  Raises Invalid."""
    t = f.type
    if isinstance(value, str):
        value = clean_text(value) if t is T.TEXT else normalise_text(value)
        if value == "":
            value = None
    if value is None:
        return None
    if t in (T.TEXT, T.REF):
        if not isinstance(value, str):
            raise Invalid(MSG_NOT_TEXT)
        if len(value) > f.max_len:
            raise Invalid(MSG_TOO_LONG, length=len(value), max=f.max_len)
        return value
    if t is T.ENUM:
        enums = enumerations()
        key = value if isinstance(value, str) and enums.has(f.enum, value) else None
        if key is None and isinstance(value, str):
            key = enums.lookup(f.enum, value)
        if key is None:
            raise Invalid(MSG_BAD_ENUM, value=value, allowed=AllowedValues(f.enum))
        return key
    if t is T.DATE:
        text = parse_date(value)
        if text < "1900-01-01":
            raise Invalid(MSG_TOO_OLD, value=text)
        if f.not_future and text > today().isoformat():
            raise Invalid(MSG_FUTURE, value=text)
        return text
    if t is T.MONTH:
        text = value.isoformat()[:7] if isinstance(value, dt.date) else str(value)
        m = _MONTH.match(text)
        if not m or not 1 <= int(m[2]) <= 12:
            raise Invalid(MSG_BAD_MONTH, value=value)
        return text
    if t is T.YEAR:
        year = _as_int(value)
        if not 1949 <= year <= today().year + 1:
            raise Invalid(MSG_BAD_YEAR, value=value, max=today().year + 1)
        return year
    if t is T.INT:
        number = _as_int(value)
        if number < 0:
            raise Invalid(MSG_NEGATIVE)
        if number > MAX_INT:
            raise Invalid(MSG_TOO_LARGE, value=value)
        return number
    if t is T.MONEY:
        if isinstance(value, bool):
            raise Invalid(MSG_BAD_AMOUNT, value=value)
        if isinstance(value, int):
            if value < 0:
                raise Invalid(MSG_NEGATIVE)
            if value > MAX_INT:
                raise Invalid(MSG_TOO_LARGE, value=value)
            return value
        return parse_yuan(str(value))
    if t is T.PHONE:
        text = re.sub(r"[\s()（）]", "", str(value))
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text.startswith("+86"):
            text = text[3:]
        if not (_MOBILE.match(text) or _LANDLINE.match(text)):
            raise Invalid(MSG_BAD_PHONE, value=value)
        return text
    if t is T.DIVISION:
        text = str(value)
        if not geography().exists(text):
            raise Invalid(MSG_BAD_DIVISION, value=value)
        return text
    raise AssertionError(f"unhandled field type {t}")


def _as_int(value: object) -> int:
    if isinstance(value, bool):
        raise Invalid(MSG_BAD_INT, value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = normalise_text(str(value)).replace(",", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise Invalid(MSG_BAD_INT, value=value)


def field_error(f: Field, exc: Invalid) -> FieldError:
    return FieldError(f.name, exc.message, exc.params, f.label)


def required_error(f: Field) -> FieldError:
    return FieldError(f.name, MSG_REQUIRED, {}, f.label)
