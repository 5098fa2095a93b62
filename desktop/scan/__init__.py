"""Paper rosters in: a photo or scan of a printed table read by OCR into the rows of cells
the Excel import reads, so matching, conversion, validation, the preview, the error list
and undo are the import's own — one import, two readers.

    boxes    the engine's text boxes, the page's turn, boxes turned level
    table    boxes → ScanSheet: header line, columns, rows, footer; confidence per cell
    reader   the optional OCR engine (RapidOCR), read_scan, plan_scan

The engine is an optional component (``pip install township-ledger[scan]``); without it
``read_scan`` raises ``ScanNotInstalled``, whose one line says so.
"""

from desktop.scan.boxes import OcrBox, page_angle, turned
from desktop.scan.reader import (IMAGE_SUFFIXES, NoTableFound, NotAnImage, ScanNotInstalled, available, is_image,
                                 plan_scan, read_scan)
from desktop.scan.table import LOW_CONFIDENCE, ScanSheet, known_header, recover_table

__all__ = ["IMAGE_SUFFIXES", "LOW_CONFIDENCE", "NoTableFound", "NotAnImage", "OcrBox", "ScanNotInstalled", "ScanSheet",
           "available", "is_image", "known_header", "page_angle", "plan_scan", "read_scan", "recover_table", "turned"]
