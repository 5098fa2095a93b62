"""Where the program finds its resources and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "TownshipLedger"
LEDGER_ENV = "TOWNSHIP_LEDGER"


def resource_dir() -> Path:
    """The ``resources/`` folder, in a source checkout or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """Per-user data folder (ledger, backups, settings)."""
    override = os.environ.get("TOWNSHIP_LEDGER_HOME")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_ledger_path() -> Path:
    return data_dir() / "ledger.sqlite"


def ledger_path(option: str | None = None) -> Path:
    """The ledger to use: the ``--ledger`` option wins over ``TOWNSHIP_LEDGER``."""
    if option:
        return Path(option)
    env = os.environ.get(LEDGER_ENV)
    if env:
        return Path(env)
    return default_ledger_path()
