"""Text boxes as the OCR engine finds them, and their geometry: how much the page is
turned (from the boxes' baselines) and the boxes turned back.  Plain Python, no image
library: the table recovery is tested on boxes made by hand."""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]
#: An axis-parallel rectangle: left, top, right, bottom.
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class OcrBox:
    """One piece of text found on the page: its corners (top-left, top-right,
    bottom-right, bottom-left, as the engine gives them), the text, the confidence."""

    quad: tuple[Point, Point, Point, Point]
    text: str
    conf: float

    @classmethod
    def rect(cls, x0: float, y0: float, x1: float, y1: float, text: str, conf: float = 0.99) -> "OcrBox":
        return cls(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), text, conf)

    @property
    def x0(self) -> float:
        return min(p[0] for p in self.quad)

    @property
    def x1(self) -> float:
        return max(p[0] for p in self.quad)

    @property
    def y0(self) -> float:
        return min(p[1] for p in self.quad)

    @property
    def y1(self) -> float:
        return max(p[1] for p in self.quad)

    @property
    def cx(self) -> float:
        return sum(p[0] for p in self.quad) / 4

    @property
    def cy(self) -> float:
        return sum(p[1] for p in self.quad) / 4

    @property
    def width(self) -> float:
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = self.quad
        return (math.hypot(bx - ax, by - ay) + math.hypot(cx - dx, cy - dy)) / 2

    @property
    def height(self) -> float:
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = self.quad
        return (math.hypot(dx - ax, dy - ay) + math.hypot(cx - bx, cy - by)) / 2

    @property
    def bounds(self) -> Rect:
        return (self.x0, self.y0, self.x1, self.y1)

    def baseline_angle(self) -> float:
        """The slope of the box's top and bottom edges, in degrees (positive: the text
        rises to the right, in image coordinates where y grows downwards)."""
        (ax, ay), (bx, by), (cx, cy), (dx, dy) = self.quad
        top = math.atan2(ay - by, bx - ax)
        bottom = math.atan2(dy - cy, cx - dx)
        return math.degrees((top + bottom) / 2)


def page_angle(boxes: list[OcrBox]) -> float:
    """How far the page is turned, in degrees (counter-clockwise positive): the median
    baseline slope of the longer boxes, each weighted by its width (a long box's slope is
    measured over more pixels).  0 when no box is long enough to tell."""
    samples = sorted((b.baseline_angle(), b.width) for b in boxes
                     if len(b.text.strip()) >= 2 and b.width >= 2 * b.height)
    if not samples:
        return 0.0
    half, seen = sum(w for _a, w in samples) / 2, 0.0
    for angle, w in samples:
        seen += w
        if seen >= half:
            return angle
    return samples[-1][0]


def turn_point(p: Point, angle: float, centre: Point, offset: Point = (0.0, 0.0)) -> Point:
    """*p* turned by *angle* degrees (counter-clockwise on the page) about *centre*, then
    moved by *offset*: the affine map opencv's ``getRotationMatrix2D`` makes."""
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    x, y = p[0] - centre[0], p[1] - centre[1]
    return (cos * x + sin * y + centre[0] + offset[0], -sin * x + cos * y + centre[1] + offset[1])


def turned(boxes: list[OcrBox], angle: float, centre: Point, offset: Point = (0.0, 0.0)) -> list[OcrBox]:
    """The boxes turned back by *angle* (the page's turn): their baselines level."""
    if not angle and offset == (0.0, 0.0):
        return list(boxes)
    return [OcrBox(tuple(turn_point(p, -angle, centre, offset) for p in b.quad), b.text, b.conf)  # type: ignore[arg-type]
            for b in boxes]


def union(rects: list[Rect]) -> Rect:
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))
