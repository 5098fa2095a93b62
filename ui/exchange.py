"""Handing data over without a hub, in words a secretary understands.

``ReportButton``: Report / exchange data, beside Sync: the hub when it answers, else the
USB step (``open_exchange``), with why in plain words.

``PhoneCheckDialog``: the phone check.  It never shows the code it expects: the person
types what the other office reads out, and a mismatch says so plainly.  An older program's
code covers the computer's keys but not its unit: the dialog then names the unit and asks
for it to be confirmed on the phone before the unit is taken as confirmed.

``ExchangeDialog``: one step on a USB stick.  It takes up what the stick brings for this
office (a package, a receipt), and then writes what the stick should carry back: the
package for the office this one reports to; or, while no office is trusted, trusts the
county from the identity file on a stick the county handed over; or, when there is none,
writes this office's own identity file and says what happens next.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMainWindow,
                               QMessageBox, QPushButton, QToolButton, QVBoxLayout, QWidget)
from shiboken6 import isValid

from desktop.errors import LedgerError
from desktop.ledger import Ledger
from desktop.offices import office_of
from sync import packages
from ui import workers
from ui.busy import BusyGuard, on_sibling
from ui.forms import ERROR_STYLE
from ui.sync_controller import NOT_ENROLLED, SyncController

OK_STYLE = "color: #2e7d32;"


class PhoneCheckDialog(QDialog):
    """Type the check code another office reads out on the phone; ``check(code, unit_shown)``
    decides (it raises :class:`packages.FingerprintMismatch` when the code differs;
    *unit_shown*: the unit was named here and confirmed on the phone).  With *in_person*, a
    second way: the identity came on a stick handed over in person.  *identity* (what the
    other office claims) tells an older program's code apart."""

    def __init__(self, office: str, check: Callable[[str, bool], object], parent: QWidget | None = None,
                 in_person: Callable[[], object] | None = None, identity: dict | None = None) -> None:
        super().__init__(parent)
        self._identity = identity
        self._unit_asked = ""
        self.setObjectName("phone_check")
        self.setWindowTitle(self.tr("Check by phone"))
        self.office = office
        self._check = check
        self._in_person = in_person
        self.result_value: object = None
        intro = QLabel(self.tr(
            "To be sure this really comes from <b>{office}</b>, phone that office. Ask the person there to open "
            "<i>Data packages (USB)</i> and read out the <b>check code</b> shown at the top: 20 letters and "
            "digits that only their computer has (also called its fingerprint). Type what you hear:").format(
            office=office), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.RichText)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("phone_code")
        self.code_edit.setPlaceholderText(self.tr("e.g. ABCD-EFGH-IJKL-MNOP-QRST"))
        self.result_label = QLabel(self)
        self.result_label.setObjectName("phone_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.PlainText)
        self.code_edit.textChanged.connect(lambda _t: self.result_label.clear())
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Check and trust"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Not now"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.in_person_button = None
        if in_person is not None:
            self.in_person_button = QPushButton(self.tr("They handed me this stick in person"), self)
            self.in_person_button.setObjectName("in_person")
            self.in_person_button.setAutoDefault(False)
            self.in_person_button.clicked.connect(self.trust_in_person)
            self.buttons.addButton(self.in_person_button, QDialogButtonBox.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def accept(self) -> None:
        typed = self.code_edit.text().strip()
        if not typed:
            self._say(self.tr("Type the code the other office reads out first."), ERROR_STYLE)
            return
        old = self._identity is not None and packages.code_version(self._identity, typed) == 1
        code = packages.normalise_fingerprint(typed)
        if old and self._unit_asked != code:
            self._unit_asked = code
            self._say(self.tr("This is the check code of an older version of the program: it proves the computer, "
                              "not the unit it works for. Ask on the phone whether the office is {unit} "
                              "(division code {scope}). If it is, click \"Check and trust\" again.").format(
                unit=office_unit(self._identity), scope=self._identity["scope"] or "-"), ERROR_STYLE)
            return
        try:
            self.result_value = self._check(typed, old)
        except packages.FingerprintMismatch:
            self._say(self.tr("This is not the code of {office}'s computer. Do not trust it: check what you typed, "
                              "or phone again and have it read out slowly. Nothing from a computer whose code does "
                              "not match is ever applied.").format(office=self.office), ERROR_STYLE)
            self.code_edit.selectAll()
            self.code_edit.setFocus()
            return
        except LedgerError as exc:
            self._say(exc.text(), ERROR_STYLE)
            return
        super().accept()

    def trust_in_person(self) -> None:
        try:
            self.result_value = self._in_person()
        except LedgerError as exc:
            self._say(exc.text(), ERROR_STYLE)
            return
        super().accept()

    def _say(self, text: str, style: str) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(style)


def office_unit(identity: dict) -> str:
    from desktop.offices import Office

    return Office(identity["device_id"], identity["scope"], identity.get("name") or "").unit_name()


def trust_on_hub_word(ledger: Ledger, identity: dict) -> list | None:
    """Trust an office without a phone call when its identity carries a statement of a hub
    this ledger knows (the reports of its held packages, now imported); None when it carries
    none, or one of another hub (the phone check decides).  A forged statement raises."""
    if "statement" not in identity:
        return None
    try:
        packages.trust_by_statement(ledger, identity)
    except packages.StatementUnknownHub:
        return None
    return packages.release_held(ledger, identity["device_id"])


def check_held_by_phone(ledger: Ledger, held: packages.HeldPackage, parent: QWidget | None) -> list | None:
    """Ask for the check code of a held package's sender; the import reports of its
    packages once it matched, None when the person gave up."""
    dialog = PhoneCheckDialog(held.office().text(),
                              lambda code, shown: packages.confirm_held(ledger, held.device_id, code,
                                                                        scope_shown=shown), parent,
                              identity=held.identity)
    return dialog.result_value if dialog.exec() == QDialog.Accepted else None


def imported_text(ledger: Ledger, reports: list) -> str:
    """What imports did, in one line per package or receipt; refused changes name their
    office, and so does an office that refused changes of ours."""
    lines = []
    for r in reports:
        if isinstance(r, packages.ReceiptReport):
            lines.append(QCoreApplication.translate(
                "PackagesDialog", "Receipt read: %n change(s) newly confirmed as delivered.", "", r.acknowledged))
        else:
            lines.append(QCoreApplication.translate(
                "ExchangeDialog", "Imported from {office}: {applied} new, {had} already here, {rejected} refused.").format(
                office=office_of(ledger, r.sender).text(), applied=r.applied, had=r.already_had,
                rejected=len(r.rejected)))
            for origin, seq, reason in r.rejected[:10]:
                lines.append(f"  {office_of(ledger, origin).text()} #{seq}: {reason}")
        if r.refused_by_them:
            lines.append(QCoreApplication.translate(
                "ExchangeDialog", "{office} refused {n} of the changes this office handed over (first reason: "
                "{reason}). They stay here; click the sync status for the list.").format(
                office=office_of(ledger, r.sender).text(), n=len(r.refused_by_them),
                reason=r.refused_by_them[0].get("reason", "")))
    return "\n".join(lines)


class ExchangeDialog(BusyGuard, QDialog):
    """Hand data over on a USB stick, in one step (see the module)."""

    sig_changed = Signal()
    """The ledger changed (a package applied, an office trusted, a package written)."""

    EXPORT, TRUST, IDENTITY = "export", "trust", "identity"

    def __init__(self, ledger: Ledger, parent: QWidget | None = None, reason: str = "") -> None:
        super().__init__(parent)
        from ui import package_dialogs

        self._drives = package_dialogs.removable_drives
        self.ledger = ledger
        self.setObjectName("exchange_dialog")
        self.setWindowTitle(self.tr("Hand over data on a USB stick"))
        heading = QLabel(f"<b>{self.windowTitle()}</b>", self)
        heading.setTextFormat(Qt.RichText)
        self.reason = QLabel(reason, self)
        self.reason.setObjectName("exchange_reason")
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(reason))
        self.drive = QComboBox(self)
        self.drive.setObjectName("exchange_drive")
        self.target = QComboBox(self)
        self.target.setObjectName("exchange_target")
        self.state = QLabel(self)
        self.state.setObjectName("exchange_state")
        self.state.setWordWrap(True)
        self.go_button = QPushButton(self)
        self.go_button.setObjectName("exchange_go")
        self.go_button.setDefault(True)
        self.status = QLabel(self)
        self.status.setObjectName("exchange_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.go_button.clicked.connect(self.go)
        self.drive.currentIndexChanged.connect(lambda _i: self.refresh_state())
        self.target.currentIndexChanged.connect(lambda _i: self.refresh_state())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.tr("USB stick:"), self.drive)
        self.target_label = QLabel(self.tr("For:"), self)
        form.addRow(self.target_label, self.target)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.state)
        layout.addWidget(self.go_button, 0, Qt.AlignLeft)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.mode = self.IDENTITY
        self._stick_identity: packages.StickIdentity | None = None
        self._task = None
        self.fill_drives()
        self.fill_targets()
        self.refresh_state()
        self.setMinimumWidth(600)
        self.resize(640, self.layout().totalHeightForWidth(640))

    # ------------------------------------------------------------- choices
    def fill_drives(self) -> None:
        self.drive.blockSignals(True)
        self.drive.clear()
        for label, folder in self._drives():
            self.drive.addItem(label, folder)
        self.drive.addItem(self.tr("Another folder…"), None)
        self.drive.blockSignals(False)

    def fill_targets(self) -> None:
        """The trusted offices, those above this one first (where a township reports to)."""
        scope = self.ledger.scope or ""
        rows = packages.delivery_status(self.ledger)
        rows.sort(key=lambda p: (not (scope != p.scope and scope.startswith(p.scope)), p.scope))
        self.target.blockSignals(True)
        self.target.clear()
        for p in rows:
            self.target.addItem(office_of(self.ledger, p.device_id).text(), p.device_id)
            self.target.setItemData(self.target.count() - 1, p.device_id, Qt.ToolTipRole)
        self.target.blockSignals(False)

    def folder(self) -> str | None:
        return self.drive.currentData()

    def refresh_state(self) -> None:
        """What pressing the button will do, in words."""
        self._stick_identity = None
        has_target = self.target.count() > 0
        self.target.setVisible(has_target)
        self.target_label.setVisible(has_target)
        folder = self.folder()
        upper = packages.upper_identities_on(self.ledger, folder) if folder else []
        if has_target:
            self.mode = self.EXPORT
            office = self.target.currentText()
            self.state.setText(self.tr("The package for {office} is written to the stick and checked; what the "
                                       "stick brings for this office is taken up first. Then take the stick to "
                                       "them.").format(office=office))
            self.go_button.setText(self.tr("Write the package"))
        elif upper:
            self.mode = self.TRUST
            self._stick_identity = upper[0]
            office = upper[0].office().text()
            self.state.setText(self.tr(
                "This stick carries the identity file of {office}: it lets this computer seal packages that only "
                "they can open. If they handed you this stick in person, trust them with one click (you can "
                "check by phone instead).").format(office=office))
            self.go_button.setText(self.tr("Trust {office}").format(office=office))
        else:
            self.mode = self.IDENTITY
            self.state.setText(self.tr(
                "No office is trusted yet, so no package can be sealed for anyone. Instead, write this office's "
                "identity file (what other offices need to open its packages) onto the stick and take it to your "
                "county office. There they trust your office and put their identity file and a package for you "
                "onto the stick. When it comes back, press Report / exchange data again."))
            self.go_button.setText(self.tr("Write this office's identity onto the stick"))

    # ------------------------------------------------------------- actions
    def go(self) -> None:
        if self.busy:
            return
        folder = self.folder()
        if not folder:
            from ui import package_dialogs

            folder = package_dialogs.choose_folder(self, self.tr("Choose the USB stick"))
            if not folder:
                return
        if self.mode == self.TRUST and self._stick_identity is not None:
            self.trust_from_stick(self._stick_identity)
        elif self.mode == self.EXPORT:
            self.exchange(folder, self.target.currentData())
        else:
            self.write_identity(folder)

    def trust_from_stick(self, found: packages.StickIdentity) -> None:
        ledger, ident = self.ledger, found.identity
        try:
            reports = trust_on_hub_word(ledger, ident)
        except LedgerError as exc:
            self.status.setText(exc.text())
            return
        if reports is None:
            dialog = PhoneCheckDialog(found.office().text(), lambda code, shown: packages.trust_office(
                ledger, ident, code=code, scope_shown=shown), self, in_person=lambda: packages.trust_office(ledger, ident),
                identity=ident)
            if dialog.exec() != QDialog.Accepted:
                return
            reports = dialog.result_value
        text = self.tr("{office} is trusted: packages can now go both ways.").format(office=found.office().text())
        if reports:
            text += "\n" + imported_text(ledger, reports)
        self.status.setText(text)
        self.sig_changed.emit()
        self.fill_targets()
        self.refresh_state()

    def write_identity(self, folder: str) -> None:
        try:
            path = packages.peer_identity_file(self.ledger, folder)
        except LedgerError as exc:
            self._show(exc.text(), ERROR_STYLE)
            return
        self._show(self.tr("Written: {file}. Take the stick to your county office; they will give it back with "
                           "their identity file and a package for you.").format(file=Path(path).name), OK_STYLE)

    def exchange(self, folder: str, receiver: str) -> None:
        """In a worker: take up what the stick brings for this office, then write the package."""

        def job(db: Ledger, task) -> tuple[list, list, Path]:
            reports, held = [], []
            for path in packages.packages_for(db, folder):
                got = packages.receive(db, path)
                (held if isinstance(got, packages.HeldPackage) else reports).append(got)
            return reports, held, packages.export_package(db, folder, receiver, progress=task.progress)

        self.busy = True
        self.go_button.setEnabled(False)
        self._show(self.tr("Writing the package…"), "")
        self._task = workers.start(on_sibling(self.ledger, job), self._exchanged, self._failed)

    def _exchanged(self, result) -> None:
        if not isValid(self):
            return
        self.busy = False
        self.go_button.setEnabled(True)
        reports, held, path = result
        lines = [self.tr("The package was written and checked: {file}. The stick can be removed safely.").format(
            file=Path(path).name)]
        if reports:
            lines.append(imported_text(self.ledger, reports))
        for h in held:
            lines.append(self.tr("A package from {office} waits for a check by phone (Data packages (USB)).").format(
                office=h.office().text()))
        self._show("\n".join(lines), OK_STYLE)
        self.sig_changed.emit()

    def _failed(self, exc) -> None:
        if not isValid(self):
            return
        self.busy = False
        self.go_button.setEnabled(True)
        text = exc.text() if isinstance(exc, LedgerError) else self.tr("The package could not be written: {reason}").format(
            reason=exc)
        self._show(text, ERROR_STYLE)
        QMessageBox.warning(self, self.windowTitle(), text)

    def _show(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)


