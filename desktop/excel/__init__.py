"""Excel import and export (导入 / 导出 Excel): office rosters in, any table out.

Import reads the workbooks township offices really keep — title rows above the header,
merged cells, Chinese header variants in any order, dates typed every which way — and
*plans* every row against the ledger: add, update (the same member or organisation is
already stored), duplicate (twice in the file, or identical to what is stored) or error
(Excel row, column, reason in the user's language).  The plan runs the ledger's own
validation on each row inside a transaction that is rolled back, so a file is checked
completely and nothing is stored.  ``apply_import`` then writes the good rows in one
transaction and one undo batch; ``write_error_workbook`` hands the bad rows back with a
reason column, to be fixed and imported again.

Export writes records as .xlsx with real dates and numbers, labels in the user's
language, formula-looking text kept as text, atomically (temp file, rename).

No Qt here: the GUI runs these functions in workers; ``progress(done, total)`` callbacks
may raise to cancel (a cancelled import stores nothing).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import json
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Iterable, Sequence

from desktop.fsio import TargetInUse, atomic_path
from desktop import i18n, paths
from desktop.records.enums import enumerations
from desktop.errors import FieldError, Label, LedgerError, NotFound, UnknownKind, ValidationError
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS, NATURAL_ORG_KINDS, ORG_PARENT_KINDS, Field, Kind, T, kinds_where, natural_org_id
from desktop.records.validation import MSG_BAD_ENUM, AllowedValues, Invalid, coerce, field_error

CTX = "excel"
Progress = Callable[[int, int], None]

#: Kinds that can be imported from Excel, with a blank template in ``resources/templates``,
#: and written by ``export_ledger`` (a sheet each): as their declarations say.
IMPORT_KINDS = kinds_where("importable")
TEMPLATE_KINDS = kinds_where("template")
EXPORT_KINDS = kinds_where("exportable")

ADD, UPDATE, DUPLICATE, ERROR = "add", "update", "duplicate", "error"
STATUSES = (ADD, UPDATE, DUPLICATE, ERROR)
STATUS_LABELS = {
    ADD: QT_TRANSLATE_NOOP("excel", "New"),
    UPDATE: QT_TRANSLATE_NOOP("excel", "Update"),
    DUPLICATE: QT_TRANSLATE_NOOP("excel", "Duplicate"),
    ERROR: QT_TRANSLATE_NOOP("excel", "Has errors"),
}
ERROR_COLUMN = QT_TRANSLATE_NOOP("excel", "Error")
REQUIRED_MARK = "*"
#: Font colour of the example row of the blank templates; rows in it are not imported.
EXAMPLE_RGB = "FF9E9E9E"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: Rows searched for the header (title rows and notes above it are common).
HEADER_SEARCH_ROWS = 30
#: Rows checked together by the dry run (a chunk with a bad row is checked again row by row).
DRY_RUN_CHUNK = 500
#: Excel shows these as errors; a cell holding one (a broken formula) is reported, and text
#: equal to one is written as text on export.
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
#: Characters Excel's XML cannot hold (copy-pasted control characters).
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A footer row whose first cell is one of these is not a record.
_TOTAL_WORDS = ("合计", "总计", "小计", "total")

# ------------------------------------------------------------------ messages
MSG_BAD_DATE = QT_TRANSLATE_NOOP("excel", "\"{value}\" is not a date; write it as 1995-03-02, 1995.3.2, 1995年3月2日 or 19950302")
MSG_BAD_MONTH = QT_TRANSLATE_NOOP("excel", "\"{value}\" is not a month; write it as 2024-03 or 2024年3月")
MSG_EXCEL_ERROR = QT_TRANSLATE_NOOP("excel", "the cell shows the Excel error {value}; correct the formula or type the value")
MSG_UNKNOWN_ORG = QT_TRANSLATE_NOOP("excel", "there is no organisation named \"{value}\" in this ledger")
MSG_AMBIGUOUS_ORG = QT_TRANSLATE_NOOP("excel", "\"{value}\" is the name of {count} organisations ({examples}); write the county or township before the name, e.g. {example}")
MSG_UNKNOWN_DIVISION = QT_TRANSLATE_NOOP("excel", "\"{value}\" is neither a division code nor the name of a division in {scope}")
MSG_AMBIGUOUS_DIVISION = QT_TRANSLATE_NOOP("excel", "\"{value}\" is the name of several divisions ({examples}); write the division code")
MSG_UNKNOWN_RECORD = QT_TRANSLATE_NOOP("excel", "there is no {kind} \"{value}\" in this ledger")
MSG_AMBIGUOUS_RECORD = QT_TRANSLATE_NOOP("excel", "\"{value}\" names {count} records of {kind}; write the record's id")
NOTE_STORED = QT_TRANSLATE_NOOP("excel", "already in the ledger")
NOTE_SAME_ROW = QT_TRANSLATE_NOOP("excel", "the same as row {row}")
NOTE_SAME_ROW_SHEET = QT_TRANSLATE_NOOP("excel", "the same as row {row} of sheet {sheet}")
NOTE_CONFLICT = QT_TRANSLATE_NOOP("excel", "row {row} has the same {what} with different values; keep one of the two rows")
NOTE_CHANGES = QT_TRANSLATE_NOOP("excel", "changes {fields}")
WHAT_MEMBER = QT_TRANSLATE_NOOP("excel", "member (name and birth date or phone)")
WHAT_ORG = QT_TRANSLATE_NOOP("excel", "organisation")
WHAT_RECORD = QT_TRANSLATE_NOOP("excel", "record")
LINE_ROW = QT_TRANSLATE_NOOP("excel", "Row {row}: {reason}")
LINE_SHEET_ROW = QT_TRANSLATE_NOOP("excel", "Sheet {sheet}, row {row}: {reason}")
EXAMPLE_HINT = QT_TRANSLATE_NOOP("excel", "Grey row: an example, not imported. Columns marked * are required.")
PICK_FROM_LIST = QT_TRANSLATE_NOOP("excel", "Choose a value from the list.")
LISTS_SHEET = QT_TRANSLATE_NOOP("excel", "Lists")
LIST_COLUMN = QT_TRANSLATE_NOOP("excel", "Choices for {label}")


def _loc(value: object, language: str | None) -> object:
    text = getattr(value, "text", None)
    return text(language) if callable(text) else value


def _sep(language: str | None) -> str:
    return ": " if (language or i18n.language()) == "en" else "："


def _list_sep(language: str | None) -> str:
    return ", " if (language or i18n.language()) == "en" else "、"


@dataclass(frozen=True)
class ExcelText:
    """A message of this module (context "excel") with parameters, in the reader's language."""

    message: str
    params: dict = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        params = {k: _loc(v, language) for k, v in self.params.items()}
        return translate(CTX, self.message, language).format(**params)


class _Joined:
    """Several translatable texts joined by the language's list separator."""

    def __init__(self, parts: Iterable[object]) -> None:
        self.parts = list(parts)

    def text(self, language: str | None = None) -> str:
        return _list_sep(language).join(str(_loc(p, language)) for p in self.parts)


class _XInvalid(Invalid):
    """A cell this module cannot read (its message is in the "excel" context)."""


# ------------------------------------------------------------------ errors
class ExcelError(LedgerError):
    """A workbook that cannot be imported, or an export that cannot be written."""

    message = QT_TRANSLATE_NOOP("excel", "The Excel file could not be used.")

    def text(self, language: str | None = None) -> str:
        params = {k: _loc(v, language) for k, v in self.params.items()}
        return translate(CTX, self.message, language).format(**params)


class FileMissing(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "The file {name} does not exist.")


class FileUnreadable(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} cannot be opened: {reason}.")


class FileInUse(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} cannot be written: it is open in another program (Excel or WPS?). Close it there and try again.")


