"""Merged ranges of an OpenDocument spreadsheet (.ods), which calamine does not give:
read from ``content.xml`` — spanned cells (``table:number-columns-spanned`` and
``…-rows-spanned``), with rows and cells counted through their ``…-repeated`` runs.
Parsed only when the file has a spanned cell at all."""

from __future__ import annotations

import io
import zipfile

from desktop.excel.reader import CellRange

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TABLE, _ROW = f"{{{TABLE_NS}}}table", f"{{{TABLE_NS}}}table-row"
_CELLS = (f"{{{TABLE_NS}}}table-cell", f"{{{TABLE_NS}}}covered-table-cell")
_COLS_SPANNED, _ROWS_SPANNED = f"{{{TABLE_NS}}}number-columns-spanned", f"{{{TABLE_NS}}}number-rows-spanned"
_COLS_REPEATED, _ROWS_REPEATED = f"{{{TABLE_NS}}}number-columns-repeated", f"{{{TABLE_NS}}}number-rows-repeated"


def ods_merged(data: bytes) -> list[list[CellRange]]:
    """The merged ranges of each table, in the document's order ([] when there are none
    or the file cannot be read this way)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            content = z.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return []
    if b"-spanned" not in content:
        return []
    tables: list[list[CellRange]] = []
    row = col = 0
    try:
        for event, el in etree.iterparse(io.BytesIO(content), events=("start", "end"),
                                         tag=(_TABLE, _ROW) + _CELLS):
            if el.tag == _TABLE:
                if event == "start":
                    tables.append([])
                    row = 0
            elif el.tag == _ROW:
                if event == "start":
                    col = 0
                else:
                    row += int(el.get(_ROWS_REPEATED, 1))
                    el.clear()
            elif event == "start":
                cols, rows = int(el.get(_COLS_SPANNED, 1)), int(el.get(_ROWS_SPANNED, 1))
                if (cols > 1 or rows > 1) and tables:
                    tables[-1].append((row, col, row + rows - 1, col + cols - 1))
                col += int(el.get(_COLS_REPEATED, 1))
    except (etree.XMLSyntaxError, ValueError):
        return []
    return tables
