"""Readers: a file in, ``Sheet`` objects out — the one seam between a file format and
the rest of the import (matching, conversion, planning never see openpyxl).

``read_workbook`` reads .xlsx; another reader (CSV, .xls, an OCR'd photo of a paper
table) only has to build ``Sheet`` objects and hand them to ``plan_import(sheets=...)``.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from desktop.excel.errors import DamagedWorkbook, EmptyWorkbook, FileMissing, FileUnreadable
from desktop.excel.sniff import check_xlsx

#: Rows searched for the header (title rows and notes above it are common).
HEADER_SEARCH_ROWS = 30
#: Font colour of the example row of the blank templates; rows in it are not imported.
EXAMPLE_RGB = "FF9E9E9E"

#: A merged range: first row, first column, last row, last column (0-based, inclusive).
CellRange = tuple[int, int, int, int]


@dataclass
class Sheet:
    """One table as a reader hands it over.

    ``rows[i][j]`` is the value of row i+1, column j+1: None for a blank cell, else str,
    int, float, bool, datetime.date or datetime.datetime.  Rows may differ in length;
    trailing blank rows and columns should be cut.  ``merged`` lists merged ranges, whose
    value sits in their first cell: on construction each range is filled with that value
    (a committee merged down its members' rows names each of them) and ``banner_rows``
    notes the rows that are one merged cell across several columns (titles, notes).
    The other fields are hints a reader may give when its format knows them."""

    name: str
    rows: list[list]
    hidden: bool = False
    merged: list[CellRange] = field(default_factory=list)
    #: rows (0-based) that are examples, not data (the grey row of the blank templates)
    example_rows: set[int] = field(default_factory=set)
    #: number formats of non-integer number cells that show a fixed number of decimals
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    #: cells (0-based) holding a spreadsheet error value (#N/A, #VALUE! …: a broken formula)
    errors: set[tuple[int, int]] = field(default_factory=set)
    #: rows (0-based) made of one merged cell across several columns (derived from ``merged``)
    banner_rows: set[int] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        if self.merged:
            self._spread_merged()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def _spread_merged(self) -> None:
        rows, height, width = self.rows, len(self.rows), self.width
        banner: dict[int, tuple[int, int]] = {}
        for r0, c0, r1, c1 in self.merged:
            top = rows[r0] if r0 < height else []
            value = top[c0] if c0 < len(top) else None
            if value is None:
                continue
            last_c = min(c1, width - 1)
            for r in range(r0, min(r1, height - 1) + 1):
                row = rows[r]
                if len(row) <= last_c:
                    row.extend([None] * (last_c + 1 - len(row)))
                for c in range(c0, last_c + 1):
                    row[c] = value
                if c1 > c0:
                    banner[r] = (c0, c1)
        self.banner_rows = {r for r, (lo, hi) in banner.items()
                            if all(v is None or lo <= c <= hi for c, v in enumerate(rows[r]))}


def read_workbook(path: Path | str) -> list[Sheet]:
    """Every sheet of an .xlsx workbook.  Raises an ``ExcelError`` saying why for an old
    .xls, a password-protected, text, damaged or empty file."""
    import openpyxl

    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileMissing(name=str(path)) from None
    except OSError as exc:
        raise FileUnreadable(name=name, reason=exc.strerror or str(exc)) from None
    check_xlsx(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (slicers, data validation ext…)
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise DamagedWorkbook(name=name, detail=detail) from None
    sheets = [_worksheet(ws) for ws in wb.worksheets]
    wb.close()
    if not any(s.rows for s in sheets):
        raise EmptyWorkbook(name=name)
    return sheets


def _worksheet(ws) -> Sheet:
    values: dict[tuple[int, int], object] = {}
    formats: dict[tuple[int, int], str] = {}
    errors: set[tuple[int, int]] = set()
    max_r = max_c = 0
    for (r, c), cell in ws._cells.items():  # only the cells the file holds (iter_rows would create the rest)
        v = cell.value
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        values[(r - 1, c - 1)] = v
        if cell.data_type == "e":
            errors.add((r - 1, c - 1))
        if type(v) is float and not v.is_integer():
            fmt = cell.number_format
            if fmt and fmt != "General":
                formats[(r - 1, c - 1)] = fmt
        max_r, max_c = max(max_r, r), max(max_c, c)
    rows = [[None] * max_c for _ in range(max_r)]
    for (r, c), v in values.items():
        rows[r][c] = v
    merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
    sheet = Sheet(ws.title, rows, ws.sheet_state != "visible", merged, formats=formats, errors=errors)
    sheet.example_rows = _example_rows(ws, sheet.rows)
    return sheet


def _example_rows(ws, rows: list[list]) -> set[int]:
    """Rows near the top whose every value is written in the templates' example grey."""
    found = set()
    for r in range(min(len(rows), HEADER_SEARCH_ROWS + 5)):
        colours = []
        for c, v in enumerate(rows[r]):
            if v is None:
                continue
            cell = ws._cells.get((r + 1, c + 1))
            color = cell.font.color if cell is not None and cell.has_style and cell.font else None
            colours.append(getattr(color, "rgb", None) if color is not None else None)
        if colours and all(isinstance(x, str) and x.upper() == EXAMPLE_RGB for x in colours):
            found.add(r)
    return found
