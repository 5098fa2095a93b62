"""What the sync widgets ask the client and show, Qt-free: how a sync went in words, the
refused changes with their records' kinds and titles, and a ledger's hub settings."""

from __future__ import annotations

from desktop import i18n
from desktop.ledger import Ledger
from desktop.records import KINDS
from sync import client
from sync.client import PullResult, PushResult, SyncResult, SyncSettings, describe, refused_for_display, save_settings
from sync.client.rejections import record_rejected

T1 = "130111200"  # 南高乡


def test_how_a_sync_went_in_plain_words():
    i18n.set_language("en")
    assert describe(SyncResult(PushResult(), PullResult())) == (True, "Synced: nothing new on either side.")
    assert describe(SyncResult(PushResult(sent=3, applied=2, duplicate=1), PullResult(applied=2))) == \
        (True, "Synced: 3 changes sent, 2 received.")
    # what the hub refused is not counted as sent
    ok, text = describe(SyncResult(PushResult(sent=3, applied=1, rejected=2), PullResult(rejected=1),
                                   warnings=["Clock!"]),
                        "the hub refused 2 changes outside your scope 130111200")
    assert not ok
    assert text == ("Synced: 1 changes sent, 0 received. The hub refused 2 changes outside your scope 130111200 — "
                    "click the sync status for details. 1 changes from the hub could not be applied here — click "
                    "the sync status for details. Clock!")
    ok, text = describe(SyncResult(PushResult(sent=2, rejected=2), PullResult()))
    assert not ok and "The hub refused 2 changes —" in text
    i18n.set_language("zh_CN")
    assert describe(SyncResult(PushResult(sent=3, applied=3), PullResult(applied=2)))[1] == "同步完成：上传 3 条修改，收到 2 条。"


def test_refused_changes_newest_first_with_kind_and_title(tmp_path):
    i18n.set_language("en")
    with Ledger.new(tmp_path / "t.sqlite", scope=T1, operator="乡团委") as ledger:
        org = ledger.organisations.create(kind="township_committee", name="南高乡团委", division_code=T1)
        assert refused_for_display(ledger) == []
        change = ledger.changes_since(0)[0][-1]
        with ledger.tx():
            record_rejected(ledger, [(change, "outside the scope")], "push")
            record_rejected(ledger, [({"origin": "f" * 16, "seq": 9, "kind": "martian", "id": "m-1"}, "unknown")],
                            "pull")
        newest, oldest = refused_for_display(ledger)
        assert (newest.kind, newest.kind_label, newest.title, newest.by_hub, newest.seq) == \
            ("martian", "martian", "m-1", False, 9)
        assert oldest.record_id == org and oldest.title == "南高乡团委" and oldest.by_hub
        assert oldest.kind_label == KINDS["organisation"].label.text("en") and oldest.reason == "outside the scope"
        assert oldest.origin == ledger.device_id and oldest.at


def test_hub_settings_of_a_ledger_enrolled_or_not(tmp_path):
    with Ledger.new(tmp_path / "t.sqlite", scope=T1, operator="乡团委") as ledger:
        assert client.enrolled_settings(ledger) is None and client.hub_url(ledger) == ""
        assert client.last_sync(ledger) is None and client.last_sync_error(ledger) == ""
        save_settings(ledger, SyncSettings(hub_url="http://hub.example.cn:8000"))  # no token: not enrolled
        assert client.enrolled_settings(ledger) is None and client.hub_url(ledger) == ""
        save_settings(ledger, SyncSettings(hub_url="http://hub.example.cn:8000", token="t" * 43, scope=T1))
        assert client.enrolled_settings(ledger).scope == T1
        assert client.hub_url(ledger) == "http://hub.example.cn:8000"
