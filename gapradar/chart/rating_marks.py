"""What a rating says besides its level, drawn: "n/a" where a practice does not apply, confidence markers.

Not applicable is neither "not assessed" (a small hollow point by the centre)
nor any level: the outline breaks at that spoke, as it does for a gap in the
ratings, and a small "n/a" stands on the spoke instead of a point: on a plate of
the theme's background (as the ring labels are), so lines and fills beneath do
not show through, in the series' colour darkened or lightened just enough to
be read (WCAG 4.5:1 on that plate).

Confidence marks the current level's point: hollow for the weakest word
(claimed), filled (evidenced), filled inside a ring (verified). A chart whose
systems use no marks draws every point filled, as it always did; once one
does, a point without a mark is a small dot, so "no mark" never reads as
"evidenced" (the legend lists it too). The radar, small multiples and every
export share these helpers, so the marks look alike everywhere.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

from gapradar.chart import geometry
from gapradar.chart.colour import contrast
from gapradar.domain import MaturityModel, Rating, System
from gapradar.domain.analysis import ConfidenceCount, confidence_summary

NOT_APPLICABLE = "n/a"
CLAIMED, EVIDENCED, VERIFIED = range(3)
GLYPHS = ("○", "●", "◉")  # the markers as text, for legends
NO_MARK_GLYPH = "•"  # a point without a confidence mark, where others have one
NO_MARK_SCALE = 0.55  # its size, as a share of a marked point's
NA_INSIDE = 0.55  # the first "n/a" of a spoke stands this far towards the lowest ring: inside it
RING_SCALE = 1.9  # a verified point's ring, as a multiple of the marker's size


def signature(rating: Rating) -> tuple:
    """What a series' drawing depends on for one rating: a change here redraws it."""
    return (rating.current, rating.target, rating.not_applicable, rating.confidence)


def hollow(confidence: int | None) -> bool:
    """The weakest confidence (claimed) is drawn hollow: a level said, nothing shown for it yet."""
    return confidence == CLAIMED


def uses_marks(systems: list[System]) -> bool:
    """Whether any of these systems has a confidence mark (stored ratings only: no empty ones)."""
    return any(r.confidence is not None for s in systems for r in s.ratings.values())


def has_mark_items(system: System) -> bool:
    """Whether the system's series draws items besides its outline and markers: an "n/a" label
    or a ring round a verified point (stored ratings only: no empty ones)."""
    return any(r.not_applicable or r.confidence == VERIFIED for r in system.ratings.values())


def point_scale(rating: Rating | None, marks_in_use: bool) -> float:
    """A current level's point size, as a share of a marked one's: small when it has no mark
    on a chart where marks are in use."""
    if marks_in_use and rating is not None and rating.confidence is None:
        return NO_MARK_SCALE
    return 1.0


def spot_note(model: MaturityModel, rating: Rating) -> str:
    """The tooltip's extra line for a point: its confidence, or that the practice does not apply."""
    if rating.not_applicable:
        return "not applicable to this system"
    word = model.confidence_word(rating.confidence)
    return f"confidence: {word}" if word else ""


@lru_cache(maxsize=64)
def _transparent() -> QBrush:
    return QBrush(QColor(0, 0, 0, 0))


@lru_cache(maxsize=1)
def _no_pen() -> QPen:
    return QPen(Qt.PenStyle.NoPen)


@lru_cache(maxsize=1)
def _no_brush() -> QBrush:
    return QBrush(Qt.BrushStyle.NoBrush)


def na_position(
    practice_index: int, practice_count: int, level_count: int, step: float, stack: int = 0
) -> QPointF:
    """Where a series' "n/a" stands on a spoke: inside the lowest ring, clear of every level's
    point; the k-th series marked n/a on that spoke `k` steps (a label's height) further out."""
    r = NA_INSIDE * geometry.radius(0, level_count) + stack * step
    return QPointF(*geometry.point(r, geometry.angle(practice_index, practice_count)))


def na_spot(pos: QPointF, size: float, text: str) -> dict:
    """An invisible spot where the "n/a" stands: the series keeps one point per practice for tooltips."""
    return {
        "pos": (pos.x(), pos.y()),
        "size": size,
        "symbol": "o",
        "brush": _no_brush(),
        "pen": _no_pen(),
        "data": text,
    }


