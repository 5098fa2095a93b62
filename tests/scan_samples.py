"""Printed committee rosters as a phone or a scanner sees them, with the truth behind them.

``make_page(seed)`` draws a roster page with Pillow and a CJK font (WenQuanYi Micro Hei):
a title and an office line above the header, a signature footer below, ruled or unruled,
the columns in a shuffled order under one of several header spellings, dates written
1990年3月, 1990.03, 1990-03-02 or 1990/3/2; then degrades it (turned by up to 5°, blurred,
saved as JPEG at quality 40).  ``Page.cells`` keeps, for every data row, the text printed
in each field's column, so a benchmark can score what the scan reader recovers.

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


def make_page(seed: int, *, rows: int | None = None, angle: float | None = None, degrade: bool = True) -> Page:
    """A degraded photo of a printed roster (deterministic for a seed)."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

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

    turn = 0.0
    if degrade:
        turn = angle if angle is not None else rng.uniform(-5, 5)
        img = img.rotate(turn, resample=Image.BICUBIC, expand=True, fillcolor=255)
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=40 if degrade else 90)
    return Page(out.getvalue(), fields, [{f: c[f] for f in fields} for c in cells], turn, ruled,
                {"date_style": date_style, "headers": heads})


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