class EmptyFile(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is empty (0 bytes).")


class OldExcelFormat(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is an old-format Excel file (.xls, Excel 97-2003). Open it in Excel or WPS, save it as \"Excel workbook (*.xlsx)\" and import that file.")


class PasswordProtected(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is password protected. Open it in Excel or WPS, remove the password (File → Info → Protect workbook), save it and import it again.")


class TextFile(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is a text file (CSV or similar), not an Excel workbook. Open it in Excel or WPS and save it as \"Excel workbook (*.xlsx)\".")


class WebPageFile(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is a web page or XML file with an Excel name (many web systems export such files). Open it in Excel or WPS and save it as \"Excel workbook (*.xlsx)\".")


class NotAWorkbook(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is not an Excel workbook.")


class DamagedWorkbook(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is damaged and cannot be read ({detail}). Open it in Excel or WPS; if it opens, save it under a new name and import that file.")


class EmptyWorkbook(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} contains no data.")


class NoHeader(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "No sheet of {name} has a header row for {kind}. One row above the data must name the columns, for example: {examples}.")


class MissingColumns(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "Sheet {sheet} of {name} has no column for {columns}, which every {kind} needs.")


class BadUnit(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "\"{code}\" is not a township or county inside this ledger's scope {scope}.")


class UnitNotInLedger(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{unit} has no league committee in this ledger yet. Add it (or import the organisations) first.")


class NotImportable(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "Records of kind {kind} cannot be imported from Excel.")


class ImportChanged(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "The ledger changed after the file was checked ({detail}); nothing was imported. Check the file again.")


# ------------------------------------------------------------------ reading workbooks
@dataclass
class SheetData:
    """One sheet's cell values: ``rows[i][j]`` is Excel row i+1, column j+1, with merged
    ranges filled with their value and trailing empty rows and columns cut."""

    name: str
    rows: list[list]
    hidden: bool = False
    #: rows (0-based) made of one merged cell across several columns: titles, notes
    banner_rows: set[int] = field(default_factory=set)
    #: rows (0-based) written in the example grey of the blank templates
    example_rows: set[int] = field(default_factory=set)
    #: number formats of non-integer number cells that show a fixed number of decimals
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    #: cells (0-based) holding an Excel error value (#N/A, #VALUE! …: a broken formula)
    errors: set[tuple[int, int]] = field(default_factory=set)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _sniff(data: bytes, name: str) -> None:
    """Refuse, with the reason, whatever is not an .xlsx workbook."""
    if not data:
        raise EmptyFile(name=name)
    if data[:8] == OLE_MAGIC:
        # an OLE compound file: an encrypted .xlsx (its streams EncryptionInfo and
        # EncryptedPackage) or an old binary workbook
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise PasswordProtected(name=name)
        raise OldExcelFormat(name=name)
    if data[:4] != ZIP_MAGIC:
        head = data[:4096]
        if _is_text(head):
            text = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
            if text.startswith((b"<html", b"<!doctype", b"<?xml", b"<table", b"<meta")) or b"<html" in text[:512]:
                raise WebPageFile(name=name)
            raise TextFile(name=name)
        raise NotAWorkbook(name=name)


def _is_text(head: bytes) -> bool:
    """Whether the first bytes of a file are text (UTF-16 with its mark, UTF-8 or GB18030,
    no control characters besides line breaks and tabs)."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        for cut in (0, 1, 2, 3):  # the sample may end inside a character
            try:
                text = head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return not any(ord(ch) < 32 and ch not in "\r\n\t\f" for ch in text)
    return False


def read_workbook(path: Path | str) -> list[SheetData]:
    """Every sheet of an .xlsx workbook, merged ranges filled.  Raises an ``ExcelError``
    saying why for an old .xls, a password-protected, text, damaged or empty file."""
    import openpyxl

    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileMissing(name=str(path)) from None
    except OSError as exc:
        raise FileUnreadable(name=name, reason=exc.strerror or str(exc)) from None
    _sniff(data, name)
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise DamagedWorkbook(name=name, detail=str(exc) or type(exc).__name__) from None
    if not any(m.lower().startswith("xl/") and m.lower().endswith("workbook.xml") for m in members):
        raise NotAWorkbook(name=name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (slicers, data validation ext…)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise DamagedWorkbook(name=name, detail=detail) from None
    sheets = [_sheet_data(ws) for ws in wb.worksheets]
    wb.close()
    if not any(s.rows for s in sheets):
        raise EmptyWorkbook(name=name)
    return sheets


def _sheet_data(ws) -> SheetData:
    values: dict[tuple[int, int], object] = {}
    formats: dict[tuple[int, int], str] = {}
    errors: set[tuple[int, int]] = set()
    max_r = max_c = 0
    for (r, c), cell in ws._cells.items():  # only the cells the file holds (iter_rows would create the rest)
        v = cell.value
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        values[(r, c)] = v
        if cell.data_type == "e":
            errors.add((r - 1, c - 1))
        if type(v) is float and not v.is_integer():
            fmt = cell.number_format
            if fmt and fmt != "General":
                formats[(r - 1, c - 1)] = fmt
        max_r, max_c = max(max_r, r), max(max_c, c)
    banner: dict[int, tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        v = values.get((rng.min_row, rng.min_col))
        if v is None:
            continue
        for r in range(rng.min_row, min(rng.max_row, max_r) + 1):
            for c in range(rng.min_col, min(rng.max_col, max_c) + 1):
                values[(r, c)] = v
            if rng.max_col > rng.min_col:
                banner[r - 1] = (rng.min_col, rng.max_col)
    rows = [[None] * max_c for _ in range(max_r)]
    for (r, c), v in values.items():
        rows[r - 1][c - 1] = v
    banner_rows = {r for r, (lo, hi) in banner.items()
                   if all(v is None or lo <= c + 1 <= hi for c, v in enumerate(rows[r]))}
    example_rows = set()
    for r in range(min(max_r, HEADER_SEARCH_ROWS + 5)):
        colours = []
        for c, v in enumerate(rows[r]):
            if v is None:
                continue
            cell = ws._cells.get((r + 1, c + 1))
            color = cell.font.color if cell is not None and cell.has_style and cell.font else None
            colours.append(getattr(color, "rgb", None) if color is not None else None)
        if colours and all(isinstance(x, str) and x.upper() == EXAMPLE_RGB for x in colours):
            example_rows.add(r)
    return SheetData(ws.title, rows, ws.sheet_state != "visible", banner_rows, example_rows, formats, errors)


# ------------------------------------------------------------------ headers
@functools.lru_cache(maxsize=1)
def _reference() -> dict:
    path = paths.resource_dir() / "reference" / "excel_headers.json"
    return json.loads(path.read_text(encoding="utf-8"))


def norm_header(text: object) -> str:
    """A header cell as compared: half-width, no spaces, lower case, no required mark."""
    t = unicodedata.normalize("NFKC", str(text))
    t = re.sub(r"\s+", "", t).lower()
    return t.strip("*:").strip()


_PAREN = re.compile(r"\([^)]*\)")


@functools.lru_cache(maxsize=None)
def header_index(kind: str) -> dict[str, str]:
    """Spelling (normalised) → field, for one kind: the declared synonyms first, then each
    field's Chinese and English label and its key, then the synonyms common to all kinds."""
    k = KINDS[kind]
    headers = _reference()["headers"]
    own, common = headers.get(kind, {}), headers.get("_common", {})
    index: dict[str, str] = {}

    def put(spelling: str, name: str) -> None:
        index.setdefault(norm_header(spelling), name)

    for name, spellings in own.items():
        for s in spellings:
            put(s, name)
    for f in k.fields:
        for s in (f.label.text("zh_CN"), f.label_en, f.name):
            put(s, f.name)
    for name, spellings in common.items():
        if name in k.field_map:
            for s in spellings:
                put(s, name)
    return index


def header_field(kind: str, text: object) -> str | None:
    if not isinstance(text, str):
        return None
    index = header_index(kind)
    n = norm_header(text)
    return index.get(n) or index.get(_PAREN.sub("", n))


@dataclass
class Header:
    """Where a sheet's header is and which column holds which field."""

    row: int                      #: 0-based index of the (last) header row; data follow it
    fields: dict[int, str]        #: column (0-based) → field
    titles: list[str]             #: header text of every column ("" where blank)

    def column_of(self, name: str) -> int | None:
        for c, f in self.fields.items():
            if f == name:
                return c
        return None

    @property
    def ignored(self) -> list[str]:
        return [t for c, t in enumerate(self.titles) if t and c not in self.fields]


def find_header(sheet: SheetData, kind: str) -> Header | None:
    """The row that names the most fields of *kind* (at least two) among the first rows;
    a header of two rows (a group title above sub-columns) is read as one."""
    best: tuple[int, int, dict[int, str]] | None = None
    for r in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        if r in sheet.banner_rows:
            continue
        matched = _match_row(kind, sheet.rows[r], {})
        if len(matched) >= 2 and (best is None or len(matched) > best[1]):
            best = (r, len(matched), matched)
    if best is None:
        return None
    r, _n, matched = best
    titles = [_title(v) for v in sheet.rows[r]]
    if r > 0 and r - 1 not in sheet.banner_rows:  # a cell left blank under a taller header cell
        above = sheet.rows[r - 1]
        blanks = {c for c in range(len(above)) if c >= len(titles) or not titles[c]}
        extra = _match_row(kind, [v if c in blanks else None for c, v in enumerate(above)], matched)
        for c, name in extra.items():
            matched[c] = name
            titles[c] = _title(above[c])
    return Header(r, dict(sorted(matched.items())), titles)


def _title(value: object) -> str:
    return "" if value is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).strip()


def _match_row(kind: str, row: list, taken: dict[int, str]) -> dict[int, str]:
    seen = set(taken.values())
    out: dict[int, str] = {}
    for c, v in enumerate(row):
        name = header_field(kind, v)
        if name and name not in seen:
            out[c] = name
            seen.add(name)
    return out


# ------------------------------------------------------------------ cell values
def _text(raw: object) -> str:
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(sep=" ", timespec="minutes")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw)


def _nfkc(raw: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _text(raw)))


def _float_text(value: float, fmt: str | None) -> str:
    """A non-integer number as the user saw it: 1995.10 typed in a cell formatted "0.00"
    is stored as 1995.1, and shown (and meant) as 1995.10."""
    if fmt:
        m = re.search(r"0\.(0+)", fmt)
        if m:
            return f"{value:.{len(m[1])}f}"
    return repr(value)


_YMD = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_YM = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?(?:份)?$")
_Y8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_Y6 = re.compile(r"^(\d{4})(\d{2})$")
_TIME = re.compile(r"^(.+?)(?:T|\s)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


def excel_date(raw: object, fmt: str | None = None) -> str:
    """A date cell as "YYYY-MM-DD": an Excel date, an Excel serial number, or text such as
    1995-03-02, 1995/3/2, 1995.3.2, 1995年3月2日, 19950302; a month alone (1995.3,
    1995年3月, 199503) is its first day.  Raises Invalid."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        raise _XInvalid(MSG_BAD_DATE, value=raw)
    if isinstance(raw, (int, float)) and float(raw).is_integer():
        n = int(raw)
        if 10_000 <= n <= 99_999:  # an Excel serial number in a cell not formatted as a date
            from openpyxl.utils.datetime import from_excel

            return from_excel(n).date().isoformat()
        text = str(n)
    elif isinstance(raw, float):
        text = _float_text(raw, fmt)
    else:
        text = unicodedata.normalize("NFKC", _text(raw)).strip()
        m = _TIME.match(text)
        if m:
            text = m[1]
        text = re.sub(r"\s+", "", text)
    m = _YMD.match(text) or _Y8.match(text)
    y, mo, d = (m[1], m[2], m[3]) if m else (None, None, "1")
    if m is None:
        m = _YM.match(text) or _Y6.match(text)
        if m:
            y, mo = m[1], m[2]
    if y is None:
        raise _XInvalid(MSG_BAD_DATE, value=_text(raw))
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        raise _XInvalid(MSG_BAD_DATE, value=_text(raw)) from None


def excel_month(raw: object, fmt: str | None = None) -> str:
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.isoformat()[:7]
    try:
        return excel_date(raw, fmt)[:7]
    except Invalid:
        raise _XInvalid(MSG_BAD_MONTH, value=_text(raw)) from None


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
    text = _nfkc(raw).replace(",", "").replace("元", "").replace("¥", "").replace("人民币", "")
    if text.endswith("万"):
        try:
            return str(Decimal(text[:-1]) * 10000)
        except InvalidOperation:
            return _text(raw)
    return text


def excel_int(raw: object) -> object:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, (int, float)):
        return raw
    text = _nfkc(raw).replace(",", "")
    text = re.sub(r"(?<=\d)(人|个|名|次|群|条|人次|年|年度)$", "", text)
    return text


def excel_phone(raw: object) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        return str(int(raw))
    text = _nfkc(raw)
    digits = re.sub(r"[-‐－—]", "", text)
    if re.fullmatch(r"(\+?86)?1[3-9]\d{9}", digits):
        return digits
    return text


@functools.lru_cache(maxsize=None)
def _enum_synonyms(enum: str) -> dict[str, str]:
    values = _reference().get("values", {}).get(enum, {})
    return {norm_header(k): v for k, v in values.items()}


def excel_enum(f: Field, raw: object) -> str:
    """An enumeration cell: its key, a label, or a common variant (男性, 本科, 兼 …)."""
    key = (f.enum, raw) if isinstance(raw, (str, int, float)) else None
    hit = _ENUM_CACHE.get(key) if key is not None else None
    if hit is None:
        try:
            hit = _excel_enum(f, raw)
        except Invalid as exc:
            hit = exc
        if key is not None and len(_ENUM_CACHE) < 10_000:
            _ENUM_CACHE[key] = hit
    if isinstance(hit, Invalid):
        raise hit
    return hit


_ENUM_CACHE: dict[tuple, object] = {}


def _excel_enum(f: Field, raw: object) -> str:
    enums = enumerations()
    text = unicodedata.normalize("NFKC", _text(raw)).strip()
    key = enums.lookup(f.enum, text)
    if key is None:
        n = norm_header(text)
        key = _enum_synonyms(f.enum).get(n)
        if key is None and f.enum == "ethnicity" and not n.endswith("族"):
            key = enums.lookup(f.enum, n + "族")
        if key is None:
            for v in enums.values(f.enum):  # labels compared without spaces and case
                if n in (norm_header(v.zh), norm_header(v.en), v.key.lower()):
                    key = v.key
                    break
    if key is None:
        raise Invalid(MSG_BAD_ENUM, value=_text(raw), allowed=AllowedValues(f.enum))
    return key


# ------------------------------------------------------------------ references
def _name_key(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


class _Divisions:
    """Division codes from what a sheet says: a code, "南高乡（130111200）", or a name
    unique within the ledger's scope."""

    def __init__(self, scope: str, unit: str | None) -> None:
        self.scope, self.unit = scope, unit
        self._cache: dict[str, str | Invalid] = {}

    def resolve(self, raw: object) -> str:
        text = _nfkc(raw)
        hit = self._cache.get(text)
        if hit is None:
            try:
                hit = self._resolve(text, raw)
            except Invalid as exc:
                hit = exc
            self._cache[text] = hit
        if isinstance(hit, Invalid):
            raise hit
        return hit

    def _resolve(self, text: str, raw: object) -> str:
        from desktop.scope.geo import geography

        geo = geography()
        m = re.search(r"\((\d{2,12})\)$", text)
        if m:
            text = m[1]
        if text.isdigit():
            return text  # the ledger checks that the code exists
        scope_name = geo.get(self.scope).name if self.scope and geo.get(self.scope) else None
        if scope_name == text:
            return self.scope
        for under in ([self.unit] if self.unit else []) + [self.scope]:
            hits = [d for d in geo.search(text, under=under or None, limit=200) if d.name == text]
            if not hits and under and len(under) >= 6:
                hits = [d for d in geo.search(text, under=under, level=5, limit=200) if d.name == text]
            if len(hits) == 1:
                return hits[0].code
            if len(hits) > 1:
                examples = _Joined(f"{d.code} {geo.full_name(d.code)}" for d in hits[:3])
                raise _XInvalid(MSG_AMBIGUOUS_DIVISION, value=_text(raw), examples=examples)
        scope = geo.full_name(self.scope) if self.scope else Label(CTX, _CHINA)
        raise _XInvalid(MSG_UNKNOWN_DIVISION, value=_text(raw), scope=scope)


_CHINA = QT_TRANSLATE_NOOP("excel", "China")


class _Organisations:
    """Organisations of the ledger's scope by name, plus the committees the file itself
    adds (so an organisation row may name a parent added a few rows above)."""

    def __init__(self, ledger, unit: str | None) -> None:
        self.unit = unit
        self.ids: set[str] = set()
        self.by_name: dict[str, list[tuple[str, str, str]]] = {}  # name → [(id, kind, division)]
        self.by_parent: dict[tuple[str, str | None], str] = {}      # (name, parent) → id
        for o in ledger.query("organisation", scope=ledger.scope,
                              columns=("name", "kind", "division_code", "parent_id")):
            self._add(o["id"], o["name"], o["kind"], o["division_code"], o["parent_id"])
        self.scope = ledger.scope

    def _add(self, record_id: str, name: str | None, kind: str, division: str | None, parent: str | None) -> None:
        self.ids.add(record_id)
        key = _name_key(name or "")
        entries = self.by_name.setdefault(key, [])
        if all(e[0] != record_id for e in entries):
            entries.append((record_id, kind, division or ""))
        self.by_parent.setdefault((key, parent), record_id)

    def planned(self, record_id: str, values: dict) -> None:
        self._add(record_id, values.get("name"), values.get("kind"), values.get("division_code"),
                  values.get("parent_id"))

    def resolve(self, raw: object, allowed: Sequence[str] = ()) -> str:
        text = _text(raw).strip()
        if text in self.ids:
            return text
        key = _name_key(text)
        cands = list(self.by_name.get(key, ()))
        if not cands:
            cands = self._qualified(key)
        if len(cands) > 1 and self.unit:
            narrowed = [c for c in cands if c[2].startswith(self.unit)]
            cands = narrowed or cands
        if len(cands) > 1 and allowed:
            cands = [c for c in cands if c[1] in allowed] or cands
        if len(cands) == 1:
            return cands[0][0]
        if len(cands) > 1:
            raise self._ambiguous(text, cands)
        found = self._committee_of_division(key)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise _XInvalid(MSG_AMBIGUOUS_ORG, value=text, count=len(found), examples=_Joined(found[:3]),
                            example=found[0])
        raise _XInvalid(MSG_UNKNOWN_ORG, value=text)

    def _qualified(self, key: str) -> list[tuple[str, str, str]]:
        """"栾城区南高乡团委": an organisation's name with the name of a division above it in front."""
        from desktop.scope.geo import geography

        geo = geography()
        out = []
        for name, entries in self.by_name.items():
            if not name or len(name) >= len(key) or not key.endswith(name):
                continue
            prefix = key[: -len(name)]
            for e in entries:
                if e[2] and geo.get(e[2]) and prefix in geo.full_name(e[2]):
                    out.append(e)
        return out

    def _ambiguous(self, text: str, cands: list[tuple[str, str, str]]) -> Invalid:
        from desktop.scope.geo import geography

        geo = geography()
        names = []
        for record_id, _kind, division in cands[:3]:
            place = geo.get(division[:6]) if division else None
            names.append(f"{place.name if place else ''}{text}")
        return _XInvalid(MSG_AMBIGUOUS_ORG, value=text, count=len(cands), examples=_Joined(names), example=names[0])

    def _committee_of_division(self, key: str) -> list[str]:
        """A division's name ("南高乡") stands for its committee."""
        from desktop.scope.geo import geography

        geo = geography()
        found = []
        for d in geo.search(key, under=self.scope or None, limit=50):
            if d.name != key or d.level not in (3, 4):
                continue
            kind = "township_committee" if d.level == 4 else "county_committee"
            committee = natural_org_id(kind, d.code)
            if committee in self.ids:
                found.append(committee)
        own = geo.get(self.scope) if self.scope else None
        if own is not None and own.name == key:
            for kind in ("township_committee", "county_committee"):
                committee = natural_org_id(kind, self.scope)
                if committee in self.ids:
                    found.append(committee)
        return found


class _Records:
    """Records of another kind (not organisations) by id or by title."""

    def __init__(self, ledger, kind: str) -> None:
        self.ledger, self.kind = ledger, KINDS[kind]
        self._titles: dict[str, list[str]] | None = None

    def resolve(self, raw: object) -> str:
        text = _text(raw).strip()
        if self.ledger.get(self.kind.name, text) is not None:
            return text
        if self._titles is None:
            self._titles = {}
            for r in self.ledger.query(self.kind.name, columns=(self.kind.title_field,)):
                self._titles.setdefault(_name_key(r[self.kind.title_field] or ""), []).append(r["id"])
        hits = self._titles.get(_name_key(text), [])
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise _XInvalid(MSG_AMBIGUOUS_RECORD, value=text, count=len(hits), kind=self.kind.label)
        raise _XInvalid(MSG_UNKNOWN_RECORD, value=text, kind=self.kind.label)


# ------------------------------------------------------------------ the plan
@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or with a value the row lacks)."""

    column: str            #: the header as the sheet writes it, else the field's label
    col: int | None        #: 0-based column in the sheet, None when the sheet has no such column
    field: str | None
    reason: object         #: has ``text(language)``: a FieldError or an ExcelText

    def text(self, language: str | None = None) -> str:
        reason = self.reason.text(language) if hasattr(self.reason, "text") else str(self.reason)
        return f"{_loc(self.column, language)}{_sep(language)}{reason}"


@dataclass
class PlanRow:
    """One data row of the file and what the import will do with it."""

    sheet: str
    row: int                                    #: Excel row number
    status: str = ADD
    cells: list = field(default_factory=list)   #: the sheet row as read (every column)
    raw: dict = field(default_factory=dict)     #: field → cell as read
    values: dict = field(default_factory=dict)  #: field → stored form (what is written for "add")
    record_id: str | None = None                #: the stored record an "update" or "duplicate" matches
    changes: dict = field(default_factory=dict)  #: field → new value, for "update"
    problems: list[Problem] = field(default_factory=list)
    note: object | None = None                  #: why duplicate, what an update changes
    same_as: int | None = None                  #: index of the earlier row of the file this one repeats

    def reason(self, language: str | None = None) -> str:
        if self.problems:
            sep = "; " if (language or i18n.language()) == "en" else "；"
            return sep.join(p.text(language) for p in self.problems)
        return self.note.text(language) if self.note is not None else ""

    def line(self, language: str | None = None, with_sheet: bool = False) -> str:
        """"Row 7: 出生年月：…" — the row for a report (the CLI, a log)."""
        if with_sheet:
            return translate(CTX, LINE_SHEET_ROW, language).format(sheet=self.sheet, row=self.row,
                                                                   reason=self.reason(language))
        return translate(CTX, LINE_ROW, language).format(row=self.row, reason=self.reason(language))


@dataclass
class SheetPlan:
    name: str
    header: Header
    rows: int = 0


@dataclass
class ImportPlan:
    """What importing a file would do, row by row."""

    kind: str
    path: Path
    unit_code: str | None
    sheets: list[SheetPlan]
    rows: list[PlanRow]
    #: sheets passed over: (name, why) — hidden, no header, required columns missing
    skipped_sheets: list[tuple[str, object]] = field(default_factory=list)
    #: indexes into ``rows``, in the order they are written (parents before children)
    write_order: list[int] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    def summary(self) -> dict[str, int]:
        return {s: self.count(s) for s in STATUSES}

    @property
    def errors(self) -> list[PlanRow]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def writable(self) -> int:
        return self.count(ADD) + self.count(UPDATE)

    @property
    def fields(self) -> list[str]:
        """The kind's fields some sheet has a column for, in the kind's order."""
        mapped = {f for s in self.sheets for f in s.header.fields.values()}
        return [f.name for f in KINDS[self.kind].fields if f.name in mapped]

    def header_of(self, sheet: str) -> Header | None:
        for s in self.sheets:
            if s.name == sheet:
                return s.header
        return None


@dataclass(frozen=True)
class ImportResult:
    batch_id: str | None
    added: int
    updated: int
    skipped: int
    errors: int


class _DryRun(Exception):
    """Ends the checking transaction, so that it rolls back."""


def _default_unit(ledger, unit_code: str | None) -> str | None:
    if unit_code:
        return unit_code.strip()
    return ledger.scope if len(ledger.scope) == 9 else None


def _check_unit(ledger, unit: str | None, k: Kind) -> str | None:
    if unit is None:
        return None
    from desktop.scope.geo import geography

    geo = geography()
    if not (unit.isdigit() and len(unit) in (6, 9) and geo.exists(unit) and unit.startswith(ledger.scope)):
        raise BadUnit(code=unit, scope=ledger.scope or "-")
    needs_committee = "org_id" in k.field_map or k.name == "organisation"
    if needs_committee and _unit_committee(ledger, unit) is None and k.name != "organisation":
        raise UnitNotInLedger(unit=geo.full_name(unit))
    return unit


def _unit_committee(ledger, unit: str) -> str | None:
    kind = "township_committee" if len(unit) == 9 else "county_committee"
    org_id = natural_org_id(kind, unit)
    return org_id if ledger.get("organisation", org_id) is not None else None


def _required_missing(k: Kind, header: Header, unit: str | None) -> list[Field]:
    have = set(header.fields.values())
    defaulted = {"org_id", "division_code"} if unit else set()
    if k.name == "checklist_template":
        defaulted.add("issued_by")
    return [f for f in k.fields if f.required and f.default is None and f.name not in have
            and f.name not in defaulted]


def _is_header_repeat(row: list, header: Header) -> bool:
    """A copy of the header further down (printouts repeat it on every page)."""
    same = 0
    for c in header.fields:
        v = row[c] if c < len(row) else None
        title = header.titles[c]
        if isinstance(v, str) and title and v.lstrip()[:1] == title[:1] and len(v) < 40 and _title(v) == title:
            same += 1
    return same >= 2


def plan_import(ledger, kind: str, path: Path | str, unit_code: str | None = None, *,
                progress: Progress | None = None, sheets: list[SheetData] | None = None) -> ImportPlan:
    """Read *path* and decide, row by row, what importing it into *ledger* would do.

    ``unit_code`` (a township, or a county) gives rows without an organisation their
    committee (``org-township_committee-<code>``) and organisations without a division
    that division.  Nothing is stored: every row is validated by the ledger inside a
    transaction that is rolled back."""
    if kind not in IMPORT_KINDS:
        if kind not in KINDS:
            raise UnknownKind(kind=kind)
        raise NotImportable(kind=KINDS[kind].label)
    k = KINDS[kind]
    path = Path(path)
    unit = _check_unit(ledger, _default_unit(ledger, unit_code), k)
    sheets = read_workbook(path) if sheets is None else sheets

    plans: list[SheetPlan] = []
    skipped: list[tuple[str, object]] = []
    missing_error: MissingColumns | None = None
    for sheet in sheets:
        if sheet.hidden or not sheet.rows:
            continue
        header = find_header(sheet, kind)
        if header is None:
            skipped.append((sheet.name, ExcelText(QT_TRANSLATE_NOOP("excel", "no header row for this kind of record"))))
            continue
        missing = _required_missing(k, header, unit)
        if missing:
            columns = _Joined(f.label for f in missing)
            missing_error = missing_error or MissingColumns(sheet=sheet.name, name=path.name, columns=columns,
                                                            kind=k.label)
            skipped.append((sheet.name, ExcelText(QT_TRANSLATE_NOOP("excel", "no column for {columns}"),
                                                  {"columns": columns})))
            continue
        plans.append(SheetPlan(sheet.name, header))
    if not plans:
        if missing_error is not None:
            raise missing_error
        examples = _Joined(f.label for f in k.fields if f.required and f.default is None)
        raise NoHeader(name=path.name, kind=k.label, examples=examples)

    by_name = {s.name: s for s in sheets}
    rows: list[PlanRow] = []
    for sp in plans:
        sheet = by_name[sp.name]
        for r in range(sp.header.row + 1, len(sheet.rows)):
            if r in sheet.banner_rows or r in sheet.example_rows:
                continue
            cells = sheet.rows[r]
            if all(cells[c] is None for c in sp.header.fields if c < len(cells)):
                continue
            first = next((v for v in cells if v is not None), None)
            if isinstance(first, str) and norm_header(first) in _TOTAL_WORDS:
                continue
            if _is_header_repeat(cells, sp.header):
                continue
            rows.append(_read_row(k, sheet, sp.header, r, cells))
            sp.rows += 1
    total = len(rows) * 2
    _tick(progress, 0, total)

    checker = _Checker(ledger, k, unit, {s.name: s.header for s in plans}, len(plans) > 1)
    order = checker.order(rows)
    for n, i in enumerate(order):
        checker.resolve(rows[i])
        if n % 200 == 0:
            _tick(progress, n, total)
    plan = ImportPlan(kind, path, unit, plans, rows, skipped)
    # new records first (organisations parents first), then the updates
    plan.write_order = [i for i in order if rows[i].status == ADD] + [i for i in order if rows[i].status == UPDATE]
    checker.dry_run(plan, lambda n: _tick(progress, len(rows) + n, total))
    _tick(progress, total, total)
    return plan


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _read_row(k: Kind, sheet: SheetData, header: Header, r: int, cells: list) -> PlanRow:
    """Each mapped cell into the form the ledger stores (references are resolved later)."""
    row = PlanRow(sheet.name, r + 1, cells=list(cells))
    for c, name in header.fields.items():
        raw = cells[c] if c < len(cells) else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        row.raw[name] = raw
        f = k.field_map[name]
        try:
            if (r, c) in sheet.errors:
                raise _XInvalid(MSG_EXCEL_ERROR, value=_text(raw))
            value = _convert(f, raw, sheet.formats.get((r, c)))
            if f.type not in (T.REF, T.DIVISION, T.ENUM):  # an enumeration cell is already its key
                value = coerce(f, value)
            row.values[name] = value
        except Invalid as exc:
            row.problems.append(_problem(f, header, exc))
    return row


def _convert(f: Field, raw: object, fmt: str | None) -> object:
    t = f.type
    if t is T.DATE:
        return excel_date(raw, fmt)
    if t is T.MONTH:
        return excel_month(raw, fmt)
    if t is T.YEAR:
        if isinstance(raw, (dt.date, dt.datetime)):
            return raw.year
        return excel_int(raw)
    if t is T.INT:
        return excel_int(raw)
    if t is T.MONEY:
        return excel_amount(raw)
    if t is T.PHONE:
        return excel_phone(raw)
    if t is T.ENUM:
        return excel_enum(f, raw)
    return _text(raw).strip()


def _problem(f: Field, header: Header | None, exc: Invalid | FieldError) -> Problem:
    col = header.column_of(f.name) if header else None
    column = header.titles[col] if col is not None and header.titles[col] else f.label
    if isinstance(exc, FieldError):
        reason: object = exc
    elif isinstance(exc, _XInvalid):
        reason = ExcelText(exc.message, exc.params)
    else:
        reason = field_error(f, exc)
    return Problem(column, col, f.name, reason)


def _org_rank(row: PlanRow) -> int:
    """Organisations are written parents first: county committees, then township and
    co-operative committees, then the organisations under them."""
    kind = row.values.get("kind")
    return {"county_committee": 0, "township_committee": 1, "county_coop_committee": 1}.get(kind, 2)


class _Checker:
    """Resolves references, matches rows to stored records and runs the dry run."""

    def __init__(self, ledger, k: Kind, unit: str | None, headers: dict[str, Header], many_sheets: bool) -> None:
        self.ledger, self.k, self.unit, self.headers, self.many_sheets = ledger, k, unit, headers, many_sheets
        needs_orgs = k.name == "organisation" or any(
            f.type is T.REF and f.ref == "organisation" for f in k.fields)
        self.orgs = _Organisations(ledger, unit) if needs_orgs else None
        self.divisions = _Divisions(ledger.scope, unit)
        self.refs: dict[str, _Records] = {}
        self.unit_org = _unit_committee(ledger, unit) if unit else None
        self.seen: dict[tuple, int] = {}        # identity key → index of the row that has it
        self.rows: list[PlanRow] = []
        self._members: dict[str, list[dict]] = {}
        self._pos: dict[int, int] | None = None

    def order(self, rows: list[PlanRow]) -> list[int]:
        self.rows = rows
        idx = list(range(len(rows)))
        if self.k.name == "organisation":
            idx.sort(key=lambda i: _org_rank(rows[i]))
        return idx

    # -------------------------------------------------------------- per row
    def resolve(self, row: PlanRow) -> None:
        k, header = self.k, self.headers[row.sheet]
        bad = {p.field for p in row.problems}
        for name, raw in list(row.raw.items()):
            f = k.field_map[name]
            if name in bad or f.type not in (T.REF, T.DIVISION):
                continue
            try:
                if f.type is T.DIVISION:
                    row.values[name] = self.divisions.resolve(raw)
                elif f.ref == "organisation":
                    row.values[name] = self.orgs.resolve(raw, f.ref_org_kinds)
                else:
                    records = self.refs.setdefault(f.ref, _Records(self.ledger, f.ref))
                    row.values[name] = records.resolve(raw)
            except Invalid as exc:
                row.problems.append(_problem(f, header, exc))
                bad.add(name)
        self._defaults(row, bad)
        if row.problems:
            row.status = ERROR
            return
        self._identify(row)

    def _defaults(self, row: PlanRow, bad: set[str]) -> None:
        v = row.values
        if "org_id" in self.k.field_map and "org_id" not in v and "org_id" not in bad and self.unit_org:
            v["org_id"] = self.unit_org
        if self.k.name == "organisation" and self.unit:
            if "division_code" not in v and "division_code" not in bad:
                v["division_code"] = self.unit
            kind = v.get("kind")
            if "parent_id" not in v and "parent_id" not in bad and kind and self.unit_org:
                parent_kind = "township_committee" if len(self.unit) == 9 else "county_committee"
                if parent_kind in ORG_PARENT_KINDS.get(kind, ()):
                    v["parent_id"] = self.unit_org
        if self.k.name == "reported_figure" and "unit_code" not in v and "unit_code" not in bad and self.unit:
            v["unit_code"] = self.unit

    def _identify(self, row: PlanRow) -> None:
        k, v = self.k, row.values
        if k.name == "committee_member":
            keys = [("m", v.get("org_id"), v.get("name"), "b", v.get("birth_date"))]
            if v.get("phone"):
                keys.append(("m", v.get("org_id"), v.get("name"), "p", v["phone"]))
            what = WHAT_MEMBER
            stored = self._stored_member(v)
        elif k.name == "organisation":
            natural = v.get("kind") in NATURAL_ORG_KINDS and v.get("division_code")
            keys = [("o", natural_org_id(v["kind"], v["division_code"]))] if natural else \
                [("o", _name_key(v.get("name") or ""), v.get("parent_id"))]
            what = WHAT_ORG
            stored = self._stored_org(v, bool(natural))
        elif k.name == "reported_figure" and all(v.get(n) for n in ("unit_code", "month", "metric")):
            record_id = f"fig-{v['unit_code']}-{v['month']}-{v['metric']}"
            keys, what = [("r", record_id)], WHAT_RECORD
            stored = self.ledger.get(k.name, record_id)
        else:
            keys, what = [("v",) + tuple(sorted((n, str(x)) for n, x in v.items()))], WHAT_RECORD
            stored = self._stored_identical(row)
        me = self._index_of(row)
        for key in keys:
            other = self.seen.get(key)
            if other is None:
                continue
            first = self.rows[other]
            if first.status == ERROR:
                continue
            if first.values == v:
                row.status, row.record_id, row.same_as = DUPLICATE, first.record_id, other
                row.note = self._same_row_note(first)
            else:
                row.status = ERROR
                row.problems.append(Problem(self._identity_column(row), None, None, ExcelText(
                    NOTE_CONFLICT, {"row": first.row, "what": Label(CTX, what)})))
            return
        for key in keys:
            self.seen.setdefault(key, me)
        if stored is None:
            row.status = ADD
            if k.name == "organisation" and self.orgs is not None and v.get("kind") in NATURAL_ORG_KINDS \
                    and v.get("division_code"):
                self.orgs.planned(natural_org_id(v["kind"], v["division_code"]), v)
            return
        row.record_id = stored["id"]
        changes = {n: x for n, x in v.items() if stored.get(n) != x}
        if not changes:
            row.status, row.note = DUPLICATE, ExcelText(NOTE_STORED)
        else:
            row.status, row.changes = UPDATE, changes
            header = self.headers[row.sheet]
            names = [header.titles[c] if (c := header.column_of(n)) is not None and header.titles[c]
                     else k.field_map[n].label for n in changes]
            row.note = ExcelText(NOTE_CHANGES, {"fields": _Joined(names)})

    def _index_of(self, row: PlanRow) -> int:
        if self._pos is None:
            self._pos = {id(r): i for i, r in enumerate(self.rows)}
        return self._pos[id(row)]

    def _same_row_note(self, first: PlanRow) -> ExcelText:
        if self.many_sheets:
            return ExcelText(NOTE_SAME_ROW_SHEET, {"row": first.row, "sheet": first.sheet})
        return ExcelText(NOTE_SAME_ROW, {"row": first.row})

    def _identity_column(self, row: PlanRow) -> str:
        header = self.headers[row.sheet]
        c = header.column_of(self.k.title_field)
        return header.titles[c] if c is not None and header.titles[c] else self.k.field_map[self.k.title_field].label

    def _stored_member(self, v: dict) -> dict | None:
        org, name = v.get("org_id"), v.get("name")
        if not org or not name:
            return None
        members = self._members.get(org)
        if members is None:
            members = self._members[org] = self.ledger.query("committee_member", where={"org_id": org})
        same = [m for m in members if m["name"] == name]
        for m in same:
            if m["birth_date"] == v.get("birth_date"):
                return m
        if v.get("phone"):
            for m in same:
                if m["phone"] == v["phone"]:
                    return m
        return None

    def _stored_org(self, v: dict, natural: bool) -> dict | None:
        if natural:
            return self.ledger.get("organisation", natural_org_id(v["kind"], v["division_code"]))
        record_id = self.orgs.by_parent.get((_name_key(v.get("name") or ""), v.get("parent_id")))
        return self.ledger.get("organisation", record_id) if record_id else None

    def _stored_identical(self, row: PlanRow) -> dict | None:
        header = self.headers[row.sheet]
        where = {n: x for n, x in row.values.items()}
        for n in header.fields.values():
            f = self.k.field_map[n]
            if n not in where and f.default is None:
                where[n] = None
        hits = self.ledger.query(self.k.name, where=where, limit=1)
        return hits[0] if hits else None

    # -------------------------------------------------------------- dry run
    def dry_run(self, plan: ImportPlan, tick: Callable[[int], None]) -> None:
        """Write the planned rows inside a transaction that is rolled back: the ledger's
        own validation, with later rows seeing the earlier ones.  New rows go through
        ``create_many`` a chunk at a time (as ``apply_import`` writes them); a chunk the
        ledger refuses is checked again row by row, to find each row's errors."""
        if not plan.write_order:
            return
        ledger, kind = self.ledger, self.k.name
        adds = [plan.rows[i] for i in plan.write_order if plan.rows[i].status == ADD]
        updates = [plan.rows[i] for i in plan.write_order if plan.rows[i].status == UPDATE]
        chunk = 1 if kind == "organisation" else DRY_RUN_CHUNK  # a parent must exist before its children
        done = 0
        try:
            with ledger.batch():
                for start in range(0, len(adds), chunk):
                    part = adds[start:start + chunk]
                    self._create(part)
                    done += len(part)
                    tick(done)
                for row in updates:
                    self._check(row)
                    done += 1
                    if done % 100 == 0:
                        tick(done)
                raise _DryRun()
        except _DryRun:
            pass
        plan.write_order = [i for i in plan.write_order if plan.rows[i].status != ERROR]
        for row in plan.rows:  # a repeat of a row the ledger refused is refused too
            if row.same_as is not None and plan.rows[row.same_as].status == ERROR:
                row.status, row.note = ERROR, None
                row.problems = list(plan.rows[row.same_as].problems)

    def _create(self, rows: list[PlanRow]) -> None:
        """Create *rows* with ``create_many``; when the ledger refuses, halve and try again,
        down to the single rows at fault (the halves that pass stay, as they would in the
        real import)."""
        try:
            self.ledger.create_many(self.k.name, [r.values for r in rows])
        except ValidationError as exc:
            if len(rows) == 1:
                self._failed(rows[0], exc.errors)
                return
            if len(rows) <= 8:
                for row in rows:
                    self._check(row)
                return
            half = len(rows) // 2
            self._create(rows[:half])
            self._create(rows[half:])

    def _check(self, row: PlanRow) -> None:
        try:
            if row.status == ADD:
                self.ledger.create(self.k.name, row.values)
            else:
                self.ledger.update(self.k.name, row.record_id, row.changes)
        except ValidationError as exc:
            self._failed(row, exc.errors)
        except NotFound as exc:  # the matched record was deleted meanwhile
            row.status, row.note = ERROR, None
            row.problems.append(Problem(self._identity_column(row), None, None, exc))

    def _failed(self, row: PlanRow, errors: list[FieldError]) -> None:
        header = self.headers[row.sheet]
        row.status = ERROR
        row.note = None
        seen = {(p.field, p.reason.text("en")) for p in row.problems}
        for e in errors:
            if e.field in self.k.field_map:
                problem = _problem(self.k.field_map[e.field], header, e)
            else:
                problem = Problem(e.field, None, e.field, e)
            key = (problem.field, problem.reason.text("en"))
            if key not in seen:
                seen.add(key)
                row.problems.append(problem)


def apply_import(ledger, plan: ImportPlan, *, progress: Progress | None = None) -> ImportResult:
    """Write the plan's good rows (add and update) in one transaction and one undo batch,
    through the ledger API, so they sync and ``ledger.undo_batch(result.batch_id)`` takes
    them back.  All or nothing: a cancelled or failed import stores nothing."""
    order = [i for i in plan.write_order if plan.rows[i].status in (ADD, UPDATE)]
    skipped, errors = plan.count(DUPLICATE), plan.count(ERROR)
    if not order:
        return ImportResult(None, 0, 0, skipped, errors)
    kind = plan.kind
    total = len(order)
    added = updated = 0
    _tick(progress, 0, total)
    try:
        with ledger.batch() as batch_id:
            adds = [plan.rows[i] for i in order if plan.rows[i].status == ADD]
            updates = [plan.rows[i] for i in order if plan.rows[i].status == UPDATE]
            if kind == "organisation":  # one by one: a later row may have an earlier one as parent
                for row in adds:
                    ledger.create(kind, row.values)
                    added += 1
                    if added % 100 == 0:
                        _tick(progress, added, total)
            else:
                for start in range(0, len(adds), 500):
                    chunk = adds[start:start + 500]
                    ledger.create_many(kind, [r.values for r in chunk])
                    added += len(chunk)
                    _tick(progress, added, total)
            for row in updates:
                ledger.update(kind, row.record_id, row.changes)
                updated += 1
                if updated % 100 == 0:
                    _tick(progress, added + updated, total)
    except (ValidationError, NotFound) as exc:
        raise ImportChanged(detail=exc.text()) from None
    _tick(progress, total, total)
    return ImportResult(batch_id, added, updated, skipped, errors)


def import_excel(ledger, kind: str, path: Path | str, unit_code: str | None = None) -> tuple[ImportPlan, ImportResult]:
    """Plan and apply in one go (scripts, the CLI)."""
    plan = plan_import(ledger, kind, path, unit_code)
    return plan, apply_import(ledger, plan)


# ------------------------------------------------------------------ writing workbooks
def _save_atomic(wb, path: Path | str) -> Path:
    """Save to a temporary file beside *path*, then rename over it: a crash or a full disk
    never leaves a half-written workbook under the user's name."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            wb.save(tmp)
    except TargetInUse:
        raise FileInUse(name=path.name) from None
    return path


def _sheet_title(text: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "_", text)[:31] or "Sheet"
    base, n = title, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def _width(text: object) -> int:
    s = str(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _safe_text(ws, value: str):
    """Text that Excel must never take for a formula or an error value: written as a
    string cell with the quote prefix (as if typed with a leading apostrophe)."""
    from openpyxl.cell import WriteOnlyCell

    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if value.startswith(_FORMULA_START) or value in EXCEL_ERRORS:
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def _converters(ws, k: Kind, fields: list[Field], titles: dict[str, str], language: str | None):
    """A function per column: stored value → what the cell gets."""
    from openpyxl.cell import WriteOnlyCell

    from desktop.scope.geo import geography

    enums = enumerations()
    open_, close = ("(", ")") if (language or i18n.language()) == "en" else ("（", "）")

    def text(v):
        return None if v is None else _safe_text(ws, v if isinstance(v, str) else str(v))

    def number(v):
        return v

    def date(v):
        if v is None:
            return None
        try:
            return dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            return text(v)

    def money(v):
        if v is None:
            return None
        cell = WriteOnlyCell(ws, v / 100)
        cell.number_format = "0.00"
        return cell

    def enum_of(f: Field):
        labels = {e.key: e.label(language) for e in enums.values(f.enum)}
        return lambda v: None if v is None else labels.get(v, v)

    def ref(v):
        return None if v is None else text(titles.get(v, v))

    division_cache: dict[str, str] = {}

    def division(v):
        if v is None:
            return None
        out = division_cache.get(v)
        if out is None:
            d = geography().get(v)
            out = division_cache[v] = f"{d.name}{open_}{v}{close}" if d else v
        return out

    out = []
    for f in fields:
        t = f.type
        if t is T.ENUM:
            out.append(enum_of(f))
        elif t is T.DATE:
            out.append(date)
        elif t is T.MONEY:
            out.append(money)
        elif t in (T.INT, T.YEAR):
            out.append(number)
        elif t is T.REF:
            out.append(ref)
        elif t is T.DIVISION:
            out.append(division)
        else:
            out.append(text)
    return out


_COLUMN_WIDTH = {T.DATE: 12, T.MONEY: 14, T.YEAR: 8, T.INT: 10, T.PHONE: 14, T.MONTH: 10}


def _write_records(ws, k: Kind, fields: list[Field], rows: Iterable[dict], titles: dict[str, str],
                   progress: Progress | None, done: int, total: int, language: str | None) -> int:
    """Header, widths, frozen first row, then the rows; returns the number written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = iter(rows)
    sample = list(itertools.islice(rows, 200))
    names = [f.name for f in fields]
    headers = [f.label.text(language) for f in fields]
    enums = enumerations()
    for i, f in enumerate(fields):
        width = _width(headers[i]) + 2
        if f.type in _COLUMN_WIDTH:
            width = max(width, _COLUMN_WIDTH[f.type])
        else:
            for rec in sample:
                v = rec.get(f.name)
                if v is None:
                    continue
                if f.type is T.ENUM:
                    v = enums.label(f.enum, v, language)
                elif f.type is T.REF:
                    v = titles.get(v, v)
                width = max(width, _width(v) + 2)
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(width, 6), 50)
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFE8EEF4")
    head = []
    for h in headers:
        cell = WriteOnlyCell(ws, h)
        cell.font, cell.fill = bold, fill
        head.append(cell)
    ws.append(head)
    convs = list(zip(names, _converters(ws, k, fields, titles, language)))
    n = 0
    append = ws.append
    for rec in itertools.chain(sample, rows):
        append([conv(rec.get(name)) for name, conv in convs])
        n += 1
        if progress is not None and n % 1000 == 0:
            progress(done + n, total)
    if fields:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{n + 1}"
    return n


def _fields(k: Kind, columns: Sequence[str | Field] | None) -> list[Field]:
    if columns is None:
        return list(k.fields)
    return [c if isinstance(c, Field) else k.field(c) for c in columns]


def export_rows(path: Path | str, kind: str, rows: Iterable[dict], columns: Sequence[str | Field] | None = None, *,
                titles: dict[str, str] | None = None, progress: Progress | None = None, total: int = 0,
                language: str | None = None) -> int:
    """Write *rows* (ledger records of *kind*) to an .xlsx file: a header of field labels
    in the user's language, dates as Excel dates, amounts in yuan, enumeration labels,
    referenced records by name (``titles``: id → name).  Returns the number of rows."""
    from openpyxl import Workbook

    k = KINDS[kind] if kind in KINDS else None
    if k is None:
        raise UnknownKind(kind=kind)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(k.label.text(language), set()))
    n = _write_records(ws, k, _fields(k, columns), rows, titles or {}, progress, 0, total, language)
    _save_atomic(wb, path)
    return n


