"""The ledger: one SQLite file holding every record of a unit and the units under it.

``Ledger`` is the only way in: every write validates, appends its change record in
the same transaction, and is merged by the same code whether it was typed here,
received from the hub or imported from a data package.

    with Ledger.open(path) as ledger:
        org = ledger.organisations.create(kind="township_committee", ...)
        ledger.committee_members.create(org_id=org, name="张三", ...)

The class is put together from mixins, one module per job:

- ``store``: opening, closing, meta, the clock, reading records (``get``, ``query``, ``count``);
- ``writes``: local writes (``create``, ``create_many``, ``update``, ``delete``, ``batch``);
- ``merge``: received changes (``apply_changes``), per-field last-writer-wins, conflicts;
- ``feeds``: the change log going out (``changes_for``, ``pending_changes``) and scope SQL;
- ``history``: history, conflicts and their take-back, undo of batches;
- ``blobs``: file contents; ``backup``: check, backup, restore;
- ``locks``: reviews of monthly submissions in force, and the months they lock;
- ``secrets``: the hub token and package keys, in the computer's key store where it has one;
- ``identity``: going on under a new device id, and the claim on the old one.

Mixins rather than composed objects because every part works on the same connection,
transaction, clock and counters: one object holding that state keeps one name per
operation (``ledger.apply_changes``) and needs no forwarding layer.  The mixins call each
other only through the methods listed in ``Store`` and ``Writes``.
"""

from __future__ import annotations

from desktop.errors import EnvironmentFault
from desktop.ledger.adopt import Adopting
from desktop.ledger.backup import Backups
from desktop.ledger.blobs import Blobs
from desktop.ledger.feeds import Feeds, prefix_range, received_clause, scope_ancestors, scope_clause
from desktop.ledger.history import Conflict, History, HistoryEntry
from desktop.ledger.identity import Identities
from desktop.ledger.locks import MonthLocked, MonthLocks, Review
from desktop.ledger.merge import ApplyReport, Merging
from desktop.ledger.secrets import Secrets
from desktop.ledger.store import Store
from desktop.ledger.writes import Writes
from desktop.records import KINDS, Kind

__all__ = ["ApplyReport", "Conflict", "HistoryEntry", "Ledger", "MonthLocked", "RecordSet", "Review", "prefix_range", "received_clause",
           "scope_ancestors", "scope_clause"]


class Ledger(Store, Writes, Merging, Adopting, Feeds, History, Blobs, Backups, MonthLocks, Secrets, Identities):
    """One open ledger file."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for kind in KINDS.values():
            setattr(self, kind.plural, RecordSet(self, kind))
        if not self.read_only and not self._sibling:
            try:
                self._move_secrets_to_key_store()
            except EnvironmentFault:  # a full disk: they stay in the ledger and move next time
                pass


class RecordSet:
    """The method family of one record kind: ``ledger.committee_members.create(...)``."""

    def __init__(self, ledger: "Ledger", kind: Kind) -> None:
        self.ledger, self.kind = ledger, kind

    def create(self, record_id: str | None = None, **values) -> str:
        return self.ledger.create(self.kind.name, values, record_id=record_id)

    def create_many(self, rows: list[dict]) -> list[str]:
        return self.ledger.create_many(self.kind.name, rows)

    def update(self, record_id: str, **changes) -> bool:
        return self.ledger.update(self.kind.name, record_id, changes)

    def delete(self, record_id: str) -> bool:
        return self.ledger.delete(self.kind.name, record_id)

    def restore(self, record_id: str) -> bool:
        return self.ledger.restore(self.kind.name, record_id)

    def get(self, record_id: str, include_deleted: bool = False) -> dict | None:
        return self.ledger.get(self.kind.name, record_id, include_deleted=include_deleted)

    def query(self, **kw) -> list[dict]:
        return self.ledger.query(self.kind.name, **kw)

    def count(self, **kw) -> int:
        return self.ledger.count(self.kind.name, **kw)
