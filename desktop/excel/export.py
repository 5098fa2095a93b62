"""Export: records as .xlsx with real dates and numbers, labels in the user's language,
referenced records by name, formula-looking text kept as text; the rows an import refused
handed back with their reasons.  Every file is written atomically (temp file, rename)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from pathlib import Path
from typing import Callable, Iterable, Sequence

from desktop.errors import UnknownKind
from desktop.excel.errors import CTX, FileInUse, english
from desktop.excel.model import ERROR, ImportPlan, PlanRow, Progress, tick
from desktop.fsio import TargetInUse, atomic_path
from desktop.i18n import QT_TRANSLATE_NOOP, translate
from desktop.records import KINDS, Field, Kind, T, kinds_where
from desktop.records.enums import enumerations

#: Kinds written by ``export_ledger`` (a sheet each): as their declarations say.
EXPORT_KINDS = kinds_where("exportable")
ERROR_COLUMN = QT_TRANSLATE_NOOP("excel", "Error")
#: Excel shows these as errors; text equal to one is written as text.
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
#: Characters Excel's XML cannot hold (copy-pasted control characters).
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_COLUMN_WIDTH = {T.DATE: 12, T.MONEY: 14, T.YEAR: 8, T.INT: 10, T.PHONE: 14, T.MONTH: 10}
HEAD_FILL = "FFE8EEF4"


def save_atomic(wb, path: Path | str) -> Path:
    """Save to a temporary file beside *path*, then rename over it: a crash or a full disk
    never leaves a half-written workbook under the user's name."""
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            wb.save(tmp)
    except TargetInUse:
        raise FileInUse(name=path.name) from None
    return path


def sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique among *taken*."""
    title = re.sub(r"[\[\]:*?/\\]", "_", text)[:31] or "Sheet"
    base, n = title, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


def text_width(text: object) -> int:
    """Width in columns of Excel's default font: Chinese characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def clean_text(value: str) -> tuple[str, bool]:
    """Text as a cell may hold it, and whether Excel would take it for a formula or an
    error value (it is then written with the quote prefix, as if typed after ')."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    return value, value.startswith(_FORMULA_START) or value in EXCEL_ERRORS


class _Cells:
    """Stored values → what the cells of one worksheet get."""

    def __init__(self, ws, titles: dict[str, str], language: str | None) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws, self.titles, self.language, self.cell = ws, titles, language, WriteOnlyCell
        self.brackets = ("(", ")") if english(language) else ("（", "）")
        self._divisions: dict[str, str] = {}

    def text(self, v):
        if v is None:
            return None
        value, formula_like = clean_text(v if isinstance(v, str) else str(v))
        if not formula_like:
            return value
        cell = self.cell(self.ws, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    @staticmethod
    def number(v):
        return v

    def date(self, v):
        if v is None:
            return None
        try:
            return dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            return self.text(v)

    def money(self, v):
        if v is None:
            return None
        cell = self.cell(self.ws, v / 100)
        cell.number_format = "0.00"
        return cell

    def enum(self, f: Field):
        labels = {e.key: e.label(self.language) for e in enumerations().values(f.enum)}
        return lambda v: None if v is None else labels.get(v, v)

    def ref(self, v):
        return None if v is None else self.text(self.titles.get(v, v))

    def division(self, v):
        if v is None:
            return None
        out = self._divisions.get(v)
        if out is None:
            from desktop.scope.geo import geography

            d = geography().get(v)
            open_, close = self.brackets
            out = self._divisions[v] = f"{d.name}{open_}{v}{close}" if d else v
        return out


#: Per field type: the function that writes a column's values (given the sheet's cells).
COLUMN_WRITERS: dict[T, Callable[[_Cells, Field], Callable[[object], object]]] = {
    T.TEXT: lambda cells, f: cells.text,
    T.ENUM: lambda cells, f: cells.enum(f),
    T.DATE: lambda cells, f: cells.date,
    T.MONTH: lambda cells, f: cells.text,
    T.YEAR: lambda cells, f: cells.number,
    T.INT: lambda cells, f: cells.number,
    T.MONEY: lambda cells, f: cells.money,
    T.PHONE: lambda cells, f: cells.text,
    T.DIVISION: lambda cells, f: cells.division,
    T.REF: lambda cells, f: cells.ref,
}


def _column_width(f: Field, header: str, sample: list[dict], titles: dict[str, str], language: str | None) -> int:
    width = text_width(header) + 2
    if f.type in _COLUMN_WIDTH:
        return max(width, _COLUMN_WIDTH[f.type])
    enums = enumerations()
    for rec in sample:
        v = rec.get(f.name)
        if v is None:
            continue
        if f.type is T.ENUM:
            v = enums.label(f.enum, v, language)
        elif f.type is T.REF:
            v = titles.get(v, v)
        width = max(width, text_width(v) + 2)
    return width


def _write_records(ws, fields: list[Field], rows: Iterable[dict], titles: dict[str, str],
                   progress: Progress | None, done: int, total: int, language: str | None) -> int:
    """Header, widths, frozen first row, then the rows; returns the number written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = iter(rows)
    sample = list(itertools.islice(rows, 200))
    headers = [f.label.text(language) for f in fields]
    for i, f in enumerate(fields):
        width = _column_width(f, headers[i], sample, titles, language)
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(width, 6), 50)
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEAD_FILL)
    head = []
    for h in headers:
        cell = WriteOnlyCell(ws, h)
        cell.font, cell.fill = bold, fill
        head.append(cell)
    ws.append(head)
    cells = _Cells(ws, titles, language)
    convs = [(f.name, COLUMN_WRITERS[f.type](cells, f)) for f in fields]
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

    k = KINDS.get(kind)
    if k is None:
        raise UnknownKind(kind=kind)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title(k.label.text(language), set()))
    n = _write_records(ws, _fields(k, columns), rows, titles or {}, progress, 0, total, language)
    save_atomic(wb, path)
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
    tick(progress, 0, total)
    for kind in EXPORT_KINDS:
        k = KINDS[kind]
        rows = ledger.query(kind, scope=scope)
        ws = wb.create_sheet(sheet_title(k.label.text(language), taken))
        out[kind] = _write_records(ws, list(k.fields), rows, ref_titles(ledger, k, rows), progress, done, total,
                                   language)
        done += out[kind]
        tick(progress, done, total)
    save_atomic(wb, path)
    return out


