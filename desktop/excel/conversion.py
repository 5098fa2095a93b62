"""Cell → field value: what an office typed into a cell, in the form the ledger stores.

``CONVERSIONS`` is the one table, keyed by field type, of how a cell becomes a value:
dates typed every which way, amounts in 万, counts with their unit, enumeration labels and
variants.  The ledger's own ``coerce`` then completes the value (lengths, ranges), except
where the table says the value is already final or is a name that ``lookups`` resolves."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Callable

from desktop.excel.errors import XInvalid
from desktop.excel.matching import norm_header
from desktop.excel.words import enum_value
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.records import Field, T
from desktop.records.enums import enumerations
from desktop.records.dates import parse_date_text
from desktop.records.validation import MSG_BAD_ENUM, AllowedValues, Invalid, coerce

MSG_BAD_DATE = QT_TRANSLATE_NOOP("excel", "\"{value}\" is not a date; write it as 1995-03-02, 1995.3.2, 1995年3月2日 or 19950302")
MSG_BAD_MONTH = QT_TRANSLATE_NOOP("excel", "\"{value}\" is not a month; write it as 2024-03 or 2024年3月")
MSG_EXCEL_ERROR = QT_TRANSLATE_NOOP("excel", "the cell shows the Excel error {value}; correct the formula or type the value")

MSG_LOST_DIGITS = QT_TRANSLATE_NOOP("excel", "{value} was stored as a number, and a spreadsheet keeps only 15 digits of a number, so its last digits are lost; type it as text (put ' before it, or format the column as Text) and import again")

_SPACE = re.compile(r"\s+")
_PAREN = re.compile(r"\([^)]*\)")
_COUNT_UNIT = re.compile(r"(?<=\d)(人|个|名|次|群|条|人次|年|年度)$")


def cell_text(raw: object) -> str:
    """A cell's value as the spreadsheet shows it: 1.0 as "1", a midnight datetime as its date."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ", timespec="minutes")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def compact(raw: object) -> str:
    """A cell's text half-width and without any spaces (for numbers, phones, codes, names)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", cell_text(raw)))


def _float_text(value: float, fmt: str | None) -> str:
    """A non-integer number as the user saw it: 1995.10 typed in a cell formatted "0.00"
    is stored as 1995.1, and shown (and meant) as 1995.10."""
    if fmt:
        m = re.search(r"0\.(0+)", fmt)
        if m:
            return f"{value:.{len(m[1])}f}"
    return repr(value)


def excel_date(raw: object, fmt: str | None = None, *, month_ok: bool = False) -> str:
    """A date cell as "YYYY-MM-DD": an Excel date, an Excel serial number, or text such as
    1995-03-02, 1995/3/2, 1995.3.2, 1995年3月2日, 19950302; a month alone (1995.3,
    1995年3月, 199503) is its first day, or stays "YYYY-MM" with *month_ok*.  Raises Invalid."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        raise XInvalid(MSG_BAD_DATE, value=raw)
    if isinstance(raw, (int, float)) and float(raw).is_integer():
        n = int(raw)
        if 10_000 <= n <= 99_999:  # an Excel serial number in a cell not formatted as a date
            from openpyxl.utils.datetime import from_excel

            return from_excel(n).date().isoformat()
        text = str(n)
    elif isinstance(raw, float):
        text = _float_text(raw, fmt)
    else:
        text = cell_text(raw)
    try:
        parsed = parse_date_text(text)
    except ValueError:
        raise XInvalid(MSG_BAD_DATE, value=cell_text(raw)) from None
    return parsed if len(parsed) == 10 or month_ok else parsed + "-01"


def excel_month(raw: object, fmt: str | None = None) -> str:
    """A month cell as "YYYY-MM" (any form ``excel_date`` reads).  Raises Invalid."""
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()[:7]
    try:
        return excel_date(raw, fmt)[:7]
    except Invalid:
        raise XInvalid(MSG_BAD_MONTH, value=cell_text(raw)) from None


def excel_amount(raw: object) -> str:
    """An amount in yuan as text for the ledger: numbers as they are (float noise
    rounded), "2万" and "2万元" as 20000."""
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        cents = raw * 100
        return f"{raw:.2f}" if abs(cents - round(cents)) < 1e-6 else repr(raw)
    text = compact(raw).replace(",", "").replace("元", "").replace("¥", "").replace("人民币", "")
    if text.endswith("万"):
        try:
            return str(Decimal(text[:-1]) * 10000)
        except InvalidOperation:
            return cell_text(raw)
    return text


