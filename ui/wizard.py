"""First start (首次使用向导): create the ledger of the user's unit, or a demo ledger
(演示台账) filled with made-up data to try things out.

The wizard only asks; creating and building run in a worker (``ui.workers``).  After an
accepted ``exec()``, ``wizard.ledger_path`` names the ledger created (closed again, for the
main window to open) and ``wizard.is_demo`` says whether it is the demo.  The language
chosen on the welcome page is installed at once and kept in ``wizard.language`` for the
caller to save in the settings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QRadioButton, QSizePolicy, QVBoxLayout, QWidget, QWizard,
                               QWizardPage)

from desktop import i18n as core_i18n
from desktop import paths
from desktop.tools import demo
from desktop.errors import LedgerError
from desktop.scope.geo import CODE_LENGTH, COUNTY, TOWNSHIP, geography
from ui import i18n, workers
from ui.division_picker import DivisionPicker
from ui.widgets import ERROR_STYLE, error_label, note_label, push_button, save_file_name, text_label

log = logging.getLogger(__name__)

PAGE_WELCOME, PAGE_UNIT, PAGE_OPERATOR, PAGE_DEMO = range(4)

#: The county the demo offers first: 河北省石家庄市栾城区.
DEMO_COUNTY = "130111"

#: Languages offered, each named in its own language (never translated).

# ----------------------------------------------------------------------------- widgets

class WelcomePage(QWizardPage):
    """Create the ledger of my unit, or open a demo; and the language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.create_radio = QRadioButton(self)
        self.create_radio.setObjectName("choice_create")
        self.create_radio.setChecked(True)
        self.create_note = note_label(self)
        self.demo_radio = QRadioButton(self)
        self.demo_radio.setObjectName("choice_demo")
        self.demo_note = note_label(self)
        group = QButtonGroup(self)
        group.addButton(self.create_radio)
        group.addButton(self.demo_radio)
        self.language_label = QLabel("Language / 语言", self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language")
        for code, name in i18n.LANGUAGES:
            self.language_combo.addItem(name, code)
        i = self.language_combo.findData(core_i18n.language())
        self.language_combo.setCurrentIndex(max(i, 0))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.language_label.setBuddy(self.language_combo)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        for radio, note in ((self.create_radio, self.create_note), (self.demo_radio, self.demo_note)):
            layout.addWidget(radio)
            note.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(note)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language_combo)
        row.addStretch(1)
        layout.addLayout(row)

    def demo_chosen(self) -> bool:
        return self.demo_radio.isChecked()

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return PAGE_DEMO if self.demo_chosen() else PAGE_UNIT

    def _language_chosen(self) -> None:
        language = self.language_combo.currentData()
        i18n.install(language)
        wizard = self.wizard()
        if wizard is not None:
            wizard.language = language
            # Also done on QEvent.LanguageChange; Qt sends none when no translator changes.
            wizard.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to Township Ledger"))
        self.setSubTitle(self.tr("The work ledger of your Youth League office, kept on this computer."))
        self.intro.setText(self.tr("What would you like to do?"))
        self.create_radio.setText(self.tr("Create the ledger of my unit"))
        self.create_note.setText(self.tr(
            "Choose your unit and enter your name. You start with an empty ledger."))
        self.demo_radio.setText(self.tr("Open a demo ledger to try things out"))
        self.demo_note.setText(self.tr(
            "A separate ledger filled with made-up data for one county. Your own ledger is not touched."))


