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
