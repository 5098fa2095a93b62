"""What an .xlsx file says about its cells beyond their values — which calamine does not
hand over: cells holding an error value (#N/A, #VALUE! …), the grey example row of the
blank templates, and the number formats of decimal cells ("1995.10" typed under "0.00").

Read from the raw XML with a few regular expressions, and only when the file has any such
cell style or error at all (a roster without them costs one substring search per sheet)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR = re.compile(rb'\b([rst])="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_REF = re.compile(r"([A-Z]+)(\d+)")
_DECIMALS = re.compile(r"0\.0")


@dataclass
class Hints:
    """One sheet's hints, cells as 0-based (row, column)."""

    #: cells holding an error value → its text ("#N/A")
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    #: cells written in the example grey (in the first rows only)
    grey: set[tuple[int, int]] = field(default_factory=set)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheet_hints(z: zipfile.ZipFile, grey_rgb: str, first_rows: int) -> list[Hints]:
    """The hints of each worksheet, in the workbook's order (empty ones when the file has
    none, or its parts are not where they should be)."""
    try:
        paths = _sheet_paths(z)
        grey, decimal = _styles(z, grey_rgb.upper())
    except (KeyError, ET.ParseError):
        return []
    out = []
    for path in paths:
        try:
            xml = z.read(path)
        except KeyError:
            out.append(Hints())
            continue
        out.append(_scan(xml, grey, decimal, first_rows))
    return out


def _sheet_paths(z: zipfile.ZipFile) -> list[str]:
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{PKG_REL_NS}Relationship")}
    paths = []
    for s in book.iter(f"{NS}sheet"):
        target = targets.get(s.get(f"{REL_NS}id"), "")
        paths.append(target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target))
    return paths


def _styles(z: zipfile.ZipFile, grey_rgb: str) -> tuple[set[bytes], dict[bytes, str]]:
    """Cell style indices (as in the XML) written in grey, and those with a number format
    showing decimals (index → format)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    try:
        root = ET.fromstring(z.read("xl/styles.xml"))
    except KeyError:
        return set(), {}
    codes = dict(BUILTIN_FORMATS)
    for nf in root.iter(f"{NS}numFmt"):
        codes[int(nf.get("numFmtId", -1))] = nf.get("formatCode", "")
    fonts = root.find(f"{NS}fonts")
    grey_fonts = set()
    for i, font in enumerate(fonts if fonts is not None else []):
        color = font.find(f"{NS}color")
        if color is not None and (color.get("rgb") or "").upper() == grey_rgb:
            grey_fonts.add(str(i))
    grey, decimal = set(), {}
    xfs = root.find(f"{NS}cellXfs")
    for i, xf in enumerate(xfs if xfs is not None else []):
        if xf.get("fontId") in grey_fonts:
            grey.add(str(i).encode())
        code = codes.get(int(xf.get("numFmtId", 0)), "")
        if code and _DECIMALS.search(code):
            decimal[str(i).encode()] = code
    return grey, decimal


def _scan(xml: bytes, grey: set[bytes], decimal: dict[bytes, str], first_rows: int) -> Hints:
    hints = Hints()
    want_errors = b't="e"' in xml
    if not (want_errors or grey or decimal):
        return hints
    for m in _CELL.finditer(xml):
        attrs = dict(_ATTR.findall(m[1]))
        style, kind = attrs.get(b"s"), attrs.get(b"t")
        is_error = kind == b"e"
        if not (is_error or style in grey or style in decimal) or b"r" not in attrs:
            continue
        ref = _REF.fullmatch(attrs[b"r"].decode())
        if ref is None:
            continue
        cell = (int(ref[2]) - 1, column_index(ref[1]))
        if is_error:
            v = _VALUE.search(m[2] or b"")
            hints.errors[cell] = v[1].decode() if v is not None else "#VALUE!"
        if style in grey and cell[0] < first_rows:
            hints.grey.add(cell)
        if style in decimal and kind in (None, b"n") and m[2]:
            v = _VALUE.search(m[2])
            if v is not None and not float(v[1]).is_integer():
                hints.formats[cell] = decimal[style]
    return hints
