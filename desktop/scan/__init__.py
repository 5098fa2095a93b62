"""Paper rosters in: a photo or scan of a printed table read by OCR into the rows of cells
the Excel import reads, so matching, conversion, validation, the preview, the error list
and undo are the import's own — one import, two readers.

    boxes    the engine's text boxes, the page's turn, boxes turned level
    page     a phone photo's page found by its edges and warped flat (undoing the slant)
    table    boxes → ScanSheet: header line, columns, rows, footer; confidence per cell
    signin   a meeting's sign-in sheet → the one meeting it records (date, attendance)
    reader   the optional OCR engine (RapidOCR), PDF pages (pypdfium2), read_scan, plan_scan

The engine is an optional component (``pip install township-ledger[scan]``); without it
``read_scan`` raises ``ScanNotInstalled``, whose one line says so.
"""

from desktop.scan.boxes import OcrBox, page_angle, turned
from desktop.scan.reader import (IMAGE_SUFFIXES, SCAN_SUFFIXES, NoTableFound, NotAnImage, NotAPdf, ScanNotInstalled,
                                 available, is_image, is_scan, plan_scan, read_scan)
from desktop.scan.signin import recover_signin
from desktop.scan.table import LOW_CONFIDENCE, ScanSheet, known_header, recover_table

__all__ = ["IMAGE_SUFFIXES", "LOW_CONFIDENCE", "SCAN_SUFFIXES", "NoTableFound", "NotAPdf", "NotAnImage", "OcrBox",
           "ScanNotInstalled", "ScanSheet", "available", "is_image", "is_scan", "known_header", "page_angle",
           "plan_scan", "read_scan", "recover_signin", "recover_table", "turned"]