class UnitPage(QWizardPage):
    """Which unit the ledger belongs to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = DivisionPicker(TOWNSHIP, self)
        self.picker.sig_changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.picker.focus_first_open()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.picker.is_valid() and bool(self.picker.code())

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return PAGE_OPERATOR

    def retranslate(self) -> None:
        self.setTitle(self.tr("Your unit"))
        self.setSubTitle(self.tr(
            "Choose your unit level by level; type part of a name to search. A county office stops at the county and leaves the township empty."))
        self.picker.retranslate()


class OperatorPage(QWizardPage):
    """Who keeps the ledger, and where the file goes; Finish creates it."""

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = default_path
        self.busy = False
        self.created: Path | None = None
        self._error: BaseException | None = None

        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("operator_unit")
        self.unit_label.setWordWrap(True)
        self.operator_label = QLabel(self)
        self.operator_edit = QLineEdit(self)
        self.operator_edit.setObjectName("operator")
        self.operator_edit.setMaxLength(40)
        self.operator_edit.textChanged.connect(self._operator_changed)
        self.operator_label.setBuddy(self.operator_edit)
        self.operator_note = note_label(self)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("ledger_path")
        self.path_edit.setReadOnly(True)
        self.path_edit.setText(str(self.path))
        self.change_button = push_button(self, "change_path", self._choose_path)
        self.path_label.setBuddy(self.change_button)
        self.error_label = error_label(self, "operator_error", selectable=True)
        self.status_label = note_label(self)
        self.status_label.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.operator_label, self.operator_edit)
        form.addRow("", self.operator_note)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.change_button)
        form.addRow(self.path_label, path_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.unit_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._show_unit()
        self.operator_edit.setFocus()

    def _show_unit(self) -> None:
        code = self.wizard().unit_page.picker.code() if self.wizard() else ""
        if code:
            self.unit_label.setText(self.tr("Ledger of {unit} ({code})").format(
                unit=geography().full_name(code), code=code))

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.operator_edit.text().strip()) and not self.busy

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1

    def _operator_changed(self) -> None:
        self._show_error(None)
        self.completeChanged.emit()

    def _choose_path(self) -> None:
        name = save_file_name(self, "ledger", self.tr("Save the new ledger as"), self.path,
                              self.tr("Ledger files (*.sqlite)"), options=QFileDialog.DontConfirmOverwrite)
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        self.path = path
        self.path_edit.setText(str(path))
        self._show_error(None)

    def _show_error(self, exc: BaseException | None) -> None:
        self._error = exc
        if exc is None:
            self.error_label.hide()
            self.error_label.clear()
        else:
            self.error_label.setText(self.wizard().failure_text(exc))
            self.error_label.show()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.created is not None:
            return True
        if self.busy or not self.isComplete():
            return False
        scope = self.wizard().unit_page.picker.code()
        operator = self.operator_edit.text().strip()
        path = self.path
        self._show_error(None)
        self._set_busy(True)
        workers.start(lambda task: demo.create_ledger(path, scope, operator), self._created, self._failed,
                      owner=self)
        return False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for w in (self.operator_edit, self.change_button):
            w.setEnabled(not busy)
        self.status_label.setText(self.tr("Creating the ledger…"))
        self.status_label.setVisible(busy)
        self.completeChanged.emit()
        self.wizard().set_buttons_busy(busy)

    def _created(self, path: Path) -> None:
        self.created = path
        self._set_busy(False)
        self.wizard().finished_with(path, demo=False)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(exc)
        self.operator_edit.setFocus()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Operator and ledger file"))
        self.setSubTitle(self.tr("Who keeps the ledger, and where it is saved on this computer."))
        self.setButtonText(QWizard.FinishButton, self.tr("&Create the ledger"))
        self.operator_label.setText(self.tr("&Operator name"))
        self.operator_edit.setPlaceholderText(self.tr("Your name, e.g. 张三"))
        self.operator_note.setText(self.tr("Required. It is recorded with every change you make."))
        self.path_label.setText(self.tr("Ledger &file"))
        self.change_button.setText(self.tr("Change…"))
        self.status_label.setText(self.tr("Creating the ledger…"))
        self._show_unit()
        if self._error is not None:
            self._show_error(self._error)


class DemoPage(QWizardPage):
    """Choose a county and build its demo ledger, with progress and cancel."""

    def __init__(self, demo_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.demo_path = demo_path
        self.busy = False
        self.built: Path | None = None
        self.task: workers.Task | None = None
        self._status: tuple[str, tuple] = ("", ())
        self.picker = DivisionPicker(COUNTY, self)
        self.picker.sig_changed.connect(self._unit_changed)
        self.info_label = note_label(self)
        self.info_label.setObjectName("demo_info")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("demo_progress")
        self.progress.hide()
        self.status_label = text_label(self, "demo_status", selectable=True)
        self.cancel_button = push_button(self, "demo_cancel", self.cancel)
        self.cancel_button.hide()
        self.cancel_button.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.info_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        self.picker.set_code(DEMO_COUNTY)

    def rural_townships(self, county: str) -> int:
        geo = geography()
        return sum(1 for d in geo.children(county) if geo.is_rural_township(d.code))

    def county(self) -> str:
        code = self.picker.code()
        return code if self.picker.is_valid() and len(code) == CODE_LENGTH[COUNTY] else ""

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.picker.focus_first_open()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        county = self.county()
        return bool(county) and self.rural_townships(county) > 0 and not self.busy

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1

    def _unit_changed(self) -> None:
        self._set_status("")
        self._show_info()
        self.completeChanged.emit()

    def _show_info(self) -> None:
        county = self.county()
        if not county:
            self.info_label.setText(self.tr("Choose a county: the demo covers one county."))
            return
        n = self.rural_townships(county)
        if n == 0:
            self.info_label.setText(self.tr("This county has no rural townships. Choose another county."))
            return
        self.info_label.setText(self.tr(
            "Made-up data for the rural townships of this county ({n}): league organisations, committee members, funding, meetings and more. The demo ledger is saved as {path} and replaces an earlier demo there."
        ).format(n=n, path=self.demo_path))

    def _set_status(self, source: str, *args) -> None:
        """Keep the status as a key (and its values), so a language switch can retranslate it."""
        self._status = (source, args)
        self._show_status()

    def _show_status(self) -> None:
        source, args = self._status
        texts = {
            "": "",
            "starting": self.tr("Preparing the demo ledger…"),
            "progress": self.tr("Building the demo ledger: township {done} of {total}…"),
            "cancelling": self.tr("Cancelling…"),
            "cancelled": self.tr("Cancelled. No demo ledger was kept."),
        }
        if source == "failed":
            self.status_label.setStyleSheet(ERROR_STYLE)
            self.status_label.setText(self.wizard().failure_text(args[0]))
            return
        self.status_label.setStyleSheet("")
        text = texts[source]
        if source == "progress":
            text = text.format(done=args[0], total=args[1])
        self.status_label.setText(text)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self.built is not None:
            return True
        if self.busy or not self.isComplete():
            return False
        county, path, operator = self.county(), self.demo_path, self.tr("Demo user")
        self._set_busy(True)
        self.progress.setRange(0, 0)
        self._set_status("starting")
        self.task = workers.start(lambda task: demo.build_demo(path, county, operator, progress=task.progress),
                                  self._built, self._failed, self._progress, owner=self)
        return False

    def cancel(self) -> None:
        """Stop the build; the worker deletes what it had built."""
        if self.task is not None and self.busy:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self._set_status("cancelling")

    def _progress(self, done: int, total: int) -> None:
        if self.task is not None and self.task.cancelled:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._set_status("progress", done, total)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.picker.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.completeChanged.emit()
        self.wizard().set_buttons_busy(busy)
        if busy:
            self.cancel_button.setFocus()

    def _built(self, path: Path) -> None:
        self.task = None
        self.built = path
        self._set_busy(False)
        self._set_status("")
        self.wizard().finished_with(path, demo=True)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if isinstance(exc, workers.Cancelled):
            self._set_status("cancelled")
        else:
            self._set_status("failed", exc)
        self.picker.focus_first_open()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Demo ledger"))
        self.setSubTitle(self.tr("Choose a county. Its demo ledger is filled with made-up data to try things out."))
        self.setButtonText(QWizard.FinishButton, self.tr("B&uild the demo"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.picker.retranslate()
        self._show_info()
        self._show_status()


class FirstStartWizard(QWizard):
    """首次使用向导: create the ledger of the user's unit, or build a demo ledger."""

    def __init__(self, parent: QWidget | None = None, ledger_path: Path | None = None,
                 demo_path: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_start_wizard")
        self.ledger_path: Path | None = None  # set when the ledger was created
        self.is_demo = False
        self.language = core_i18n.language()
        default_path = Path(ledger_path) if ledger_path else paths.default_ledger_path()
        demo_path = Path(demo_path) if demo_path else paths.data_dir() / "demo.sqlite"
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage)
        self.welcome_page = WelcomePage(self)
        self.unit_page = UnitPage(self)
        self.operator_page = OperatorPage(default_path, self)
        self.demo_page = DemoPage(demo_path, self)
        self.setPage(PAGE_WELCOME, self.welcome_page)
        self.setPage(PAGE_UNIT, self.unit_page)
        self.setPage(PAGE_OPERATOR, self.operator_page)
        self.setPage(PAGE_DEMO, self.demo_page)
        self.setStartId(PAGE_WELCOME)
        self.retranslate()
        self.resize(700, 560)

    # -- language -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Township Ledger — first start"))
        # QWizard does not update its own buttons on a language change.
        self.setButtonText(QWizard.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.CancelButton, self.tr("Cancel"))
        for page in (self.welcome_page, self.unit_page, self.operator_page, self.demo_page):
            page.retranslate()

    # -- work in progress -----------------------------------------------------------------
    def busy(self) -> bool:
        return self.operator_page.busy or self.demo_page.busy

    def set_buttons_busy(self, busy: bool) -> None:
        """While creating or building, only the page's own Cancel works."""
        self.button(QWizard.BackButton).setEnabled(not busy)
        self.button(QWizard.CancelButton).setEnabled(not busy)

    def finished_with(self, path: Path, *, demo: bool) -> None:
        self.ledger_path = path
        self.is_demo = demo
        self.accept()

    def reject(self) -> None:
        """Esc or Cancel: stops a demo build instead of closing while work runs."""
        if self.demo_page.busy:
            self.demo_page.cancel()
            return
        if self.operator_page.busy:
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.busy():
            event.ignore()
            self.demo_page.cancel()
            return
        super().closeEvent(event)

    def failure_text(self, exc: BaseException) -> str:
        """A failure as a message in the user's language, never a traceback."""
        if isinstance(exc, LedgerError):
            return exc.text()
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            where = exc.filename or ""
            return self.tr("The file {path} could not be written: {reason}").format(path=where, reason=reason)
        log.error("first start failed: %s", getattr(exc, "trace", repr(exc)))
        return self.tr("Something went wrong ({error}). Please tell the person who looks after this program.").format(
            error=type(exc).__name__)
