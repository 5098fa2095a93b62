"""The scan reader: a photo or scan of a printed roster (JPEG, PNG, BMP, TIFF) in, a
``ScanSheet`` out, for ``plan_import(..., sheets=...)`` like any other reader's sheets.

The OCR engine is RapidOCR (PP-OCRv4 Chinese models on onnxruntime, CPU), an optional
component: ``available()`` tells whether it is installed and ``read_scan`` raises
``ScanNotInstalled`` when it is not.  The page is read once; its turn is measured from the
boxes' baselines and the boxes and the image are turned level with opencv (which the
engine brings) — the engine reads tilted lines well, so a second reading of the levelled
page would double the time for nothing.  Files are decoded from bytes, never opened by
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
from desktop.scan.table import ScanSheet, recover_table

#: The module the optional scan component installs.
ENGINE_MODULE = "rapidocr_onnxruntime"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")
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
    message = QT_TRANSLATE_NOOP("excel", "{name} is not a photo or scan the program can read (JPEG, PNG, BMP or TIFF).")


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


@dataclass
class _Reading:
    """A page as read: the boxes and the image, both turned level, and the turn."""

    key: tuple
    boxes: list[OcrBox]
    image: object
    angle: float


#: The last page read: choosing another kind or unit re-plans without reading again.
_last: _Reading | None = None


def read_scan(path: Path | str, kind: str, *, progress: Progress | None = None,
              keep_image: bool = True) -> list[ScanSheet]:
    """The table of *kind* on the photo or scan at *path*, as one sheet."""
    global _last
    path = Path(path)
    tick(progress, 0, 3)
    data = read_bytes(path)
    key = (str(path.resolve()), len(data), hashlib.blake2b(data, digest_size=16).digest())
    reading = _last if _last is not None and _last.key == key else None
    if reading is None:
        reading = _read_page(data, path.name, key, progress)
        _last = reading
    sheet = recover_table(reading.boxes, kind, path.stem)
    if sheet is None:
        from desktop.records import KINDS

        raise NoTableFound(name=path.name, kind=KINDS[kind].label)
    sheet.angle = reading.angle
    if keep_image:
        import cv2

        ok, encoded = cv2.imencode(".jpg", reading.image, [cv2.IMWRITE_JPEG_QUALITY, 80])
        sheet.image = encoded.tobytes() if ok else None
    tick(progress, 3, 3)
    return [sheet]


def _read_page(data: bytes, name: str, key: tuple, progress: Progress | None) -> _Reading:
    """OCR of one image file's bytes, the result turned level."""
    ocr = engine()
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) if data else None
    if image is None:
        raise NotAnImage(name=name)
    scale = MAX_SIDE / max(image.shape[:2])
    if scale < 1:
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    tick(progress, 1, 3)
    with _engine_lock:
        found, _elapsed = ocr(image)
    tick(progress, 2, 3)
    boxes = [OcrBox(tuple((float(x), float(y)) for x, y in quad), str(text), float(conf))  # type: ignore[arg-type]
             for quad, text, conf in (found or [])]
    (flat, level), angle = _level(image, boxes, cv2)
    return _Reading(key, level, flat, angle)


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
