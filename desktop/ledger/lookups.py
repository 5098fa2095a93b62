"""The look-ups of a bulk create, batched: what the rules and the scope of each new record
read, fetched with one query per referenced kind instead of one per record.

Nothing is written while a batch is validated (its rows are stored after the last one
passed), so every look-up may be answered from what was read at the start; only the
committee members the batch itself adds are added as they are accepted (a later row of
the batch must see an earlier one for the duplicate rule).
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from desktop.records import KINDS, T, Kind

_CHUNK = 500  # host parameters per query, well under SQLite's limit


class BulkLookups:
    """Records read once for a batch of new records (answers ``rules.Lookups``)."""

    def __init__(self, conn: sqlite3.Connection, scope: str, has_blob) -> None:
        self.conn, self.scope, self.has_blob = conn, scope, has_blob
        self._rows: dict[tuple[str, str], dict | None] = {}
        self._live: dict[tuple[str, str], dict | None] = {}
        self._members: dict[tuple[str, str], list[dict]] = {}
        self._committees: set[str] = set()

    def fetch(self, k: Kind, record_ids: Iterable[str]) -> None:
        """Read the records of kind *k* with these ids (missing ones are remembered too)."""
        rows = self._rows
        wanted = [i for i in dict.fromkeys(record_ids) if i is not None and (k.name, i) not in rows]
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            for i in chunk:
                rows[(k.name, i)] = None
            for r in self.conn.execute(f"SELECT * FROM {k.table} WHERE id IN ({', '.join('?' * len(chunk))})",
                                       chunk):
                rows[(k.name, r["id"])] = dict(r)

    def fetch_references(self, k: Kind, records: list[dict]) -> None:
        """Read every record that a reference field of these records of kind *k* names."""
        for f in k.fields:
            if f.type is T.REF and f.ref in KINDS:
                self.fetch(KINDS[f.ref], (r[f.name] for r in records))

    def row(self, k: Kind, record_id: str) -> dict | None:
        """The stored row (deleted or not, with its clock), None if there is none."""
        key = (k.name, record_id)
        if key not in self._rows:
            self.fetch(k, [record_id])
        return self._rows[key]

    def get(self, kind: str, record_id: str) -> dict | None:
        key = (kind, record_id)
        if key in self._live:
            return self._live[key]
        row = self.row(KINDS[kind], record_id)
        live = None if row is None or row["deleted"] else {n: v for n, v in row.items() if n != "clock"}
        self._live[key] = live
        return live

    def members_named(self, org_id: str, name: str) -> list[dict]:
        if org_id not in self._committees:  # one query per committee
            self._committees.add(org_id)
            for r in self.conn.execute("SELECT id, name, birth_date, exited_on FROM committee_member "
                                       "WHERE org_id=? AND deleted=0", (org_id,)):
                self.add_member(org_id, r["name"], r["id"], r["birth_date"], r["exited_on"])
        return self._members.get((org_id, name), [])

    def add_member(self, org_id: str, name: str, record_id: str, birth_date: str | None,
                   exited_on: str | None) -> None:
        """A member the batch adds: later rows of the batch see it."""
        self._members.setdefault((org_id, name), []).append(
            {"id": record_id, "birth_date": birth_date, "exited_on": exited_on})
