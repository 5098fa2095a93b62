"""Phone photos, scanned PDFs and sign-in sheets with the real OCR engine: a roster
photographed at a slant on a desk in uneven light, a two-page PDF, a meeting's sign-in
sheet, each imported by ``import-scan`` and stored as the paper says.  The page finding
itself is tested on generated photos without the engine.  Skipped, naming why, without the
optional scan component or the CJK font."""

from __future__ import annotations

import argparse
import io

import pytest

from conftest import TOWNSHIP
from desktop import scan
from desktop.cli import scan as cli_scan
from desktop.ledger import Ledger
from scan_samples import PAGE, expected_records, font_path, make_page, make_signin, skip_reason

MEMBER = "committee_member"
needs_engine = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")


def import_args(ledger_path, path, kind=MEMBER) -> argparse.Namespace:
    return argparse.Namespace(ledger=str(ledger_path), file=str(path), kind=kind, unit=TOWNSHIP, dry_run=False,
                              errors=None, column_values=[], words=[], apply_exits=False, complete_only=False)


def stored_members(ledger_path) -> dict[str, dict]:
    with Ledger.open(ledger_path) as ledger:
        return {m["name"]: m for m in ledger.query(MEMBER)}


@pytest.mark.skipif(font_path() is None, reason="no CJK font to draw the roster with")
@pytest.mark.parametrize("seed", range(8))
def test_the_page_of_a_phone_photo_is_found_by_its_edges_and_warped_flat(seed):
    cv2 = pytest.importorskip("cv2", reason="the optional scan component (opencv) is not installed")
    import numpy as np

    from desktop.scan.page import flatten, page_quad

    page = make_page(seed, rows=4, photo=True, keystone=0.16)
    image = cv2.imdecode(np.frombuffer(page.image, np.uint8), cv2.IMREAD_COLOR)
    quad = page_quad(image, cv2, np)
    assert quad is not None
    assert np.abs(quad - np.array(page.notes["corners"])).max() < 0.01 * max(PAGE)
    flat, corners = flatten(image, cv2, np)
    assert corners is not None
    h, w = flat.shape[:2]
    assert abs(w / h - PAGE[0] / PAGE[1]) < 0.1  # the page's own shape, not the slanted one's
    # a scan (white all round) has no page edge to find: read as it is
    scanned = cv2.imdecode(np.frombuffer(make_page(seed, rows=4).image, np.uint8), cv2.IMREAD_COLOR)
    assert page_quad(scanned, cv2, np) is None and flatten(scanned, cv2, np)[0] is scanned


@needs_engine
def test_a_roster_photographed_at_a_slant_in_uneven_light_is_imported(county_ledger, ledger_path, tmp_path):
    page = make_page(31, rows=5, photo=True, keystone=0.16)
    photo = page.save(tmp_path / "委员名册.jpg")
    county_ledger.close()
    assert cli_scan.cmd_import_scan(import_args(ledger_path, photo)) == 0
    stored, expected = stored_members(ledger_path), expected_records(page)
    assert set(stored) == set(expected)
    for name, values in expected.items():
        assert {f: stored[name][f] for f in values} == values


@needs_engine
def test_the_pages_of_a_scanned_pdf_are_one_import(county_ledger, ledger_path, tmp_path):
    from PIL import Image

    pages = [make_page(41, rows=3), make_page(42, rows=4)]
    images = [Image.open(io.BytesIO(p.image)).convert("RGB") for p in pages]
    pdf = tmp_path / "委员名册.pdf"
    images[0].save(pdf, "PDF", resolution=150, save_all=True, append_images=images[1:])
    sheets = scan.read_scan(pdf, MEMBER)
    assert [s.name for s in sheets] == ["委员名册-1", "委员名册-2"]
    county_ledger.close()
    assert cli_scan.cmd_import_scan(import_args(ledger_path, pdf)) == 0
    stored = stored_members(ledger_path)
    expected = {**expected_records(pages[0]), **expected_records(pages[1])}
    assert set(stored) == set(expected) and len(stored) == 7
    for name, values in expected.items():
        assert {f: stored[name][f] for f in values} == values


@needs_engine
def test_a_damaged_pdf_is_said_to_be_one(tmp_path):
    bad = tmp_path / "名册.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(scan.NotAPdf):
        scan.read_scan(bad, MEMBER)


@needs_engine
def test_a_sign_in_sheet_is_imported_as_one_meeting(county_ledger, ledger_path, tmp_path):
    from desktop.excel import convert_cell
    from desktop.records import KINDS

    sheet = make_signin(3, rows=6, photo=True)
    photo = sheet.save(tmp_path / "签到表.jpg")
    county_ledger.close()
    assert cli_scan.cmd_import_scan(import_args(ledger_path, photo, kind="meeting")) == 0
    with Ledger.open(ledger_path) as ledger:
        (meeting,) = ledger.query("meeting")
    k = KINDS["meeting"]
    expected = {f: convert_cell(k.field(f), text) for f, text in sheet.cells[0].items()}
    assert {f: meeting[f] for f in expected} == expected
    assert meeting["attendance"] == sum(1 for *_rest, signed in sheet.notes["people"] if signed)
