"""Hybrid logical clock (HLC) with a bounded offset, and the stamps that order every change.

A clock value is a 64-bit integer: 48 bits of wall-clock milliseconds and a 16-bit
counter.  A *stamp* is ``"<16 hex digits of the clock>-<16 hex digits of the device>"``;
stamps compare as plain strings, so "later" is ``>`` and ties between devices break
by device id, the same on every replica.

The offset is bounded, as in CockroachDB's ``--max-offset`` and the HLC paper (Kulkarni et
al., "Logical Physical Clocks", 2014): a received stamp may move this clock forward, but never
past this computer's physical time plus :data:`MAX_OFFSET_MS`.  A change stamped further ahead
is refused by every receiver (see ``Merging.apply_changes``), so one office whose BIOS date is a
year ahead cannot drag every clock in the country with it.  The physical time is the system
clock corrected by what the hub last told about it (``correction_ms``), so a device whose clock
the hub found off stamps its edits with the corrected time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

COUNTER_BITS = 16
DAY_MS = 24 * 3600 * 1000
#: How far ahead of a receiver's physical time a received stamp may lie (15 minutes: office PCs
#: without time sync drift by minutes; a wrong date is hours or years).
MAX_OFFSET_MS = 15 * 60 * 1000
#: The largest clock value the wire format (16 hex digits) holds.
MAX_CLOCK = (1 << 63) - 1
#: Kept for older ledgers' flag: a received change more than a day ahead was flagged.
FUTURE_TOLERANCE_MS = DAY_MS


class ClockExhausted(OverflowError):
    """The clock reached the end of the stamp format (only a ledger poisoned by an older
    program can get here; ``check --repair`` brings its clock back)."""


def make_stamp(clock: int, device: str) -> str:
    return f"{clock:016x}-{device}"


def stamp_clock(stamp: str) -> int:
    return int(stamp[:16], 16)


def clock_ms(clock: int) -> int:
    """Wall-clock milliseconds of a clock value."""
    return clock >> COUNTER_BITS


def stamp_ms(stamp: str) -> int:
    return clock_ms(stamp_clock(stamp))


@dataclass
class HybridClock:
    """An HLC for one device.  ``last`` is persisted by the ledger after every use."""

    last: int = 0
    #: the wall clock; looked up at each call, so a test can move ``desktop.ledger.hlc.time.time``
    wall: Callable[[], float] = field(default=lambda: time.time())
    #: milliseconds to add to the wall clock (what the hub found this computer's clock off by)
    correction_ms: int = 0
    max_offset_ms: int = MAX_OFFSET_MS

    def now_ms(self) -> int:
        """Physical time: the wall clock, corrected."""
        return int(self.wall() * 1000) + self.correction_ms

    def tick(self) -> int:
        """A new clock value for a local event, greater than every value seen."""
        physical = self.now_ms() << COUNTER_BITS
        if physical > self.last:
            self.last = physical
        elif self.last >= MAX_CLOCK:
            raise ClockExhausted()
        else:
            self.last += 1
        return self.last

    def ahead_ms(self, remote: int, now_ms: int | None = None) -> int:
        """How far a received clock value lies ahead of this computer's physical time (or of
        *now_ms*, that time read once for a batch of received changes)."""
        return clock_ms(remote) - (self.now_ms() if now_ms is None else now_ms)

    def acceptable(self, remote: int, now_ms: int | None = None) -> bool:
        """Whether a received clock value lies within the offset bound."""
        return self.ahead_ms(remote, now_ms) <= self.max_offset_ms

    def observe(self, remote: int, now_ms: int | None = None) -> bool:
        """Advance past a received clock value, never beyond physical time plus the bound.
        Returns True when it lies more than a day ahead (kept for the old flag)."""
        if now_ms is None:
            now_ms = self.now_ms()
        ahead = clock_ms(remote) - now_ms > FUTURE_TOLERANCE_MS
        limit = (now_ms + self.max_offset_ms) << COUNTER_BITS
        self.last = max(self.last, min(remote, limit))
        return ahead

    def runs_ahead(self) -> bool:
        """Whether this clock's last value lies beyond physical time plus the bound (a clock
        poisoned by an older program, or by this computer's own wrong date before)."""
        return clock_ms(self.last) - self.now_ms() > self.max_offset_ms

    def repair(self, newest_sound: int) -> int:
        """Bring a clock that runs ahead back to physical time (or to *newest_sound*, the newest
        stamp within the bound, if later).  Returns how many milliseconds it moved back."""
        before = self.last
        self.last = max(self.now_ms() << COUNTER_BITS, newest_sound)
        return max(0, clock_ms(before) - clock_ms(self.last))
