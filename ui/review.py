"""The level above reviewing a unit's checklist task: returning it with a reason (退回) and
verifying it (验收) after a confirmation that names what is missing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from desktop.records import KINDS
from desktop.records.enums import enumerations

#: The longest reason the field keeps.
REASON_MAX = KINDS["checklist_task"].field("return_reason").max_len or 500


class ReturnDialog(QDialog):
    """Asks why a task goes back to its unit; OK only once a reason is written."""

    def __init__(self, task: dict, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("return_dialog")
        self.setWindowTitle(self.tr("Return task"))
        verified = task.get("status") == "verified"
        if verified:
            what = self.tr("The verification of “{title}” ({unit}) is withdrawn: the task is done again, "
                           "waiting for verification.")
        else:
            what = self.tr("“{title}” goes back to {unit}: its status becomes “{status}”.")
        status = enumerations().label("task_status", "in_progress")
        lines = [what.format(title=task.get("title") or "", unit=unit, status=status)]
        if task.get("done_on"):
            lines.append(self.tr("The date it was reported done ({date}) stays on the task and in its history.")
                         .format(date=task["done_on"]))
        lines.append(self.tr("The unit sees the reason in its task list."))
        self.intro = QLabel("\n".join(lines), self)
        self.intro.setObjectName("return_intro")
        self.intro.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("return_reason")
        self.reason.setPlaceholderText(self.tr("Reason for return (required), e.g. the evidence lacks photos"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.Ok)
        self.ok.setText(self.tr("Return"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(QLabel(self.tr("Reason for return:"), self))
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self._update()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update(self) -> None:
        n = len(self.text())
        self.ok.setEnabled(0 < n <= REASON_MAX)
        self.ok.setToolTip("" if n else self.tr("Write why the task is returned first."))


def ask_return_reason(task: dict, unit: str, parent: QWidget | None) -> str | None:
    """The reason for returning *task*, or None when the user cancels."""
    dialog = ReturnDialog(task, unit, parent)
    return dialog.text() if dialog.exec() else None


def confirm_verify(task: dict, unit: str, evidence: int, parent: QWidget | None) -> bool:
    """Ask before verifying; a warning when the task has no evidence attached."""
    title = QCoreApplication.translate("Review", "Verify task")
    text = QCoreApplication.translate("Review", "Verify “{title}” of {unit} as the level above? The unit sees who verified it and when.").format(
        title=task.get("title") or "", unit=unit)
    if evidence:
        text += "\n\n" + QCoreApplication.translate("Review", "Evidence attached: {n} file(s).").format(n=evidence)
        answer = QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    else:
        text += "\n\n" + QCoreApplication.translate("Review", "No evidence is attached to this task. Verify it anyway?")
        answer = QMessageBox.warning(parent, title, text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def review_text(task: dict | None) -> str:
    """Who verified the task and when, or why it was returned; empty when neither."""
    if not task:
        return ""
    parts = []
    if task.get("status") == "verified":
        parts.append(QCoreApplication.translate("Review", "Verified by {who} on {date}.").format(who=task.get("verified_by") or "—",
                                                                date=task.get("verified_on") or "—"))
    if task.get("return_reason"):
        parts.append(QCoreApplication.translate("Review", "Returned by the level above: {reason}").format(reason=task["return_reason"]))
        if task.get("done_on") and task.get("status") != "verified":
            parts.append(QCoreApplication.translate("Review", "(reported done on {date})").format(date=task["done_on"]))
    return " ".join(parts)
