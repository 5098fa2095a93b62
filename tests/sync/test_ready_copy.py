"""How the hub copies a scope into a ready ledger file (:mod:`sync.hub.ready`), in-process:
a SQLite hub's file is attached and copied by SQLite in one read of one moment; a PostgreSQL
hub's rows come a batch at a time (tests/sync/test_ready_ledger.py runs both through a real hub)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.ledger import Ledger, migrations
from desktop.records import KINDS
from sync.hub.ready import _attached, _copy_attached, _copy_rows
from test_sync_client import committee, member, publicity

COUNTY, T1, T2, ELSEWHERE = "130111", "130111200", "130111103", "130102001"


def source(path: Path) -> Ledger:
    hub = Ledger.new(path, scope="", operator="测试员")
    org = committee(hub, COUNTY)
    t1, t2, other = committee(hub, T1), committee(hub, T2), committee(hub, ELSEWHERE)
    hub.publicity_items.create_many([publicity(org, k) for k in range(40)])
    hub.committee_members.create_many([member(t1, k) for k in range(12)] + [member(t2, k) for k in range(5)]
                                      + [member(other, k) for k in range(7)])  # outside the county's scope
    return hub


def empty_ready(path: Path) -> sqlite3.Connection:
    out = sqlite3.connect(path.resolve().as_uri(), uri=True, isolation_level=None)
    migrations.migrate(out)
    return out


def copy_attached(out: sqlite3.Connection, hub_file: Path, scope: str) -> tuple[int, int]:
    assert _attached(out, hub_file)
    return _copy_attached(out, scope)


def contents(out: sqlite3.Connection) -> dict[str, list[tuple]]:
    tables = [k.table for k in KINDS.values()] + ["change_log"]
    return {t: out.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def test_the_attached_copy_holds_what_the_row_by_row_copy_does(tmp_path):
    hub = source(tmp_path / "hub.sqlite")
    by_sql, by_rows = empty_ready(tmp_path / "a.sqlite"), empty_ready(tmp_path / "b.sqlite")
    upto, count = copy_attached(by_sql, tmp_path / "hub.sqlite", COUNTY)
    hub.conn.execute("BEGIN")
    assert _copy_rows(hub.conn, by_rows, COUNTY, hub.last_seq()) == (upto, count)
    hub.conn.execute("COMMIT")
    assert upto == hub.last_seq() and count > 40
    copied = contents(by_sql)
    assert copied == contents(by_rows)
    assert len(copied["committee_member"]) == 17  # the county's townships, not the other county's
    assert {r[0] for r in by_sql.execute("SELECT value FROM meta WHERE key = 'scope'")} == {COUNTY}
    assert by_sql.execute("PRAGMA database_list").fetchall()[1:] == []  # the hub's file is let go
    hub.close()


def test_a_write_made_while_the_hub_is_copied_is_not_half_in_the_file(tmp_path):
    hub = source(tmp_path / "hub.sqlite")
    before = hub.last_seq()
    reference = empty_ready(tmp_path / "reference.sqlite")
    copy_attached(reference, tmp_path / "hub.sqlite", COUNTY)
    out = empty_ready(tmp_path / "ready.sqlite")
    migrated = out.total_changes
    written = []

    def write_meanwhile() -> int:
        if not written and out.total_changes > migrated:  # once, after the copy has read and written its first rows
            written.append(hub.publicity_items.create(**publicity(f"org-county_committee-{COUNTY}", 99)))
        return 0

    out.set_progress_handler(write_meanwhile, 50)
    upto, count = copy_attached(out, tmp_path / "hub.sqlite", COUNTY)
    out.set_progress_handler(None, 0)
    assert written and hub.get("publicity_item", written[0]) is not None
    assert hub.last_seq() > before  # the write was stored during the copy ...
    assert upto == before  # ... and the file is the hub as it stood when the copy began
    assert out.execute("SELECT count(*) FROM publicity_item WHERE id = ?", (written[0],)).fetchone()[0] == 0
    assert contents(out) == contents(reference)
    assert copy_attached(empty_ready(tmp_path / "after.sqlite"), tmp_path / "hub.sqlite", COUNTY)[1] == count + 1
    hub.close()


def test_a_copy_that_fails_leaves_no_half_file_and_the_hub_unattached(tmp_path, monkeypatch):
    hub = source(tmp_path / "hub.sqlite")
    out = empty_ready(tmp_path / "ready.sqlite")
    out.set_progress_handler(lambda: 1, 1000)  # a non-zero answer interrupts the statement under way
    try:
        copy_attached(out, tmp_path / "hub.sqlite", COUNTY)
    except sqlite3.OperationalError:
        pass
    else:
        raise AssertionError("the interrupted copy did not fail")
    out.set_progress_handler(None, 0)
    assert not out.in_transaction
    assert out.execute("PRAGMA database_list").fetchall()[1:] == []
    assert all(rows == [] for rows in contents(out).values())
    hub.close()


def test_a_hub_file_that_cannot_be_attached_is_copied_row_by_row(tmp_path):
    out = empty_ready(tmp_path / "ready.sqlite")
    assert not _attached(out, tmp_path / "no such hub.sqlite")  # read-only: SQLite does not make it
    assert not (tmp_path / "no such hub.sqlite").exists()
    assert out.execute("PRAGMA database_list").fetchall()[1:] == []
