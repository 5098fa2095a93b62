"""Tests for desktop.scope.geo and the division resource converter (no Qt)."""

from __future__ import annotations

import csv
import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.scope import geo as geo_module
from desktop.scope.geo import Division, Geography, UnknownDivision, default_resource_dir, geography

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources" / "divisions"
CONVERTER = RESOURCES / "convert.py"
SRC = ROOT.parent / "shared" / "data" / "divisions"
needs_src = pytest.mark.skipif(not SRC.is_dir(), reason=f"source data not found at {SRC}")


@pytest.fixture(scope="module")
def geo() -> Geography:
    return Geography.load()


def source_rows(filename: str, src: Path = SRC) -> list[dict[str, str]]:
    with gzip.open(src / filename, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])


# -- counts -----------------------------------------------------------------------------------


def test_counts_per_level(geo: Geography) -> None:
    assert len(geo.children(None)) == 31
    assert len(geo.descendants(None, 2)) == 342
    assert len(geo.descendants("", 3)) == 2978
    assert len(geo.descendants(None, 4)) == 41352


@needs_src
@pytest.mark.parametrize(
    ("filename", "level"),
    [("provinces.csv.gz", 1), ("cities.csv.gz", 2), ("areas.csv.gz", 3), ("streets.csv.gz", 4)],
)
def test_levels_match_source(geo: Geography, filename: str, level: int) -> None:
    expected = {(r["code"], r["name"]) for r in source_rows(filename)}
    assert {(d.code, d.name) for d in geo.descendants(None, level)} == expected


@needs_src
def test_villages_of_one_province_match_source() -> None:
    rows = source_rows("villages.csv.gz")
    expected = {(r["code"], r["name"]) for r in rows if r["code"].startswith("13")}
    villages = Geography.load().villages("13")
    assert len(villages) == len(expected) == 54145
    assert {(v.code, v.name) for v in villages} == expected


# -- lookup and navigation ----------------------------------------------------------------------


def test_known_path(geo: Geography) -> None:
    path = geo.path("130111200201")
    assert [d.code for d in path] == ["13", "1301", "130111", "130111200", "130111200201"]
    assert [d.name for d in path] == ["河北省", "石家庄市", "栾城区", "南高乡", "南高村民委员会"]
    assert [d.level for d in path] == [1, 2, 3, 4, 5]
    assert geo.get("130111200") == Division("130111200", "南高乡", 4, "130111")
    assert geo.get("13") == Division("13", "河北省", 1, None)
    assert geo.name("130111") == "栾城区"
    assert geo.level("130111200201") == 5


def test_full_name(geo: Geography) -> None:
    assert geo.full_name("130111200") == "河北省石家庄市栾城区南高乡"
    assert geo.full_name("130111200", sep=" ") == "河北省 石家庄市 栾城区 南高乡"
    assert geo.full_name("110101001") == "北京市东城区东华门街道"  # 1101 市辖区 skipped
    assert geo.full_name("419001") == "河南省济源市"  # 4190 省直辖县级行政区划 skipped
    assert geo.full_name("11") == "北京市"


def test_a_name_and_parent_is_what_get_finds(geo: Geography) -> None:
    """The look-up of long lists gives what :meth:`Geography.get` gives, at every level, for
    units under a placeholder prefecture, and None for what get does not find."""
    codes = ["13", "1301", "130111", "130111200", "130111200201", "110101001", "419001", "1101"]
    codes += [d.code for d in geo.villages("13")[::5000]]
    for code in codes:
        d = geo.get(code)
        assert geo.name_and_parent(code) == (d.name, d.parent_code or ""), code
    for code in ("99", "1399", "130111999", "130111200999", "", "abc", "1"):
        assert geo.name_and_parent(code) is None


def test_a_units_full_name_in_a_list_is_its_full_name(geo: Geography) -> None:
    from desktop.reporting.timeliness import UnitRefs

    refs = UnitRefs()
    for code in ("130111200201", "130111200", "110101001", "110101001001", "419001", "13", "1301"):
        d = geo.get(code)
        ref = refs(code)
        assert (ref.code, ref.name) == (code, d.name)
        assert ref.within == (geo.full_name(d.parent_code) if d.parent_code else ""), code
    assert refs("130111200999") == type(refs("13"))("130111200999", "130111200999", "")


def test_parent_children_consistency(geo: Geography) -> None:
    assert geo.parent("13") is None
    assert geo.children("") == geo.children(None)
    for province in geo.children(None):
        for prefecture in geo.children(province.code):
            assert geo.parent(prefecture.code) == province
            kids = geo.children(prefecture.code)
            assert [k.code for k in kids] == sorted(k.code for k in kids)
            for county in kids:
                assert county.parent_code == prefecture.code
                assert county.code.startswith(prefecture.code) and county.level == 3
    townships = geo.children("130111")
    assert "130111200" in [t.code for t in townships]
    assert all(geo.parent(t.code).code == "130111" for t in townships)
    villages = geo.children("130111200")
    assert villages and all(v.level == 5 and v.parent_code == "130111200" for v in villages)
    assert geo.children("130111200201") == []


