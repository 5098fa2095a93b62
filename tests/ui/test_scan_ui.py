"""The window's import of a paper table (文件 → 导入纸质表格): a generated photo of a printed
roster read by the real OCR engine in the dialog's worker, previewed with doubtful cells
yellow and the selected row's strip of the photo, imported, and stored; a scanned PDF chosen
or dropped on the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from conftest import TOWNSHIP
from desktop import scan
from desktop.excel import ADD
from scan_samples import expected_records, make_page, skip_reason
from ui import settings as S
from ui.excel_dialogs import STATUS_ROLE
from ui.scan_dialog import LOW_CONFIDENCE_COLOUR, ScanImportDialog

pytestmark = pytest.mark.gui
MEMBER = "committee_member"


@pytest.fixture
def window(qtbot, county_ledger, tmp_path, monkeypatch):
    from ui import sync_widgets
    from ui.main_window import MainWindow

    monkeypatch.setenv("TOWNSHIP_LEDGER_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sync_widgets, "AUTO_SYNC", False)
    settings = S.Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    settings.set(S.DAILY_BACKUP, False)
    w = MainWindow(county_ledger, settings)
    qtbot.addWidget(w)
    w.show()
    return w


def test_without_the_scan_component_the_window_says_so(window, monkeypatch):
    said = []
    monkeypatch.setattr(scan, "available", lambda: False)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    window.import_scan_action.trigger()
    assert said == [scan.ScanNotInstalled().text()]


@pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")
def test_a_photographed_roster_is_imported_from_the_window(window, qtbot, tmp_path, monkeypatch):
    page = make_page(23, rows=4, angle=2.5)
    photo = page.save(tmp_path / "名册照片.jpg")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    monkeypatch.setattr("desktop.scan.table.LOW_CONFIDENCE", 1.01)  # every cell doubtful: all are marked
    opened = []
    monkeypatch.setattr(ScanImportDialog, "exec", lambda d: opened.append(d) or d.show())
    window.import_scan_action.trigger()
    dialog = opened[0]
    assert dialog.isVisible() and dialog.kind() == MEMBER and dialog.unit() is None  # a county ledger: no unit chosen
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData(TOWNSHIP))
    qtbot.mouseClick(dialog.browse_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy(), timeout=240_000)

    model = dialog.model
    assert [model.index(r, 0).data(STATUS_ROLE) for r in range(model.rowCount())] == [ADD] * 4
    assert model.index(0, 2).data(Qt.BackgroundRole).color() == LOW_CONFIDENCE_COLOUR
    dialog.view.selectRow(1)
    assert not dialog.crop.pixmap().isNull()

    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None and not dialog.busy(), timeout=60_000)
    stored = {m["name"]: m for m in window.ledger.query(MEMBER)}
    expected = expected_records(page)
    assert set(stored) == set(expected)
    for name, values in expected.items():
        assert {f: stored[name][f] for f in values} == values
    dialog.close()


def _drag(cls, path: Path, keep: list):
    """A drag (enter) or drop event carrying one file (its data kept alive in *keep*: the
    event holds only a pointer to it)."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    keep.append(data)
    pos = QPointF(10, 10) if cls is QDropEvent else QPoint(10, 10)
    return cls(pos, Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)


def test_a_scanned_pdf_is_chosen_or_dropped_on_the_dialog(qtbot, county_ledger, tmp_path, monkeypatch):
    """The file dialog offers PDFs beside photos; a PDF (or photo) dropped on the dialog is
    read, another file dropped is refused.  The reader is replaced: no engine needed."""
    from test_scan_table import DATA, HEADER, page

    read = []

    def fake_read(path, kind, progress=None, keep_image=True):
        read.append(Path(path).name)
        return [scan.recover_table(page([HEADER] + DATA), kind, Path(path).stem)]

    monkeypatch.setattr(scan, "read_scan", fake_read)
    dialog = ScanImportDialog(county_ledger, None, kind=MEMBER, unit=TOWNSHIP)
    qtbot.addWidget(dialog)
    offered = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _p, _t, _d, filters: offered.append(filters) or ("", ""))
    dialog.choose_file()
    assert "*.pdf" in offered[0] and "*.jpg" in offered[0]

    pdf = tmp_path / "名册扫描.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    other = tmp_path / "名册.docx"
    other.write_bytes(b"PK")
    keep: list[QMimeData] = []
    refused = _drag(QDragEnterEvent, other, keep)
    dialog.dragEnterEvent(refused)
    assert not refused.isAccepted()
    entering = _drag(QDragEnterEvent, pdf, keep)
    dialog.dragEnterEvent(entering)
    assert entering.isAccepted()
    dialog.dropEvent(_drag(QDropEvent, pdf, keep))
    assert dialog.path() == str(pdf)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy(), timeout=60_000)
    assert read == ["名册扫描.pdf"] and [r.status for r in dialog.plan.rows] == [ADD] * 3
    dialog.close()
