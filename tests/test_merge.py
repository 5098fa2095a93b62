"""Merge properties: replicas that exchange changes in any order, with duplicates and
omissions, converge byte for byte; every value overwritten by a concurrent edit is
kept in ``conflicts``."""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import COUNTY, TOWNSHIP
from desktop.ledger.changes import Change
from desktop.errors import NotFound
from desktop.ledger.hlc import DAY_MS, make_stamp
from desktop.ledger import Ledger
from desktop.records import KINDS

TEXT_FIELDS = ("employer", "duty", "rotation_duty")
ORG = f"org-township_committee-{TOWNSHIP}"


def member(n: int) -> dict:
    return {"org_id": ORG, "name": f"委员{n}", "gender": "female", "post": "member", "employment": "part_time",
            "source": "other", "joined_on": "2020-01-01", "birth_date": f"19{70 + n % 30}-01-01"}


def snapshot(ledger: Ledger) -> dict[str, list[tuple]]:
    return {k: [tuple(r) for r in ledger.conn.execute(f"SELECT * FROM {k} ORDER BY id")] for k in KINDS}


def exchange_all(replicas: list[Ledger]) -> None:
    for _ in range(2):
        for src in replicas:
            changes, _ = src.changes_since(0)
            for dst in replicas:
                if dst is not src:
                    dst.apply_changes(changes)


@dataclass
class Write:
    record: str
    field: str
    value: str
    stamp: str
    base: str


op = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 5), st.sampled_from(TEXT_FIELDS)),
    st.tuples(st.just("create"), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("restore"), st.integers(0, 2), st.integers(0, 5)),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 2), st.randoms(use_true_random=False)),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=5, max_size=40))
def test_replicas_converge_and_keep_every_lost_value(ops):
    with tempfile.TemporaryDirectory() as tmp:
        replicas = [Ledger.new(Path(tmp) / f"r{i}.sqlite", scope=COUNTY, operator=f"员{i}") for i in range(3)]
        try:
            _run(replicas, ops)
        finally:
            for r in replicas:
                r.close()


def _run(replicas: list[Ledger], ops) -> None:
    first = replicas[0]
    first.organisations.create(kind="county_committee", name="县团委", division_code=COUNTY)
    first.organisations.create(kind="township_committee", name="乡团委", division_code=TOWNSHIP,
                               parent_id=f"org-county_committee-{COUNTY}")
    records = first.committee_members.create_many([member(n) for n in range(3)])
    exchange_all(replicas)
    writes: list[Write] = []
    counter = 0
    for item in ops:
        action, r = item[0], replicas[item[1]]
        if action == "edit":
            _, _, idx, field = item
            record = records[idx % len(records)]
            if r.get("committee_member", record) is None:
                continue  # not here yet, or deleted here
            counter += 1
            value = f"值{counter}"
            r.update("committee_member", record, {field: value})
            change, = r.changes_since(r.last_seq() - 1)[0]
            writes.append(Write(record, field, value, change.stamp, change.base.get(field, "")))
        elif action == "create":
            counter += 1
            records.append(r.committee_members.create(**member(100 + counter)))
        elif action in ("delete", "restore"):
            record = records[item[2] % len(records)]
            try:
                getattr(r, action)("committee_member", record)
            except NotFound:
                pass
        else:  # sync a random selection, with duplicates and in random order
            _, _, dst_i, rnd = item
            dst = replicas[dst_i]
            if dst is r:
                continue
            changes, _ = r.changes_since(0)
            chosen = [rnd.choice(changes) for _ in range(rnd.randint(0, len(changes)))]
            rnd.shuffle(chosen)
            dst.apply_changes(chosen)
    exchange_all(replicas)

    states = [snapshot(r) for r in replicas]
    assert states[0] == states[1] == states[2]

    knowingly_replaced = {(w.record, w.field, w.base) for w in writes}
    lost_anywhere = {(c.record_id, c.field, c.lost_stamp) for r in replicas for c in r.conflicts()}
    for w in writes:
        final = first.get("committee_member", w.record, include_deleted=True)[w.field]
        if final == w.value or (w.record, w.field, w.stamp) in knowingly_replaced:
            continue
        assert (w.record, w.field, w.stamp) in lost_anywhere, f"value {w.value} of {w.field} lost silently"


def test_any_order_and_duplicates_give_the_same_state(tmp_path):
    src = [Ledger.new(tmp_path / f"s{i}.sqlite", scope=COUNTY, operator=f"员{i}") for i in range(2)]
    a, b = src
    a.organisations.create(kind="county_committee", name="县团委", division_code=COUNTY)
    b.organisations.create(kind="county_committee", name="县团委（B）", division_code=COUNTY)
    org = f"org-county_committee-{COUNTY}"
    for i in range(5):
        a.organisations.update(org, note=f"a{i}")
        b.organisations.update(org, league_members=i)
    changes = a.changes_since(0)[0] + b.changes_since(0)[0]
    states = []
    for n in range(4):
        order = changes + changes[:3]
        random.Random(n).shuffle(order)
        with Ledger.new(tmp_path / f"d{n}.sqlite", scope=COUNTY, operator="收") as dst:
            report = dst.apply_changes(order)
            assert report.applied == len(changes) and report.duplicate == 3 and not report.rejected
            states.append(snapshot(dst))
    assert all(s == states[0] for s in states)
    for s in src:
        s.close()


