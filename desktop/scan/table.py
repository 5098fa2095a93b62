"""Table recovery: the OCR boxes of a photographed roster in, the rows of cells the import
reads out (a ``ScanSheet``: a ``Sheet`` that also keeps each cell's confidence and box).

The header row is the line of boxes that names the most fields of the kind, in the same
vocabulary the Excel import matches headers with (``desktop.excel.matching``); a header
word the engine misread by a character is recognised by its closeness to a known
spelling.  The header's boxes give the columns: each column reaches halfway to its
neighbours.  Rows are the boxes below the header grouped by their height above a line
through the header (so a page still turned by a few degrees groups right); boxes in one
cell are joined left to right.  Titles above the header are left out, and so is
everything from the first footer line down (填表人, 审核人, 填表日期, 盖章 …).

Rows are numbered as the table's lines, the header being line 1.
"""

from __future__ import annotations

import difflib
import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from desktop.excel.matching import header_field, header_index, norm_header, title
from desktop.excel.reader import Sheet
from desktop.scan.boxes import OcrBox, Rect, union

#: Below this confidence a cell is marked for the user to compare with the paper.
LOW_CONFIDENCE = 0.9
#: A line containing one of these ends the table: the signatures and dates under it.
FOOTER_WORDS = ("填表人", "填报人", "审核人", "审批人", "制表人", "负责人", "填表日期", "填报日期", "制表日期",
                "盖章", "签字", "签名", "主管领导")
#: A line opening with one of these and a colon is a note under the table.
NOTE_WORDS = ("注", "备注", "说明", "附注")
_FOOTER = re.compile("(^|[^\\w])(" + "|".join(FOOTER_WORDS) + ")|(" + "|".join(FOOTER_WORDS) + r")[)）]?[:：]"
                     + "|^(" + "|".join(NOTE_WORDS) + r")\d*[:：]")
#: How close an unknown header word must be to a known spelling to stand for it.
HEADER_CUTOFF = 0.6


@dataclass
class Column:
    """A column of the table on the page: its band (left, right) and its header."""

    left: float
    right: float
    title: str
    centre: float


@dataclass
class ScanSheet(Sheet):
    """A sheet read from a photo: the cells as text, and per cell (row, column, 0-based)
    the engine's confidence and where the cell is on the page image (``image``: the page
    turned level, PNG or JPEG bytes, when the reader keeps it)."""

    confidence: dict[tuple[int, int], float] = field(default_factory=dict)
    cell_boxes: dict[tuple[int, int], Rect] = field(default_factory=dict)
    row_boxes: dict[int, Rect] = field(default_factory=dict)
    angle: float = 0.0
    image: bytes | None = None
    columns: list[Column] = field(default_factory=list)

    @property
    def low_confidence(self) -> set[tuple[int, int]]:
        """The cells read with less than ``LOW_CONFIDENCE``."""
        return {rc for rc, conf in self.confidence.items() if conf < LOW_CONFIDENCE}


def recover_table(boxes: list[OcrBox], kind: str, name: str, follow: ScanSheet | None = None) -> ScanSheet | None:
    """The table of *kind* the boxes (turned level) hold, or None when no line of them
    names at least two fields of *kind*.  With *follow* (the table of the page before), a
    page without a header goes on in that table's columns, from its first line that fills
    two of them (a running title or page number above is passed over)."""
    boxes = [part for b in boxes if b.text.strip() for part in _split_header(b, kind)]
    if not boxes:
        return None
    tol = statistics.median(b.height for b in boxes) * 0.5
    header = _header_line(boxes, kind, tol)
    if header is None:
        if follow is None or not follow.columns:
            return None
        sheet = ScanSheet(name, [list(follow.rows[0])], columns=follow.columns)
        lines = group_rows(boxes, 0.0, 0.0, tol)
        while lines and sum(1 for cell in _assign(lines[0], follow.columns) if cell) < 2:
            lines.pop(0)
        _fill(sheet, lines)
        return sheet if len(sheet.rows) > 1 else None
    slope, intercept = fit_line([(b.cx, b.cy) for b in header])
    header_ids = {id(b) for b in header}
    columns = _columns(header, kind)
    below = [b for b in boxes if id(b) not in header_ids and b.cy - (intercept + slope * b.cx) > tol]
    sheet = ScanSheet(name, [[c.title for c in columns]], columns=columns)
    sheet.row_boxes[0] = union([b.bounds for b in header])
    for c, b in enumerate(_assign(header, columns)):
        if b:
            sheet.confidence[(0, c)] = min(x.conf for x in b)
            sheet.cell_boxes[(0, c)] = union([x.bounds for x in b])
    _fill(sheet, group_rows(below, slope, intercept, tol))
    return sheet


def _fill(sheet: ScanSheet, lines: list[list[OcrBox]]) -> None:
    """The lines' cells added to *sheet* as rows, up to the first footer line."""
    rows = sheet.rows
    for line in lines:
        if any(is_footer(b.text) for b in line):
            break
        r = len(rows)
        cells = _assign(line, sheet.columns)
        rows.append([_join(cell) for cell in cells])
        sheet.row_boxes[r] = union([b.bounds for b in line])
        for c, cell in enumerate(cells):
            if cell:
                sheet.confidence[(r, c)] = min(b.conf for b in cell)
                sheet.cell_boxes[(r, c)] = union([b.bounds for b in cell])
    for row in rows:
        while row and row[-1] is None:
            row.pop()


