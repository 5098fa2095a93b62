"""Printed committee rosters as a phone or a scanner sees them, with the truth behind them.

``make_page(seed)`` draws a roster page with Pillow and a CJK font (WenQuanYi Micro Hei):
a title and an office line above the header, a signature footer below, ruled or unruled,
the columns in a shuffled order under one of several header spellings, dates written
1990年3月, 1990.03, 1990-03-02 or 1990/3/2; then degrades it (turned by up to 5°, blurred,
saved as JPEG at quality 40); with ``photo=True`` as a phone sees it instead: on a darker
desk, at a slant (a keystone of up to ``keystone``), unevenly lit.  ``Page.cells`` keeps,
for every data row, the text printed in each field's column, so a benchmark can score what
the scan reader recovers.  ``make_signin(seed)`` draws a meeting's sign-in sheet the same
way, its one meeting in ``Page.cells``.  No handwriting font is used: a signature is
printed in the same font as the rest.

Used by tests/test_scan*.py and benchmarks/bench_scan.py; needs Pillow (which the scan
extra brings) and the font (``fonts-wqy-microhei``; .ci/bootstrap installs it).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "C:/Windows/Fonts/msyh.ttc",
              "C:/Windows/Fonts/simhei.ttf")
#: A4 landscape at 150 dots per inch.
PAGE = (1754, 1240)

#: field → the header spellings a printed roster may use (all known to the import).
HEADERS = {
    "name": ["姓名", "委员姓名"],
    "gender": ["性别"],
    "birth_date": ["出生年月", "出生日期"],
    "political_status": ["政治面貌"],
    "education": ["学历", "文化程度"],
    "phone": ["联系电话", "手机号码"],
    "post": ["职务", "团内职务"],
    "employment": ["任职方式", "专兼职"],
    "source": ["来源", "人员来源"],
    "joined_on": ["任职时间", "任职日期"],
}
REQUIRED = ["name", "gender", "post", "employment", "source", "joined_on"]
OPTIONAL = ["birth_date", "political_status", "education", "phone"]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力斌宇浩凯鹏晨阳鑫雪梅琳婷倩颖慧佳欣雨思雯博宁海波峰亮飞鸿翔"
GENDERS = ["男", "女"]
POLITICAL = ["中共党员", "共青团员", "群众", "预备党员"]
EDUCATION = ["大学本科", "大专", "高中", "硕士研究生", "中专"]
POSTS = ["书记", "副书记", "委员"]
EMPLOYMENT = ["专职", "兼职", "挂职"]
SOURCES = ["机关干部", "大学生村官", "乡村好青年", "企业员工", "学校负责人", "农村致富带头人"]
FOOTERS = ["填表人：{a}    审核人：{b}    填表日期：2025年3月{d}日", "单位（盖章）：{t}团委      填表人：{a}",
           "审核人：{b}    联系电话：0311-8{d:02d}1234"]
TOWNS = ["南高乡", "西营乡", "冶河镇", "窦妪镇", "楼底镇"]
#: How much shorter the far edge of the page is than the near one in a phone photo, at most.
KEYSTONE = 0.08


def font_path() -> Path | None:
    """The CJK font the pages are drawn with, or None when it is not installed."""
    return next((Path(p) for p in FONT_PATHS if Path(p).exists()), None)


@dataclass
class Page:
    """A generated page: the image (JPEG bytes) and what is printed on it."""

    image: bytes
    fields: list[str]                  #: the columns, in printed order
    cells: list[dict[str, str]]        #: per data row: field → printed text
    angle: float = 0.0
    ruled: bool = True
    notes: dict = field(default_factory=dict)

    def save(self, path: Path) -> Path:
        path.write_bytes(self.image)
        return path


def _date(rng: random.Random, year_from: int, year_to: int, style: str, month_only: bool) -> str:
    y, m, d = rng.randint(year_from, year_to), rng.randint(1, 12), rng.randint(1, 28)
    if style == "cn":
        return f"{y}年{m}月" if month_only else f"{y}年{m}月{d}日"
    if style == "dot":
        return f"{y}.{m:02d}" if month_only else f"{y}.{m}.{d}"
    if style == "slash":
        return f"{y}/{m}/{d}"
    return f"{y}-{m:02d}-{d:02d}"


def member_cells(rng: random.Random, date_style: str) -> dict[str, str]:
    """One member's printed cells."""
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return {
        "name": name,
        "gender": rng.choice(GENDERS),
        "birth_date": _date(rng, 1985, 2002, date_style, month_only=date_style in ("cn", "dot")),
        "political_status": rng.choice(POLITICAL),
        "education": rng.choice(EDUCATION),
        "phone": "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9)),
        "post": rng.choice(POSTS),
        "employment": rng.choice(EMPLOYMENT),
        "source": rng.choice(SOURCES),
        "joined_on": _date(rng, 2018, 2024, date_style, month_only=False),
    }


