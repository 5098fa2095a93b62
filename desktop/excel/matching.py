"""Header matching: which row of a sheet is its header, and which column holds which
field.  Spellings come from the kinds' own labels (Chinese, English, key) and from the
variants offices use, declared in ``resources/reference/excel_headers.json``."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass

from desktop import paths
from desktop.excel.reader import HEADER_SEARCH_ROWS, Sheet
from desktop.records import KINDS

_PAREN = re.compile(r"\([^)]*\)")
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def reference() -> dict:
    """``excel_headers.json``: header spellings per kind, value variants per enumeration,
    the example row of each blank template."""
    path = paths.resource_dir() / "reference" / "excel_headers.json"
    return json.loads(path.read_text(encoding="utf-8"))


def header_synonyms(kind: str) -> dict[str, list[str]]:
    """The header variants declared for *kind* (field → spellings); the variants common to
    all kinds are under ``"_common"``."""
    return reference()["headers"].get(kind, {})


def norm_header(text: object) -> str:
    """A header cell as compared: half-width, no spaces, lower case, no required mark."""
    t = unicodedata.normalize("NFKC", str(text))
    t = _SPACE.sub("", t).lower()
    return t.strip("*:").strip()


def title(value: object) -> str:
    """A header cell as shown back to the user: half-width, no spaces ("" when blank)."""
    return "" if value is None else _SPACE.sub("", unicodedata.normalize("NFKC", str(value))).strip()


@functools.lru_cache(maxsize=None)
def header_index(kind: str) -> dict[str, str]:
    """Spelling (normalised) → field, for one kind: the declared variants of the kind first,
    then each field's Chinese and English label and its key, then the variants common to
    all kinds."""
    k = KINDS[kind]
    index: dict[str, str] = {}

    def put(spellings, name: str) -> None:
        for s in spellings:
            index.setdefault(norm_header(s), name)

    for name, spellings in header_synonyms(kind).items():
        put(spellings, name)
    for f in k.fields:
        put((f.label.text("zh_CN"), f.label_en, f.name), f.name)
    for name, spellings in header_synonyms("_common").items():
        if name in k.field_map:
            put(spellings, name)
    return index


def header_field(kind: str, text: object) -> str | None:
    """The field of *kind* a header cell names, or None ("出生日期（年月）" as "出生日期")."""
    if not isinstance(text, str):
        return None
    index = header_index(kind)
    n = norm_header(text)
    return index.get(n) or index.get(_PAREN.sub("", n))


@functools.lru_cache(maxsize=1)
def _footer_pattern() -> re.Pattern:
    labels = sorted(reference().get("footers", []), key=len, reverse=True)
    words = "|".join(re.escape(w) for w in labels)
    # "填表人：张三", "（盖章）", "单位负责人(签字):", "审核人" alone in its cell
    return re.compile(rf"^[(]?(?:单位)?[(]?(?:{words})[)]?(?:\((?:签字|签名|盖章)\))?(?::|$)")


def is_footer(row: list) -> bool:
    """Whether a row is the form's footer (填表人：张三  审核人：李四, 盖章, 填表日期 …), in one
    cell or across cells: its first filled cell is text beginning with a footer label (a
    name never does; the cells after it may hold anything: a name, a date, a phone)."""
    first = next((v for v in row if v is not None and not (isinstance(v, str) and not v.strip())), None)
    if not isinstance(first, str):
        return False
    return bool(_footer_pattern().match(_SPACE.sub("", unicodedata.normalize("NFKC", first))))


@dataclass
class Header:
    """Where a sheet's header is and which column holds which field."""

    row: int                      #: 0-based index of the (last) header row; data follow it
    fields: dict[int, str]        #: column (0-based) → field
    titles: list[str]             #: header text of every column ("" where blank)

    def column_of(self, name: str) -> int | None:
        for c, f in self.fields.items():
            if f == name:
                return c
        return None

    def column_title(self, name: str) -> str | None:
        """The header text of *name*'s column as the sheet writes it (None: no such column)."""
        c = self.column_of(name)
        return self.titles[c] if c is not None and self.titles[c] else None

    @property
    def ignored(self) -> list[str]:
        return [t for c, t in enumerate(self.titles) if t and c not in self.fields]

    def repeated_by(self, row: list) -> bool:
        """Whether *row* is a copy of the header further down (printouts repeat it on every page)."""
        same = 0
        for c in self.fields:
            v = row[c] if c < len(row) else None
            head = self.titles[c]
            if isinstance(v, str) and head and v.lstrip()[:1] == head[:1] and len(v) < 40 and title(v) == head:
                same += 1
        return same >= 2


def find_header(sheet: Sheet, kind: str) -> Header | None:
    """The row that names the most fields of *kind* (at least two) among the first rows;
    a header of two rows (a group title above sub-columns) is read as one."""
    best: tuple[int, int, dict[int, str]] | None = None
    for r in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        if r in sheet.banner_rows:
            continue
        matched = _match_row(kind, sheet.rows[r], {})
        if len(matched) >= 2 and (best is None or len(matched) > best[1]):
            best = (r, len(matched), matched)
    if best is None:
        return None
    r, _n, matched = best
    titles = [title(v) for v in sheet.rows[r]]
    if r > 0 and r - 1 not in sheet.banner_rows:  # a cell left blank under a taller header cell
        above = sheet.rows[r - 1]
        blanks = {c for c in range(len(above)) if c >= len(titles) or not titles[c]}
        extra = _match_row(kind, [v if c in blanks else None for c, v in enumerate(above)], matched)
        for c, name in extra.items():
            matched[c] = name
            if c >= len(titles):
                titles.extend([""] * (c + 1 - len(titles)))
            titles[c] = title(above[c])
    return Header(r, dict(sorted(matched.items())), titles)


def _match_row(kind: str, row: list, taken: dict[int, str]) -> dict[int, str]:
    seen = set(taken.values())
    out: dict[int, str] = {}
    for c, v in enumerate(row):
        name = header_field(kind, v)
        if name and name not in seen:
            out[c] = name
            seen.add(name)
    return out
