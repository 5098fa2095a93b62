"""Hybrid logical clock (HLC) and the stamps that order every change.

A clock value is a 64-bit integer: 48 bits of wall-clock milliseconds and a 16-bit
counter.  A *stamp* is ``"<16 hex digits of the clock>-<16 hex digits of the device>"``;
stamps compare as plain strings, so "later" is ``>`` and ties between devices break
by device id, the same on every replica.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

COUNTER_BITS = 16
DAY_MS = 24 * 3600 * 1000
#: A received change stamped further ahead of the local clock than this is flagged.
FUTURE_TOLERANCE_MS = DAY_MS


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

    def now_ms(self) -> int:
        return int(self.wall() * 1000)

    def tick(self) -> int:
        """A new clock value for a local event, greater than every value seen."""
        physical = self.now_ms() << COUNTER_BITS
        self.last = physical if physical > self.last else self.last + 1
        return self.last

    def observe(self, remote: int) -> bool:
        """Advance past a received clock value.  Returns True when it lies more than
        a day ahead of the local wall clock (the caller flags such a change)."""
        ahead = clock_ms(remote) - self.now_ms() > FUTURE_TOLERANCE_MS
        if remote > self.last:
            self.last = remote
        return ahead