class ReportButton(QToolButton):
    """Report / exchange data: the one way up.  When the hub answers, a sync; when it does
    not (or this office was never enrolled), the USB stick, offered right there."""

    sig_use_stick = Signal(str)
    """No hub answered: open the USB step, with why in plain words."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_button")
        self.controller = controller
        self._waiting = False
        self.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.TabFocus)
        self.clicked.connect(self.report)
        controller.sig_finished.connect(self._finished)
        controller.sig_changed.connect(self.update_look)
        self.update_look()

    def update_look(self) -> None:
        if not isValid(self):
            return
        self.setText(self.tr("Report / exchange data"))
        self.setEnabled(not self.controller.is_running())
        self.setToolTip(self.tr("Hand this office's changes up: through the hub when it answers, otherwise on a "
                                "USB stick."))

    def report(self) -> None:
        c = self.controller
        if c.is_running():
            return
        if c.state == NOT_ENROLLED:
            self.sig_use_stick.emit(self.tr(
                "This computer is not connected to a hub, so the data goes on a USB stick. The package is sealed: "
                "only the office it is for can open it."))
            return
        self._waiting = c.sync_now()

    def _finished(self, ok: bool, message: str) -> None:
        if not self._waiting or not isValid(self):
            return
        self._waiting = False
        if not ok and self.controller.reachable is False:
            self.sig_use_stick.emit(self.tr(
                "The hub did not answer ({error}). Hand the data over on a USB stick instead:").format(error=message))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.LanguageChange:
            self.update_look()
        super().changeEvent(event)


def open_exchange(window: QMainWindow, reason: str = ""):
    """Show the USB step (``ui.exchange.ExchangeDialog``) without blocking; returns it."""
    from ui.exchange import ExchangeDialog

    dialog = ExchangeDialog(window.ledger, window, reason)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    status = getattr(window, "sync_status", None)
    if status is not None:
        dialog.sig_changed.connect(status.refresh)
    if hasattr(window, "refresh"):
        dialog.sig_changed.connect(window.refresh)
    dialog.open()
    window.exchange_dialog = dialog
    return dialog
