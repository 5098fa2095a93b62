"""China's statistical divisions (NBS 统计用区划代码 2023): lookup, tree navigation and search.

Codes nest by prefix: province ``13`` (level 1), prefecture ``1301`` (2), county ``130111`` (3),
township ``130111200`` (4), village ``130111200201`` (5). Levels 1-4 are loaded eagerly from
``resources/divisions/divisions.tsv.gz``; villages are loaded per province on first use from
``resources/divisions/villages/NN.tsv.gz``. See ``resources/divisions/README.md``.

Unknown codes: ``get`` returns None, ``exists``/``is_within`` return False, and every other
method taking a code raises :class:`UnknownDivision` (a ``KeyError``). Stdlib only, no Qt.
"""

from __future__ import annotations

import functools
import gzip
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["Division", "Geography", "TownshipKind", "UnknownDivision", "geography", "level_of_code"]

LEVEL_BY_LENGTH = {2: 1, 4: 2, 6: 3, 9: 4, 12: 5}
CODE_LENGTH = {level: length for length, level in LEVEL_BY_LENGTH.items()}
PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE = 1, 2, 3, 4, 5

#: Prefecture-level names that are placeholders, left out of :meth:`Geography.full_name`.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

TownshipKind = Literal["township", "town", "street", "other"]


class UnknownDivision(KeyError):
    """Raised for a code that is not in the division list."""


def level_of_code(code: str) -> int | None:
    """Level implied by a code's length (2→1, 4→2, 6→3, 9→4, 12→5), None if no such length."""
    return LEVEL_BY_LENGTH.get(len(code)) if code.isdigit() else None


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative unit."""

    code: str
    name: str
    level: int  # 1 province, 2 prefecture, 3 county, 4 township, 5 village
    parent_code: str | None  # None for provinces


def default_resource_dir() -> Path:
    """The shipped ``resources/divisions`` folder (inside the PyInstaller bundle when frozen)."""
    from desktop import paths

    return paths.resource_dir() / "divisions"
    return Path(__file__).resolve().parent.parent / "resources" / "divisions"


def _read_tsv(path: Path) -> list[Division]:
    """Parse ``code<TAB>name[<TAB>parent]`` lines; the parent defaults to the code prefix."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    out: list[Division] = []
    append = out.append
    for line in text.split("\n"):
        if not line:
            continue
        code, name, *rest = line.split("\t")
        level = LEVEL_BY_LENGTH[len(code)]
        parent = rest[0] if rest else (code[: CODE_LENGTH[level - 1]] if level > 1 else None)
        append(Division(code, name, level, parent))
    return out


