"""The hub's own tables: enrollment codes and enrolled devices.

The hub's state is a ledger (scope "", the whole country); beside the record tables
and the change log it keeps two tables of its own (made and brought up to date by
:mod:`sync.hub.migrations`):

``hub_enrollment``
    one-time codes an admin issues for a scope (only the code's SHA-256 is kept);
``hub_device``
    the devices that redeemed a code: their scope, the SHA-256 of their token, their
    public key, when they enrolled and last called, the cursor of their last pull (for
    the admin's "pending changes" count), whether they are revoked and the last
    enrollment code issued before the revocation (its rowid: codes are never deleted,
    so a later code has a greater one), and how far their clock was from the hub's;
``hub_refusal``
    the changes refused from each device, counted by refusal code and day.

Two ways in:

* ``HubStore(ledger)`` on the running hub's ledger (the hub process holds the
  ledger's instance lock and serialises every write); the hub's request threads read
  through ``HubStore(conn=..., create_tables=False)`` on read-only connections of their own;
* ``HubStore.open_admin(path)`` for the admin commands (``township-hub enroll``,
  ``devices``, ``revoke``) while the hub runs: a plain connection (WAL, busy timeout)
  *without* the instance lock.  That is safe because these commands only write the
  hub tables, never the change log or the records, and every write is one short
  SQLite transaction (SQLite itself serialises the two writers).

On PostgreSQL (a ``postgresql://`` address) the same SQL runs through
:mod:`sync.hub.dialect`; there is no instance lock, and writers take turns on the
database's write lock instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from desktop.ledger.db import Transactions, connect
from desktop.errors import Label, LedgerError, LedgerMissing, NotALedger, NotFound, ScopeError
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.ledger import Ledger, received_clause, scope_clause
from desktop.ledger.changes import Change
from sync.hub import migrations as hub_migrations
from sync.hub.dialect import SQLITE, dialect_of, is_database_url

#: Letters and digits without look-alikes (no I, L, O, 0, 1).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_DAYS = 14
#: Longest device or unit name kept.
NAME_MAX = 100
PUBLIC_KEY_MAX = 10_000

class SuccessionRefused(LedgerError):
    """A device that may not take over from another.  ``reason`` is "unknown", "revoked",
    "succeeded" or "exists"."""

    message = QT_TRANSLATE_NOOP("errors", "The hub refused to let this device take over from the old one.")

    def __init__(self, reason: str, **params) -> None:
        self.reason = reason
        super().__init__(**params)


class EnrollmentRefused(LedgerError):
    """An enrollment code that cannot be redeemed.  ``reason`` is "unknown", "used",
    "expired" or "revoked"."""

    message = QT_TRANSLATE_NOOP("errors", "The enrollment code is not valid.")

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(_REFUSALS[reason])


_REFUSALS = {
    "unknown": QT_TRANSLATE_NOOP("errors", "The enrollment code is not valid."),
    "used": QT_TRANSLATE_NOOP("errors", "The enrollment code has already been used."),
    "expired": QT_TRANSLATE_NOOP("errors", "The enrollment code has expired; ask the hub's administrator for a new one."),
    "revoked": QT_TRANSLATE_NOOP("errors", "This device has been revoked at the hub; only an enrollment code issued after the revocation lets it in again."),
}


@dataclass(frozen=True)
class Device:
    device_id: str
    #: the name the device gave when it enrolled
    name: str
    #: the name the admin gave the enrollment code
    label: str
    scope: str
    public_key: str | None
    enrolled_at: str
    last_contact: str | None
    last_pull_cursor: int
    revoked: bool
    #: whether the device has ever called with its token (synced at least once)
    used: bool = False
    #: the device that took over from this one (``POST /v1/devices/successor``), if any
    succeeded_by: str | None = None
    #: how far the device's clock was ahead of the hub's (seconds; behind: negative) when it
    #: last said its time, and when that was (None: it never did)
    clock_skew_s: int | None = None
    clock_skew_at: str | None = None

    def wire(self) -> dict:
        """The device as ``GET /v1/devices`` lists it."""
        return {"device_id": self.device_id, "name": self.name, "scope": self.scope, "public_key": self.public_key,
                "enrolled_at": self.enrolled_at, "revoked": self.revoked}


@dataclass
class Refusals:
    """The changes the hub refused from one device: code → (all told, recent), and when last."""

    by_code: dict[str, tuple[int, int]] = field(default_factory=dict)
    last_at: str | None = None

    @property
    def total(self) -> int:
        return sum(total for total, _ in self.by_code.values())

    @property
    def recent(self) -> int:
        return sum(recent for _, recent in self.by_code.values())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_text(moment: dt.datetime) -> str:
    """UTC time as ``YYYY-MM-DDTHH:MM:SSZ`` (sorts as text)."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_text(text: str | None, missing: str = "-") -> str:
    """A stored UTC time (:func:`utc_text`) as local "YYYY-MM-DD HH:MM"; *missing* for none."""
    if not text:
        return missing
    try:
        moment = dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return text
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def normalise_code(code: str) -> str:
    """What the user typed, as stored: upper case, without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch not in " -\t")


def _prefix_clause(column: str, prefix: str) -> tuple[str, list]:
    if not prefix:
        return "1 = 1", []
    hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return f"({column} >= ? AND {column} < ?)", [prefix, hi]


class HubStore:
    """Enrollment codes and devices of the hub."""

    def __init__(self, ledger: Ledger | None = None, *, conn: sqlite3.Connection | None = None,
                 create_tables: bool = True) -> None:
        if ledger is not None:
            self.conn = ledger.conn
            self.tx = ledger.tx
        elif conn is not None:
            self.conn = conn
            self.tx = Transactions(conn)
        else:
            raise TypeError("HubStore needs a ledger or a connection")
        self._owns_conn = ledger is None
        if create_tables:
            hub_migrations.migrate(self.conn)

    @classmethod
    def open_admin(cls, path: Path | str) -> "HubStore":
        """The hub tables of the hub ledger at *path* (a file, or a PostgreSQL database's
        address), through a connection that does not take the ledger's instance lock (the
        running hub holds it).  Only for the admin commands: they touch the hub tables alone."""
        if is_database_url(path):
            from sync.hub.postgres import open_admin_connection

            conn = open_admin_connection(path)
            try:
                return cls(conn=conn)  # brings the hub's tables up to date
            except BaseException:
                conn.close()
                raise
        path = Path(path)
        if not path.is_file() or path.stat().st_size == 0:
            raise LedgerMissing(path=str(path))
        conn = connect(path)
        conn.row_factory = sqlite3.Row
        try:
            row = conn.execute("SELECT value FROM meta WHERE key='scope'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is None:
            conn.close()
            raise NotALedger(path=str(path))
        if row[0] != "":
            conn.close()
            raise NotAHub(path=str(path), scope=row[0])
        try:
            return cls(conn=conn)  # brings the hub's tables up to date
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        if self._owns_conn and self.conn is not None:
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __enter__(self) -> "HubStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- enrollment codes
    def create_code(self, scope: str, name: str, days: float = CODE_DAYS, *, now: dt.datetime | None = None,
                    nation: bool = False) -> str:
        """A new one-time enrollment code for a device of *scope* (a known division code, or
        with *nation* "", the whole country: asked for explicitly, never by leaving it out)."""
        from desktop.scope.geo import geography

        national = nation and scope == ""
        if not isinstance(scope, str) or not (national or (scope and geography().exists(scope))):
            raise ScopeError(QT_TRANSLATE_NOOP("errors", "\"{code}\" is not a known division code."), code=scope)
        name = (name or "").strip()
        if not name:
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "Enter a name for the device or unit."))
        if len(name) > NAME_MAX:
            raise LedgerError(QT_TRANSLATE_NOOP("errors", "The name is longer than {n} characters."), n=NAME_MAX)
        now = now or _now()
        for _ in range(5):  # 31**10 codes: a clash is all but impossible, but cheap to survive
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with self.tx():
                    self.conn.execute(
                        "INSERT INTO hub_enrollment (code_sha256, scope, name, created_at, expires_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (sha256(code), scope, name, utc_text(now), utc_text(now + dt.timedelta(days=days))))
            except sqlite3.IntegrityError:
                continue
            return code
        raise LedgerError()  # pragma: no cover

    def code_expiry(self, code: str) -> str | None:
        row = self.conn.execute("SELECT expires_at FROM hub_enrollment WHERE code_sha256=?",
                                (sha256(normalise_code(code)),)).fetchone()
        return row[0] if row else None

    def redeem(self, code: str, device_id: str, name: str, public_key: str | None = None,
               *, now: dt.datetime | None = None) -> str:
        """Exchange a code for a device token (returned; only its hash is kept).

        A code works once.  One exception, for a reply lost on a bad line: the device
        that redeemed it may redeem it again (a new token replaces the first) until it
        first uses its token, and only before the code expires.  A device id that is
        enrolled already is re-enrolled (new token, scope and name).  A revoked device
        comes back only with a code issued after its revocation: the admin's fresh code
        is the decision to let it in again, while a code handed out earlier (lost, or
        taken along with the machine) cannot undo the revocation."""
        now = now or _now()
        token = secrets.token_urlsafe(32)
        name = (name or "").strip()[:NAME_MAX]
        with self.tx():
            row = self.conn.execute("SELECT rowid, code_sha256, scope, name, expires_at, used, used_by "
                                    "FROM hub_enrollment WHERE code_sha256=?",
                                    (sha256(normalise_code(code)),)).fetchone()
            if row is None:
                raise EnrollmentRefused("unknown")
            if row["expires_at"] <= utc_text(now):
                raise EnrollmentRefused("expired")
            existing = self.conn.execute("SELECT * FROM hub_device WHERE device_id=?", (device_id,)).fetchone()
            if existing is not None and existing["revoked"] and row["rowid"] <= (existing["codes_before_revocation"] or 0):
                raise EnrollmentRefused("revoked")
            if row["used"]:
                retry = (row["used_by"] == device_id and existing is not None and not existing["token_used"])
                if not retry:
                    raise EnrollmentRefused("used")
            self.conn.execute("UPDATE hub_enrollment SET used = 1, used_at = ?, used_by = ? WHERE code_sha256 = ?",
                              (utc_text(now), device_id, row["code_sha256"]))
            values = (name or row["name"], row["name"], row["scope"], sha256(token), public_key, utc_text(now))
            if existing is None:
                self.conn.execute(
                    "INSERT INTO hub_device (name, label, scope, token_sha256, public_key, enrolled_at, last_contact, "
                    "device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*values, utc_text(now), device_id))
            else:
                self.conn.execute(
                    "UPDATE hub_device SET name = ?, label = ?, scope = ?, token_sha256 = ?, public_key = ?, "
                    "enrolled_at = ?, last_contact = ?, token_used = 0, last_pull_cursor = 0, revoked = 0, "
                    "revoked_at = NULL, succeeded_by = NULL, succeeded_at = NULL WHERE device_id = ?",
                    (*values, utc_text(now), device_id))
        return token

    # ----------------------------------------------------------------- devices
    @staticmethod
    def _device(row: sqlite3.Row) -> Device:
        return Device(row["device_id"], row["name"], row["label"], row["scope"], row["public_key"],
                      row["enrolled_at"], row["last_contact"], row["last_pull_cursor"], bool(row["revoked"]),
                      bool(row["token_used"]), row["succeeded_by"], row["clock_skew_s"], row["clock_skew_at"])

    def device(self, device_id: str) -> Device | None:
        row = self.conn.execute("SELECT * FROM hub_device WHERE device_id=?", (device_id,)).fetchone()
        return self._device(row) if row else None

    def device_for_token(self, token: str) -> Device | None:
        """The enrolled, not revoked device holding *token*."""
        if not token:
            return None
        row = self.conn.execute("SELECT * FROM hub_device WHERE token_sha256=? AND revoked = 0",
                                (sha256(token),)).fetchone()
        return self._device(row) if row else None

    def device_for_any_token(self, token: str) -> Device | None:
        """The device *token* was issued to, revoked or not (to say why it is refused)."""
        if not token:
            return None
        row = self.conn.execute("SELECT * FROM hub_device WHERE token_sha256=?", (sha256(token),)).fetchone()
        return self._device(row) if row else None

    def succeed(self, token: str, predecessor: str, device_id: str, name: str, public_key: str | None,
                *, now: dt.datetime | None = None) -> str:
        """Enroll *device_id* as the successor of *predecessor*, whose *token* the caller
        holds: the new device takes its scope, label and (unless *name* is given) its name;
        the old one is revoked, with ``succeeded_by`` naming the new.  Returns the new token.

        Safe to repeat after a lost reply: while the successor has not used its token, the
        same claim gets a fresh token in place of the first."""
        now = now or _now()
        new_token = secrets.token_urlsafe(32)
        with self.tx():
            old = self.conn.execute("SELECT * FROM hub_device WHERE token_sha256=? AND device_id=?",
                                    (sha256(token), predecessor)).fetchone()
            if old is None:
                raise SuccessionRefused("unknown")
            existing = self.conn.execute("SELECT * FROM hub_device WHERE device_id=?", (device_id,)).fetchone()
            if old["succeeded_by"]:
                retry = (old["succeeded_by"] == device_id and existing is not None and not existing["token_used"])
                if not retry:
                    raise SuccessionRefused("succeeded")
                self.conn.execute("UPDATE hub_device SET token_sha256 = ? WHERE device_id = ?",
                                  (sha256(new_token), device_id))
                return new_token
            if old["revoked"]:
                raise SuccessionRefused("revoked")
            if existing is not None:
                raise SuccessionRefused("exists")
            name = (name or "").strip()[:NAME_MAX] or old["name"]
            self.conn.execute(
                "INSERT INTO hub_device (name, label, scope, token_sha256, public_key, enrolled_at, last_contact, "
                "device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, old["label"], old["scope"], sha256(new_token), public_key, utc_text(now), utc_text(now),
                 device_id))
            last_code = self.conn.execute("SELECT max(rowid) FROM hub_enrollment").fetchone()[0] or 0
            self.conn.execute("UPDATE hub_device SET revoked = 1, revoked_at = ?, codes_before_revocation = ?, "
                              "succeeded_by = ?, succeeded_at = ? WHERE device_id = ?",
                              (utc_text(now), last_code, device_id, utc_text(now), predecessor))
        return new_token

    def touch(self, device_id: str, skew_s: int | None = None, *, now: dt.datetime | None = None) -> None:
        """The device called (with its token), its clock *skew_s* seconds ahead of the hub's
        (None: the call did not say its time)."""
        self.record_call(device_id, skew_s, {}, now=now)

    def record_call(self, device_id: str, skew_s: int | None, refused: dict[str, int],
                    *, now: dt.datetime | None = None) -> None:
        """What one call of the device showed: its clock's skew (when it said its time) and the
        changes refused from it by code (one statement a code, never one a change); in the
        caller's transaction when there is one (a push's)."""
        stamp = utc_text(now or _now())
        with self._writing(single=not refused):
            self._contact(device_id, skew_s, stamp)
            if refused:
                self.conn.executemany(
                    "INSERT INTO hub_refusal (device_id, code, day, refused, last_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (device_id, code, day) DO UPDATE SET refused = hub_refusal.refused + excluded.refused, "
                    "last_at = excluded.last_at",
                    [(device_id, code, stamp[:10], n, stamp) for code, n in sorted(refused.items()) if n])

    def _contact(self, device_id: str, skew_s: int | None, stamp: str, cursor: int | None = None) -> None:
        """One statement: the device called at *stamp* (with its token; its clock *skew_s*
        ahead when it said its time; sent the changes up to *cursor* when given)."""
        sets, params = ["last_contact = ?", "token_used = 1"], [stamp]
        if skew_s is not None:
            sets += ["clock_skew_s = ?", "clock_skew_at = ?"]
            params += [int(skew_s), stamp]
        if cursor is not None:
            sets.append("last_pull_cursor = ?")
            params.append(int(cursor))
        # a write whose answer nobody reads: inside a push's transaction on PostgreSQL it goes
        # with the commit (sync.hub.dialect.PgConnection) instead of making a round trip of its own
        self.conn.executemany(f"UPDATE hub_device SET {', '.join(sets)} WHERE device_id = ?", [(*params, device_id)])

    def _writing(self, single: bool) -> contextlib.AbstractContextManager:
        """The transaction for a write to the device table: the caller's when there is one (its
        savepoint takes back a failure); none for *single* statement on PostgreSQL, where a
        statement outside a transaction is one by itself and a device's row needs none of the
        hub's write lock (which orders the change log); else a transaction of its own."""
        if self.tx.depth > 0 or (single and dialect_of(self.conn) is not SQLITE):
            return contextlib.nullcontext()
        return self.tx()

    def refusals(self, device_ids: Iterable[str], since_day: str) -> dict[str, "Refusals"]:
        """device id → the changes refused from it: by code, all told and since *since_day*
        (``YYYY-MM-DD``), and the last refusal's time; devices without any are left out."""
        wanted = list(dict.fromkeys(device_ids))
        out: dict[str, Refusals] = {}
        for start in range(0, len(wanted), 400):
            chunk = wanted[start:start + 400]
            rows = self.conn.execute(
                "SELECT device_id, code, sum(refused), sum(CASE WHEN day >= ? THEN refused ELSE 0 END), max(last_at) "
                f"FROM hub_refusal WHERE device_id IN ({', '.join('?' for _ in chunk)}) GROUP BY device_id, code",
                [since_day, *chunk]).fetchall()
            for device_id, code, total, recent, last in rows:
                summary = out.setdefault(device_id, Refusals())
                summary.by_code[code] = (int(total), int(recent))
                summary.last_at = max(summary.last_at or "", last)
        return out

    def record_pull(self, device_id: str, cursor: int, skew_s: int | None = None, *,
                    now: dt.datetime | None = None) -> None:
        """The device was sent the changes up to *cursor* (kept for the pending count), its clock
        *skew_s* ahead of the hub's when the call said its time."""
        with self._writing(single=True):
            self._contact(device_id, skew_s, utc_text(now or _now()), cursor)

    def devices(self, scope_prefix: str | None = None) -> list[Device]:
        """Every device (or those whose scope lies in *scope_prefix*), by scope."""
        clause, params = _prefix_clause("scope", scope_prefix or "")
        rows = self.conn.execute(f"SELECT * FROM hub_device WHERE {clause} ORDER BY scope, enrolled_at, device_id",
                                 params)
        return [self._device(r) for r in rows]

    def devices_visible_to(self, scope: str) -> list[Device]:
        """Devices a device of *scope* may know: those of its scope and below (whose data
        packages it receives) and those of the levels above it (which publish to it)."""
        clause, params = scope_clause(scope)
        rows = self.conn.execute(f"SELECT * FROM hub_device WHERE {clause} ORDER BY scope, enrolled_at, device_id",
                                 params)
        return [self._device(r) for r in rows]

    def revoke(self, device_id: str, *, now: dt.datetime | None = None) -> bool:
        """Revoke a device's token.  Returns False when it was revoked already."""
        with self.tx():
            row = self.conn.execute("SELECT revoked FROM hub_device WHERE device_id=?", (device_id,)).fetchone()
            if row is None:
                raise NotFound(kind=Label("errors", "device"), id=device_id)
            if row[0]:
                return False
            last_code = self.conn.execute("SELECT max(rowid) FROM hub_enrollment").fetchone()[0] or 0
            self.conn.execute("UPDATE hub_device SET revoked = 1, revoked_at = ?, codes_before_revocation = ? "
                              "WHERE device_id = ?", (utc_text(now or _now()), last_code, device_id))
        return True

    # ----------------------------------------------------------------- change-log figures
    def pending_count(self, device: Device) -> int:
        """Changes the device has not been sent yet: after its last pull's cursor, in its
        scope or published by a level above it, not its own."""
        clause, params = received_clause(device.scope, device.device_id)
        return self.conn.execute(f"SELECT count(*) FROM change_log WHERE seq > ? AND {clause}",
                                 [device.last_pull_cursor, *params]).fetchone()[0]

    def pending_counts(self, devices: Iterable[Device] | None = None) -> dict[str, int]:
        """device id → pending changes, for the admin's listing."""
        return {d.device_id: self.pending_count(d) for d in (self.devices() if devices is None else devices)}

    def stored_changes(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Change]:
        """The changes the change log holds of these (origin, seq) pairs."""
        wanted = list(dict.fromkeys(keys))
        found: dict[tuple[str, int], Change] = {}
        for start in range(0, len(wanted), 400):
            chunk = wanted[start:start + 400]
            where = " OR ".join("(origin = ? AND origin_seq = ?)" for _ in chunk)
            params = [v for pair in chunk for v in pair]
            for row in self.conn.execute(f"SELECT * FROM change_log WHERE {where}", params):
                change = Change.from_row(row)
                found[(change.origin, change.origin_seq)] = change
        return found


class NotAHub(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "{path} is the ledger of a unit (scope {scope}), not the hub's ledger.")