NA_CONTRAST = 4.5  # WCAG AA for text: the "n/a" is small


@lru_cache(maxsize=256)
def readable_on(colour: str, background: str, need: float = NA_CONTRAST) -> str:
    """`colour` moved towards black (on a light background) or white (on a dark one) by the
    smallest step that reads at `need`:1 on `background`; unchanged when it already does."""
    c, bg = QColor(colour), QColor(background)
    towards = QColor("#000000") if bg.lightnessF() >= 0.5 else QColor("#ffffff")
    for step in range(21):
        t = step / 20
        mixed = QColor.fromRgbF(
            c.redF() * (1 - t) + towards.redF() * t,
            c.greenF() * (1 - t) + towards.greenF() * t,
            c.blueF() * (1 - t) + towards.blueF() * t,
        ).name()
        if contrast(mixed, bg.name()) >= need:
            return mixed
    return towards.name()


def na_label(colour: str, background: str, px: float, pos: QPointF, plate: bool = True) -> pg.TextItem:
    """A small "n/a" centred on `pos`, in the series' colour made readable on `background`, on a
    plate of it (no plate in a transparent export, as the ring labels have none there)."""
    fill = QColor(background) if plate else None
    text = QColor(readable_on(colour, background))
    item = pg.TextItem(text=NOT_APPLICABLE, color=text, fill=fill, anchor=(0.5, 0.5))
    f = QFont()
    f.setPixelSize(max(8, round(px)))
    f.setBold(True)
    item.setFont(f)
    item.textItem.document().setDocumentMargin(max(1.0, px * 0.15))
    item.setPos(pos)
    return item


def rings(
    points: list[QPointF | None], marks: list[int | None], colour: str, size: float, width: float
) -> pg.ScatterPlotItem | None:
    """The rings around verified points; None when none is verified."""
    spots = [
        {"pos": (p.x(), p.y()), "size": size * RING_SCALE, "symbol": "o"}
        for p, mark in zip(points, marks, strict=True)
        if p is not None and mark == VERIFIED
    ]
    if not spots:
        return None
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    pen.setCosmetic(True)
    item = pg.ScatterPlotItem(pxMode=True, pen=pen, brush=_transparent())
    item.addPoints(spots)
    return item


def legend_rows(
    model: MaturityModel, systems: list[System], colour: str, count: ConfidenceCount | None = None
) -> list[tuple[str, str, str]]:
    """Legend rows for what `systems` use: the confidence markers, "n/a", and (one system) the count."""
    ratings = [r for s in systems for r in s.ratings.values()]  # stored ratings only: no empty ones
    rows: list[tuple[str, str, str]] = []
    if any(r.confidence is not None for r in ratings):
        words = model.confidence
        rows += [(GLYPHS[i], colour, words[i]) for i in range(min(len(words), len(GLYPHS)))]
        rows.append((NO_MARK_GLYPH, colour, "no confidence mark"))
        if count is not None:
            summary = confidence_summary(words, count)
            if summary:
                rows.append(("", colour, summary))
    if any(r.not_applicable for r in ratings):
        rows.append((NOT_APPLICABLE, colour, "not applicable: the line breaks"))
    return rows


def multiples_na_point(centre: QPointF, radius: float, practice_index: int, practice_count: int) -> QPointF:
    """Where a small radar's "n/a" stands: a third of the way out along its spoke (pixels, y down)."""
    ang = -math.pi / 2 + 2 * math.pi * practice_index / practice_count
    r = radius * 0.35
    return QPointF(centre.x() + r * math.cos(ang), centre.y() + r * math.sin(ang))


def na_stacks(systems: list[System], model: MaturityModel) -> dict[str, tuple[int, ...]]:
    """For each system, per practice, how many systems before it are n/a there: their "n/a"s stack outward."""
    seen = [0] * len(model.practices)
    stacks: dict[str, tuple[int, ...]] = {}
    for s in systems:
        row = []
        for i, p in enumerate(model.practices):
            row.append(seen[i])
            if s.rating(p.id).not_applicable:
                seen[i] += 1
        stacks[s.name] = tuple(row)
    return stacks