def test_concurrent_edit_loser_is_in_conflicts_and_can_be_taken_back(county_ledger, tmp_path):
    township = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡干部")
    township.apply_changes(county_ledger.changes_since(0)[0])
    county_ledger.organisations.update(ORG, name="县里改的名字")
    township.organisations.update(ORG, name="乡里改的名字")
    county_changes = county_ledger.changes_since(0)[0]
    township_changes = township.changes_since(0)[0]
    county_ledger.apply_changes(township_changes)
    township.apply_changes(county_changes)
    assert county_ledger.get("organisation", ORG)["name"] == township.get("organisation", ORG)["name"]
    winner = county_ledger.get("organisation", ORG)["name"]
    loser_side = county_ledger if winner == "乡里改的名字" else township
    lost = "县里改的名字" if loser_side is county_ledger else "乡里改的名字"
    conflict, = loser_side.conflicts()
    assert (conflict.field, conflict.lost_value, conflict.won_value) == ("name", lost, winner)
    loser_side.resolve_conflict(conflict.id, take_back=True)
    assert loser_side.get("organisation", ORG)["name"] == lost
    assert loser_side.conflicts() == []
    township.close()


def test_different_fields_of_one_record_both_survive(county_ledger, tmp_path):
    township = Ledger.new(tmp_path / "township.sqlite", scope=TOWNSHIP, operator="乡干部")
    township.apply_changes(county_ledger.changes_since(0)[0])
    county_ledger.organisations.update(ORG, league_members=120)
    township.organisations.update(ORG, note="换届完成")
    county_ledger.apply_changes(township.changes_since(0)[0])
    township.apply_changes(county_ledger.changes_since(0)[0])
    for ledger in (county_ledger, township):
        org = ledger.get("organisation", ORG)
        assert (org["league_members"], org["note"]) == (120, "换届完成")
        assert ledger.conflicts() == []
    township.close()


def test_sequential_edits_are_not_conflicts(county_ledger, tmp_path):
    other = Ledger.new(tmp_path / "other.sqlite", scope=COUNTY, operator="乙")
    other.apply_changes(county_ledger.changes_since(0)[0])
    other.organisations.update(ORG, name="第二个名字")
    county_ledger.apply_changes(other.changes_since(0)[0])
    county_ledger.organisations.update(ORG, name="第三个名字")
    other.apply_changes(county_ledger.changes_since(0)[0])
    assert other.get("organisation", ORG)["name"] == "第三个名字"
    assert other.conflicts() == [] and county_ledger.conflicts() == []
    other.close()


def test_a_change_stamped_far_ahead_is_refused_not_flagged(county_ledger, tmp_path):
    """Flagging alone let one wrong BIOS date drag every clock along: beyond the bound a
    received change is refused, the clock stays, the user's next edit is stamped in real time."""
    import time

    future_ms = int(time.time() * 1000) + 2 * DAY_MS
    device = "abcdef0123456789"
    change = Change(device, 1, make_stamp(future_ms << 16, device), "organisation", ORG, TOWNSHIP,
                    {"note": "来自未来"}, {}, "钟表错误")
    clock_before = county_ledger.clock.last
    report = county_ledger.apply_changes([change])
    assert report.applied == 0 and len(report.rejected) == 1 and "48" in report.rejected[0][1]
    assert county_ledger.future_changes() == [] and county_ledger.clock.last == clock_before
    county_ledger.organisations.update(ORG, note="本地更正")
    assert county_ledger.get("organisation", ORG)["note"] == "本地更正"
    near = Change(device, 2, make_stamp((int(time.time() * 1000) + 1000) << 16, device), "organisation", ORG,
                  TOWNSHIP, {"note": "正常"}, {}, "")
    near_report = county_ledger.apply_changes([near])
    assert near_report.applied == 1 and near_report.flagged_future == 0


def test_malformed_and_out_of_scope_changes_are_rejected_one_by_one(county_ledger, tmp_path):
    other = Ledger.new(tmp_path / "t.sqlite", scope=COUNTY, operator="乙")
    other.apply_changes(county_ledger.changes_since(0)[0])
    other.organisations.update(ORG, note="好的修改")
    good = other.changes_since(other.last_seq() - 1)[0][0].to_wire()
    wrong_kind = dict(good, seq=good["seq"] + 1, kind="no_such_kind")
    wrong_field = dict(good, seq=good["seq"] + 2, fields={"no_such_field": 1})
    wrong_type = dict(good, seq=good["seq"] + 3, fields={"league_members": "many"})
    no_stamp = {k: v for k, v in good.items() if k != "stamp"}
    before = snapshot(county_ledger)
    seq_before = county_ledger.last_seq()
    report = county_ledger.apply_changes([wrong_kind, wrong_field, wrong_type, no_stamp, "garbage", good],
                                         allowed_scope=COUNTY)
    assert report.applied == 1 and len(report.rejected) == 5
    reasons = [reason for _, reason in report.rejected]
    assert "no_such_kind" in reasons[0] and "no_such_field" in reasons[1] and "league_members" in reasons[2]
    assert "stamp" in reasons[3]
    assert county_ledger.last_seq() == seq_before + 1
    assert county_ledger.get("organisation", ORG)["note"] == "好的修改"
    after = snapshot(county_ledger)
    assert {k: v for k, v in after.items() if k != "organisation"} == \
           {k: v for k, v in before.items() if k != "organisation"}
    outside = dict(good, seq=good["seq"] + 10)
    report = county_ledger.apply_changes([outside], allowed_scope="130102")
    assert report.applied == 0 and "130102" in report.rejected[0][1]
    other.close()


