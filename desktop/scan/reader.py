"""The scan reader: a photo or scan of a printed roster (JPEG, PNG, BMP, TIFF) or a scanned
PDF in, ``ScanSheet``s out (one per page with a table), for ``plan_import(..., sheets=...)``
like any other reader's sheets: the rows of every page make one import.

The OCR engine is RapidOCR (PP-OCRv4 Chinese models on onnxruntime, CPU), an optional
component: ``available()`` tells whether it is installed and ``read_scan`` raises
``ScanNotInstalled`` when it is not.  A phone photo's page seen at a slant is first warped
flat (``desktop.scan.page``); a PDF's pages are rendered by pypdfium2 (in the component too).
A page is read once; its turn is measured from the boxes' baselines and the boxes and the
image are turned level with opencv (which the engine brings) — the engine reads tilted
lines well, so a second reading of the levelled page would double the time for nothing.  Files are decoded from bytes, never opened by
opencv by name (it cannot open a Chinese file name on Windows).
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.excel.errors import CTX, ExcelError
from desktop.excel.model import Progress, tick
from desktop.excel.reader import read_bytes
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.scan.boxes import OcrBox, page_angle, turned
from desktop.scan.page import flatten
from desktop.scan.signin import MEETING, recover_signin
from desktop.scan.table import ScanSheet, recover_table

#: The module the optional scan component installs.
ENGINE_MODULE = "rapidocr_onnxruntime"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")
#: What the reader takes: photos and scans, and scanned PDFs.
SCAN_SUFFIXES = IMAGE_SUFFIXES + (".pdf",)
#: A PDF page is rendered at most this sharp (a small page is not blown up past print).
PDF_DPI = 300
#: A photo is shrunk to this longest side first: enough for print at A4, and the
#: engine's time grows with the pixels.
MAX_SIDE = 2000
#: Engine settings (measured in benchmarks/bench_scan.py): no 180° classifier (a roster is
#: photographed upright); the text detector at most at DETECT_SIDE; recognition padded to
#: at least 96 pixels, not 320 (most cells are two to five characters: the padding was half
#: the recognition time), in batches of 32 crops of similar width; results down to 0.3
#: kept (a doubtful cell is shown marked, not dropped).
DETECT_SIDE = 1600
ENGINE_OPTIONS = dict(use_cls=False, det_limit_type="max", det_limit_side_len=DETECT_SIDE, text_score=0.3,
                      rec_img_shape=[3, 48, 96], rec_batch_num=32)

_engine = None
_engine_lock = threading.Lock()


class ScanNotInstalled(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "The scan component is not installed, so photos and scans of paper tables cannot be read; install the program with its scan component.")
    context = CTX


class NotAnImage(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is not a photo or scan the program can read (JPEG, PNG, BMP, TIFF or PDF).")


class NotAPdf(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "{name} is not a PDF the program can read (damaged or password protected).")


class NoTableFound(ExcelError):
    message = QT_TRANSLATE_NOOP("excel", "No table with a header row for {kind} was found on {name}. Photograph the whole table, header included, straight from above in good light.")


def available() -> bool:
    """Whether the optional OCR engine is installed."""
    return importlib.util.find_spec(ENGINE_MODULE) is not None


def engine():
    """The OCR engine, loaded once (about a second) and shared: calls are serialised."""
    global _engine
    if not available():
        raise ScanNotInstalled()
    with _engine_lock:
        if _engine is None:
            from rapidocr_onnxruntime import RapidOCR

            _engine = RapidOCR(**ENGINE_OPTIONS)
        return _engine


def is_image(path: Path | str) -> bool:
    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def is_scan(path: Path | str) -> bool:
    """Whether *path* is a file the scan reader takes: a photo, a scan or a scanned PDF."""
    return Path(path).suffix.lower() in SCAN_SUFFIXES


@dataclass
class _Page:
    """A page as read: the boxes and the image, both flattened and turned level; the turn,
    and the page's corners in the photo when a slant was undone."""

    boxes: list[OcrBox]
    image: object
    angle: float
    corners: object = None


@dataclass
class _Reading:
    key: tuple
    pages: list[_Page]


#: The last file read: choosing another kind or unit re-plans without reading again.
_last: _Reading | None = None


