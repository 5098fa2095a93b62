"""What leaves the ledger: the change log read by position, by scope and by origin, for
sync, the hub and data packages; and the scope SQL they share."""

from __future__ import annotations

from desktop.ledger.changes import Change
from desktop.records import ids


def prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds so that ``lo <= code < hi`` is "code starts with prefix" (codes are digits)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def scope_ancestors(scope: str) -> list[str]:
    """The scopes above a division code: "" (the country), province, prefecture, county, township."""
    return [scope[:n] for n in (0, 2, 4, 6, 9) if n < len(scope)]


def scope_clause(scope: str, column: str = "scope") -> tuple[str, list]:
    """SQL for "*column* lies in *scope* or is one of the scopes above it": what a device
    of *scope* receives (its own and below, and what the levels above publish)."""
    if not scope:
        return "1 = 1", []
    lo, hi = prefix_range(scope)
    above = scope_ancestors(scope)
    return (f"(({column} >= ? AND {column} < ?) OR {column} IN ({', '.join('?' * len(above))}))",
            [lo, hi, *above])


def received_clause(scope: str, exclude_origin: str | None = None) -> tuple[str, list]:
    """SQL over ``change_log``: the changes a device of *scope* receives (not the built-in
    reference data, not its own when *exclude_origin* names it)."""
    where, params = scope_clause(scope)
    sql = f"origin != ? AND {where}"
    params = [ids.BUILTIN_DEVICE, *params]
    if exclude_origin:
        sql += " AND origin != ?"
        params.append(exclude_origin)
    return sql, params



class Feeds:
    """Reading the change log (a mixin of ``Ledger``)."""

    def changes_since(self, cursor: int = 0, *, limit: int | None = None, scope: str | None = None,
                      include_builtin: bool = False) -> tuple[list[Change], int]:
        """Changes stored after local position *cursor*, in order; and the new cursor."""
        sql = "SELECT * FROM change_log WHERE seq > ?"
        params: list = [cursor]
        if scope:
            lo, hi = prefix_range(scope)
            sql += " AND scope >= ? AND scope < ?"
            params += [lo, hi]
        if not include_builtin:
            sql += " AND origin != ?"
            params.append(ids.BUILTIN_DEVICE)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self.conn.execute(sql, params).fetchall()
        new_cursor = rows[-1]["seq"] if rows else cursor
        return [Change.from_row(r) for r in rows], new_cursor

    def changes_for(self, cursor: int, scope: str, *, limit: int = 2000,
                    exclude_origin: str | None = None, upto: int | None = None) -> tuple[list[Change], int, bool]:
        """What a device of *scope* receives: changes after *cursor* inside its scope or
        published by the levels above it (scopes that are prefixes of it).  Returns the
        changes, the new cursor and whether more follow.  *upto* stops at that seq (a
        snapshot's fixed end) instead of the last one stored."""
        high = self.last_seq()  # a fixed end, so a change stored meanwhile is never skipped
        if upto is not None:
            high = min(high, upto)
        where, params = received_clause(scope, exclude_origin)
        rows = self.conn.execute(f"SELECT * FROM change_log WHERE seq > ? AND seq <= ? AND {where} "
                                 "ORDER BY seq LIMIT ?", [cursor, high, *params, limit + 1]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        # with nothing more for this scope up to `high`, the next pull may start there
        new_cursor = rows[-1]["seq"] if more else max(cursor, high)
        return [Change.from_row(r) for r in rows], new_cursor, more

    def count_changes_for(self, scope: str, upto: int, *, exclude_origin: str | None = None) -> int:
        """How many changes :meth:`changes_for` would give from cursor 0 up to *upto*."""
        where, params = received_clause(scope, exclude_origin)
        return self.conn.execute(f"SELECT count(*) FROM change_log WHERE seq <= ? AND {where}",
                                 [upto, *params]).fetchone()[0]

    def origins_for(self, scope: str, upto: int, *, exclude_origin: str | None = None) -> list[str]:
        """The origins of the changes :meth:`changes_for` would give from cursor 0 up to *upto*."""
        where, params = received_clause(scope, exclude_origin)
        return [r[0] for r in self.conn.execute(f"SELECT DISTINCT origin FROM change_log WHERE seq <= ? AND {where}",
                                                [upto, *params])]

    def changes_after(self, vector: dict[str, int], *, scope: str | None = None) -> list[Change]:
        """Changes the holder of *vector* (origin → highest seq it has) does not have yet."""
        out = []
        for origin, in self.conn.execute("SELECT DISTINCT origin FROM change_log WHERE origin != ?",
                                         (ids.BUILTIN_DEVICE,)).fetchall():
            sql = "SELECT * FROM change_log WHERE origin = ? AND origin_seq > ?"
            params: list = [origin, vector.get(origin, 0)]
            if scope:
                lo, hi = prefix_range(scope)
                sql += " AND scope >= ? AND scope < ?"
                params += [lo, hi]
            out += [Change.from_row(r) for r in self.conn.execute(sql + " ORDER BY origin_seq", params)]
        return out

    def version_vector(self) -> dict[str, int]:
        """origin → highest contiguous seq held (gaps stop the count, so nothing is skipped)."""
        vector = {}
        for origin, in self.conn.execute("SELECT DISTINCT origin FROM change_log").fetchall():
            seqs = [r[0] for r in self.conn.execute(
                "SELECT origin_seq FROM change_log WHERE origin=? ORDER BY origin_seq", (origin,))]
            n = 0
            for s in seqs:
                if s != n + 1:
                    break
                n = s
            vector[origin] = n
        return vector

    def last_seq(self) -> int:
        row = self.conn.execute("SELECT max(seq) FROM change_log").fetchone()
        return row[0] or 0

    def pending_changes(self) -> int:
        """Changes not yet acknowledged by the hub (all of them until the first sync).

        Counted without a scan: change-log positions have no gaps (rows are never
        deleted, and a rolled-back insert gives its position back), so the count after
        the cursor is the last position minus the cursor, less the built-in rows."""
        cursor = int(self.meta("push_cursor", "0"))
        last = self.last_seq()
        builtin = self.conn.execute("SELECT count(*) FROM change_log WHERE origin = ? AND seq > ?",
                                    (ids.BUILTIN_DEVICE, cursor)).fetchone()[0]
        return max(last - cursor - builtin, 0)

