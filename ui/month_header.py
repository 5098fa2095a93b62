"""The header the dashboard and the monthly report share: the unit's name in large
type, and a month picker with previous / next buttons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QLabel, QToolButton


class MonthHeader:
    """Mixin for a view with a unit title and a month picker.  ``_build_header`` makes
    ``unit_label``, ``status_label``, ``month_label``, ``prev_button``, ``month_edit``
    and ``next_button`` (object names start with *prefix*); the view connects
    ``month_edit.dateChanged`` itself."""

    def _build_header(self, prefix: str, month: QDate) -> None:
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName(f"{prefix}_unit")
        title_font = QFont(self.font())
        title_font.setBold(True)
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.unit_label.setFont(title_font)
        self.unit_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status_label = QLabel(self)
        self.status_label.setObjectName(f"{prefix}_status")
        self.month_label = QLabel(self)
        self.prev_button = QToolButton(self)
        self.prev_button.setObjectName(f"{prefix}_prev_month")
        self.prev_button.setArrowType(Qt.LeftArrow)
        self.prev_button.clicked.connect(lambda: self._step_month(-1))
        self.next_button = QToolButton(self)
        self.next_button.setObjectName(f"{prefix}_next_month")
        self.next_button.setArrowType(Qt.RightArrow)
        self.next_button.clicked.connect(lambda: self._step_month(1))
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName(f"{prefix}_month")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setMinimumDate(QDate(2000, 1, 1))
        today = dt.date.today()
        self.month_edit.setMaximumDate(QDate(today.year, today.month, 1))
        self.month_edit.setDate(month)
        self.month_edit.setCurrentSection(QDateEdit.MonthSection)
        self.month_label.setBuddy(self.month_edit)

    def _step_month(self, months: int) -> None:
        self.month_edit.setDate(self.month_edit.date().addMonths(months))

    def _update_month_buttons(self) -> None:
        date = self.month_edit.date()
        self.prev_button.setEnabled(date.addMonths(-1) >= self.month_edit.minimumDate())
        self.next_button.setEnabled(date.addMonths(1) <= self.month_edit.maximumDate())
