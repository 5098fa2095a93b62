"""The Qt binding must keep Python's reference counts right: PySide6 6.12.0 dropped a
reference to None on every call of a method returning nothing, which under Python 3.11
(where None is not immortal) aborts the program after a few thousand clicks."""

import sys

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_calls_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("团建台账")
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - before > -50
