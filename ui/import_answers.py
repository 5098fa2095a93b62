"""What the import dialog asks about a file before importing it: one value for a column the
file lacks (or rows left to complete, 待补全), the value each unknown word of a choice column
stands for ("村干部 ×4 → 其他"), and whether the exit dates found in the remarks are taken.

The panel only shows the plan's questions and reports the answers; the dialog plans the
file again with them (``ImportOptions``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop import excel
from desktop.errors import LedgerError
from desktop.excel import ImportPlan
from desktop.records import KINDS, T, Field
from desktop.records.enums import enumerations


class AnswersPanel(QGroupBox):
    """The questions of an import plan, each with its editor."""

    sig_column_value = Signal(str, object)
    """A value for a whole column was chosen (field, value as typed; None: leave the rows to complete)."""
    sig_word = Signal(str, str, object)
    """An unknown word was answered (field, word, key; None: not answered)."""
    sig_exits = Signal(bool)
    """Take (or not) the exit dates found in the remarks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_answers")
        self.setTitle(self.tr("Before importing"))
        self.form = QFormLayout(self)
        #: field → its editor of a value for the whole column
        self.column_editors: dict[str, QWidget] = {}
        #: (field, word) → its choice of value
        self.word_editors: dict[tuple[str, str], QComboBox] = {}
        self.exits_box: QCheckBox | None = None
        self.setVisible(False)

    def _clear(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.column_editors, self.word_editors, self.exits_box = {}, {}, None

    def show_plan(self, plan: ImportPlan | None, answered: dict[tuple[str, str], str]) -> None:
        """The plan's questions; *answered* (field, word) → key keeps the words answered
        already on show, so that an answer can be changed."""
        self._clear()
        if plan is None:
            self.setVisible(False)
            return
        k = KINDS[plan.kind]
        counts = plan.missing_counts()
        missing = [f.name for f in k.fields if any(f.name in s.missing for s in plan.sheets)]
        for name in missing:
            self._column_row(k.field(name), plan.options.column_values.get(name), counts.get(name, 0))
        words = {(n, w): c for n, w, c in plan.unknown_words()}
        for (name, word), key in answered.items():
            words.setdefault((name, word), 0)
        for (name, word), n in words.items():
            self._word_row(k.field(name), word, n, answered.get((name, word)))
        exits = [r for r in plan.suggestions if "exited_on" in r.suggested]
        if exits or plan.options.exits_from_remarks:
            self.exits_box = QCheckBox(self.tr("Take the exit dates written in the remarks ({n} rows)").format(
                n=len(exits)), self)
            self.exits_box.setObjectName("import_exits")
            self.exits_box.setChecked(plan.options.exits_from_remarks)
            self.exits_box.toggled.connect(self.sig_exits)
            self.form.addRow(self.exits_box)
        self.setVisible(self.form.rowCount() > 0)

    def _column_row(self, f: Field, value: object, rows: int) -> None:
        label = QLabel(self.tr("{column} (no column in the file):").format(column=f.label.text()), self)
        if f.type is T.ENUM:
            editor = QComboBox(self)
            editor.addItem(self.tr("Leave to complete later ({n} rows)").format(n=rows), None)
            for v in enumerations().values(f.enum):
                editor.addItem(v.label(), v.key)
            i = editor.findData(value) if value is not None else 0
            if i < 0:  # given as written ("兼职"), not as its key
                try:
                    i = editor.findData(excel.choice(f, value))
                except LedgerError:
                    i = 0
            editor.setCurrentIndex(max(i, 0))
            editor.currentIndexChanged.connect(lambda _i, e=editor, n=f.name: self.sig_column_value.emit(n, e.currentData()))
        else:
            editor = QLineEdit(self)
            editor.setPlaceholderText(self.tr("one value for every row; empty: complete later ({n} rows)").format(n=rows))
            editor.setText("" if value is None else str(value))
            editor.editingFinished.connect(
                lambda e=editor, n=f.name: self.sig_column_value.emit(n, e.text().strip() or None))
        editor.setObjectName(f"column_value_{f.name}")
        self.column_editors[f.name] = editor
        self.form.addRow(label, editor)

    def _word_row(self, f: Field, word: str, rows: int, key: str | None) -> None:
        text = self.tr("{column}: “{word}” ×{n} stands for").format(column=f.label.text(), word=word, n=rows) \
            if rows else self.tr("{column}: “{word}” stands for").format(column=f.label.text(), word=word)
        box = QComboBox(self)
        box.setObjectName(f"word_{f.name}_{word}")
        box.addItem(self.tr("(choose)"), None)
        for v in enumerations().values(f.enum):
            box.addItem(v.label(), v.key)
        box.setCurrentIndex(max(box.findData(key), 0) if key else 0)
        box.currentIndexChanged.connect(lambda _i, b=box, n=f.name, w=word: self.sig_word.emit(n, w, b.currentData()))
        self.word_editors[(f.name, word)] = box
        row = QHBoxLayout()
        row.addWidget(box, 1)
        self.form.addRow(QLabel(text, self), row)
