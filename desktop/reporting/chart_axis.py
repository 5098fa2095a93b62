"""The value axis of a bar chart: round ticks from zero, with room for the value written
beside the longest bar.  One rule for the dashboard's charts, the report view's and the
PDF's."""

from __future__ import annotations

import math

#: The value axis reaches this far beyond the largest value (room for its label).
HEADROOM = 1.15


def nice_step(maximum: float, ticks: int = 5) -> int:
    """The smallest round tick interval (1, 2 or 5 times a power of ten, at least 1: the
    charts count whole things) that needs at most *ticks* intervals to reach *maximum*."""
    power = 1
    while True:
        for m in (1, 2, 5):
            if m * power * ticks >= maximum:
                return m * power
        power *= 10


def value_axis(maximum: float, headroom: float = HEADROOM, ticks: int = 5) -> tuple[int, int]:
    """(top, step) of a value axis from 0 that shows *maximum* (a count) with *headroom*."""
    wanted = max(maximum, 1) * headroom
    step = nice_step(wanted, ticks)
    return step * max(1, math.ceil(wanted / step - 1e-9)), step
