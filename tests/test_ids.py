"""Record and device identifiers."""

from __future__ import annotations

import re
import time

from desktop.records import ids


def test_record_ids_are_uuid7_in_32_hex_digits():
    record_id = ids.new_id()
    assert re.fullmatch(r"[0-9a-f]{32}", record_id)
    value = int(record_id, 16)
    assert (value >> 76) & 0xF == 7              # version
    assert (value >> 62) & 0b11 == 0b10          # variant
    ms = value >> 80
    assert abs(ms - time.time() * 1000) < 5000   # the creation time leads


def test_record_ids_are_unique_and_ordered_by_creation_time(monkeypatch):
    ms = [1_750_000_000_000]
    monkeypatch.setattr(ids.time, "time", lambda: (ms[0] + 0.5) / 1000)
    same_ms = {ids.new_id() for _ in range(1000)}
    assert len(same_ms) == 1000                  # random bits tell apart ids of one millisecond
    assert {int(i, 16) >> 80 for i in same_ms} == {ms[0]}
    ordered = []
    for _ in range(20):
        ms[0] += 1
        ordered.append(ids.new_id())
    assert ordered == sorted(ordered)


def test_device_ids_are_16_hex_digits_and_not_the_builtin_origin():
    device = ids.new_device_id()
    assert re.fullmatch(r"[0-9a-f]{16}", device)
    assert ids.BUILTIN_DEVICE == "0" * 16 and device != ids.BUILTIN_DEVICE
    assert len({ids.new_device_id() for _ in range(100)}) == 100
