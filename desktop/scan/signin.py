"""A meeting's sign-in sheet (签到表) read as the one meeting it records.

A sign-in sheet is a title naming the meeting ("南高乡团委对标整改动员会签到表"), often a
line with the time and place ("时间：2025年3月5日  地点：乡政府三楼会议室"), and a table of
the people who came: 姓名, 单位, 签到 (and 序号, 职务, 联系电话 …).  Its header is found by
the same table recovery as a roster's, with the sheet's own vocabulary; the meeting is then:

    title       the title line without 签到表, the date and the organisation opening it
                (南高乡团委: the meeting is stored under its organisation)
    held_on     the first date written above the table (title or time line)
    kind        the longest meeting kind word in the title (动员会, 培训班 …), else blank
                (the import then asks for it, as for any blank required cell)
    attendance  the rows signed (with text in the signature column), or, when nobody's
                signature was read, the rows with a name
    location    what follows 地点 above the table

The result is a one-row ``ScanSheet`` under the meeting's own header spellings, so the
Excel import plans, checks, previews and stores it like any meeting register.  Each
cell's confidence is the lowest of the boxes it came from (the attendance: of the names
counted, a misread row being a doubtful count).
"""

from __future__ import annotations

import re
import statistics
import unicodedata

from desktop.scan.boxes import OcrBox, union
from desktop.scan.table import ScanSheet, fit_line, group_rows, is_footer

MEETING = "meeting"
#: The words of a sign-in sheet's header, by role.
NAME_WORDS = ("姓名", "名字", "参会人员", "参会人", "人员姓名")
SIGN_WORDS = ("签到", "签名", "签字", "本人签名", "本人签字", "签到时间", "签到人")
OTHER_WORDS = ("序号", "单位", "工作单位", "所在单位", "单位及职务", "职务", "联系电话", "电话", "备注", "性别",
               "村(社区)", "所在村")
#: The words that make the title a sign-in sheet's, cut from the meeting's title.
TITLE_WORDS = ("签到表", "签到册", "签到簿", "签到单", "签到")
#: The header spellings of the sheet handed to the import (declared in excel_headers.json).
HEADER = {"kind": "类型", "held_on": "会议时间", "title": "会议名称", "attendance": "参会人数", "location": "会议地点"}

_DATE = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")
_PLACE = re.compile(r"(?:会议|活动)?地点\s*[:：]?\s*(.+?)(?=\s{2,}|(?:会议|活动)?(?:时间|日期|主持人?|记录人?)\s*[:：]|$)")
#: A line opening so (记录人：…) is under the table, like the roster's footers.
_UNDER = re.compile(r"^(?:记录人?|主持人?|会议记录|统计人|报送人)\s*[:：]")
#: The organisation opening a title ("南高乡团委…"): the meeting is recorded under it anyway.
_ORG_PREFIX = re.compile(r"^(?:共青团)?[^\s团]{1,12}?(?:团委|团工委|团总支|团支部)(?=.{2})")
_LABEL = re.compile(r"(?:会议|活动)?(?:时间|日期|名称|主题)\s*[:：]\s*")


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _role(text: str) -> str | None:
    t = _norm(text)
    if t in NAME_WORDS:
        return "name"
    if t in SIGN_WORDS or t.endswith("签名") or t.endswith("签字"):
        return "sign"
    if t in OTHER_WORDS:
        return "other"
    return None


