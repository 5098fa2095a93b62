"""Checking, backing up and restoring a ledger file."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import sqlite3
from pathlib import Path

from desktop.records import ids
from desktop.errors import LedgerCorrupt, LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger.changes import Change, signature_text, signed_bytes
from desktop.ledger.db import InstanceLock, backup_to, quick_check
from desktop.records import KINDS


class Backups:
    """Integrity check, backup and restore (a mixin of ``Ledger``)."""

    def check(self) -> list[str]:
        """Full integrity check of the file, plus the ledger's own consistency."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        for k in KINDS.values():
            n = self.conn.execute(f"SELECT count(*) FROM {k.table} t WHERE NOT EXISTS "
                                  f"(SELECT 1 FROM change_log c WHERE c.record_id = t.id)").fetchone()[0]
            if n:
                problems.append(f"{k.name}: {n} records without a change record")
        return problems

    def backup(self, dest: Path | str) -> Path:
        """A consistent copy of the ledger (SQLite backup API), written atomically.  A backup
        travels (to a stick, by mail): it holds the data but not the device's identity — no
        hub token, no private key (:data:`DEVICE_BOUND_META`), which a restore drops anyway.
        The device's changes not yet sent are signed in the copy before its key is left out,
        so they can still leave from a restored ledger (a new device) as this device's own."""
        folder = str(dest).endswith(("/", "\\"))
        dest = Path(dest)
        if dest.is_dir() or folder:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            dest = dest / f"{self.path.stem}-{stamp}.sqlite"
        own = {"device_id": self.device_id, "package_keys": self.secret("package_keys")}

        def prepare(conn: sqlite3.Connection) -> None:
            _sign_left_behind(conn, own)
            _without_device_identity(conn)

        backup_to(self.conn, dest, prepare=prepare)
        return dest

    @classmethod
    def restore_from(cls, backup: Path | str, path: Path | str) -> None:
        """Replace the ledger at *path* by *backup* (checked first; the old file is kept as .replaced).
        The restored ledger is a new device; the hub enrollment of the ledger it replaces (same
        unit) goes with it as a claim to take that device's place at the next sync
        (:mod:`desktop.ledger.identity`)."""
        from desktop.ledger.identity import carried_claim

        backup, path = Path(backup), Path(path)
        if not backup.is_file():
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "The backup file {path} does not exist."), path=str(backup))
        probe = cls.open(backup, read_only=True)
        try:
            problems = quick_check(probe.conn)
            if problems:
                raise LedgerCorrupt(path=str(backup), detail=problems[0])
            scope = probe.scope
        finally:
            probe.close()
        claim = carried_claim(cls, path, scope) if path.exists() else None
        lock = InstanceLock(path)
        lock.acquire()
        try:
            src = sqlite3.connect(str(backup))
            try:
                if path.exists():
                    old = sqlite3.connect(str(path))
                    try:
                        backup_to(old, path.with_name(path.name + ".replaced"))
                    finally:
                        old.close()
                backup_to(src, path, prepare=_continue_as_new_device)
            finally:
                src.close()
            for suffix in ("-wal", "-shm"):
                p = Path(str(path) + suffix)
                if p.exists():
                    p.unlink()
        finally:
            lock.release()
        if claim is not None:
            restored = cls.open(path, verify=False)
            try:
                restored.set_predecessor(claim)
            finally:
                restored.close()


#: Meta entries that belong to the device identity, not to the data: a backup leaves them out
#: and a restored ledger drops them (its keys and its hub token are the old device's; the
#: program makes new ones).
DEVICE_BOUND_META = ("package_keys", "hub_token", "sync_settings", "sync_snapshot", "sync_blob_uploads",
                     "identity_predecessor", "predecessor_hub_token", "predecessor_package_keys", "identity_copied")


def _without_device_identity(conn: sqlite3.Connection) -> None:
    """Take the device's identity (its secrets among it) out of a copy, leaving no trace of it
    in the file: freed space is zeroed and the undo journal kept in memory."""
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    with conn:
        conn.executemany("DELETE FROM meta WHERE key = ?", [(k,) for k in DEVICE_BOUND_META])
    conn.execute("PRAGMA journal_mode = DELETE")


def _continue_as_new_device(conn: sqlite3.Connection) -> None:
    """A restored ledger continues as a new device, so no sequence number that already left
    the machine is ever used twice (its old edits stay under the old device's name and come
    back from the hub or the county like anyone else's).  Done on the copy before it takes
    the ledger's name: a restore cut short leaves the old ledger."""
    with conn:
        new_device_identity(conn, "restored_at")


def new_device_identity(conn: sqlite3.Connection, note: str) -> tuple[str, str]:
    """Give the ledger on *conn* a new device id, inside the caller's transaction: its
    numbering starts again at 1, the old id joins "previous_device_ids", the device-bound
    meta goes (the old identity's hub token and keys; the program makes new ones), and
    *note* records when.  The old device's changes not sent yet are signed with its key
    first, where the file still holds it.  Returns (old id, new id)."""
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    previous = [d for d in (meta.get("previous_device_ids") or "").split(",") if d]
    previous.append(meta["device_id"])
    _sign_left_behind(conn, meta)  # a backup from before backups were signed still holds the key
    new = ids.new_device_id()
    conn.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", [
        ("device_id", new), ("next_seq", "1"), ("previous_device_ids", ",".join(previous)),
        (note, dt.datetime.now().isoformat(timespec="seconds"))])
    conn.executemany("DELETE FROM meta WHERE key = ?", [(k,) for k in DEVICE_BOUND_META])
    return meta["device_id"], new


def _sign_left_behind(conn: sqlite3.Connection, meta: dict) -> None:
    """Sign the device's changes it had not sent yet, with its key, in a copy that is about to
    lose the key (a backup, which travels without it; a restored ledger, which becomes a new
    device): they leave later from whichever device holds the copy, which relays them like
    anyone else's, and a relayed change must carry its origin's signature
    (docs/trust-and-time.md).  PyNaCl directly, as the core may not use ``sync``: the one
    Ed25519 signature, over the core's canonical form."""
    try:
        seed = base64.b64decode(json.loads(meta.get("package_keys") or "{}")["sign"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        return  # the device never made its keys: nothing of it left signed, nothing to sign with
    columns = {r[1] for r in conn.execute("PRAGMA table_info(change_log)")}
    if "signature" not in columns or len(seed) != 32:
        return  # a backup from before signing: migrated on opening, its changes stay as they were
    import nacl.bindings

    _, secret = nacl.bindings.crypto_sign_seed_keypair(seed)
    factory, conn.row_factory = conn.row_factory, sqlite3.Row
    rows = conn.execute("SELECT * FROM change_log WHERE origin = ? AND signature IS NULL",
                        (meta["device_id"],)).fetchall()
    conn.row_factory = factory
    conn.executemany("UPDATE change_log SET signature = ? WHERE seq = ?", [
        (signature_text(nacl.bindings.crypto_sign(signed_bytes(Change.from_row(r)), secret)[:64]), r["seq"])
        for r in rows])
