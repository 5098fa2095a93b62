"""Shared fixtures.  Qt runs offscreen; core messages in Chinese unless a test says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TOWNSHIP_LEDGER_LANG"] = "zh_CN"
# Tests never reach the computer's real key store (the tests of it give keyring a store in memory).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import pytest  # noqa: E402

from desktop import i18n  # noqa: E402
from desktop.ledger import Ledger  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
COUNTY = "130111"          # 河北省石家庄市栾城区
TOWNSHIP = "130111200"     # 南高乡
TOWNSHIP_2 = "130111103"   # 冶河镇, a second township of the same county


@pytest.fixture(autouse=True)
def _chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture(autouse=True)
def _ui_settings(tmp_path_factory):
    """What the window's helpers remember (file dialogs' folders) goes to a settings file of
    the test, never to the user's (only where the test uses the window's code)."""
    import sys

    settings = sys.modules.get("ui.settings")
    if settings is not None:
        from PySide6.QtCore import QSettings

        ini = tmp_path_factory.mktemp("settings") / "settings.ini"
        settings.use(settings.Settings(QSettings(str(ini), QSettings.IniFormat)))
    yield


@pytest.fixture
def ledger_path(tmp_path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def county_ledger(ledger_path):
    """A county ledger with the county committee and one township committee."""
    ledger = Ledger.new(ledger_path, scope=COUNTY, operator="测试员")
    ledger.organisations.create(kind="county_committee", name="栾城区团委", division_code=COUNTY)
    ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=TOWNSHIP,
                                parent_id=f"org-county_committee-{COUNTY}")
    yield ledger
    ledger.close()


@pytest.fixture
def township_org() -> str:
    return f"org-township_committee-{TOWNSHIP}"
