"""Draw the program icon: a red disc with a white "团".  Writes ``app.png`` (256 px) and
``app.ico`` (16-256 px, PNG-compressed entries, as Windows Vista and later read them).

    .venv/bin/python resources/icons/make_icon.py

Needs a font with CJK glyphs (Debian: fonts-wqy-microhei; Windows: Microsoft YaHei).
The outputs are committed; run this again only to change the design.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#d7000f")  # the League's red
CHAR = "团"
FONTS = ("Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei")


def _font(pixel_size: int) -> QFont:
    families = set(QFontDatabase.families())
    chosen = next((f for f in FONTS if f in families), None)
    if chosen is None:
        chosen = next((f for f in QFontDatabase.families(QFontDatabase.SimplifiedChinese)), None)
    if chosen is None:
        raise SystemExit("no font with Chinese glyphs found (install fonts-wqy-microhei)")
    font = QFont(chosen)
    font.setPixelSize(pixel_size)
    font.setBold(True)
    return font


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    margin = max(0.5, size / 32)
    p.setPen(Qt.NoPen)
    p.setBrush(RED)
    p.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    p.setPen(QColor("white"))
    p.setFont(_font(round(size * 0.62)))
    p.drawText(QRectF(0, 0, size, size * 0.98), Qt.AlignCenter, CHAR)
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    if not img.save(buf, "PNG"):
        raise SystemExit("PNG encoding failed")
    buf.close()
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR, ICONDIRENTRY×n, data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, blobs = b"", b""
    offset = 6 + 16 * len(images)
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need it
    images = {size: png_bytes(draw(size)) for size in SIZES}
    (HERE / "app.png").write_bytes(images[256])
    (HERE / "app.ico").write_bytes(ico_bytes(images))
    print(f"wrote {HERE / 'app.png'} and {HERE / 'app.ico'} ({', '.join(map(str, SIZES))} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
