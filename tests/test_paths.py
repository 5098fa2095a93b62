"""Where data lives: ``TOWNSHIP_LEDGER_HOME``, portable mode (a marker file beside the program),
the per-user folder; and where resources are found in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop import paths

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def frozen(tmp_path, monkeypatch) -> Path:
    """Pretend to be the frozen program ``<tmp>/township-ledger/township-ledger``; returns its folder."""
    folder = tmp_path / "township-ledger"
    folder.mkdir()
    exe = folder / ("township-ledger.exe" if sys.platform == "win32" else "township-ledger")
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.delenv(paths.LEDGER_ENV, raising=False)
    return folder.resolve()


@pytest.fixture
def user_folder(tmp_path, monkeypatch) -> Path:
    """Where platformdirs would put the per-user data (redirected into tmp)."""
    import platformdirs

    folder = tmp_path / "per-user" / paths.APP_NAME
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(folder))
    return folder


def test_frozen_without_marker_uses_the_per_user_folder(frozen, user_folder):
    assert paths.program_dir() == frozen
    assert not paths.is_portable()
    assert paths.data_dir() == user_folder
    assert paths.default_ledger_path() == user_folder / "ledger.sqlite"
    assert not (frozen / "data").exists()


@pytest.mark.parametrize("marker", ["portable", "portable.txt"])
def test_frozen_with_marker_keeps_data_beside_the_program(frozen, user_folder, marker):
    (frozen / marker).write_text("")
    assert paths.is_portable()
    assert paths.data_dir() == frozen / "data"
    assert (frozen / "data").is_dir()  # created on demand
    assert paths.default_ledger_path() == frozen / "data" / "ledger.sqlite"
    assert paths.ledger_path(None) == frozen / "data" / "ledger.sqlite"
    assert not user_folder.exists()


def test_a_folder_named_portable_is_no_marker(frozen, user_folder):
    (frozen / "portable").mkdir()
    assert not paths.is_portable()
    assert paths.data_dir() == user_folder


def test_home_variable_wins_over_portable_mode(frozen, user_folder, tmp_path, monkeypatch):
    (frozen / "portable").write_text("")
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "home"))
    assert paths.is_portable()  # the installation is portable ...
    assert paths.data_dir() == tmp_path / "home"  # ... but the variable decides where data goes
    assert not (frozen / "data").exists()


def test_ledger_option_and_variable_still_win(frozen, tmp_path, monkeypatch):
    (frozen / "portable").write_text("")
    monkeypatch.setenv(paths.LEDGER_ENV, str(tmp_path / "env.sqlite"))
    assert paths.ledger_path(None) == tmp_path / "env.sqlite"
    assert paths.ledger_path(str(tmp_path / "opt.sqlite")) == tmp_path / "opt.sqlite"


def test_portable_data_folder_on_read_only_media_is_still_named(frozen, monkeypatch):
    (frozen / "portable.txt").write_text("")

    def refuse(self, *a, **k):
        raise PermissionError(13, "read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert paths.data_dir() == frozen / "data"


def test_frozen_resources_come_from_the_bundle(frozen):
    assert paths.resource_dir() == frozen / "_internal" / "resources"


def test_stored_paths_are_relative_inside_a_portable_program(frozen, tmp_path):
    inside = frozen / "data" / "ledger.sqlite"
    outside = tmp_path / "elsewhere" / "ledger.sqlite"
    assert paths.store_path(inside) == str(inside)  # not portable: absolute
    (frozen / "portable").write_text("")
    assert paths.store_path(inside) == "data/ledger.sqlite"
    assert paths.load_path("data/ledger.sqlite") == inside
    assert paths.store_path(outside) == str(outside)
    assert paths.load_path(str(outside)) == outside


def test_from_source_the_marker_sits_in_the_project_root(monkeypatch, user_folder):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    assert paths.program_dir() == PROJECT
    marker = PROJECT / "portable"
    if marker.exists() or (PROJECT / "portable.txt").exists():
        pytest.skip("this checkout is in portable mode")
    assert not paths.is_portable()
    assert paths.data_dir() == user_folder
    checked, made = [], []
    monkeypatch.setattr(Path, "is_file", lambda self: checked.append(self) or self == marker)
    monkeypatch.setattr(Path, "mkdir", lambda self, *a, **k: made.append(self))  # leave the checkout alone
    assert paths.is_portable()
    assert marker in checked
    assert paths.data_dir() == PROJECT / "data"
    assert made == [PROJECT / "data"]


@pytest.mark.skipif(sys.platform == "win32", reason="the mount folders are how Linux desktops place sticks")
@pytest.mark.parametrize("root, removable", [("/media/user/U盘", True), ("/run/media/user/STICK", True),
                                             ("/mnt/usb", True), ("/", False), ("/home", False), ("/srv/data", False)])
def test_sticks_are_the_volumes_under_the_removable_mounts(root, removable):
    assert paths.is_removable_drive(root) is removable


@pytest.mark.skipif(sys.platform != "win32", reason="asks Windows for the drive's type")
def test_the_system_drive_is_not_a_stick():
    # C: is a fixed disk on every Windows (and on Wine's): never offered as a USB stick.
    assert paths.is_removable_drive("C:/") is False
    assert paths.is_removable_drive("C:\\") is False
