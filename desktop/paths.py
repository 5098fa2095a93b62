"""Where the program finds its resources and keeps its data.

Data (ledger, settings, backups, error log) lives in, by priority:

1. ``$TOWNSHIP_LEDGER_HOME``, when set;
2. ``<program folder>/data`` in *portable mode*: a file named ``portable`` or ``portable.txt``
   beside the executable (frozen build) or in the project root (from source), so the whole
   program and its data can be carried on a USB stick;
3. the per-user data folder (``platformdirs``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "TownshipLedger"
LEDGER_ENV = "TOWNSHIP_LEDGER"
HOME_ENV = "TOWNSHIP_LEDGER_HOME"
#: Names of the marker file that switches on portable mode (either will do).
PORTABLE_MARKERS = ("portable", "portable.txt")
#: The data folder inside the program folder in portable mode.
PORTABLE_DATA = "data"


def resource_dir() -> Path:
    """The ``resources/`` folder, in a source checkout or inside a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def program_dir() -> Path:
    """The folder the program runs from: the executable's folder in a frozen build, else the project root."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def is_portable() -> bool:
    """True when a ``portable`` (or ``portable.txt``) file sits in :func:`program_dir`.

    It says how the program is installed; ``$TOWNSHIP_LEDGER_HOME`` still overrides where the
    data goes (see :func:`data_dir`).
    """
    folder = program_dir()
    return any((folder / name).is_file() for name in PORTABLE_MARKERS)


def portable_data_dir() -> Path:
    """The data folder of portable mode (whether or not the program is portable)."""
    return program_dir() / PORTABLE_DATA


def data_dir() -> Path:
    """The data folder (ledger, backups, settings): see the module's description for the order."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    if is_portable():
        folder = portable_data_dir()
        try:
            folder.mkdir(exist_ok=True)
        except OSError:
            pass  # a read-only stick: whoever writes there reports the error with the path
        return folder
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_path(path: Path | str) -> str:
    """*path* as text for the settings file: in portable mode a path inside the program folder is
    kept relative to it, so it still holds when the stick comes back under another drive letter."""
    path = Path(path)
    if is_portable():
        try:
            return path.resolve().relative_to(program_dir()).as_posix()
        except ValueError:
            pass
    return str(path)


def load_path(text: str) -> Path:
    """The inverse of :func:`store_path`: a relative path is taken from the program folder."""
    path = Path(text)
    if not path.is_absolute() and is_portable():
        return program_dir() / path
    return path


def backup_dir() -> Path:
    """Where backups go: the folder chosen in the window's settings, else ``backups`` in the
    data folder.  Read here without Qt, so the command line backs up where the window does."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(data_dir() / "settings.ini", encoding="utf-8")
        chosen = parser.get("backup", "folder", fallback="").strip().strip('"')
    except (configparser.Error, OSError, UnicodeDecodeError):
        chosen = ""
    return Path(chosen) if chosen else default_backup_dir()


def default_backup_dir() -> Path:
    return data_dir() / "backups"


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


#: Where Linux desktops mount sticks and other removable media.
_REMOVABLE_MOUNTS = ("/media/", "/run/media/", "/mnt/")
#: ``GetDriveTypeW``'s answer for a removable drive (a USB stick, a card reader).
_DRIVE_REMOVABLE = 2


def is_removable_drive(root: str) -> bool:
    """Whether a mounted volume's root is a drive a stick is likely to be.

    On Windows the system says so (``GetDriveTypeW``): a second hard disk or a network
    drive (D:, Z:) is not offered as a USB stick.  Elsewhere, the folders desktops mount
    removable media under.
    """
    if sys.platform == "win32":
        import ctypes

        drive = root[:2] + "\\" if len(root) >= 2 and root[1] == ":" else root
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == _DRIVE_REMOVABLE
    return root.startswith(_REMOVABLE_MOUNTS)
