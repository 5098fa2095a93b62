"""Settings (设置): language, operator, backups and (later) sync.

The dialog changes nothing until OK; then the operator goes to the ledger (it travels
with the data) and the rest to this machine's settings.  ``run_daily_backup`` is the
automatic daily backup the main window runs in a worker on start.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from desktop import paths
from desktop.errors import LedgerError
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from ui import settings as S
from ui import workers
from ui.i18n import LANGUAGES
from ui.widgets import ERROR_STYLE, BusyDialog, error_label, note_label, push_button, existing_folder, text_label

log = logging.getLogger(__name__)

#: How many daily backups of a ledger are kept in the backup folder.
KEEP_BACKUPS = 14


# ----------------------------------------------------------------------------- backups

def default_backup_folder() -> Path:
    return paths.default_backup_dir()


def backup_folder(settings: S.Settings) -> Path:
    """The folder backups go to: the one set, else ``<data folder>/backups``."""
    folder = str(settings.get(S.BACKUP_FOLDER) or "").strip()
    return Path(folder) if folder else default_backup_folder()


def write_backup(ledger: Ledger, folder: Path) -> Path:
    """Write a backup of *ledger* into *folder* (created if missing); returns the file.

    Runs in a worker: it reads through a second, read-only connection of its own, so the
    GUI thread's connection is never used from two threads.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    reader = ledger.reader()
    try:
        return reader.backup(folder)
    finally:
        reader.close()


def daily_backup_due(settings: S.Settings, today: dt.date) -> bool:
    """Whether the automatic daily backup is on and has not run *today*."""
    return bool(settings.get(S.DAILY_BACKUP)) and settings.get(S.LAST_BACKUP_DAY) != today.isoformat()


