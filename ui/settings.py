"""Settings of this machine (QSettings), each declared once with its default."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from desktop import paths


@dataclass(frozen=True)
class Key:
    name: str
    default: object
    type: type


LANGUAGE = Key("language", "zh_CN", str)
LAST_LEDGER = Key("ledger/last_path", "", str)
BACKUP_FOLDER = Key("backup/folder", "", str)
DAILY_BACKUP = Key("backup/daily", True, bool)
LAST_BACKUP_DAY = Key("backup/last_day", "", str)
GEOMETRY = Key("window/geometry", b"", bytes)
SPLITTER = Key("window/splitter", b"", bytes)
LAST_TAB = Key("window/tab", 0, int)


def header_key(kind: str) -> Key:
    return Key(f"columns/{kind}", b"", bytes)


def folder_key(purpose: str) -> Key:
    """The folder a file dialog of *purpose* showed last ("evidence", "packages", …)."""
    return Key(f"folders/{purpose}", "", str)


class Settings:
    """Typed access to QSettings.  The settings file lives beside the ledger data
    (per user, or ``data/`` in portable mode)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            folder = paths.data_dir()
            folder.mkdir(parents=True, exist_ok=True)
            qsettings = QSettings(str(folder / "settings.ini"), QSettings.IniFormat)
        self.q = qsettings

    def get(self, key: Key):
        value = self.q.value(key.name, key.default)
        if key.type is bool and isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        if key.type is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return key.default
        if key.type is bytes:
            return bytes(value) if value else b""
        return value if value is not None else key.default

    def set(self, key: Key, value) -> None:
        self.q.setValue(key.name, value)

    def sync(self) -> None:
        self.q.sync()


_current: Settings | None = None


def use(settings: Settings) -> None:
    """Make *settings* the ones that helpers without a window at hand read (the file dialogs)."""
    global _current
    _current = settings


def current() -> Settings:
    """The settings in use (the main window's), else this machine's settings file."""
    global _current
    if _current is None:
        _current = Settings()
    return _current