def read_scan(path: Path | str, kind: str, *, progress: Progress | None = None,
              keep_image: bool = True) -> list[ScanSheet]:
    """The table of *kind* on the photo, scan or scanned PDF at *path*: a sheet per page
    with a table (a page without a header of its own goes on in the columns of the page
    before); for a meeting, a sign-in sheet as the one meeting it records."""
    global _last
    path = Path(path)
    data = read_bytes(path)
    key = (str(path.resolve()), len(data), hashlib.blake2b(data, digest_size=16).digest())
    reading = _last if _last is not None and _last.key == key else None
    if reading is None:
        reading = _Reading(key, _read_pages(data, path, progress))
        _last = reading
    found = _sheets(reading.pages, kind, path.stem)
    if not found:
        from desktop.records import KINDS

        raise NoTableFound(name=path.name, kind=KINDS[kind].label)
    if keep_image:
        import cv2

        for sheet, page in found:
            ok, encoded = cv2.imencode(".jpg", page.image, [cv2.IMWRITE_JPEG_QUALITY, 80])
            sheet.image = encoded.tobytes() if ok else None
    return [sheet for sheet, _page in found]


def _sheets(pages: list[_Page], kind: str, stem: str) -> list[tuple[ScanSheet, _Page]]:
    """The sheet of each page with a table of *kind* on it, with its page."""
    if kind == MEETING and len(pages) == 1:
        sheet = recover_signin(pages[0].boxes, stem)
        if sheet is not None:
            sheet.angle = pages[0].angle
            return [(sheet, pages[0])]
    out: list[tuple[ScanSheet, _Page]] = []
    for n, page in enumerate(pages, 1):
        name = stem if len(pages) == 1 else f"{stem}-{n}"
        sheet = recover_table(page.boxes, kind, name, follow=out[-1][0] if out else None)
        if sheet is not None:
            sheet.angle = page.angle
            out.append((sheet, page))
    return out


def _read_pages(data: bytes, path: Path, progress: Progress | None) -> list[_Page]:
    """Every page of the file read by the engine: the one of a photo, each of a PDF."""
    ocr = engine()
    images = _pdf_images(data, path.name) if path.suffix.lower() == ".pdf" else [_decode(data, path.name)]
    total = len(images) + 1
    tick(progress, 1, total)
    pages = []
    for n, image in enumerate(images, 2):
        pages.append(_read_page(ocr, image))
        tick(progress, n, total)
    return pages


def _decode(data: bytes, name: str):
    """A photo's bytes decoded (never opened by name: opencv cannot open a Chinese file
    name on Windows), shrunk to MAX_SIDE."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) if data else None
    if image is None:
        raise NotAnImage(name=name)
    scale = MAX_SIDE / max(image.shape[:2])
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return image


def _pdf_images(data: bytes, name: str) -> list:
    """Each page of a PDF rendered by pypdfium2 with its longer side MAX_SIDE pixels, at
    most PDF_DPI dots per inch, as opencv's BGR arrays."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise ScanNotInstalled() from None
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise NotAPdf(name=name) from None
    try:
        images = []
        for i in range(len(pdf)):
            page = pdf[i]
            width, height = page.get_size()
            scale = min(MAX_SIDE / max(width, height, 1.0), PDF_DPI / 72)
            images.append(page.render(scale=scale).to_numpy()[:, :, :3].copy())
            page.close()
        return images
    finally:
        pdf.close()


def _read_page(ocr, image) -> _Page:
    """One page read: warped flat when seen at a slant, read, the result turned level."""
    import cv2
    import numpy as np

    image, corners = flatten(image, cv2, np)
    with _engine_lock:
        found, _elapsed = ocr(image)
    boxes = [OcrBox(tuple((float(x), float(y)) for x, y in quad), str(text), float(conf))  # type: ignore[arg-type]
             for quad, text, conf in (found or [])]
    (flat, level), angle = _level(image, boxes, cv2)
    return _Page(level, flat, angle, corners)


def _level(image, boxes: list[OcrBox], cv2):
    """The image and the boxes turned level by the page's measured turn; the canvas grows so
    no corner is cut off."""
    import math

    angle = page_angle(boxes)
    if abs(angle) < 0.05:
        return (image, boxes), angle
    h, w = image.shape[:2]
    centre = (w / 2, h / 2)
    matrix = cv2.getRotationMatrix2D(centre, -angle, 1.0)
    a = math.radians(abs(angle))
    new_w, new_h = int(w * math.cos(a) + h * math.sin(a)) + 1, int(h * math.cos(a) + w * math.sin(a)) + 1
    offset = ((new_w - w) / 2, (new_h - h) / 2)
    matrix[0, 2] += offset[0]
    matrix[1, 2] += offset[1]
    flat = cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    return (flat, turned(boxes, angle, centre, offset)), angle


def plan_scan(ledger, kind: str, path: Path | str, unit_code: str | None = None, *,
              progress: Progress | None = None, options=None):
    """Read the photo at *path* and plan its import as ``plan_import`` plans a workbook's:
    (plan, sheets read), the sheets for the preview's marks and row pictures."""
    from desktop.excel.plan import plan_import

    sheets = read_scan(path, kind, progress=progress)
    return plan_import(ledger, kind, path, unit_code, progress=progress, sheets=sheets, options=options), sheets