def make_page(seed: int, *, rows: int | None = None, angle: float | None = None, degrade: bool = True,
              photo: bool = False, keystone: float = KEYSTONE) -> Page:
    """A degraded photo of a printed roster (deterministic for a seed): a scan, or with
    *photo* a phone's photo (seen at a slant of up to *keystone*, unevenly lit)."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    fp = font_path()
    if fp is None:
        raise FileNotFoundError("no CJK font (install fonts-wqy-microhei)")
    fields = REQUIRED + rng.sample(OPTIONAL, k=rng.randint(1, len(OPTIONAL)))
    if rng.random() < 0.7:
        rng.shuffle(fields)
    date_style = rng.choice(("cn", "dot", "dash", "slash"))
    ruled = rng.random() < 0.6
    n_rows = rows if rows is not None else rng.randint(8, 14)
    cells = [member_cells(rng, date_style) for _ in range(n_rows)]
    town = rng.choice(TOWNS)

    img = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(img)
    big, body = ImageFont.truetype(str(fp), 40), ImageFont.truetype(str(fp), 26)
    width = PAGE[0] - 160
    title = f"{town}团委委员名册"
    draw.text(((PAGE[0] - draw.textlength(title, font=big)) / 2, 70), title, font=big, fill=0)
    draw.text((80, 140), f"填报单位：{town}团委（盖章）", font=body, fill=0)
    weights = {"phone": 1.45, "birth_date": 1.25, "joined_on": 1.3, "source": 1.55, "education": 1.2,
               "political_status": 1.15, "gender": 0.6, "name": 0.9}
    total = sum(weights.get(f, 1.0) for f in fields)
    xs = [80.0]
    for f in fields:
        xs.append(xs[-1] + width * weights.get(f, 1.0) / total)
    top, row_h = 200, 58
    heads = [rng.choice(HEADERS[f]) for f in fields]
    lines = [heads] + [[c[f] for f in fields] for c in cells]
    for r, texts in enumerate(lines):
        y = top + r * row_h
        for i, text in enumerate(texts):
            w = draw.textlength(text, font=body)
            draw.text((xs[i] + (xs[i + 1] - xs[i] - w) / 2, y + (row_h - 30) / 2), text, font=body, fill=0)
    bottom = top + len(lines) * row_h
    if ruled:
        for r in range(len(lines) + 1):
            draw.line([(xs[0], top + r * row_h), (xs[-1], top + r * row_h)], fill=0, width=2)
        for x in xs:
            draw.line([(x, top), (x, bottom)], fill=0, width=2)
    else:
        draw.line([(xs[0], top + row_h), (xs[-1], top + row_h)], fill=0, width=2)
    footer = rng.choice(FOOTERS).format(a=rng.choice(SURNAMES) + rng.choice(GIVEN) * 1,
                                        b=rng.choice(SURNAMES) + rng.choice(GIVEN), d=rng.randint(1, 28), t=town)
    draw.text((80, bottom + 40), footer, font=body, fill=0)

    return _finish(img, rng, fields, cells, ruled, {"date_style": date_style, "headers": heads},
                   degrade=degrade, angle=angle, keystone=keystone if photo else None)


def _finish(img, rng: random.Random, fields: list[str], cells: list[dict[str, str]], ruled: bool, notes: dict, *,
            degrade: bool, angle: float | None, keystone: float | None) -> Page:
    """The drawn page degraded as a scanner (turned, blurred) or a phone (also seen at a
    slant on a desk, unevenly lit) would see it, saved as a JPEG."""
    from PIL import Image, ImageFilter

    turn = 0.0
    if degrade:
        turn = angle if angle is not None else rng.uniform(-5, 5)
        if keystone is not None:
            img, notes["keystone"], notes["corners"] = _phone_photo(img, rng, turn, keystone)
        else:
            img = img.rotate(turn, resample=Image.BICUBIC, expand=True, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=40 if degrade else 90)
    return Page(out.getvalue(), fields, [{f: c[f] for f in fields} for c in cells], turn, ruled, notes)


def _phone_photo(img, rng: random.Random, turn: float, keystone: float):
    """The page as a phone held at a slant sees it: on a darker desk, its corners moved
    (a keystone of up to *keystone*: the far edge up to that much shorter than the near one, in
    either direction, plus a jitter of each corner), turned by *turn* degrees, lit
    unevenly (light falling off across the page and a soft shadow, as of a hand or the
    phone).  Returns the photo, the keystone as a fraction and the page's corners in the
    photo (top-left, top-right, bottom-right, bottom-left)."""
    import math

    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    w, h = img.size
    margin = int(0.08 * max(w, h))
    cw, ch = w + 2 * margin, h + 2 * margin
    k = rng.uniform(0.5, 1.0) * keystone
    jitter = 0.01 * max(w, h)
    # corners of the page in the photo (top-left, top-right, bottom-right, bottom-left)
    if rng.random() < 0.5:  # tilted forwards or backwards: the top or bottom edge shorter
        s = k * w / 2 if rng.random() < 0.5 else 0.0
        t = k * w / 2 - s
        corners = [(s, 0), (w - s, 0), (w - t, h), (t, h)]
    else:  # tilted sideways: the left or right edge shorter
        s = k * h / 2 if rng.random() < 0.5 else 0.0
        t = k * h / 2 - s
        corners = [(0, s), (w, t), (w, h - t), (0, h - s)]
    a = math.radians(-turn)
    cx, cy = w / 2, h / 2
    quad = []
    for x, y in corners:
        x, y = x + rng.uniform(-jitter, jitter), y + rng.uniform(-jitter, jitter)
        dx, dy = x - cx, y - cy
        quad.append((cx + dx * math.cos(a) - dy * math.sin(a) + margin, cy + dx * math.sin(a) + dy * math.cos(a) + margin))
    coeffs = _perspective_coeffs(quad, [(0, 0), (w, 0), (w, h), (0, h)])
    desk = rng.randint(60, 110)
    warped = img.transform((cw, ch), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=desk)
    mask = Image.new("L", img.size, 255).transform((cw, ch), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=0)
    photo = Image.composite(warped, Image.new("L", (cw, ch), desk), mask)
    # light falling off across the page (to 75 %) and a soft shadow (to 70 %)
    # (the gradient turned, and its middle kept: no unlit corners)
    light = Image.linear_gradient("L").rotate(rng.uniform(0, 360), resample=Image.BILINEAR).crop((38, 38, 218, 218))
    light = light.resize((cw, ch), Image.BILINEAR)
    light = light.point(lambda v: int(255 * (0.75 + 0.25 * v / 255)))
    shadow = Image.new("L", (cw, ch), 255)
    sx, sy = rng.uniform(0, cw), rng.uniform(0, ch)
    r = rng.uniform(0.15, 0.3) * max(cw, ch)
    ImageDraw.Draw(shadow).ellipse([sx - r, sy - r * 0.6, sx + r, sy + r * 0.6], fill=int(255 * 0.7))
    shadow = shadow.filter(ImageFilter.GaussianBlur(r / 3))
    photo = ImageChops.multiply(ImageChops.multiply(photo, light), shadow)
    return photo, k, quad


def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """The 8 coefficients of Pillow's PERSPECTIVE transform taking each output point *src*
    to the input point *dst* (Pillow maps output to input)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return _solve(rows, rhs)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (an 8×8 system)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(i + 1, n):
            f = m[r][i] / m[i][i]
            for c in range(i, n + 1):
                m[r][c] -= f * m[i][c]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (m[i][n] - sum(m[i][c] * x[c] for c in range(i + 1, n))) / m[i][i]
    return x


