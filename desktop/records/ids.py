"""Record and device identifiers."""

from __future__ import annotations

import os
import time


def new_id() -> str:
    """A UUIDv7 as 32 hex digits: unique offline and ordered by creation time."""
    ms = int(time.time() * 1000) & ((1 << 48) - 1)
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | (0x7 << 76) | ((rand >> 68) & 0xFFF) << 64 | (0b10 << 62) | (rand & ((1 << 62) - 1))
    return f"{value:032x}"


def new_device_id() -> str:
    """64 random bits, 16 hex digits."""
    return os.urandom(8).hex()


BUILTIN_DEVICE = "0" * 16