def test_hlc_persists_across_restarts_and_survives_a_clock_set_back(ledger_path, monkeypatch):
    ledger = Ledger.new(ledger_path, scope=COUNTY, operator="甲")
    ledger.organisations.create(kind="county_committee", name="县团委", division_code=COUNTY)
    last_stamp = ledger.changes_since(0)[0][-1].stamp
    ledger.close()
    import time as time_module

    real = time_module.time
    monkeypatch.setattr("desktop.ledger.hlc.time.time", lambda: real() - 3 * 86400)
    ledger = Ledger.open(ledger_path)
    ledger.organisations.update(f"org-county_committee-{COUNTY}", note="时钟回拨后")
    new_stamp = ledger.changes_since(0)[0][-1].stamp
    assert new_stamp > last_stamp
    ledger.close()


def test_hostile_values_in_received_changes_are_rejected_not_crashing(county_ledger):
    device = "abcdef0123456789"

    import time

    now = int(time.time() * 1000) << 16

    def change(seq, fields, **extra):
        d = {"origin": device, "seq": seq, "stamp": make_stamp(now + seq, device), "kind": "organisation",
             "id": ORG, "scope": TOWNSHIP, "fields": fields, "author": "x"}
        d.update(extra)
        return d

    batch = [change(1, {"league_members": 2**70}), change(2, {"name": "坏\ud800字"}), change(3, {"deleted": 1.0}),
             change(4, {"note": "好"}, author="\udfff"), {"origin": {}, "seq": 5, "stamp": "x"},
             change(6, {"note": "正常"})]
    report = county_ledger.apply_changes(batch)
    assert report.applied == 1 and len(report.rejected) == 5
    assert county_ledger.get("organisation", ORG)["note"] == "正常"


def test_received_values_pass_the_same_checks_as_local_writes(county_ledger):
    """A received value must be what a local write would have stored; one that is not is
    refused with its reason, and the rest of the batch still applies."""
    import time

    device = "0123456789abcdef"
    now = int(time.time() * 1000) << 16

    def change(seq, kind, record_id, fields, created=False):
        d = {"origin": device, "seq": seq, "stamp": make_stamp(now + seq, device), "kind": kind, "id": record_id,
             "scope": TOWNSHIP, "fields": fields, "author": "乙"}
        if created:
            d["created"] = True
        return d

    new_member = dict(member(1), phone="13800138000")
    bad = [
        change(1, "committee_member", "m-phone", dict(new_member, phone="abc"), created=True),
        change(2, "organisation", ORG, {"league_members": "x"}),
        change(3, "organisation", ORG, {"status": "no_such_status"}),
        change(4, "organisation", ORG, {"founded_on": "2026-13-40"}),
        change(5, "committee_member", "m-spaced", dict(new_member, phone="138 0013 8000"), created=True),
        change(6, "organisation", ORG, {"league_members": -3}),
    ]
    future = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    good = [change(7, "committee_member", "m-good", new_member, created=True),
            change(8, "organisation", ORG, {"founded_on": future, "note": "对方的修改"})]
    before = county_ledger.get("organisation", ORG)
    report = county_ledger.apply_changes(bad[:3] + good[:1] + bad[3:] + good[1:])
    assert report.applied == 2 and len(report.rejected) == len(bad)
    reasons = {change.origin_seq: reason for change, reason in report.rejected}
    assert set(reasons) == {1, 2, 3, 4, 5, 6}
    assert "phone" in reasons[1] and "abc" in reasons[1]
    assert "league_members" in reasons[2]
    assert "status" in reasons[3] and "no_such_status" in reasons[3]
    assert "founded_on" in reasons[4] and "2026-13-40" in reasons[4]
    assert "phone" in reasons[5] and "13800138000" in reasons[5]
    assert "league_members" in reasons[6]
    assert county_ledger.get("committee_member", "m-phone") is None
    assert county_ledger.get("committee_member", "m-spaced") is None
    assert county_ledger.get("committee_member", "m-good")["phone"] == "13800138000"
    after = county_ledger.get("organisation", ORG)
    # "not in the future" is the writer's check against its own date: a receiver behind it accepts the value
    assert after["founded_on"] == future and after["note"] == "对方的修改"
    assert {k: after[k] for k in ("league_members", "status")} == {k: before[k] for k in ("league_members", "status")}