MEETINGS = [("对标整改动员会", "动员会"), ("第一季度团干部培训班", "培训班"), ("班子会", "班子会"),
            ("青年志愿服务总结会", "总结会"), ("乡村振兴青年调研走访", "调研走访")]
PLACES = ["乡政府三楼会议室", "南高村党群服务中心", "乡青年之家", "镇文化站二楼"]
UNITS = ["南高村", "西营村", "乡政府", "中心小学", "卫生院", "南高村团支部", "农业服务中心"]
DUTIES = ["团支部书记", "村委委员", "团员", "青年志愿者", "教师", "干事"]


def make_signin(seed: int, *, rows: int | None = None, angle: float | None = None, degrade: bool = True,
                photo: bool = False, keystone: float = KEYSTONE) -> Page:
    """A degraded photo of a meeting's sign-in sheet: the title naming the meeting, a line
    with its date and place, and 序号/姓名/单位/职务/签到 rows, some left unsigned (the
    signature is printed in the same font: no handwriting font is used).  ``Page.cells``
    holds the one meeting: kind word, date, title, attendance (the rows signed), place."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    fp = font_path()
    if fp is None:
        raise FileNotFoundError("no CJK font (install fonts-wqy-microhei)")
    town, (meeting, kind) = rng.choice(TOWNS), rng.choice(MEETINGS)
    place = rng.choice(PLACES)
    y, m, d = 2025, rng.randint(1, 11), rng.randint(1, 28)
    n_rows = rows if rows is not None else rng.randint(8, 15)
    people = [(rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
               rng.choice(UNITS), rng.choice(DUTIES), rng.random() < 0.85) for _ in range(n_rows)]
    if not any(signed for *_rest, signed in people):
        people[0] = people[0][:3] + (True,)
    ruled = rng.random() < 0.7

    img = Image.new("L", PAGE[::-1], 255)  # A4 upright
    draw = ImageDraw.Draw(img)
    big, body = ImageFont.truetype(str(fp), 40), ImageFont.truetype(str(fp), 26)
    title = f"{town}团委{meeting}签到表"
    draw.text(((img.width - draw.textlength(title, font=big)) / 2, 80), title, font=big, fill=0)
    draw.text((90, 160), f"时间：{y}年{m}月{d}日上午9:00", font=body, fill=0)
    draw.text((img.width / 2 + 40, 160), f"地点：{place}", font=body, fill=0)
    xs = [90, 180, 370, 650, 870, img.width - 90]
    top, row_h = 220, 60
    lines = [["序号", "姓名", "单位", "职务", "签到"]]
    lines += [[str(i + 1), name, unit, duty, name if signed else ""]
              for i, (name, unit, duty, signed) in enumerate(people)]
    for r, texts in enumerate(lines):
        yy = top + r * row_h
        for i, text in enumerate(texts):
            w = draw.textlength(text, font=body)
            draw.text((xs[i] + (xs[i + 1] - xs[i] - w) / 2, yy + (row_h - 30) / 2), text, font=body, fill=0)
    bottom = top + len(lines) * row_h
    if ruled:
        for r in range(len(lines) + 1):
            draw.line([(xs[0], top + r * row_h), (xs[-1], top + r * row_h)], fill=0, width=2)
        for x in xs:
            draw.line([(x, top), (x, bottom)], fill=0, width=2)
    draw.text((90, bottom + 40), f"记录人：{rng.choice(SURNAMES)}{rng.choice(GIVEN)}", font=body, fill=0)
    truth = {"kind": kind, "held_on": f"{y}年{m}月{d}日", "title": meeting,
             "attendance": str(sum(1 for *_rest, signed in people if signed)), "location": place}
    return _finish(img, rng, list(truth), [truth], ruled, {"date_style": "cn", "people": people},
                   degrade=degrade, angle=angle, keystone=keystone if photo else None)


def skip_reason() -> str | None:
    """Why a test reading a generated photo with the real OCR engine cannot run, or None."""
    from desktop import scan

    if not scan.available():
        return "the optional scan component (rapidocr-onnxruntime) is not installed: pip install -e .[scan]"
    if font_path() is None:
        return "no CJK font to draw the roster with (apt-get install fonts-wqy-microhei)"
    return None


def expected_records(page: Page, kind: str = "committee_member") -> dict[str, dict]:
    """What importing the page should store: per name, each printed field's stored value
    (as the import converts the printed text)."""
    from desktop.excel import convert_cell
    from desktop.records import KINDS

    k = KINDS[kind]
    return {c["name"]: {f: convert_cell(k.field(f), text) for f, text in c.items()} for c in page.cells}