def recover_signin(boxes: list[OcrBox], name: str) -> ScanSheet | None:
    """The meeting on a sign-in sheet, or None when the boxes are not one (no header line
    with a name column beside a signature column, or a name column under a title saying
    签到)."""
    boxes = [b for b in boxes if b.text.strip()]
    if not boxes:
        return None
    tol = statistics.median(b.height for b in boxes) * 0.5
    header = _header(boxes, tol)
    if header is None:
        return None
    slope, intercept = fit_line([(b.cx, b.cy) for b in header])
    above = [b for b in boxes if b.cy - (intercept + slope * b.cx) < -tol]
    lines_above = ["  ".join(b.text.strip() for b in sorted(line, key=lambda b: b.cx))
                   for line in group_rows(above, slope, intercept, tol)]
    titled = next((t for t in lines_above if any(w in _norm(t) for w in TITLE_WORDS)), None)
    roles = {id(b): _role(b.text) for b in header}
    if titled is None and "sign" not in roles.values():
        return None
    below = [b for b in boxes if b.cy - (intercept + slope * b.cx) > tol]
    signed, conf = _attendance(header, roles, group_rows(below, slope, intercept, tol))
    title_line = titled or (lines_above[0] if lines_above else "")
    values = {"kind": _kind_word(title_line), "held_on": _first_date(lines_above), "title": _title(title_line),
              "attendance": str(signed), "location": _place(lines_above)}
    fields = list(HEADER)
    sheet = ScanSheet(name, [[HEADER[f] for f in fields], [values[f] or None for f in fields]])
    title_conf = min((b.conf for b in above), default=1.0)
    for c, f in enumerate(fields):
        sheet.confidence[(1, c)] = conf if f == "attendance" else title_conf
    sheet.row_boxes[1] = union([b.bounds for b in boxes if not is_footer(b.text)])
    while sheet.rows[1] and sheet.rows[1][-1] is None:
        sheet.rows[1].pop()
    return sheet


def _header(boxes: list[OcrBox], tol: float) -> list[OcrBox] | None:
    """The line holding a name column and one more sign-in word, with its other boxes."""
    for b in boxes:
        if _role(b.text) != "name":
            continue
        line = [o for o in boxes if abs(o.cy - b.cy) <= 2 * tol]
        if sum(1 for o in line if _role(o.text)) >= 2:
            return sorted(line, key=lambda o: o.cx)
    return None


def _attendance(header: list[OcrBox], roles: dict[int, str | None],
                lines: list[list[OcrBox]]) -> tuple[int, float]:
    """How many signed (rows with a signature read), else how many rows have a name; and
    the lowest confidence of the cells counted."""
    def band(role: str) -> tuple[float, float] | None:
        i = next((i for i, b in enumerate(header) if roles[id(b)] == role), None)
        if i is None:
            return None
        left = (header[i - 1].x1 + header[i].x0) / 2 if i else float("-inf")
        right = (header[i].x1 + header[i + 1].x0) / 2 if i + 1 < len(header) else float("inf")
        return left, right

    counted: dict[str, list[float]] = {"sign": [], "name": []}
    for line in lines:
        if any(is_footer(b.text) or _UNDER.match(_norm(b.text)) for b in line):
            break
        for role in counted:
            edges = band(role)
            cell = [b for b in line if edges and edges[0] <= b.cx < edges[1]]
            if cell and not _norm("".join(b.text for b in cell)).isdigit():
                counted[role].append(min(b.conf for b in cell))
    confs = counted["sign"] or counted["name"]
    return len(confs), min(confs, default=1.0)


def _kind_word(title: str) -> str | None:
    """The longest word for a kind of meeting in the title."""
    from desktop.excel.words import synonyms
    from desktop.records.enums import enumerations

    t = _norm(title)
    words = [v.zh for v in enumerations().values("meeting_kind")] + list(synonyms().get("meeting_kind", {}))
    found = [w for w in words if w and w in t]
    return max(found, key=len) if found else None


def _first_date(lines: list[str]) -> str | None:
    for line in lines:
        m = _DATE.search(unicodedata.normalize("NFKC", line))
        if m:
            return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
    return None


def _title(line: str) -> str:
    """The meeting's name: the title line without the date, labels and 签到表."""
    t = _DATE.sub("", unicodedata.normalize("NFKC", line))
    t = _LABEL.sub("", t)
    for w in TITLE_WORDS:
        t = t.replace(w, "")
    t = "".join(t.split()).strip("()（）:：-—_ ")
    return _ORG_PREFIX.sub("", t) or t


def _place(lines: list[str]) -> str | None:
    for line in lines:
        m = _PLACE.search(unicodedata.normalize("NFKC", line))
        if m and m.group(1).strip():
            return m.group(1).strip()
    return None
