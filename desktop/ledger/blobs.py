"""File contents stored in the ledger by their SHA-256, and attachments that name them."""

from __future__ import annotations

import datetime as dt
import hashlib

from desktop.errors import NotFound


class Blobs:
    """File contents (a mixin of ``Ledger``)."""

    def add_blob(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        with self._writing():
            self.conn.execute("INSERT OR IGNORE INTO blob (sha256, size, data) VALUES (?, ?, ?)",
                              (digest, len(data), data))
        return digest

    def has_blob(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM blob WHERE sha256=?", (digest,)).fetchone() is not None

    def blob(self, digest: str) -> bytes:
        row = self.conn.execute("SELECT data FROM blob WHERE sha256=?", (digest,)).fetchone()
        if row is None:
            raise NotFound(kind="blob", id=digest)
        return bytes(row[0])

    def attach(self, owner_kind: str, owner_id: str, filename: str, data: bytes,
               media_type: str | None = None) -> str:
        """Store a file's content and an attachment record for it, in one transaction."""
        with self.batch():
            digest = self.add_blob(data)
            return self.create("attachment", {
                "owner_kind": owner_kind, "owner_id": owner_id, "filename": filename, "sha256": digest,
                "size": len(data), "media_type": media_type, "added_on": dt.date.today()})

