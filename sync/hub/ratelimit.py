"""A token bucket per client address, against guessing enrollment codes.

Each address may try ``rate`` enrollments a minute, in bursts of up to ``rate``; a try
beyond that is answered 429 with ``Retry-After`` (the seconds until the bucket holds a
token again).  The buckets live in the hub process: several hub processes behind one
address would each allow the rate (a shared store is the step for that day), and
addresses idle long enough to be full again are dropped so the table stays small.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Callable


class RateLimiter:
    """``rate`` tries a minute per key, in bursts of at most ``rate``."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0:
            raise ValueError("the rate must be positive")
        self.capacity = float(rate)
        self.per_second = rate / 60.0
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, when)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take a token for *key*: 0 when there was one, else the seconds until there is."""
        now = self.clock()
        with self._lock:
            tokens, when = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - when) * self.per_second)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                self._forget_full(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / self.per_second

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled (they equal a new one) once the table grows."""
        if len(self._buckets) < 1024:
            return
        full = self.capacity / self.per_second
        for key in [k for k, (_, when) in self._buckets.items() if now - when >= full]:
            del self._buckets[key]


def retry_after(seconds: float) -> str:
    """A Retry-After header's whole seconds (at least 1)."""
    return str(max(1, math.ceil(seconds)))