def is_footer(text: str) -> bool:
    """Whether a box starts the footer: a footer word opening it or followed by a colon
    ("填表人：", "（盖章）", not the 负责人 of 学校负责人), or a note ("注：", "备注：")."""
    return bool(_FOOTER.search(unicodedata.normalize("NFKC", text).strip()))


def known_header(kind: str, text: str) -> str | None:
    """The header spelling *text* stands for: itself when the import knows it, else the
    closest known spelling of the same length when it differs by little (a misread
    character), else None."""
    if header_field(kind, text):
        return text
    n = norm_header(text)
    if len(n) < 2:
        return None
    spellings = [s for s in header_index(kind) if len(s) == len(n) and not s.isascii()]
    close = difflib.get_close_matches(n, spellings, n=1, cutoff=HEADER_CUTOFF)
    return close[0] if close else None


def _header_line(boxes: list[OcrBox], kind: str, tol: float) -> list[OcrBox] | None:
    """The boxes of the header line: the line naming the most fields (at least two), with
    the other boxes on it (序号, 备注: columns the import passes over)."""
    named = [(b, header_field(kind, known_header(kind, b.text) or "")) for b in boxes]
    named = [(b, f) for b, f in named if f]
    best: list[OcrBox] | None = None
    best_count = 1
    for b, _f in named:
        line = [(o, f) for o, f in named if abs(o.cy - b.cy) <= 2 * tol]
        count = len({f for _o, f in line})
        if count > best_count:
            best, best_count = [o for o, _f in line], count
    if best is None:
        return None
    slope, intercept = fit_line([(b.cx, b.cy) for b in best])
    return sorted((b for b in boxes if abs(b.cy - (intercept + slope * b.cx)) <= tol), key=lambda b: b.cx)


def fit_line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares y = intercept + slope·x (level through the mean for a single point)."""
    mx = sum(x for x, _y in points) / len(points)
    my = sum(y for _x, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _y in points)
    if sxx == 0:
        return 0.0, my
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    return slope, my - slope * mx


def _columns(header: list[OcrBox], kind: str) -> list[Column]:
    """A column per header box, left to right; each reaches halfway to its neighbours."""
    cols = []
    for i, b in enumerate(header):
        left = (header[i - 1].x1 + b.x0) / 2 if i else float("-inf")
        right = (b.x1 + header[i + 1].x0) / 2 if i + 1 < len(header) else float("inf")
        cols.append(Column(left, right, title(known_header(kind, b.text) or b.text), b.cx))
    return cols


def group_rows(boxes: list[OcrBox], slope: float, intercept: float, tol: float) -> list[list[OcrBox]]:
    """The boxes grouped into lines by their height above the header line (parallel to
    it), top to bottom; a new line starts where the heights jump by more than *tol*."""
    keyed = sorted(((b.cy - (intercept + slope * b.cx), b) for b in boxes), key=lambda kb: kb[0])
    lines: list[list[OcrBox]] = []
    last = None
    for h, b in keyed:
        if last is None or h - last > tol:
            lines.append([])
        lines[-1].append(b)
        last = h
    return lines


def _assign(line: list[OcrBox], columns: list[Column]) -> list[list[OcrBox]]:
    """The line's boxes per column (by their centres), each cell's boxes left to right."""
    cells: list[list[OcrBox]] = [[] for _ in columns]
    for b in sorted((part for b in line for part in _split_wide(b, columns)), key=lambda b: b.x0):
        for c, col in enumerate(columns):
            if col.left <= b.cx < col.right:
                cells[c].append(b)
                break
    return cells


def _split_header(b: OcrBox, kind: str) -> list[OcrBox]:
    """A box holding two header words the engine read as one ("姓名性别", in a table
    without rules) as two boxes; any other box as it is."""
    text = b.text.strip()
    if header_field(kind, text) or len(text) < 4:
        return [b]
    for i in range(2, len(text) - 1):
        if header_field(kind, text[:i]) and header_field(kind, text[i:]):
            return _cut(b, [text[:i], text[i:]])
    return [b]


def _split_wide(b: OcrBox, columns: list[Column]) -> list[OcrBox]:
    """A box reaching over the middle of two or more columns' headers whose text has a gap
    (two cells read as one: "男 1995年3月") cut at its gaps, each piece as wide as its
    characters; any other box as it is (a cell with no gap stays whole: the import then
    refuses it or a neighbour is blank, and the user is told)."""
    words = b.text.split()
    if len(words) < 2 or sum(1 for c in columns if b.x0 < c.centre < b.x1) < 2:
        return [b]
    return _cut(b, words, gap=1)


def _cut(b: OcrBox, parts: list[str], gap: int = 0) -> list[OcrBox]:
    """*b* cut into boxes for *parts* (its text in order, *gap* units between them), each
    as wide as its characters."""
    total = sum(_char_width(ch) for p in parts for ch in p) + gap * (len(parts) - 1)
    scale = (b.x1 - b.x0) / total
    out, x = [], b.x0
    for p in parts:
        w = sum(_char_width(ch) for ch in p) * scale
        out.append(OcrBox.rect(x, b.y0, x + w, b.y1, p, b.conf))
        x += w + gap * scale
    return out


def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _join(cell: list[OcrBox]) -> str | None:
    """A cell's text: its boxes joined left to right (a space only between two Latin words)."""
    text = ""
    for b in cell:
        part = b.text.strip()
        if text and part and text[-1].isascii() and text[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            text += " "
        text += part
    return text or None
