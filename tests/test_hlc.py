"""The hybrid logical clock and its stamps: monotonic local stamps, taking up a remote
stamp, and the wire format's bounds."""

from __future__ import annotations

import pytest

from desktop.ledger.changes import Change
from desktop.ledger.hlc import (COUNTER_BITS, DAY_MS, FUTURE_TOLERANCE_MS, MAX_CLOCK, MAX_OFFSET_MS, ClockExhausted, HybridClock, clock_ms, make_stamp,
                                stamp_clock, stamp_ms)

DEVICE = "0123456789abcdef"
T0 = 1_750_000_000.0  # seconds: a fixed wall clock


class Wall:
    """A wall clock a test moves by hand."""

    def __init__(self, seconds: float = T0) -> None:
        self.seconds = seconds

    def __call__(self) -> float:
        return self.seconds


def test_local_stamps_follow_the_wall_clock():
    wall = Wall()
    clock = HybridClock(wall=wall)
    first = clock.tick()
    assert clock_ms(first) == int(T0 * 1000) and first & ((1 << COUNTER_BITS) - 1) == 0
    wall.seconds += 0.005
    assert clock_ms(clock.tick()) == int(T0 * 1000) + 5


def test_local_stamps_increase_when_the_wall_clock_stands_still_or_goes_back():
    wall = Wall()
    clock = HybridClock(wall=wall)
    values = [clock.tick() for _ in range(5)]
    wall.seconds -= 3 * 86400  # the user sets the clock back three days
    values += [clock.tick() for _ in range(5)]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert values[-1] == values[0] + 9  # the counter carried them, one apart
    stamps = [make_stamp(v, DEVICE) for v in values]
    assert stamps == sorted(stamps)  # stamps order as their clocks: plain string comparison


def test_a_remote_stamp_ahead_moves_the_clock_past_it():
    clock = HybridClock(wall=Wall())
    local = clock.tick()
    remote = local + (10 << COUNTER_BITS)  # 10 ms ahead
    assert clock.observe(remote) is False
    assert clock.last == remote and clock.tick() > remote


def test_a_remote_stamp_behind_leaves_the_clock_alone():
    clock = HybridClock(wall=Wall())
    local = clock.tick()
    assert clock.observe(local - (1 << COUNTER_BITS)) is False
    assert clock.last == local


def test_a_remote_stamp_far_ahead_is_reported_and_never_taken_past_the_bound():
    clock = HybridClock(wall=Wall())
    now = int(T0 * 1000)
    assert not clock.acceptable((now + MAX_OFFSET_MS + 1) << COUNTER_BITS)
    assert clock.acceptable((now + MAX_OFFSET_MS) << COUNTER_BITS)
    assert clock.observe((now + FUTURE_TOLERANCE_MS + 1) << COUNTER_BITS) is True
    assert clock.observe((now + DAY_MS - 1000) << COUNTER_BITS) is False
    assert clock.last == (now + MAX_OFFSET_MS) << COUNTER_BITS  # held at the bound
    assert clock.tick() == ((now + MAX_OFFSET_MS) << COUNTER_BITS) + 1


def test_the_clock_never_runs_past_the_stamp_format():
    clock = HybridClock(last=MAX_CLOCK, wall=Wall())
    with pytest.raises(ClockExhausted):
        clock.tick()


def test_stamp_format_and_its_parts():
    value = (int(T0 * 1000) << COUNTER_BITS) + 7
    stamp = make_stamp(value, DEVICE)
    assert len(stamp) == 33 and stamp[16] == "-" and stamp.endswith(DEVICE)
    assert stamp_clock(stamp) == value and stamp_ms(stamp) == int(T0 * 1000)
    assert make_stamp(0, DEVICE) == "0" * 16 + "-" + DEVICE
    assert make_stamp(2**64 - 1, DEVICE) == "f" * 16 + "-" + DEVICE  # 48 bits of ms and 16 of counter fit


def _wire(stamp: str, origin: str = DEVICE) -> dict:
    return {"origin": origin, "seq": 1, "stamp": stamp, "kind": "organisation", "id": "x", "scope": "13",
            "fields": {"note": "n"}}


def test_received_stamps_within_the_wire_format_are_taken():
    stamp = make_stamp(2**64 - 1, DEVICE)
    assert Change.from_wire(_wire(stamp)).stamp == stamp


@pytest.mark.parametrize("stamp", [
    make_stamp(2**64, DEVICE),                 # more than 64 bits: 17 digits
    "0" * 15 + "-" + DEVICE,                   # too short
    "g" * 16 + "-" + DEVICE,                   # not hex
    "0" * 16 + "+" + DEVICE,                   # wrong separator
    make_stamp(1, "fedcba9876543210"),         # another device's stamp
])
def test_received_stamps_outside_the_wire_format_are_refused(stamp):
    with pytest.raises(ValueError, match="stamp"):
        Change.from_wire(_wire(stamp))