def test_villages_load_lazily() -> None:
    fresh = Geography.load()
    assert fresh.get("130111100") is not None
    assert not fresh._loaded
    assert fresh.name("130111200201") == "南高村民委员会"
    assert fresh._loaded == {"13"}


def test_unknown_codes(geo: Geography) -> None:
    for code in ("99", "1399", "130111999", "130111200999", "", "abc", "1"):
        assert geo.get(code) is None
        assert not geo.exists(code)
    assert geo.exists("13") and geo.exists("130111200") and geo.exists("130111200201")
    with pytest.raises(UnknownDivision):
        geo.name("130111999")
    with pytest.raises(KeyError):  # UnknownDivision is a KeyError
        geo.parent("99")
    for method in (geo.level, geo.path, geo.full_name, geo.children, geo.is_rural_township):
        with pytest.raises(UnknownDivision):
            method("130111200999")


def test_is_within(geo: Geography) -> None:
    assert geo.is_within("130111200201", "13")
    assert geo.is_within("130111200", "130111200")
    assert geo.is_within("130111", "")
    assert geo.is_within("130111", None)
    assert not geo.is_within("140111", "13")


# -- townships ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "rural"),
    [
        ("130111100", "town", True),  # 栾城镇
        ("130111200", "township", True),  # 南高乡
        ("150721200", "township", True),  # 得力其尔鄂温克民族乡
        ("150205202", "township", True),  # 吉忽伦图苏木
        ("130102001", "street", False),  # 建北街道
        ("150521403", "street", False),  # 保康街道办事处
        ("120113500", "other", False),  # 红旗农场
    ],
)
def test_township_kind(geo: Geography, code: str, kind: str, rural: bool) -> None:
    assert geo.level(code) == 4
    assert geo.township_kind(code) == kind
    assert geo.is_rural_township(code) is rural


def test_township_kind_other_levels(geo: Geography) -> None:
    assert geo.is_rural_township("130111") is False
    assert geo.is_rural_township("130111200201") is False
    with pytest.raises(ValueError):
        geo.township_kind("130111")


def test_rural_share(geo: Geography) -> None:
    rural = [d for d in geo.descendants(None, 4) if geo.is_rural_township(d.code)]
    assert 29000 < len(rural) < 30000  # README: about 29,400 乡 or 镇


def test_descendants(geo: Geography) -> None:
    hebei = geo.descendants("13", 4)
    assert 2000 < len(hebei) < 2600
    assert all(d.level == 4 and d.code.startswith("13") for d in hebei)
    assert [d.code for d in hebei] == sorted(d.code for d in hebei)
    assert geo.descendants("130111", 4) == geo.children("130111")
    villages = [v for v in geo.villages("13") if v.code.startswith("130111")]
    assert geo.descendants("130111", 5) == villages and villages[0].code == "130111100003"
    assert geo.descendants("130111", 3) == []
    assert geo.descendants("13", 1) == []
    with pytest.raises(ValueError):
        geo.descendants("13", 6)


# -- search ---------------------------------------------------------------------------------------


def test_search(geo: Geography) -> None:
    hits = geo.search("石家庄")
    assert hits[0] == geo.get("1301")  # exact/prefix matches and higher levels first
    assert all("石家庄" in d.name for d in hits)
    assert len(geo.search("镇", limit=7)) == 7
    assert geo.search("南高乡", under="13")[0].code == "130111200"
    assert all(d.code.startswith("1301") for d in geo.search("镇", under="1301"))
    assert all(d.level == 3 for d in geo.search("区", level=3, limit=20))
    assert geo.search("  ") == [] and geo.search("石家庄", limit=0) == []
    assert geo.search("不存在的地名xyz") == []


def test_search_codes_and_villages(geo: Geography) -> None:
    assert [d.code for d in geo.search("130111", limit=3)] == ["130111", "130111100", "130111103"]
    assert all(d.code.startswith("13011120") for d in geo.search("13011120"))
    villages = geo.search("南高村", under="130111", level=5)
    assert [v.code for v in villages] == ["130111200201"]


# -- shared instance and resources -----------------------------------------------------------------


def test_shared_instance() -> None:
    assert geography() is geography()
    assert default_resource_dir() == RESOURCES
    assert (RESOURCES / "LICENSE").is_file() and (RESOURCES / "README.md").is_file()


def test_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert default_resource_dir() == tmp_path / "resources" / "divisions"


@needs_src
@pytest.mark.slow
def test_converter_reproduces_shipped_files(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(CONVERTER), str(SRC), "--out", str(tmp_path)], check=True)
    shipped = sorted(p.relative_to(RESOURCES) for p in [*RESOURCES.rglob("*.tsv.gz"), *RESOURCES.glob("*.pack")])
    built = sorted(p.relative_to(tmp_path) for p in [*tmp_path.rglob("*.tsv.gz"), *tmp_path.glob("*.pack")])
    assert built == shipped and len(built) == 33
    for rel in built:
        assert (tmp_path / rel).read_bytes() == (RESOURCES / rel).read_bytes(), rel
    assert (tmp_path / "LICENSE").read_bytes() == (SRC / "LICENSE").read_bytes()


