"""Pure geometry of the radar: level -> radius, practice -> angle, label placement.

The chart lives in data units: the outermost level's ring has radius 1 and the
centre is reserved for "not assessed", so no real level ever sits there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

NOT_ASSESSED_RADIUS = 0.06


def angle(index: int, count: int) -> float:
    """Radians clockwise from 12 o'clock for practice `index` of `count`."""
    return 2 * math.pi * index / count


def radius(level_index: int | None, level_count: int) -> float:
    """Rings are evenly spaced; the lowest level is the first ring, not the centre."""
    if level_index is None:
        return NOT_ASSESSED_RADIUS
    return (level_index + 1) / level_count


def score_radius(score: float | None, scores: tuple[int, ...]) -> float:
    """Radius of a level's score, or of a mean between two levels (linear between their rings).

    Scores need not be evenly spaced: rings are, so a level always sits on its ring.
    None (not assessed) is the centre.
    """
    if score is None:
        return 0.0
    count = len(scores)
    if score <= scores[0]:
        return radius(0, count)
    for i in range(1, count):
        low, high = scores[i - 1], scores[i]
        if score <= high:
            return radius(i - 1, count) + (score - low) / (high - low) / count
    return 1.0


def point(r: float, theta: float) -> tuple[float, float]:
    """Data coordinates (y up) of radius `r` on the spoke at `theta`."""
    return r * math.sin(theta), r * math.cos(theta)


def project_to_spoke(x: float, y: float, theta: float) -> float:
    """The radius of (x, y) projected onto the spoke at `theta` (never negative)."""
    return max(0.0, x * math.sin(theta) + y * math.cos(theta))


def nearest_level(r: float, level_count: int) -> int | None:
    """The level index whose ring is closest to radius r; None (not assessed) near the centre."""
    step = 1 / level_count
    index = round(r / step) - 1
    if index < 0:
        return None
    return min(index, level_count - 1)


def label_anchor(theta: float) -> tuple[float, float]:
    """Text anchor (0..1, y down) so a label sits outside the rim, never over the chart."""
    s, c = math.sin(theta), math.cos(theta)
    ax = 0.5 - 0.5 * _soft(s)
    ay = 0.5 + 0.5 * _soft(c)
    return ax, ay


def _soft(v: float) -> float:
    """Centre labels only on (nearly) vertical spokes; others hang fully to their side.

    Labels of two spokes either side of 6 o'clock then grow away from each other.
    """
    if abs(v) < 0.1:
        return 0.0
    return max(-1.0, min(1.0, v * 5.0))


def label_rect(
    box: Box, index: int, count: int, radius: float, gap: float
) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in pixels around the centre (y down) of practice label `index`."""
    theta = angle(index, count)
    x, y = (radius + gap) * math.sin(theta), -(radius + gap) * math.cos(theta)
    ax, ay = label_anchor(theta)
    left, top = x - ax * box.width, y - ay * box.height
    return left, top, left + box.width, top + box.height


def labels_overlap(boxes: list[Box], radius: float, gap: float) -> bool:
    """True when any two practice labels would overlap at this radius."""
    n = len(boxes)
    rects = [label_rect(b, i, n, radius, gap) for i, b in enumerate(boxes)]
    for i in range(n):
        for j in range(i + 1, n):
            a, b = rects[i], rects[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                return True
    return False


@dataclass(frozen=True)
class Box:
    """A label's size in pixels."""

    width: float
    height: float


def chart_radius(width: float, height: float, boxes: list[Box], gap: float) -> float:
    """The largest rim radius (pixels) at which every practice label fits in width × height.

    Label i hangs outside the rim at its spoke, placed by label_anchor; the
    radius is the tightest of the four edge constraints over all labels.
    """
    count = len(boxes)
    best = min(width, height) / 2 - gap
    for i, box in enumerate(boxes):
        theta = angle(i, count)
        s, c = math.sin(theta), math.cos(theta)
        ax, ay = label_anchor(theta)
        # Pixel box around the anchor (R + gap) * (s, -c), y pointing down.
        reach = {
            "right": (s, width / 2 - (1 - ax) * box.width),
            "left": (-s, width / 2 - ax * box.width),
            "top": (c, height / 2 - ay * box.height),
            "bottom": (-c, height / 2 - (1 - ay) * box.height),
        }
        for direction, room in reach.values():
            if room < 0:
                return 10.0  # a label wider than the whole area: nothing fits
            if direction > 1e-9:
                best = min(best, room / direction - gap)
    return max(best, 10.0)
