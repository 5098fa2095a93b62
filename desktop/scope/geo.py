"""China's statistical divisions (NBS 统计用区划代码 2023): lookup, tree navigation and search.

Codes nest by prefix: province ``13`` (level 1), prefecture ``1301`` (2), county ``130111`` (3),
township ``130111200`` (4), village ``130111200201`` (5). Levels 1-4 are loaded eagerly from
``resources/divisions/divisions.tsv.gz`` (read from its packed form ``divisions.pack`` beside it,
arrays ready to use, when that was made from the same file); villages are loaded per province on first use from
``resources/divisions/villages/NN.tsv.gz``. See ``resources/divisions/README.md``.

Unknown codes: ``get`` returns None, ``exists``/``is_within`` return False, and every other
method taking a code raises :class:`UnknownDivision` (a ``KeyError``). Stdlib only, no Qt.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import struct
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import itemgetter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal

__all__ = ["Division", "Geography", "TownshipKind", "UnknownDivision", "geography", "in_full_name", "level_of_code"]

LEVEL_BY_LENGTH = {2: 1, 4: 2, 6: 3, 9: 4, 12: 5}
CODE_LENGTH = {level: length for length, level in LEVEL_BY_LENGTH.items()}
PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE = 1, 2, 3, 4, 5

#: Prefecture-level names that are placeholders, left out of :meth:`Geography.full_name`.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def in_full_name(level: int, name: str) -> bool:
    """Whether a unit of *level* named *name* is named in its descendants' full names (a
    placeholder prefecture such as 市辖区 is not)."""
    return not (level == PREFECTURE and name in PLACEHOLDER_NAMES)


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


class _Table:
    """One level's units in compact form: codes as sorted integers, names in one string.

    A village list of a province is some 50,000 units; as ``Division`` objects in dicts it
    took ~70 MB for the whole country's levels 1-4 and one province's villages.  Here each
    unit costs an 8-byte code, a 4-byte offset and its name's characters, and look-ups are
    a binary search in C (``bisect`` on an ``array``).  Divisions are made when asked for.
    """

    __slots__ = ("level", "width", "codes", "names", "starts")

    def __init__(self, level: int, rows: list[tuple[int, str]]) -> None:
        rows.sort()
        self.level = level
        self.width = CODE_LENGTH[level]
        # built with C-level iteration throughout: the program's start waits for levels 1-4
        self.codes = array("q", map(itemgetter(0), rows))
        names = list(map(itemgetter(1), rows))
        # Names joined by newlines: a name is text between two offsets, and a search is one
        # ``str.find`` over the whole level (a name never holds a newline).
        self.names = "\n".join(names) + "\n" if names else ""
        self.starts = array("I", accumulate(map((1).__add__, map(len, names)), initial=0))

    @classmethod
    def of(cls, level: int, codes: array, names: str, starts: array) -> "_Table":
        """A table from its parts as :meth:`__init__` makes them (read from a pack)."""
        table = cls.__new__(cls)
        table.level, table.width = level, CODE_LENGTH[level]
        table.codes, table.names, table.starts = codes, names, starts
        return table

    def __len__(self) -> int:
        return len(self.codes)

    def find(self, code: str) -> int | None:
        """The index of ``code`` (of this level's length), or None."""
        value = int(code)
        i = bisect_left(self.codes, value)
        return i if i < len(self.codes) and self.codes[i] == value else None

    def code(self, i: int) -> str:
        return str(self.codes[i]).zfill(self.width)

    def name(self, i: int) -> str:
        return self.names[self.starts[i]:self.starts[i + 1] - 1]

    def span(self, prefix: str) -> range:
        """Indexes of the units whose code starts with ``prefix`` (digits, not longer than a code)."""
        shift = 10 ** (self.width - len(prefix))
        low = int(prefix) * shift if prefix else 0
        high = (int(prefix) + 1) * shift if prefix else 10 ** self.width
        return range(bisect_left(self.codes, low), bisect_left(self.codes, high))

    def matching(self, text: str) -> set[int]:
        """Indexes of the units whose name contains ``text``."""
        found: set[int] = set()
        names, starts = self.names, self.starts
        at = names.find(text)
        while at != -1:
            i = bisect_right(starts, at) - 1
            found.add(i)
            at = names.find(text, starts[i + 1])
        return found


def _read_tsv(path: Path) -> tuple[dict[int, _Table], dict[str, str]]:
    """Parse ``code<TAB>name[<TAB>parent]`` lines into one table per level, and the parents
    that differ from the code's prefix (an enclave placed under another county)."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    rows: dict[int, list[tuple[int, str]]] = {}
    by_length = {length: rows.setdefault(level, []) for length, level in LEVEL_BY_LENGTH.items()}
    parents: dict[str, str] = {}
    for line in text.split("\n"):
        if not line:
            continue
        parts = line.split("\t")
        code = parts[0]
        by_length[len(code)].append((int(code), parts[1]))
        if len(parts) > 2 and parts[2] != code[: CODE_LENGTH[LEVEL_BY_LENGTH[len(code)] - 1]]:
            parents[code] = parts[2]
    return {level: _Table(level, level_rows) for level, level_rows in rows.items() if level_rows}, parents


#: The packed form of levels 1-4: this line, a 4-byte little-endian length, a JSON header (the
#: SHA-256 of the ``divisions.tsv.gz`` it was made from, each level's unit count and the byte
#: length of its names, the parents that differ from a code's prefix), then per level the codes
#: as little-endian int64, the name offsets as little-endian uint32 and the names as UTF-8.
PACK_MAGIC = b"township-ledger divisions pack 1\n"
PACK_NAME = "divisions.pack"


def _little(values: array) -> array:
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values


def pack(source: Path) -> bytes:
    """The packed form of the levels in ``source`` (a ``divisions.tsv.gz``)."""
    tables, parents = _read_tsv(source)
    levels, body = [], []
    for level in sorted(tables):
        table = tables[level]
        names = table.names.encode("utf-8")
        levels.append([level, len(table), len(names)])
        body += [_little(table.codes).tobytes(), _little(table.starts).tobytes(), names]
    header = json.dumps({"source": hashlib.sha256(source.read_bytes()).hexdigest(), "levels": levels,
                         "parents": parents}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return b"".join([PACK_MAGIC, struct.pack("<I", len(header)), header, *body])


def write_pack(folder: Path) -> Path:
    """Write ``divisions.pack`` beside ``divisions.tsv.gz`` in ``folder``."""
    target = folder / PACK_NAME
    target.write_bytes(pack(folder / "divisions.tsv.gz"))
    return target


def _read_pack(path: Path, source: Path) -> tuple[dict[int, _Table], dict[str, str]] | None:
    """The levels from the pack at ``path``; None when it is missing, damaged or was made from
    another ``source`` (the list is then read from the source itself)."""
    try:
        data = path.read_bytes()
        if not data.startswith(PACK_MAGIC):
            return None
        at = len(PACK_MAGIC)
        (length,) = struct.unpack_from("<I", data, at)
        header = json.loads(data[at + 4:at + 4 + length])
        if header["source"] != hashlib.sha256(source.read_bytes()).hexdigest():
            return None
        at += 4 + length
        tables: dict[int, _Table] = {}
        for level, count, size in header["levels"]:
            codes, starts = array("q"), array("I")
            codes.frombytes(data[at:at + 8 * count])
            at += 8 * count
            starts.frombytes(data[at:at + 4 * (count + 1)])
            at += 4 * (count + 1)
            names = data[at:at + size].decode("utf-8")
            at += size
            if len(codes) != count or len(starts) != count + 1 or starts[-1] != len(names):
                return None
            tables[level] = _Table.of(level, _little(codes), names, _little(starts))
        if at != len(data):
            return None
        return tables, dict(header["parents"])
    except (OSError, ValueError, KeyError, TypeError, struct.error):
        return None


class Geography:
    """The division tree. Create with :meth:`load` or use the shared :func:`geography`."""

    def __init__(self, tables: dict[int, _Table], parents: dict[str, str] | None = None,
                 resource_dir: Path | None = None) -> None:
        """Levels 1-4 as ``tables``; villages come from ``resource_dir`` per province."""
        self._dir = resource_dir
        self._tables = tables
        self._loaded: set[str] = set()  # provinces whose villages are read
        self._villages: dict[str, _Table] = {}
        self._lock = threading.Lock()
        # Units whose parent is not their code's prefix, both ways round.
        self._parents: dict[str, str] = {}
        self._adopted: dict[str, list[str]] = {}
        self._place(parents or {})
        provinces = tables.get(PROVINCE)
        self._provinces = frozenset(provinces.code(i) for i in range(len(provinces))) if provinces else frozenset()
        # The units a program asks for are few and asked for again and again (its own scope,
        # its townships): recently made ones are kept, the rest made when asked.
        self.get = functools.lru_cache(maxsize=4096)(self._get)
        self._kids = functools.lru_cache(maxsize=1024)(self._children)

    #: The unit with this code, or None (bound per instance in ``__init__``, with a cache).
    get: Callable[[str], Division | None]

    @classmethod
    def load(cls, resource_dir: Path | str | None = None) -> Geography:
        """Load levels 1-4 from ``resource_dir`` (default: :func:`default_resource_dir`)."""
        folder = Path(resource_dir) if resource_dir is not None else default_resource_dir()
        source = folder / "divisions.tsv.gz"
        tables, parents = _read_pack(folder / PACK_NAME, source) or _read_tsv(source)
        return cls(tables, parents, folder)

    def _place(self, parents: dict[str, str]) -> None:
        self._parents.update(parents)
        for code, parent in parents.items():
            self._adopted.setdefault(parent, []).append(code)
            self._adopted[parent].sort()

    def _village_table(self, province: str) -> _Table:
        table = self._villages.get(province)
        if table is not None:
            return table
        if province not in self._loaded:
            with self._lock:
                if province not in self._loaded:
                    path = self._dir / "villages" / f"{province}.tsv.gz" if self._dir else None
                    if path and path.is_file():
                        tables, parents = _read_tsv(path)
                        table = tables.get(VILLAGE) or _Table(VILLAGE, [])
                        self._place(parents)
                    else:
                        table = _Table(VILLAGE, [])
                    self._villages[province] = table
                    self._loaded.add(province)
        return self._villages[province]

    def _make(self, table: _Table, i: int) -> Division:
        # Written out rather than through _Table.code/name: this is the hot path of every look-up.
        code = str(table.codes[i]).zfill(table.width)
        level = table.level
        parent = None if level == PROVINCE else self._parents.get(code) or code[: CODE_LENGTH[level - 1]]
        starts = table.starts
        return Division(code, table.names[starts[i]:starts[i + 1] - 1], level, parent)

    def _units(self, table: _Table, indexes) -> list[Division]:
        return [self._make(table, i) for i in indexes]

    def villages(self, province: str) -> list[Division]:
        """All villages of a province (read from disk on first call), sorted by code."""
        table = self._village_table(province)
        return self._units(table, range(len(table)))

    # -- lookup -------------------------------------------------------------------------------

    def _find(self, code: str) -> tuple[_Table, int] | None:
        """The table holding the unit *code* and its index there, or None."""
        level = LEVEL_BY_LENGTH.get(len(code))
        if level is None or not (code.isascii() and code.isdigit()):
            return None
        if level == VILLAGE:
            table = self._village_table(code[:2]) if code[:2] in self._provinces else None
        else:
            table = self._tables.get(level)
        i = table.find(code) if table is not None else None
        return None if i is None else (table, i)

    def _get(self, code: str) -> Division | None:
        found = self._find(code)
        return None if found is None else self._make(*found)

    def name_and_parent(self, code: str) -> tuple[str, str] | None:
        """(name, parent code; "" for a province) of the unit *code*, or None when unknown:
        :meth:`get` without making a :class:`Division` or passing through its cache, for
        long lists of units (a national report names some 30,000 townships once each)."""
        found = self._find(code)
        if found is None:
            return None
        table, i = found
        level = table.level
        parent = "" if level == PROVINCE else self._parents.get(code) or code[: CODE_LENGTH[level - 1]]
        return table.names[table.starts[i]:table.starts[i + 1] - 1], parent

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
        return self.get(d.parent_code) if d.parent_code else None

    def children(self, code: str | None = None) -> list[Division]:
        """Direct children sorted by code; ``None`` or ``""`` gives the provinces."""
        return list(self._kids(code or ""))

    def _children(self, code: str) -> tuple[Division, ...]:
        if not code:
            table = self._tables[PROVINCE]
            return tuple(self._units(table, range(len(table))))
        d = self._require(code)
        if d.level == VILLAGE:
            return ()
        table = self._village_table(code[:2]) if d.level == TOWNSHIP else self._tables.get(d.level + 1)
        if table is None:
            return ()
        kids = [u for u in self._units(table, table.span(code)) if u.parent_code == code]
        adopted = [self.get(c) for c in self._adopted.get(code, ())]
        if adopted:
            kids = sorted([*kids, *(u for u in adopted if u is not None)], key=lambda u: u.code)
        return tuple(kids)

    def path(self, code: str) -> list[Division]:
        """Units from the province down to this one (inclusive)."""
        d: Division | None = self._require(code)
        out: list[Division] = []
        while d is not None:
            out.append(d)
            d = self.get(d.parent_code) if d.parent_code else None
        return out[::-1]

    def full_name(self, code: str, sep: str = "") -> str:
        """Path names joined by ``sep``, skipping placeholder prefectures such as 市辖区."""
        return sep.join(d.name for d in self.path(code) if in_full_name(d.level, d.name))

    def descendants(self, code: str | None, level: int) -> list[Division]:
        """All units at ``level`` under ``code`` (``None``/``""`` = whole country), sorted by code.

        Empty if ``level`` is not below the unit's own level. Level 5 loads village files.
        """
        if level not in CODE_LENGTH:
            raise ValueError(f"level must be 1..5, got {level!r}")
        current = self._require(code).level if code else 0
        if level <= current:
            return []
        if self._parents:  # an enclave: walk the tree so it is found under its real parent
            units: list[Division] = []
            parents = [code or ""]
            for _ in range(current, level):
                units = [c for p in parents for c in self.children(p)]
                parents = [u.code for u in units]
            return units
        prefix = code or ""
        if level < VILLAGE:
            table = self._tables[level]
            return self._units(table, table.span(prefix))
        provinces = [p.code for p in self.children(None) if p.code.startswith(prefix[:2])]
        out: list[Division] = []
        for province in provinces:
            table = self._village_table(province)
            out += self._units(table, table.span(prefix))
        return out

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
        if "\n" in text or (scope and not scope.isdigit()):
            return []
        if level == VILLAGE:
            provinces = [p.code for p in self.children(None) if p.code.startswith(scope[:2])]
            tables = [self._village_table(p) for p in provinces]
        else:
            tables = [t for lv, t in sorted(self._tables.items()) if level is None or lv == level]
        digits = text.isdigit()
        hits: list[Division] = []
        for table in tables:
            found = table.matching(text)
            if digits and len(text) <= table.width:
                found.update(table.span(text))
            if len(scope) < table.width:
                within = table.span(scope)
                found = {i for i in found if i in within}
            else:
                found = set()
            hits += (d for d in self._units(table, sorted(found)) if d.code != scope)

        def rank(d: Division) -> tuple[int, int, str]:
            exact = d.name == text or d.code == text
            return (0 if exact else 1 if d.name.startswith(text) else 2, d.level, d.code)

        hits.sort(key=rank)
        return hits[:limit]


@functools.lru_cache(maxsize=1)
def geography() -> Geography:
    """The shared :class:`Geography` loaded from the shipped resources."""
    return Geography.load()
