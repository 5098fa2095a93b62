"""The one door from the Qt-free layers to the GUI layer.

The command line starts the window (``township-ledger`` with no command, ``--smoke``)
and paints PDFs with Qt.  Those commands load ``ui`` here, lazily, when they run;
nothing else in ``desktop/`` touches ``ui`` or Qt, so the core and the CLI's other
commands work where Qt is not installed.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def load(module: str) -> ModuleType:
    """``ui.<module>``, imported now.  Raises ImportError when Qt is missing."""
    return importlib.import_module(f"ui.{module}")


def display_available() -> bool:
    """Whether a window can be shown: always on Windows and macOS; on Linux and the like only
    with an X11 or Wayland display, or a Qt platform chosen explicitly (offscreen, vnc …).
    Without one, Qt would abort the whole process with advice about plugins."""
    import os
    import sys

    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
