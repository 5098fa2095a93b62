"""The accounts of the people who run the hub, and their signed-in sessions.

An account is a name, a password kept as a scrypt hash (RFC 7914, from the standard
library) and the division it may see and manage ("" = the whole hub).  Accounts are made on
the hub's machine with ``township-hub admin add``; the admin page only signs them in.

A session is a cookie signed with HMAC-SHA256 by a secret the hub keeps in its database
(so every hub process on the database accepts it): name, expiry and a random nonce, bound
to the account's password hash, so changing the password ends every session of the
account.  Each form carries a token derived from the session (CSRF): a page of another site
can make the browser send the cookie, but cannot read the token.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass

from desktop.errors import LedgerError
from desktop.i18n import QT_TRANSLATE_NOOP

#: scrypt's cost: 16 MiB of memory and some 50 ms a try on an office PC, which makes
#: guessing slow without making the sign-in so.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1
MIN_PASSWORD = 10
#: how long a sign-in lasts
SESSION_HOURS = 8
TABLES = """
CREATE TABLE IF NOT EXISTS hub_admin (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hub_admin_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
)
"""


class AdminExists(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "An administrator named \"{name}\" already exists.")


class WeakPassword(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "The password is too short: use at least {n} characters.")


class BadAdminName(LedgerError):
    message = QT_TRANSLATE_NOOP("errors", "An administrator's name is 1 to 40 letters or digits, without spaces.")


@dataclass(frozen=True)
class Admin:
    name: str
    scope: str
    password_hash: str


def create_tables(conn: sqlite3.Connection) -> None:
    """The hub migration that brings the accounts: the tables and the session secret (on
    SQLite or PostgreSQL: the definitions through the connection's dialect)."""
    from sync.hub.dialect import dialect_of

    for statement in dialect_of(conn).ddl(TABLES).split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT OR IGNORE INTO hub_admin_key (id, secret) VALUES (1, ?)", (secrets.token_hex(32),))


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=64 * 1024 * 1024)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=64 * 1024 * 1024)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


#: A name to compare against when there is no such account, so that "no such name" takes
#: as long as "wrong password".
_NOBODY = hash_password(secrets.token_hex(8))


class AdminAccounts:
    """The accounts and the session secret, over one connection to the hub's database."""

    def __init__(self, conn: sqlite3.Connection, tx) -> None:
        self.conn = conn
        self.tx = tx

    def add(self, name: str, password: str, scope: str = "") -> Admin:
        name = name.strip()
        if not (0 < len(name) <= 40) or not all(ch.isalnum() or ch in "_-." for ch in name):
            raise BadAdminName()
        if len(password) < MIN_PASSWORD:
            raise WeakPassword(n=MIN_PASSWORD)
        stored = hash_password(password)
        now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.tx():
            if self.get(name) is not None:
                raise AdminExists(name=name)
            self.conn.execute("INSERT INTO hub_admin (name, password_hash, scope, created_at) VALUES (?, ?, ?, ?)",
                              (name, stored, scope, now))
        return Admin(name, scope, stored)

    def get(self, name: str) -> Admin | None:
        row = self.conn.execute("SELECT name, scope, password_hash FROM hub_admin WHERE name = ?", (name,)).fetchone()
        return Admin(row[0], row[1], row[2]) if row else None

    def names(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT name, scope FROM hub_admin ORDER BY name")]

    def check(self, name: str, password: str) -> Admin | None:
        """The account when the password is its own, else None (in the same time either way)."""
        admin = self.get(name.strip())
        ok = password_matches(password, admin.password_hash if admin else _NOBODY)
        return admin if admin and ok else None

    def _secret(self) -> bytes:
        row = self.conn.execute("SELECT secret FROM hub_admin_key WHERE id = 1").fetchone()
        return bytes.fromhex(row[0])

    # ------------------------------------------------------------------- sessions
    def _sign(self, payload: str, admin: Admin) -> str:
        mac = hmac.new(self._secret(), f"{payload}|{admin.password_hash}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).decode().rstrip("=")

    def session_for(self, admin: Admin, now: float) -> str:
        """A cookie value for a fresh sign-in."""
        name = base64.urlsafe_b64encode(admin.name.encode()).decode().rstrip("=")
        payload = f"{name}.{int(now) + SESSION_HOURS * 3600}.{secrets.token_hex(8)}"
        return f"{payload}.{self._sign(payload, admin)}"

    def session_admin(self, cookie: str | None, now: float) -> Admin | None:
        """The account a cookie signs in, None when it is missing, forged or expired."""
        try:
            name, expires, nonce, mac = (cookie or "").split(".")
            admin = self.get(base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode())
            alive = int(expires) > now
        except (ValueError, UnicodeDecodeError):
            return None
        if admin is None or not alive:
            return None
        return admin if hmac.compare_digest(self._sign(f"{name}.{expires}.{nonce}", admin), mac) else None

    def csrf_token(self, cookie: str) -> str:
        mac = hmac.new(self._secret(), f"csrf|{cookie}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]