class Geography:
    """The division tree. Create with :meth:`load` or use the shared :func:`geography`."""

    def __init__(self, units: list[Division], resource_dir: Path | None = None) -> None:
        """Index level 1-4 ``units`` (sorted by code); villages come from ``resource_dir``."""
        self._dir = resource_dir
        self._by_code: dict[str, Division] = {}
        self._children: dict[str, list[Division]] = {"": []}
        self._units = units
        self._loaded: set[str] = set()  # provinces whose villages are indexed
        self._villages: dict[str, list[Division]] = {}
        self._lock = threading.Lock()
        self._index(units)

    @classmethod
    def load(cls, resource_dir: Path | str | None = None) -> Geography:
        """Load levels 1-4 from ``resource_dir`` (default: :func:`default_resource_dir`)."""
        folder = Path(resource_dir) if resource_dir is not None else default_resource_dir()
        return cls(_read_tsv(folder / "divisions.tsv.gz"), folder)

    def _index(self, units: list[Division]) -> None:
        by_code, children = self._by_code, self._children
        for d in units:
            by_code[d.code] = d
            children.setdefault(d.parent_code or "", []).append(d)

    def villages(self, province: str) -> list[Division]:
        """All villages of a province (loaded from disk on first call), sorted by code."""
        if province not in self._loaded:
            with self._lock:
                if province not in self._loaded:
                    path = self._dir / "villages" / f"{province}.tsv.gz" if self._dir else None
                    rows = _read_tsv(path) if path and path.is_file() else []
                    self._index(rows)
                    self._villages[province] = rows
                    self._loaded.add(province)
        return self._villages[province]

    # -- lookup -------------------------------------------------------------------------------

    def get(self, code: str) -> Division | None:
        """The unit with this code, or None."""
        d = self._by_code.get(code)
        if d is None and len(code) == 12 and code[:2] in self._by_code:
            self.villages(code[:2])
            d = self._by_code.get(code)
        return d

    def _require(self, code: str) -> Division:
        d = self.get(code)
        if d is None:
            raise UnknownDivision(code)
        return d

    def exists(self, code: str) -> bool:
        """Whether the code is a known unit."""
        return self.get(code) is not None

    def name(self, code: str) -> str:
        """The unit's name."""
        return self._require(code).name

    def level(self, code: str) -> int:
        """The unit's level (1 province … 5 village)."""
        return self._require(code).level

    def parent(self, code: str) -> Division | None:
        """The parent unit, None for a province."""
        d = self._require(code)
        return self._by_code[d.parent_code] if d.parent_code else None

    def children(self, code: str | None = None) -> list[Division]:
        """Direct children sorted by code; ``None`` or ``""`` gives the provinces."""
        if not code:
            return list(self._children[""])
        d = self._require(code)
        if d.level == TOWNSHIP:
            self.villages(code[:2])
        return list(self._children.get(code, ()))

    def path(self, code: str) -> list[Division]:
        """Units from the province down to this one (inclusive)."""
        d: Division | None = self._require(code)
        out: list[Division] = []
        while d is not None:
            out.append(d)
            d = self._by_code[d.parent_code] if d.parent_code else None
        return out[::-1]

    def full_name(self, code: str, sep: str = "") -> str:
        """Path names joined by ``sep``, skipping placeholder prefectures such as 市辖区."""
        return sep.join(
            d.name
            for d in self.path(code)
            if not (d.level == PREFECTURE and d.name in PLACEHOLDER_NAMES)
        )

    def descendants(self, code: str | None, level: int) -> list[Division]:
        """All units at ``level`` under ``code`` (``None``/``""`` = whole country), sorted by code.

        Empty if ``level`` is not below the unit's own level. Level 5 loads village files.
        """
        if level not in CODE_LENGTH:
            raise ValueError(f"level must be 1..5, got {level!r}")
        current = self._require(code).level if code else 0
        units: list[Division] = []
        parents = [code or ""]
        for _ in range(current, level):
            units = [c for p in parents for c in self.children(p)]
            parents = [u.code for u in units]
        return units

    def is_within(self, code: str, scope: str | None) -> bool:
        """Prefix test: ``code`` is ``scope`` or nested under it; ``""``/None = whole country."""
        return code.startswith(scope or "")

    # -- townships ----------------------------------------------------------------------------

    def township_kind(self, code: str) -> TownshipKind:
        """乡/民族乡/苏木 → "township", 镇 → "town", 街道/街道办事处 → "street", else "other".

        Raises ValueError if the unit is not level 4.
        """
        d = self._require(code)
        if d.level != TOWNSHIP:
            raise ValueError(f"{code} is level {d.level}, not a township-level unit")
        name = d.name
        if name.endswith(("乡", "苏木")):
            return "township"
        if name.endswith("镇"):
            return "town"
        if name.endswith(("街道", "街道办事处")):
            return "street"
        return "other"

    def is_rural_township(self, code: str) -> bool:
        """True for a level-4 乡, 民族乡, 镇 or 苏木; False for streets, others and other levels."""
        d = self._require(code)
        return d.level == TOWNSHIP and self.township_kind(code) in ("township", "town")

    # -- search -------------------------------------------------------------------------------

    def search(
        self, text: str, under: str | None = None, level: int | None = None, limit: int = 50
    ) -> list[Division]:
        """Units whose name contains ``text`` (or whose code starts with it, if digits).

        ``under`` restricts to units nested under that code (prefix, excluding itself). Levels 1-4
        are searched unless ``level=5`` is given, which searches villages (loading the village
        files of every province within ``under``). Best matches first: exact name, name prefix,
        then substring; ties by level, then code.
        """
        text = text.strip()
        if not text or limit <= 0:
            return []
        scope = under or ""
        if level == VILLAGE:
            provinces = [p.code for p in self.children(None) if p.code.startswith(scope[:2])]
            pool: list[Division] = [v for p in provinces for v in self.villages(p)]
        else:
            pool = self._units
        digits = text.isdigit()
        hits = [
            d
            for d in pool
            if (text in d.name or (digits and d.code.startswith(text)))
            and (level is None or d.level == level)
            and d.code.startswith(scope)
            and d.code != scope
        ]

        def rank(d: Division) -> tuple[int, int, str]:
            exact = d.name == text or d.code == text
            return (0 if exact else 1 if d.name.startswith(text) else 2, d.level, d.code)

        hits.sort(key=rank)
        return hits[:limit]


@functools.lru_cache(maxsize=1)
def geography() -> Geography:
    """The shared :class:`Geography` loaded from the shipped resources."""
    return Geography.load()
