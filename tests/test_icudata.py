"""The frozen build's trimmed ICU data (.ci/icudata.py, Linux).

The package format is read and written back item for item; bad input is refused; and,
what matters, Qt behaves the same with the trimmed library as with the whole one in
everything it asks ICU for: collation (pinyin order), code-page conversion, case
mapping and time-zone names, and the Chinese code pages are there — checked in child
processes that load one library or the other.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="Qt links ICU on Linux only (Windows Qt uses the system's)")


def _module():
    spec = importlib.util.spec_from_file_location("icudata", PROJECT / ".ci" / "icudata.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icudata = _module()


@pytest.fixture(scope="module")
def library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 build does not bundle ICU")
    return found[0]


@pytest.fixture(scope="module")
def original(library) -> bytes:
    _symbol, offset, size = icudata.symbol_of(library)
    with open(library, "rb") as fh:
        fh.seek(offset)
        return fh.read(size)


@pytest.fixture(scope="module")
def trimmed_dir(library, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("icu")
    icudata.build_library(library, out)
    return out


def test_the_package_reads_and_writes_back_item_for_item(original):
    header, items = icudata.read_package(original)
    assert len(items) > 3000
    again = icudata.read_package(icudata.write_package(header, items))
    assert again[0] == header
    # contents may gain trailing alignment bytes, never lose or change any
    assert [name for name, _ in again[1]] == [name for name, _ in items]
    for (name, content), (_, back) in zip(items, again[1]):
        assert back[:len(content)] == content and not back[len(content):].strip(b"\0"), name


def test_trimming_keeps_what_qt_asks_for_and_only_that(original):
    package, kept, dropped = icudata.trim(original)
    names = {name.split("/", 1)[1] for name, _ in icudata.read_package(package)[1]}
    assert kept == len(names) and dropped > 3000
    for needed in ("coll/zh.res", "coll/root.res", "coll/ucadata.icu", "zone/zh.res", "zone/root.res",
                   "zoneinfo64.res", "timezoneTypes.res", "metaZones.res", "cnvalias.icu", "gb18030.cnv",
                   "windows-936-2000.cnv", "zh.res", "zh_Hans_CN.res", "en.res", "root.res", "pool.res",
                   "res_index.res", "likelySubtags.res", "supplementalData.res"):
        assert needed in names, needed
    assert not any(n.startswith(("brkitr/", "curr/", "lang/", "region/", "unit/", "rbnf/", "translit/"))
                   for n in names)
    assert not {"de.res", "fr.res", "ja.res", "coll/de.res", "unames.icu", "ibm-37_P100-1995.cnv"} & names
    assert len(package) < len(original) / 5
    # every kept item is byte for byte the original's
    before = dict(icudata.read_package(original)[1])
    for name, content in icudata.read_package(package)[1]:
        assert content[:len(before[name])] == before[name], name


@pytest.mark.parametrize("bad", [b"", b"hello" * 10, b"\xda\x27" + b"\0" * 60])
def test_what_is_not_icu_data_is_refused(bad):
    with pytest.raises(icudata.NotIcuData):
        icudata.read_package(bad)


PROBE = r"""
import json, sys
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QStringEncoder, QTimeZone, QDateTime
maps = open("/proc/self/maps").read()
icu = sorted({line.split()[-1] for line in maps.splitlines() if "libicudata" in line})
names = ["张三", "李四", "王五", "赵六", "阿明", "欧阳娜娜", "陈晨", "白雪", "zebra", "Apple", "北京", "重庆"]
out = {"icu": icu}
for locale in ("zh_CN", "zh_TW", "en_US", "de_DE", "sv_SE"):
    collator = QCollator(QLocale(locale))
    out["sort " + locale] = sorted(names, key=collator.sortKey)
for codec in ("GB18030", "GBK", "GB2312", "Big5", "windows-1252"):  # (Python cannot call the converters)
    out[codec] = [QStringEncoder(codec).isValid(), QStringDecoder(codec).isValid()]
for locale in ("tr_TR", "en_US", "zh_CN", "lt_LT"):
    out["case " + locale] = [QLocale(locale).toUpper("istanbul ǆ ß"), QLocale(locale).toLower("İSTANBUL Σ")]
moment = QDateTime.fromString("2026-01-15T08:00:00", "yyyy-MM-ddTHH:mm:ss")
for zone in (b"Asia/Shanghai", b"Asia/Urumqi", b"Europe/Berlin"):
    tz = QTimeZone(zone)
    out["zone " + zone.decode()] = [tz.displayName(moment, QTimeZone.NameType.LongName, QLocale(l))
                                    for l in ("zh_CN", "en_US")]
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(library_dir: Path | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library_dir is not None:  # searched before the Qt libraries' own RUNPATH
        env["LD_LIBRARY_PATH"] = str(library_dir)
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, encoding="utf-8",
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_qt_sorts_converts_cases_and_names_zones_alike_with_the_trimmed_library(trimmed_dir, library):
    assert shutil.which("nm") and shutil.which("as")
    whole = _probe(None)
    trimmed = _probe(trimmed_dir)
    assert whole.pop("icu") == [str(library.resolve())]
    assert trimmed.pop("icu") == [str((trimmed_dir / library.name).resolve())]
    # the probe itself sees real differences between locales, codecs and zones
    assert whole["sort zh_CN"][:4] == ["阿明", "白雪", "北京", "陈晨"]
    assert whole["sort zh_CN"] != whole["sort en_US"]  # pinyin, not the root order of Han characters
    assert whole["case tr_TR"] != whole["case en_US"]
    assert whole["GB18030"] == [True, True]
    assert whole["zone Asia/Shanghai"][0] != whole["zone Asia/Shanghai"][1]
    assert trimmed == whole
