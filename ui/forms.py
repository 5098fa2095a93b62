"""Add and edit forms, built from the record declarations: the right widget per field,
required fields marked, the core's validation errors shown beside each field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (QCalendarWidget, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QScrollArea, QSpinBox,
                               QToolButton, QVBoxLayout, QWidget, QWidgetAction)

from desktop.records.enums import enumerations
from desktop.errors import LedgerError, ValidationError
from desktop.scope.geo import geography
from desktop.ledger import Ledger
from desktop.records import KINDS, ORGANISATION, Field, Kind, T
from desktop.records.dates import parse_date_text
from desktop.records.display import editable
from ui.widgets import ERROR_STYLE, searchable_combo



class DateField(QWidget):
    """A date typed as people write it (1996-08-01, 1996.8.1, 1996年8月1日, 19960801, or a month
    alone: 1996-08), or picked from a calendar.  Empty stays empty: nothing is filled in by
    itself.  Text that is no date is passed on as typed, so the core names the problem."""

    dateChanged = Signal()
    """The value changed (typed or picked)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("e.g. 1996-08-01 or 1996-08"))
        self.line.textEdited.connect(lambda _text: self.dateChanged.emit())
        self.line.editingFinished.connect(self._tidy)
        self.pick = QToolButton(self)
        self.pick.setText("…")
        self.pick.setToolTip(self.tr("Choose from a calendar"))
        self.pick.setPopupMode(QToolButton.InstantPopup)
        self.calendar = QCalendarWidget(self)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_calendar)
        self.pick.setMenu(menu)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.line)

    def setMaximumDate(self, date: QDate) -> None:  # noqa: N802 - like QDateEdit
        self.calendar.setMaximumDate(date)

    def value(self) -> str | None:
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return parse_date_text(text)
        except ValueError:
            return text

    def set_value(self, text: str | None) -> None:
        self.line.setText(text or "")

    def _tidy(self) -> None:
        value = self.value()
        if value and value != self.line.text():
            try:
                parse_date_text(value)
            except ValueError:
                return
            self.line.setText(value)

    def _show_calendar(self) -> None:
        value = self.value() or ""
        d = QDate.fromString(value[:10] if len(value) >= 10 else f"{value}-01", "yyyy-MM-dd")
        self.calendar.setSelectedDate(d if d.isValid() else QDate.currentDate())

    def _picked(self, date: QDate) -> None:
        self.line.setText(date.toString("yyyy-MM-dd"))
        self.pick.menu().hide()
        self.dateChanged.emit()


def organisation_items(ledger: Ledger, f: Field) -> list[tuple[str, str]]:
    """The organisations a reference field may name, in the ledger's scope (by division)."""
    allowed = f.ref_org_kinds
    orgs = ledger.query(ORGANISATION.name, scope=ledger.scope, order_by=ORGANISATION.scope_from, limit=5000)
    return [(org["name"], org["id"]) for org in orgs if not allowed or org["kind"] in allowed]


def reference_items(ledger: Ledger, f: Field) -> list[tuple[str, str]]:
    """The records another reference field may name, by their titles (never their ids)."""
    k = KINDS[f.ref]
    title = k.title_field or "id"
    rows = ledger.query(k.name, columns=("id", title), order_by="id", limit=5000)
    return [(str(r.get(title) or r["id"]), r["id"]) for r in rows]


#: Villages are listed under a county or a township only (a province has some 50,000); above
#: that the field takes a typed code.
VILLAGES_FROM_LEVEL = 3


def division_items(scope: str, levels: tuple[int, ...] = ()) -> list[tuple[str, str]]:
    """The ledger's unit and the divisions under it down to the townships, or the divisions
    of *levels* (1 province … 5 village) among them."""
    geo = geography()
    own = geo.level(scope) if scope else 0
    units = [geo.get(scope)] if scope and (not levels or own in levels) else []
    for level in levels or (2, 3, 4):
        if scope and own < level and (level < 5 or own >= VILLAGES_FROM_LEVEL):
            units += geo.descendants(scope, level)
    if levels:
        units.sort(key=lambda d: d.code if d is not None else "")
    shown = (lambda d: f"{geo.full_name(d.code)[len(geo.full_name(scope)):]}（{d.code}）") if levels == (5,) else \
        (lambda d: f"{d.name}（{d.code}）")
    return [(shown(d), d.code) for d in units if d is not None]