def excel_int(raw: object) -> object:
    """A count: a number, or text with thousands separators and a unit ("12人")."""
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, (int, float)):
        return raw
    return _COUNT_UNIT.sub("", compact(raw).replace(",", ""))


def excel_year(raw: object) -> object:
    """A year: a date's year, else a count ("2024年")."""
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.year
    return excel_int(raw)


def excel_phone(raw: object) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        return str(int(raw))
    text = compact(raw)
    digits = re.sub(r"[-‐－—]", "", text)
    if re.fullmatch(r"(\+?86)?1[3-9]\d{9}", digits):
        return digits
    return text


#: (enumeration, cell) → key or the Invalid it raised: a roster repeats a few values.
_ENUM_CACHE: dict[tuple, object] = {}


def excel_enum(f: Field, raw: object) -> str:
    """An enumeration cell: its key, a label, or a common variant (男性, 本科, 兼 …)."""
    key = (f.enum, raw) if isinstance(raw, (str, int, float)) else None
    hit = _ENUM_CACHE.get(key) if key is not None else None
    if hit is None:
        try:
            hit = _enum_key(f, raw)
        except Invalid as exc:
            hit = exc
        if key is not None and len(_ENUM_CACHE) < 10_000:
            _ENUM_CACHE[key] = hit
    if isinstance(hit, Invalid):
        raise hit
    return hit


def _enum_key(f: Field, raw: object) -> str:
    text = unicodedata.normalize("NFKC", cell_text(raw)).strip()
    key = enum_value(f.enum, text)
    if key is None:
        n = norm_header(text)
        if f.enum == "ethnicity" and not n.endswith("族"):
            key = enumerations().lookup(f.enum, n + "族")
        elif _PAREN.search(n):  # "副书记(兼职)", "本科(函授)"
            key = enum_value(f.enum, _PAREN.sub("", n))
    if key is None:
        raise Invalid(MSG_BAD_ENUM, value=cell_text(raw), allowed=AllowedValues(f.enum))
    return key


def _stripped(f: Field, raw: object, fmt: str | None) -> str:
    return cell_text(raw).strip()


@dataclass(frozen=True)
class CellConversion:
    """How a cell becomes a value of one field type."""

    read: Callable[[Field, object, str | None], object]  #: (field, cell, number format) → value
    coerce: bool = True    #: the ledger's ``coerce`` completes the value (False: it is final)
    lookup: bool = False   #: a name that ``lookups`` resolves against the ledger


CONVERSIONS: dict[T, CellConversion] = {
    T.TEXT: CellConversion(_stripped),
    T.ENUM: CellConversion(lambda f, raw, fmt: excel_enum(f, raw), coerce=False),  # already its key
    T.DATE: CellConversion(lambda f, raw, fmt: excel_date(raw, fmt, month_ok=f.month_ok)),
    T.MONTH: CellConversion(lambda f, raw, fmt: excel_month(raw, fmt)),
    T.YEAR: CellConversion(lambda f, raw, fmt: excel_year(raw)),
    T.INT: CellConversion(lambda f, raw, fmt: excel_int(raw)),
    T.MONEY: CellConversion(lambda f, raw, fmt: excel_amount(raw)),
    T.PHONE: CellConversion(lambda f, raw, fmt: excel_phone(raw)),
    T.DIVISION: CellConversion(_stripped, coerce=False, lookup=True),
    T.REF: CellConversion(_stripped, coerce=False, lookup=True),
}


def cell_converter(f: Field) -> Callable[[object, str | None], object]:
    """``convert_cell`` for one field, looked up once (an import converts a column at a time)."""
    conversion = CONVERSIONS[f.type]
    read = conversion.read
    if conversion.coerce:
        return lambda raw, fmt=None: coerce(f, read(f, raw, fmt))
    return lambda raw, fmt=None: read(f, raw, fmt)


def convert_cell(f: Field, raw: object, fmt: str | None = None) -> object:
    """The value of field *f* in a (non-blank) cell; *fmt* is the cell's number format, if
    known.  Raises Invalid (an ``XInvalid`` for this package's own messages)."""
    return cell_converter(f)(raw, fmt)
