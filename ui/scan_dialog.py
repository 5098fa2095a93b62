"""Paper tables in (导入纸质表格): the Excel import dialog with the scan reader.

A photo, a scan or a scanned PDF is chosen or dropped on the dialog; it is read by
``desktop.scan`` in the dialog's worker (OCR takes seconds a page), then
planned, previewed, imported and undone exactly as a workbook is.  Cells the engine was
unsure of are yellow in the preview (a cell the import refuses stays red); the selected
row's strip of the photo is shown under the preview, to compare with what was read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop import scan
from desktop.ledger import Ledger
from ui.excel_dialogs import ImportDialog
from ui.widgets import open_file_name

#: Background of a cell read with low confidence.
LOW_CONFIDENCE_COLOUR = QColor("#fff59d")
#: Height of the row picture under the preview.
CROP_HEIGHT = 64


class ScanImportDialog(ImportDialog):
    """Import a photo or scan of a printed roster through the Excel import."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, *, kind: str = "committee_member",
                 unit: str | None = None, path: str | None = None) -> None:
        #: what the reader read, by file (written in the worker before the plan is handed over)
        self.sheets: dict[str, list[scan.ScanSheet]] = {}
        self.crop = QLabel()
        super().__init__(ledger, parent, kind=kind, unit=unit, path=None, reader=self._read)
        self.setObjectName("scan_import_dialog")
        self.setWindowTitle(self.tr("Import a paper table (photo or scan)"))
        self.file_edit.setPlaceholderText(self.tr("Choose or drop a photo or scan of the table (.jpg, .png, .pdf)…"))
        self.setAcceptDrops(True)
        self.model.cell_colour = self._cell_colour
        self.crop.setParent(self)
        self.crop.setObjectName("scan_row_picture")
        self.crop.setFixedHeight(CROP_HEIGHT)
        self.crop.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.crop.setToolTip(self.tr("The selected row as photographed"))
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.view) + 1, self.crop)
        self.view.selectionModel().currentRowChanged.connect(self._show_row)
        if path:
            self.set_path(path)

    def _read(self, path: str, kind: str, progress) -> list[scan.ScanSheet]:
        sheets = scan.read_scan(path, kind, progress=progress)
        self.sheets[str(Path(path))] = sheets
        return sheets

    def _sheet(self, name: str) -> scan.ScanSheet | None:
        if self.plan is None:
            return None
        return next((s for s in self.sheets.get(str(self.plan.path), []) if s.name == name), None)

    def _cell_colour(self, row, name: str) -> QColor | None:
        sheet = self._sheet(row.sheet)
        if sheet is None or self.plan is None:
            return None
        header = next((sp.header for sp in self.plan.sheets if sp.name == row.sheet), None)
        col = header.column_of(name) if header is not None else None
        if col is None or (row.row - 1, col) not in sheet.low_confidence:
            return None
        return LOW_CONFIDENCE_COLOUR

    def _show_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.crop.clear()
        if not current.isValid() or not 0 <= current.row() < len(self.model.rows):
            return
        row = self.model.rows[current.row()]
        sheet = self._sheet(row.sheet)
        box = sheet.row_boxes.get(row.row - 1) if sheet is not None and sheet.image else None
        if box is None:
            return
        image = QImage.fromData(sheet.image)
        x0, y0, x1, y1 = (int(v) for v in box)
        pad = 6
        strip = image.copy(max(x0 - pad, 0), max(y0 - pad, 0), x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
        self.crop.setPixmap(QPixmap.fromImage(strip).scaledToHeight(CROP_HEIGHT, Qt.SmoothTransformation))

    def choose_file(self) -> None:
        suffixes = " ".join(f"*{s}" for s in scan.SCAN_SUFFIXES)
        path = open_file_name(self, "scan", self.windowTitle(),
                              self.tr("Photos, scans and scanned PDFs ({suffixes});;All files (*)").format(
                                  suffixes=suffixes),
                              fallback=Path(self.path()).parent if self.path() else Path.home())
        if path:
            self.set_path(path)

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> str | None:
        """The one photo, scan or PDF being dragged, or None."""
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return paths[0] if len(paths) == 1 and scan.is_scan(paths[0]) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.busy() and self._dropped(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped(event)
        if path and not self.busy():
            event.acceptProposedAction()
            self.set_path(path)


def open_scan_import(ledger: Ledger, parent: QWidget, *, kind: str, unit: str | None) -> ScanImportDialog | None:
    """The scan import dialog, or a one-line note when the scan component is not installed."""
    if not scan.available():
        QMessageBox.information(parent, QCoreApplication.translate("ScanImportDialog", "Import a paper table"), scan.ScanNotInstalled().text())
        return None
    return ScanImportDialog(ledger, parent, kind=kind, unit=unit)
