"""Trim ICU's data library for the frozen build (Linux).

Qt on Linux links ICU, whose data library (``libicudata.so.NN``, 31 MB) holds the common
data of every locale of the world.  Of ICU, Qt Core (the only Qt library that links it)
calls case mapping (``u_strToUpper``/``u_strToLower``), calendars and time-zone names
(``ucal_*``), code-page converters (``ucnv_*``) and collation (``ucol_*``) — nothing else
(``nm -D --undefined-only libQt6Core.so.6``).  This module rebuilds the library keeping:

* everything that is not per-locale (Unicode properties, normalisation, time-zone rules
  and their mapping tables, likely subtags, the converter alias table, …);
* the root, Chinese and English locales' general data, collation (``coll/``: pinyin and
  stroke orders for Chinese) and time-zone names (``zone/``);
* the Chinese and Western code pages (GB 18030, GBK, GB 2312, Big5, Windows-1252);

and leaving out what no caller asks for: break iteration and its dictionaries (``brkitr/``;
Qt finds text boundaries itself), transliteration, number spell-out, names of languages,
regions, currencies and units, Unicode character names, confusables, the ~200 other code
pages, and the other ~700 locales (a locale left out falls back to root, as ICU does for
any locale it lacks).  ``tests/test_icudata.py`` checks that Qt sorts, converts, cases and
names time zones the same with the trimmed library as with the whole one.

The data is ICU's documented "common data" package (``CmnD``): a header, a table of
contents sorted by item name (ICU searches it by bisection), and the items, each aligned
to 16 bytes.  The library only exports that package under one symbol (``icudtNN_dat``);
the new one is assembled and linked with binutils (``as``, ``ld``), which PyInstaller
needs on Linux anyway.

    python .ci/icudata.py LIBICUDATA OUT_DIR     # writes OUT_DIR/libicudata.so.NN, prints sizes
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

ALIGN = 16
#: locales kept (and their variants: zh_Hans_CN, en_GB, …)
LANGUAGES = ("zh", "en")
#: code pages kept besides the algorithmic ones ICU needs no data for (UTF-*, Latin-1, ASCII):
#: GB 18030, GBK (windows-936), GB 2312 (EUC-CN), Big5 (windows-950, with the table it
#: builds on) and Windows-1252
CODE_PAGES = ("gb18030", "windows-936-2000", "ibm-1383_P110-1999", "ibm-1386_P100-2001", "windows-950-2000",
              "ibm-1373_P100-2002", "ibm-5348_P100-1997")
#: folders of per-locale data kept (the others are not asked for: see above)
FOLDERS = {"", "coll", "zone"}
#: files of the top folder nobody asks for: character names, confusables
DROPPED_FILES = {"unames.icu", "cfu.spp"}
#: per-locale item names that are not locales
NOT_LOCALES = {"res_index", "pool", "root"}
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")  # also de_ (de__PHONEBOOK)


class NotIcuData(ValueError):
    pass


def read_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the (name, content) items of a little-endian ICU common data package."""
    if len(data) < 32:
        raise NotIcuData("too short for ICU data")
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27) or data[12:16] != b"CmnD" or data[8] != 0:
        raise NotIcuData("not a little-endian ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        end = data.index(b"\0", toc + name_off)
        name = data[toc + name_off:end].decode("ascii")
        stop = entries[i + 1][1] if i + 1 < count else len(data) - toc
        items.append((name, data[toc + data_off:toc + stop]))
    return data[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A common data package of *items* (sorted by name, as ICU's look-up needs)."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    count = len(items)
    names = b""
    name_offsets = []
    base = 4 + 8 * count
    for name, _ in items:
        name_offsets.append(base + len(names))
        names += name.encode("ascii") + b"\0"
    body_start = base + len(names)
    pad = (-(len(header) + body_start)) % ALIGN
    offset = body_start + pad
    data_offsets, blobs = [], []
    for i, (_, content) in enumerate(items):
        data_offsets.append(offset)
        blob = content if i + 1 == count else content + b"\0" * ((-len(content)) % ALIGN)
        blobs.append(blob)
        offset += len(blob)
    toc = struct.pack("<I", count) + b"".join(struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets))
    return header + toc + names + b"\0" * pad + b"".join(blobs)


def wanted(name: str) -> bool:
    """Whether the item *name* (``icudt73l/coll/zh.res``) stays."""
    path = name.split("/", 1)[1] if "/" in name else name
    folder, _, file = path.rpartition("/")
    stem, _, ext = file.partition(".")
    if folder not in FOLDERS or path in DROPPED_FILES:
        return False
    if ext == "cnv":
        return stem in CODE_PAGES
    if ext == "res" and stem not in NOT_LOCALES and _LOCALE.match(stem):
        return stem.split("_", 1)[0] in LANGUAGES
    return True


def trim(data: bytes) -> tuple[bytes, int, int]:
    """The trimmed package, and how many items were kept and dropped."""
    header, items = read_package(data)
    kept = [item for item in items if wanted(item[0])]
    return write_package(header, kept), len(kept), len(items) - len(kept)


def symbol_of(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size in the ICU data library (via binutils)."""
    out = subprocess.run(["nm", "-D", "-S", "--defined-only", str(library)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            symbol, address, size = parts[3], int(parts[0], 16), int(parts[1], 16)
            break
    else:
        raise NotIcuData(f"{library} exports no icudtNN_dat symbol")
    sections = subprocess.run(["objdump", "-h", str(library)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[1] == ".rodata":
            vma, file_offset = int(parts[3], 16), int(parts[5], 16)
            return symbol, file_offset + address - vma, size
    raise NotIcuData(f"{library} has no .rodata section")


def soname_of(library: Path) -> str:
    out = subprocess.run(["objdump", "-p", str(library)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.strip().startswith("SONAME"):
            return line.split()[1]
    return library.name


def build_library(library: Path, out_dir: Path) -> Path:
    """Write the trimmed library to *out_dir* (same file name and soname); returns its path."""
    library = Path(library)
    symbol, offset, size = symbol_of(library)
    with open(library, "rb") as fh:
        fh.seek(offset)
        original = fh.read(size)
    package, kept, dropped = trim(original)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dat = out_dir / f"{symbol[:-4]}l.dat"
    dat.write_bytes(package)
    source = out_dir / "icudata.s"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f"\t.incbin \"{dat.name}\"\n"
        f"\t.size {symbol}, . - {symbol}\n"
        "\t.section .note.GNU-stack,\"\",@progbits\n", encoding="ascii")
    obj = out_dir / "icudata.o"
    target = out_dir / library.name
    subprocess.run(["as", "-o", str(obj), str(source)], cwd=out_dir, check=True)
    subprocess.run(["ld", "-shared", "-soname", soname_of(library), "-o", str(target), str(obj)], check=True)
    print(f"icudata: {library.name} {library.stat().st_size / 2**20:.1f} MB -> {target.stat().st_size / 2**20:.1f} MB "
          f"({kept} items kept, {dropped} left out)")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python .ci/icudata.py LIBICUDATA OUT_DIR")
    build_library(Path(sys.argv[1]), Path(sys.argv[2]))