def ref_titles(ledger, k: Kind, rows: list[dict], fields: Sequence[Field] | None = None) -> dict[str, str]:
    """id → name of every record the rows refer to (for export)."""
    titles: dict[str, str] = {}
    for f in fields or k.fields:
        if f.type is T.REF and f.ref:
            titles.update(ledger.titles(f.ref, (r.get(f.name) for r in rows)))
    return titles


def export_ledger(ledger, path: Path | str, scope: str | None = None, *, progress: Progress | None = None,
                  language: str | None = None) -> dict[str, int]:
    """The whole ledger under *scope* (default: the ledger's scope), a sheet per record
    kind with every field.  Returns rows written per kind."""
    from openpyxl import Workbook

    scope = ledger.scope if scope is None else scope
    counts = {kind: ledger.count(kind, scope=scope) for kind in EXPORT_KINDS}
    total = sum(counts.values())
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    done = 0
    out = {}
    _tick(progress, 0, total)
    for kind in EXPORT_KINDS:
        k = KINDS[kind]
        rows = ledger.query(kind, scope=scope)
        ws = wb.create_sheet(_sheet_title(k.label.text(language), taken))
        out[kind] = _write_records(ws, k, list(k.fields), rows, ref_titles(ledger, k, rows), progress, done, total,
                                   language)
        done += out[kind]
        _tick(progress, done, total)
    _save_atomic(wb, path)
    return out