def prune_backups(folder: Path, ledger_path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest *keep* backups of this ledger in *folder*; returns those deleted.

    Only files named like this ledger's backups (``<stem>-YYYYMMDD-HHMMSS.sqlite``, as
    ``Ledger.backup`` names them) are touched: other ledgers' backups and other files stay.
    """
    pattern = re.compile(re.escape(Path(ledger_path).stem) + r"-\d{8}-\d{6}\.sqlite")
    backups = sorted(p for p in Path(folder).iterdir() if p.is_file() and pattern.fullmatch(p.name))
    old = backups[:-keep] if keep > 0 else backups
    deleted = []
    for p in old:
        try:
            p.unlink()
        except OSError as exc:  # e.g. opened by another program: try again tomorrow
            log.warning("could not delete old backup %s: %s", p, exc)
        else:
            deleted.append(p)
    return deleted


def run_daily_backup(ledger: Ledger, settings: S.Settings, today: dt.date) -> Path | None:
    """Back up the ledger if the daily backup is due; record the day and prune old backups.

    Returns the new backup, or None if none was due.  Errors (``LedgerError``, ``OSError``)
    are left to the caller's worker to report.
    """
    if not daily_backup_due(settings, today):
        return None
    folder = backup_folder(settings)
    path = write_backup(ledger, folder)
    settings.set(S.LAST_BACKUP_DAY, today.isoformat())
    settings.sync()
    prune_backups(folder, ledger.path)
    return path


# ----------------------------------------------------------------------------- dialog

class SettingsDialog(BusyDialog):
    """Language, operator name, backups and the (not yet enrolled) sync hub."""

    sig_language_changed = Signal(str)
    """The language chosen on OK ("zh_CN" or "en"), emitted only when it changed."""

    def __init__(self, ledger: Ledger, settings: S.Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.ledger = ledger
        self.settings = settings
        self.busy = False
        self.setWindowTitle(self.tr("Settings"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._make_general())
        layout.addWidget(self._make_backups())
        layout.addWidget(self._make_sync())
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.language_combo, self.operator_edit)
        self.setTabOrder(self.operator_edit, self.folder_edit)
        self.setTabOrder(self.folder_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.daily_check)
        self.setTabOrder(self.daily_check, self.backup_button)
        self.resize(560, self.sizeHint().height())

    def _make_general(self) -> QGroupBox:
        """Language and operator name."""
        general = QGroupBox(self.tr("General"), self)
        self.language_combo = QComboBox(general)
        self.language_combo.setObjectName("language")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        i = self.language_combo.findData(self.settings.get(S.LANGUAGE))
        self.language_combo.setCurrentIndex(max(i, 0))
        self.operator_edit = QLineEdit(self.ledger.operator, general)
        self.operator_edit.setObjectName("operator")
        self.operator_edit.setMaxLength(40)
        self.operator_error = error_label(general, "operator_error")
        self.operator_edit.textChanged.connect(self.operator_error.hide)

        form = QFormLayout(general)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        language_label = QLabel("Language / 语言", general)  # both languages, never translated
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        form.addRow("", note_label(general, self.tr("The language takes effect when you press OK.")))
        operator_label = QLabel(self.tr("&Operator name"), general)
        operator_label.setBuddy(self.operator_edit)
        form.addRow(operator_label, self.operator_edit)
        form.addRow("", self.operator_error)
        return general

    def _make_backups(self) -> QGroupBox:
        """The backup folder, the daily backup and "Back up now"."""
        box = QGroupBox(self.tr("Backups"), self)
        self.folder_edit = QLineEdit(str(backup_folder(self.settings)), box)
        self.folder_edit.setObjectName("backup_folder")
        self.browse_button = push_button(box, "browse_backup_folder", self._browse, self.tr("&Browse…"))
        self.folder_error = error_label(box, "folder_error")
        self.folder_edit.textChanged.connect(self.folder_error.hide)
        self.daily_check = QCheckBox(self.tr("Back up &automatically every day"), box)
        self.daily_check.setObjectName("daily_backup")
        self.daily_check.setChecked(bool(self.settings.get(S.DAILY_BACKUP)))
        self.backup_button = push_button(box, "backup_now", self.backup_now, self.tr("Back up &now"))
        self.backup_status = text_label(box, "backup_status", selectable=True)
        last = self.settings.get(S.LAST_BACKUP_DAY)
        if last:
            self.backup_status.setText(self.tr("Last automatic backup: {day}").format(day=last))

        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        folder_label = QLabel(self.tr("Backup &folder"), box)
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.folder_error)
        form.addRow("", self.daily_check)
        form.addRow("", note_label(box, self.tr(
            "The newest {n} backups of this ledger are kept; older ones are deleted.").format(n=KEEP_BACKUPS)))
        now_row = QHBoxLayout()
        now_row.addWidget(self.backup_button)
        now_row.addWidget(self.backup_status, 1)
        form.addRow("", now_row)
        return box

    def _make_sync(self) -> QGroupBox:
        """The hub this ledger is enrolled with, and the button to enroll."""
        box = QGroupBox(self.tr("Sync"), self)
        self.hub_label = text_label(box, "hub_status", selectable=True)
        self.enroll_button = push_button(box, "enroll", self.enroll)
        row = QHBoxLayout(box)
        row.addWidget(self.hub_label, 1)
        row.addWidget(self.enroll_button)
        self._show_hub()
        return box

    # -- fields ---------------------------------------------------------------------------
    def chosen_folder(self) -> Path:
        text = self.folder_edit.text().strip()
        return Path(text) if text else default_backup_folder()

    def _browse(self) -> None:
        folder = existing_folder(self, "backup", self.tr("Choose the backup folder"), self.chosen_folder())
        if folder:
            self.folder_edit.setText(str(Path(folder)))

    def _folder_problem(self) -> str | None:
        folder = self.chosen_folder()
        if folder.exists() and not folder.is_dir():
            return self.tr("{path} is a file, not a folder. Choose a folder.").format(path=folder)
        return None

    # -- sync hub -------------------------------------------------------------------------
    def _show_hub(self) -> None:
        from ui.sync_controller import load_settings

        hub = load_settings(self.ledger)
        if hub is None:
            self.hub_label.setText(self.tr("Hub: not enrolled"))
            self.enroll_button.setText(self.tr("&Enroll…"))
            return
        unit = geography().full_name(hub.scope) if hub.scope else self.tr("the whole country")
        self.hub_label.setText(self.tr("Hub: {url}, enrolled for {unit}").format(url=hub.hub_url, unit=unit))
        self.enroll_button.setText(self.tr("&Enroll again…"))

    def enroll(self) -> None:
        """Enroll with a hub (at once, not on OK: like "Back up now", it is an action)."""
        from ui.sync_widgets import open_enroll_dialog

        dialog = open_enroll_dialog(self.ledger, None, self)
        dialog.accepted.connect(self._show_hub)

    # -- back up now ----------------------------------------------------------------------
    def backup_now(self) -> None:
        """Back up the ledger into the folder shown, in a worker."""
        problem = self._folder_problem()
        if problem:
            self._show_folder_error(problem)
            return
        folder = self.chosen_folder()
        ledger = self.ledger
        self._set_busy(True)
        self.backup_status.setStyleSheet("")
        self.backup_status.setText(self.tr("Backing up…"))
        workers.start(lambda task: write_backup(ledger, folder), self._backed_up, self._backup_failed,
                      owner=self)

    def _set_busy(self, busy: bool) -> None:
        # No closing, no OK and no second backup while one is being written.
        self.busy = busy
        for w in (self.backup_button, self.browse_button, self.buttons, self.folder_edit, self.operator_edit,
                  self.language_combo, self.daily_check, self.enroll_button):
            w.setEnabled(not busy)

    def _backed_up(self, path: Path) -> None:
        self._set_busy(False)
        self.backup_status.setText(self.tr("Backed up to {path}").format(path=path))
        self.backup_button.setFocus()

    def _backup_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.backup_status.setStyleSheet(ERROR_STYLE)
        self.backup_status.setText(self.failure_text(exc))

    def failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, LedgerError):
            return exc.text()
        if isinstance(exc, OSError):
            return self.tr("The backup could not be written: {reason}").format(reason=exc.strerror or exc)
        log.error("backup failed: %s", getattr(exc, "trace", repr(exc)))
        return self.tr("The backup failed ({error}).").format(error=type(exc).__name__)

    def _show_folder_error(self, text: str) -> None:
        self.folder_error.setText(text)
        self.folder_error.show()
        self.folder_edit.setFocus()

    # -- OK / Cancel ----------------------------------------------------------------------
    def accept(self) -> None:
        """Apply and save everything, or nothing if the operator or folder is refused."""
        if self.busy:
            return
        problem = self._folder_problem()
        if problem:
            self._show_folder_error(problem)
            return
        operator = self.operator_edit.text().strip()
        if operator != self.ledger.operator:
            try:
                self.ledger.set_operator(operator)
            except LedgerError as exc:
                self.operator_error.setText(exc.text())
                self.operator_error.show()
                self.operator_edit.setFocus()
                return
        folder = self.chosen_folder()
        self.settings.set(S.BACKUP_FOLDER, "" if folder == default_backup_folder() else str(folder))
        self.settings.set(S.DAILY_BACKUP, self.daily_check.isChecked())
        language = self.language_combo.currentData()
        changed = language != self.settings.get(S.LANGUAGE)
        self.settings.set(S.LANGUAGE, language)
        self.settings.sync()
        super().accept()
        if changed:
            self.sig_language_changed.emit(language)

