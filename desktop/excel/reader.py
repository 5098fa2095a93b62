"""Readers: a file in, ``Sheet`` objects out — the one seam between a file format and
the rest of the import (matching, conversion, planning never see a file format).

``read_workbook`` reads every format an office has: workbooks (.xlsx/.xlsm, .xlsb, .xls,
.ods) through calamine (``desktop.excel.workbook``), CSV and tab-separated text through
``desktop.excel.textfile``; ``desktop.excel.sniff`` tells which is which, and refuses the
rest with what to do.  Another reader (an OCR'd photo of a paper table) only has to build
``Sheet`` objects and hand them to ``plan_import(sheets=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.excel.errors import FileMissing, FileUnreadable

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
    #: cells (0-based) holding a whole number too long for a spreadsheet number (an ID
    #: number typed as a number: its last digits are already lost)
    lost_digits: set[tuple[int, int]] = field(default_factory=set)
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


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FileMissing(name=str(path)) from None
    except OSError as exc:
        raise FileUnreadable(name=path.name, reason=exc.strerror or str(exc)) from None


def read_workbook(path: Path | str) -> list[Sheet]:
    """Every sheet of a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods), or the one table of a
    CSV or tab-separated text file.  Raises an ``ExcelError`` saying why and what to do for
    a WPS .et, a password-protected, web page, damaged or empty file, or text in an
    encoding that cannot be told."""
    from desktop.excel import sniff, textfile, workbook

    path = Path(path)
    data = read_bytes(path)
    kind = sniff.file_format(data, path.name)
    if kind == sniff.TEXT:
        return textfile.read_text_table(data, path.name)
    return workbook.read_calamine(data, path.name, kind)