def write_error_workbook(plan: ImportPlan, path: Path | str, language: str | None = None) -> int:
    """The rows with errors, each with its original columns and an Error column (the
    cells at fault in red), a sheet per source sheet: fix them and import this file."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    red = PatternFill("solid", fgColor="FFFFC7CE")
    bold = Font(bold=True)
    taken: set[str] = set()
    written = 0
    for sp in plan.sheets:
        bad = [r for r in plan.rows if r.sheet == sp.name and r.status == ERROR]
        if not bad:
            continue
        ws = wb.create_sheet(_sheet_title(sp.name, taken))
        titles = list(sp.header.titles)
        width = max([len(titles)] + [len(r.cells) for r in bad])
        titles += [""] * (width - len(titles))
        reason_col = width + 1
        for c, t in enumerate(titles + [translate(CTX, ERROR_COLUMN, language)], 1):
            cell = ws.cell(1, c, t)
            cell.font = bold
        for n, row in enumerate(bad, 2):
            for c, v in enumerate(row.cells, 1):
                cell = ws.cell(n, c)
                if isinstance(v, str):
                    v = _ILLEGAL.sub("", v)
                    cell.value = v
                    if v.startswith(_FORMULA_START) or v in EXCEL_ERRORS:
                        cell.data_type = "s"
                        cell.quotePrefix = True
                else:
                    cell.value = v
                if isinstance(v, dt.datetime) and v.time() == dt.time():
                    cell.number_format = "yyyy-mm-dd"
            for p in row.problems:
                if p.col is not None:
                    ws.cell(n, p.col + 1).fill = red
            reason = translate(CTX, LINE_ROW, language).format(row=row.row, reason=row.reason(language))
            ws.cell(n, reason_col, reason)
            written += 1
        for c in range(1, reason_col + 1):
            ws.column_dimensions[get_column_letter(c)].width = 60 if c == reason_col else 14
        ws.freeze_panes = "A2"
    if not written:
        ws = wb.create_sheet(_sheet_title(translate(CTX, ERROR_COLUMN, language), taken))
    _save_atomic(wb, path)
    return written


def error_workbook_path(path: Path | str) -> Path:
    """Where the CLI and the dialog suggest saving the rows with errors: FILE-errors.xlsx."""
    path = Path(path)
    return path.with_name(f"{path.stem}-errors.xlsx")


# ------------------------------------------------------------------ blank templates
def template_fields(kind: str) -> list[Field]:
    k = KINDS[kind]
    skip = {"checklist_task": {"template_id"}, "checklist_template": {"issued_by"}}.get(kind, set())
    return [f for f in k.fields if f.name not in skip]


def write_template(kind: str, path: Path | str, language: str = "zh_CN") -> Path:
    """A blank import template: a header of labels (required ones marked *), drop-down
    lists for the enumerations (kept on a hidden sheet), one example row in grey (which
    import skips)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind not in KINDS:
        raise UnknownKind(kind=kind)
    k = KINDS[kind]
    fields = template_fields(kind)
    enums = enumerations()
    example = _reference().get("examples", {}).get(kind, {})
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(k.label.text(language), set())
    lists = wb.create_sheet(_sheet_title(translate(CTX, LISTS_SHEET, language), {ws.title.lower()}))
    lists.sheet_state = "hidden"
    head_fill = PatternFill("solid", fgColor="FFE8EEF4")
    grey = Font(color=EXAMPLE_RGB, italic=True)
    list_col = 0
    last_row = 1000
    for c, f in enumerate(fields, 1):
        required = f.required and f.default is None
        label = f.label.text(language)
        cell = ws.cell(1, c, (REQUIRED_MARK if required else "") + label)
        cell.font = Font(bold=True, color="FFC62828" if required else None)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = max(12, min(_width(label) + 4, 40))
        if f.type is T.ENUM:
            list_col += 1
            values = [v.label(language) for v in enums.values(f.enum)]
            ll = get_column_letter(list_col)
            lists.cell(1, list_col, translate(CTX, LIST_COLUMN, language).format(label=label))
            for r, value in enumerate(values, 2):
                lists.cell(r, list_col, value)
            dv = DataValidation(type="list", formula1=f"'{lists.title}'!${ll}$2:${ll}${len(values) + 1}",
                                allow_blank=True, showErrorMessage=True, showDropDown=False)
            dv.error = translate(CTX, PICK_FROM_LIST, language)
            dv.errorTitle = label
            dv.add(f"{letter}2:{letter}{last_row}")
            ws.add_data_validation(dv)
        value = example.get(f.name)
        if value is not None:
            if f.type is T.DATE and isinstance(value, str):
                value = dt.date.fromisoformat(value)
            elif f.type is T.ENUM and language == "en":
                key = enums.lookup(f.enum, str(value))
                value = enums.label(f.enum, key, "en") if key else value
            ex = ws.cell(2, c, value)
            ex.font = grey
            if f.type is T.DATE:
                ex.number_format = "yyyy-mm-dd"
            elif f.type is T.MONEY:
                ex.number_format = "0.00"
    ws.cell(1, 1).comment = Comment(translate(CTX, EXAMPLE_HINT, language), "Township Ledger")
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return _save_atomic(wb, path)


def template_path(kind: str) -> Path:
    """The shipped blank template of *kind* (``resources/templates/<kind>.xlsx``)."""
    return paths.resource_dir() / "templates" / f"{kind}.xlsx"


_STRINGS = [_CHINA]