def test_converter_explicit_parent(tmp_path: Path) -> None:
    """A row whose parent is not its code prefix gets a third column that geo honours."""
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    write_csv(src / "provinces.csv.gz", ["code", "name"], [["13", "甲省"], ["14", "乙省"]])
    write_csv(
        src / "cities.csv.gz",
        ["code", "name", "provinceCode"],
        [["1301", "甲市", "13"], ["1401", "乙市", "14"]],
    )
    write_csv(
        src / "areas.csv.gz",
        ["code", "name", "cityCode", "provinceCode"],
        [["130101", "甲县", "1301", "13"], ["140101", "乙县", "1401", "14"]],
    )
    write_csv(
        src / "streets.csv.gz",
        ["code", "name", "areaCode", "provinceCode", "cityCode"],
        [["130101001", "甲镇", "130101", "13", "1301"], ["130101002", "飞地乡", "140101", "14", "1401"]],
    )
    write_csv(
        src / "villages.csv.gz",
        ["code", "name", "streetCode", "provinceCode", "cityCode", "areaCode"],
        [["130101001001", "甲村", "130101001", "13", "1301", "130101"]],
    )
    (src / "LICENSE").write_text("WTFPL\n")
    subprocess.run([sys.executable, str(CONVERTER), str(src), "--out", str(out)], check=True)

    lines = gzip.decompress((out / "divisions.tsv.gz").read_bytes()).decode().splitlines()
    assert "130101001\t甲镇" in lines and "130101002\t飞地乡\t140101" in lines
    small = Geography.load(out)
    assert small.parent("130101002").code == "140101"
    assert [d.code for d in small.children("140101")] == ["130101002"]
    assert small.full_name("130101002") == "乙省乙市乙县飞地乡"
    assert small.children("130101001")[0].name == "甲村"


# -- the packed form read at start ------------------------------------------------------------
def _levels(tables) -> dict:
    return {level: (list(t.codes), t.names, list(t.starts)) for level, t in tables.items()}


def test_the_shipped_pack_holds_the_shipped_list() -> None:
    """The program starts from divisions.pack; it must say exactly what divisions.tsv.gz says."""
    source = RESOURCES / "divisions.tsv.gz"
    packed = geo_module._read_pack(RESOURCES / geo_module.PACK_NAME, source)
    assert packed is not None, "divisions.pack is missing or stale: run resources/divisions/convert.py"
    tables, parents = geo_module._read_tsv(source)
    assert _levels(packed[0]) == _levels(tables) and packed[1] == parents
    assert (RESOURCES / geo_module.PACK_NAME).read_bytes() == geo_module.pack(source)


def _small_folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "divisions"
    folder.mkdir(exist_ok=True)
    lines = "".join(f"{code}\t{name}\n" for code, name in zip(["13", "1301", "130101", "130101001"], names))
    with open(folder / "divisions.tsv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(lines.encode("utf-8"))
    return folder


def test_a_pack_made_from_another_list_is_not_read(tmp_path: Path) -> None:
    folder = _small_folder(tmp_path, ["甲省", "甲市", "甲县", "甲镇"])
    geo_module.write_pack(folder)
    assert Geography.load(folder).get("130101001").name == "甲镇"  # read from the pack
    stale = (folder / geo_module.PACK_NAME).read_bytes()
    _small_folder(tmp_path, ["甲省", "甲市", "甲县", "乙镇"])  # the list changed, the pack did not
    assert (folder / geo_module.PACK_NAME).read_bytes() == stale
    assert geo_module._read_pack(folder / geo_module.PACK_NAME, folder / "divisions.tsv.gz") is None
    assert Geography.load(folder).get("130101001").name == "乙镇"


@pytest.mark.parametrize("damage", ["empty", "magic", "header", "short", "long", "offsets"])
def test_a_damaged_pack_is_not_read(tmp_path: Path, damage: str) -> None:
    folder = _small_folder(tmp_path, ["甲省", "甲市", "甲县", "甲镇"])
    good = geo_module.pack(folder / "divisions.tsv.gz")
    at = len(geo_module.PACK_MAGIC)
    length = int.from_bytes(good[at:at + 4], "little")
    names_size = len("甲镇\n".encode())  # the last level's names end the pack
    bad = {"empty": b"", "magic": b"x" + good[1:], "header": good[:at + 6] + b"{" + good[at + 7:],
           "short": good[:-3], "long": good + b"\0",
           # the last level's end offset pointing past its names
           "offsets": good[:-names_size - 4] + (99).to_bytes(4, "little") + good[-names_size:]}[damage]
    assert at + 4 + length < len(good) - names_size - 4
    (folder / geo_module.PACK_NAME).write_bytes(bad)
    assert geo_module._read_pack(folder / geo_module.PACK_NAME, folder / "divisions.tsv.gz") is None
    assert Geography.load(folder).get("130101001").name == "甲镇"  # read from the list itself