def write_error_workbook(plan: ImportPlan, path: Path | str, language: str | None = None) -> int:
    """The rows with errors, each with its original columns and an Error column (the
    cells at fault in red), a sheet per source sheet: fix them and import this file."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    written = 0
    for sp in plan.sheets:
        bad = [r for r in plan.rows if r.sheet == sp.name and r.status == ERROR]
        if bad:
            _error_sheet(wb.create_sheet(sheet_title(sp.name, taken)), sp.header.titles, bad, language)
            written += len(bad)
    if not written:
        wb.create_sheet(sheet_title(translate(CTX, ERROR_COLUMN, language), taken))
    save_atomic(wb, path)
    return written


def _error_sheet(ws, titles: list[str], bad: list[PlanRow], language: str | None) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    red = PatternFill("solid", fgColor="FFFFC7CE")
    bold = Font(bold=True)
    width = max([len(titles)] + [len(r.cells) for r in bad])
    titles = list(titles) + [""] * (width - len(titles))
    reason_col = width + 1
    for c, t in enumerate(titles + [translate(CTX, ERROR_COLUMN, language)], 1):
        ws.cell(1, c, t).font = bold
    for n, row in enumerate(bad, 2):
        for c, v in enumerate(row.cells, 1):
            cell = ws.cell(n, c)
            if isinstance(v, str):
                v, formula_like = clean_text(v)
                cell.value = v
                if formula_like:
                    cell.data_type = "s"
                    cell.quotePrefix = True
            else:
                cell.value = v
            if isinstance(v, dt.datetime) and v.time() == dt.time():
                cell.number_format = "yyyy-mm-dd"
        for p in row.problems:
            if p.col is not None:
                ws.cell(n, p.col + 1).fill = red
        ws.cell(n, reason_col, row.line(language))
    for c in range(1, reason_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 60 if c == reason_col else 14
    ws.freeze_panes = "A2"


def error_workbook_path(path: Path | str) -> Path:
    """Where the CLI and the dialog suggest saving the rows with errors: FILE-errors.xlsx."""
    path = Path(path)
    return path.with_name(f"{path.stem}-errors.xlsx")
