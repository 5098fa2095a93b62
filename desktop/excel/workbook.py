"""The workbook reader: .xlsx, .xlsm, .xlsb, .xls and .ods through calamine (Rust, via
``python-calamine``), about a tenth of openpyxl's time.

calamine gives values and, for .xlsx and .xls, merged ranges (an .ods's come from
``desktop.excel.ods_merges``); dates come out as dates whichever date system the file uses
(1900 or 1904).  What it does not give is taken from
the raw XML of an .xlsx (``desktop.excel.xlsx_hints``): error cells, the templates' grey
example row, decimal number formats.  Numbers are floats: a whole number becomes an int
("13912345678", not "13912345678.0"); one of 16 digits or more (an ID number typed as a
number) has already lost its last digits in the file and is marked so the import says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import zipfile

from desktop.excel.errors import DamagedWorkbook, EmptyWorkbook, PasswordProtected
from desktop.excel.ods_merges import ods_merged
from desktop.excel.reader import EXAMPLE_RGB, HEADER_SEARCH_ROWS, CellRange, Sheet
from desktop.excel.sniff import ODS, XLSX
from desktop.excel.xlsx_hints import Hints, sheet_hints

#: Whole numbers from here on have more digits than a spreadsheet number keeps (15).
LOST_DIGITS_FROM = 1e15


def read_calamine(data: bytes, name: str, kind: str) -> list[Sheet]:
    """Every worksheet of a workbook of format *kind* (see ``desktop.excel.sniff``)."""
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise PasswordProtected(name=name) from None
    except Exception as exc:  # calamine raises several kinds (and plain ones) on a broken file
        raise DamagedWorkbook(name=name, detail=_detail(exc)) from None
    hints = _xlsx_hints(data) if kind == XLSX else []
    ods_ranges = ods_merged(data) if kind == ODS else []
    sheets = []
    try:
        for i, meta in enumerate(book.sheets_metadata):
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no table
            ws = book.get_sheet_by_index(i)
            hidden = meta.visible != pc.SheetVisibleEnum.Visible
            merged = ods_ranges[i] if i < len(ods_ranges) else _merged(ws)
            sheets.append(_sheet(ws, hidden, merged, hints[i] if i < len(hints) else Hints()))
    except pc.PasswordError:
        raise PasswordProtected(name=name) from None
    except Exception as exc:
        raise DamagedWorkbook(name=name, detail=_detail(exc)) from None
    finally:
        book.close()
    if not any(s.rows for s in sheets):
        raise EmptyWorkbook(name=name)
    return sheets


def _detail(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def _xlsx_hints(data: bytes) -> list[Hints]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sheet_hints(z, EXAMPLE_RGB, HEADER_SEARCH_ROWS + 5)
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def _merged(ws) -> list[CellRange]:
    return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (ws.merged_cell_ranges or [])]


def _sheet(ws, hidden: bool, merged: list[CellRange], hints: Hints) -> Sheet:
    with _collector_paused():
        rows = [_row(raw) for raw in ws.to_python(skip_empty_area=False)]
    lost = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row)
            if type(v) is int and abs(v) >= LOST_DIGITS_FROM}
    for (r, c), text in hints.errors.items():
        if r < len(rows):
            row = rows[r]
            if len(row) <= c:
                row.extend([None] * (c + 1 - len(row)))
            row[c] = text
    _trim(rows)
    sheet = Sheet(ws.name, rows, hidden, merged, formats=hints.formats, errors=set(hints.errors),
                  lost_digits=lost)
    sheet.example_rows = {r for r in range(min(len(rows), HEADER_SEARCH_ROWS + 5))
                          if _all_grey(rows[r], r, hints.grey)}
    return sheet


def _row(raw: list) -> list:
    """A calamine row as the import takes it: blanks as None, whole numbers as int (a phone
    13912345678.0 as 13912345678), times as text.  One expression per cell: a 100,000-row
    sheet has millions of them."""
    return [(v if v.strip() else None) if type(v) is str
            else (int(v) if v.is_integer() else v) if type(v) is float
            else str(v) if isinstance(v, (dt.time, dt.timedelta))
            else v
            for v in raw]


@contextlib.contextmanager
def _collector_paused():
    """Rows are lists without cycles; while millions are made, the cyclic garbage collector
    would otherwise walk every live object of the program again and again (measured: up to
    twice the reading time in a busy process)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _trim(rows: list[list]) -> None:
    """Cut trailing blank cells and rows (calamine pads every row to the sheet's width)."""
    for row in rows:
        while row and row[-1] is None:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()


def _all_grey(row: list, r: int, grey: set[tuple[int, int]]) -> bool:
    cells = [c for c, v in enumerate(row) if v is not None]
    return bool(cells) and all((r, c) in grey for c in cells)