class FieldWidget(QWidget):
    """One form field: its editor and the line for its error."""

    sig_changed = Signal()
    """The user changed the value."""

    def __init__(self, f: Field, ledger: Ledger, kind: Kind, parent=None) -> None:
        super().__init__(parent)
        self.field = f
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.editor = self._make_editor(f, ledger, kind)
        self.editor.setObjectName(f"field_{f.name}")
        layout.addWidget(self.editor)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{f.name}")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def _make_editor(self, f: Field, ledger: Ledger, kind: Kind) -> QWidget:
        if f.type is T.ENUM:
            return self._combo(f, [(v.label(), v.key) for v in enumerations().values(f.enum)], QComboBox(self))
        if f.type is T.REF and f.ref == ORGANISATION.name:
            return self._combo(f, organisation_items(ledger, f), searchable_combo(self))
        if f.type is T.REF:
            return self._combo(f, reference_items(ledger, f), searchable_combo(self))
        if f.type is T.DIVISION:
            return self._combo(f, division_items(ledger.scope, f.division_levels), searchable_combo(self))
        if f.type is T.DATE:
            w = DateField(self)
            if f.not_future:
                w.setMaximumDate(QDate.currentDate())
            w.dateChanged.connect(self.sig_changed)
            return w
        if f.type is T.YEAR:
            w = QSpinBox(self)
            w.setRange(1949, dt.date.today().year + 1)
            w.setValue(dt.date.today().year)
            w.setSpecialValueText(" ") if not f.required else None
            w.valueChanged.connect(self.sig_changed)
            return w
        if f.type is T.TEXT and f.max_len > 500:
            w = QPlainTextEdit(self)
            w.setTabChangesFocus(True)
            w.setFixedHeight(70)
            w.textChanged.connect(self.sig_changed)
            return w
        return self._line_edit(f)

    def _combo(self, f: Field, items: list[tuple[str, object]], box: QComboBox) -> QComboBox:
        """A choice among *items* (text, value), with an empty first choice for an optional field."""
        if not f.required:
            box.addItem("", None)
        for text, value in items:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self.sig_changed)
        return box

    def _line_edit(self, f: Field) -> QLineEdit:
        w = QLineEdit(self)
        if f.type is T.MONEY:
            w.setPlaceholderText(self.tr("yuan, e.g. 20000.00"))
            w.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9０-９,.．]*"), w))
            w.setAlignment(Qt.AlignRight)
        elif f.type is T.INT:
            w.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9０-９,]*"), w))
            w.setAlignment(Qt.AlignRight)
        elif f.type is T.PHONE:
            w.setPlaceholderText(self.tr("11-digit mobile or 0311-85123456"))
        elif f.type is T.MONTH:
            w.setPlaceholderText("2026-11")
        else:
            w.setMaxLength(f.max_len)
        w.textChanged.connect(self.sig_changed)
        return w

    def value(self):
        e = self.editor
        if isinstance(e, QComboBox):
            data = e.currentData()
            if data is None and e.isEditable() and e.currentText().strip():
                return e.currentText().strip()  # typed text that matches nothing: let the core say why
            return data
        if isinstance(e, DateField):
            return e.value()
        if isinstance(e, QSpinBox):
            return None if e.value() == e.minimum() and not self.field.required else e.value()
        if isinstance(e, QPlainTextEdit):
            return e.toPlainText()
        return e.text()

    def set_value(self, value) -> None:
        e = self.editor
        if isinstance(e, QComboBox):
            i = e.findData(value)
            if i < 0 and value is not None:
                e.addItem(str(value), value)
                i = e.count() - 1
            # a required choice an incomplete record (待补全) lacks stays blank until chosen
            e.setCurrentIndex(-1 if i < 0 else i)
        elif isinstance(e, DateField):
            e.set_value(value)
        elif isinstance(e, QSpinBox):
            e.setValue(value if value is not None else e.minimum())
        elif isinstance(e, QPlainTextEdit):
            e.setPlainText(editable(self.field, value))
        else:
            e.setText(editable(self.field, value))

    def show_error(self, text: str | None) -> None:
        if text:
            self.error.setText(text)
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()


