"""Cascading selectors of a division (province → prefecture → county → township), with
search by any part of a name; used by the first-start wizard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.scope.geo import CODE_LENGTH, COUNTY, PREFECTURE, PROVINCE, TOWNSHIP, Division, geography, level_of_code
from ui.widgets import ERROR_STYLE, heading_label, searchable_combo, text_label


class DivisionPicker(QWidget):
    """Cascading selectors province → prefecture → county (→ township).

    Each level is an editable combo box: type part of a name to search, or open the list.
    Choosing a unit fills the next level; the chosen unit is the deepest level filled, so a
    county office stops at the county and leaves the township empty.  Township lists show
    rural townships (乡/镇) first and mark streets (街道) and other units.
    """

    sig_changed = Signal()
    """The chosen unit (or the validity of the typed text) changed."""

    def __init__(self, max_level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.geo = geography()
        self.max_level = max_level
        # Per level: the chosen code, "" when empty, None when the text matches no unit.
        self._codes: list[str | None] = [""] * max_level
        self._change_pending = False
        self.combos: list[QComboBox] = []
        self.labels: list[QLabel] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for level in range(1, max_level + 1):
            combo = searchable_combo(self)
            combo.setObjectName(f"division_{level}")
            combo.setMaxVisibleItems(15)
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            completer = combo.completer()
            completer.setMaxVisibleItems(15)
            completer.popup().installEventFilter(self)
            combo.currentIndexChanged.connect(lambda _i, lv=level: self._on_text(lv))
            combo.editTextChanged.connect(lambda _t, lv=level: self._on_text(lv))
            combo.lineEdit().editingFinished.connect(lambda lv=level: self._complete_unique(lv))
            label = QLabel(self)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos.append(combo)
            self.labels.append(label)
        outer.addLayout(form)
        self.name_label = heading_label(self, "unit_name", wrap=True, selectable=True)
        self.detail_label = text_label(self, "unit_detail", selectable=True)
        outer.addSpacing(8)
        outer.addWidget(self.name_label)
        outer.addWidget(self.detail_label)
        self._fill(PROVINCE, "")
        self.retranslate()

    # -- state ----------------------------------------------------------------------------
    def code(self) -> str:
        """The deepest unit chosen, "" if none."""
        code = ""
        for c in self._codes:
            if not c:
                break
            code = c
        return code

    def is_valid(self) -> bool:
        """False while a level holds text that names no unit of its list."""
        return all(c is not None for c in self._codes)

    def set_code(self, code: str) -> None:
        """Choose *code* (and its parents), as far down as this picker goes."""
        last = min(level_of_code(code) or 0, self.max_level)
        for level in range(1, last + 1):
            combo = self.combos[level - 1]
            i = combo.findData(code[: CODE_LENGTH[level]])
            if i < 0:
                return
            combo.setCurrentIndex(i)
            combo.setEditText(combo.itemText(i))

    def focus_first_open(self) -> None:
        """Put the cursor in the first level still to choose (or the last one)."""
        for combo, code in zip(self.combos, self._codes):
            if not code and combo.isEnabled():
                combo.setFocus()
                return
        self.combos[-1 if self.combos[-1].isEnabled() else 0].setFocus()

    # -- filling and resolving ------------------------------------------------------------
    def _item_text(self, d: Division) -> str:
        if d.level != TOWNSHIP:
            return d.name
        kind = self.geo.township_kind(d.code)
        if kind == "street":
            return d.name + self.tr(" (urban street)")
        if kind == "other":
            return d.name + self.tr(" (other unit)")
        return d.name

    def _fill(self, level: int, parent_code: str) -> None:
        """Refill *level* with the children of *parent_code* (none if ""); clear deeper levels."""
        if level > self.max_level:
            return
        combo = self.combos[level - 1]
        units = self.geo.children(parent_code) if (parent_code or level == PROVINCE) else []
        if level == TOWNSHIP:
            order = {"township": 0, "town": 0, "other": 1, "street": 2}
            units.sort(key=lambda d: (order[self.geo.township_kind(d.code)], d.code))
        combo.blockSignals(True)
        combo.clear()
        grey = QBrush(QColor("#757575"))
        for d in units:
            combo.addItem(self._item_text(d), d.code)
            if level == TOWNSHIP and not self.geo.is_rural_township(d.code):
                combo.setItemData(combo.count() - 1, grey, Qt.ForegroundRole)
        combo.setCurrentIndex(-1)
        combo.setEditText("")
        combo.blockSignals(False)
        combo.setEnabled(bool(units))
        self._codes[level - 1] = ""
        self._fill(level + 1, "")

    def _on_text(self, level: int) -> None:
        combo = self.combos[level - 1]
        text = combo.currentText().strip()
        if not text:
            code: str | None = ""
        else:
            i = combo.findText(text, Qt.MatchFixedString)
            code = combo.itemData(i) if i >= 0 else None
        if code == self._codes[level - 1]:
            return
        self._codes[level - 1] = code
        if level < self.max_level:
            self._fill(level + 1, code or "")
        self._show_summary()
        self._announce()

    def _announce(self) -> None:
        # Arrowing through the search list changes the text; a wizard reacting to each step
        # (enabling Next) closes the list, so the change is announced once the list closes.
        if any(c.completer().popup().isVisible() for c in self.combos):
            self._change_pending = True
        else:
            self.sig_changed.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Hide and self._change_pending:
            self._change_pending = False
            self.sig_changed.emit()
        return False

    def _complete_unique(self, level: int) -> None:
        """On leaving a level whose text names no unit, take the only unit containing it."""
        if self._codes[level - 1] is not None:
            return
        combo = self.combos[level - 1]
        text = combo.currentText().strip().casefold()
        hits = [i for i in range(combo.count()) if text in combo.itemText(i).casefold()]
        if len(hits) == 1:
            combo.setCurrentIndex(hits[0])
            combo.setEditText(combo.itemText(hits[0]))

    # -- texts ----------------------------------------------------------------------------
    def level_text(self, code: str) -> str:
        level = self.geo.level(code)
        if level == PROVINCE:
            return self.tr("province level")
        if level == PREFECTURE:
            return self.tr("prefecture level")
        if level == COUNTY:
            return self.tr("county level")
        kind = self.geo.township_kind(code)
        return {
            "township": self.tr("rural township (乡)"),
            "town": self.tr("rural town (镇)"),
            "street": self.tr("urban street (街道), not a rural township"),
        }.get(kind, self.tr("township-level unit, not a rural township"))

    def _show_summary(self) -> None:
        bad = next((i for i, c in enumerate(self._codes) if c is None), None)
        if bad is not None:
            text = self.combos[bad].currentText().strip()
            self.name_label.setText(self.tr("“{text}” is not in the list.").format(text=text))
            self.detail_label.setText(self.tr("Pick a name from the list, or clear the field."))
            self.name_label.setStyleSheet(ERROR_STYLE)
            return
        self.name_label.setStyleSheet("")
        code = self.code()
        if not code:
            self.name_label.setText(self.tr("No unit chosen yet."))
            self.detail_label.setText("")
            return
        self.name_label.setText(self.geo.full_name(code))
        self.detail_label.setText(self.tr("Division code {code} · {level}").format(
            code=code, level=self.level_text(code)))

    def retranslate(self) -> None:
        names = {PROVINCE: self.tr("&Province"), PREFECTURE: self.tr("P&refecture"),
                 COUNTY: self.tr("&County"), TOWNSHIP: self.tr("&Township")}
        for level, (label, combo) in enumerate(zip(self.labels, self.combos), start=1):
            label.setText(names[level])
            if level == TOWNSHIP:
                hint = self.tr("Leave empty for a county office, or type to search")
            else:
                hint = self.tr("Type part of the name, or pick from the list")
            combo.lineEdit().setPlaceholderText(hint)
        if self.max_level >= TOWNSHIP:
            combo = self.combos[TOWNSHIP - 1]
            combo.blockSignals(True)
            for i in range(combo.count()):
                d = self.geo.get(combo.itemData(i))
                if d is not None:
                    combo.setItemText(i, self._item_text(d))
            combo.blockSignals(False)
        self._show_summary()