class RecordForm(QDialog):
    """Add (``record_id=None``) or edit a record.  Enter saves, Esc cancels; nothing is
    stored until the core accepts the whole record."""

    sig_saved = Signal(str)
    """The id of the record that was saved."""

    def __init__(self, ledger: Ledger, kind: str, record_id: str | None = None, *, defaults: dict | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.kind = KINDS[kind]
        self.record_id = record_id
        self.original: dict = {}
        self.setObjectName(f"form_{kind}")
        title = self.tr("New {kind}") if record_id is None else self.tr("Edit {kind}")
        self.setWindowTitle(title.format(kind=self.kind.label.text()))
        outer = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("form_summary")
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        outer.addWidget(self.summary)
        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.fields: dict[str, FieldWidget] = {}
        for f in self.kind.fields:
            if self._hidden(f):
                continue
            w = FieldWidget(f, ledger, self.kind, body)
            label = QLabel(f.label.text() + (" *" if f.required else ""), body)
            if f.required:
                label.setStyleSheet("font-weight: bold;")
            label.setBuddy(w.editor)
            if record_id is not None and f.immutable:
                w.editor.setEnabled(False)
            form.addRow(label, w)
            w.sig_changed.connect(lambda w=w: w.show_error(None))
            self.fields[f.name] = w
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        outer.addWidget(scroll)
        note = QLabel(self.tr("Fields marked * are required."), self)
        note.setStyleSheet("color: gray;")
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        bottom = QHBoxLayout()
        bottom.addWidget(note)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)
        if record_id is not None:
            rec = ledger.get(kind, record_id)
            if rec is None:
                raise LedgerError(self.tr("The record no longer exists."))
            self.original = rec
            for name, w in self.fields.items():
                w.set_value(rec.get(name))
        else:
            for name, value in (defaults or {}).items():
                if name in self.fields:
                    self.fields[name].set_value(value)
        self._initial = {name: w.value() for name, w in self.fields.items()}
        self.resize(560, min(120 + 52 * len(self.fields), 720))

    def _hidden(self, f: Field) -> bool:
        return not self.kind.in_forms or f.name in self.kind.form_hidden

    def values(self) -> dict:
        out = {}
        for name, w in self.fields.items():
            v = w.value()
            if self.record_id is not None:
                if not w.editor.isEnabled():
                    continue
                old = self.original.get(name)
                if (v in ("", None) and old is None) or v == old or v == editable(w.field, old):
                    continue
            out[name] = v
        return out

    def changed(self) -> bool:
        """Whether anything was typed or chosen since the form opened."""
        return any(w.value() != self._initial.get(name) for name, w in self.fields.items())

    def reject(self) -> None:
        """Cancel or Esc: a form with changes asks before they are thrown away."""
        if self.changed():
            answer = QMessageBox.question(self, self.windowTitle(), self.tr("Discard what you typed in this form?"),
                                          QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return
        super().reject()

    def save(self) -> None:
        for w in self.fields.values():
            w.show_error(None)
        self.summary.hide()
        values = self.values()
        self.previous = {n: self.original.get(n) for n in values}
        try:
            if self.record_id is None:
                self.record_id = self.ledger.create(self.kind.name, values)
            elif values:
                self.ledger.update(self.kind.name, self.record_id, values)
        except ValidationError as exc:
            shown = False
            for e in exc.errors:
                w = self.fields.get(e.field)
                if w is not None:
                    w.show_error(e.text())
                    if not shown:
                        w.editor.setFocus()
                    shown = True
            unplaced = [e.full_text() for e in exc.errors if e.field not in self.fields]
            if unplaced or not shown:
                self.summary.setText("\n".join(unplaced) or exc.text())
                self.summary.show()
            if self.record_id is not None and not self.original:
                self.record_id = None
            return
        except LedgerError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text())
            return
        self.sig_saved.emit(self.record_id)
        self.accept()

