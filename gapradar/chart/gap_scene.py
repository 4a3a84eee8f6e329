"""The gap chart: one dumbbell per practice, current → target, largest gap first.

The in-app prioritised gap list: for one system (the focus) or for the
roll-up under the chosen rule. Current is a filled circle, target an open
diamond, so the two are told apart without colour. Practices that cannot be
ranked (a level missing) are listed under the chart, never drawn as zero;
those that do not apply (n/a) are listed apart from those not assessed.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainterPath, QPolygonF

from gapradar.chart.pixel_scene import PixelScene, elide, font, pen, text_size
from gapradar.chart.radar_scene import sizes_for
from gapradar.chart.rating_marks import NOT_APPLICABLE
from gapradar.chart.titles import display_title, fit_lines, with_round
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Practice
from gapradar.domain.analysis import not_applicable_practices
from gapradar.domain.rollup import GapRow, gap_rows, phrase, rollup

CURRENT = "#0072B2"  # Okabe–Ito blue
TARGET = "#D55E00"  # Okabe–Ito vermillion
ROW_MAX = 5.5  # the tallest row, in label heights: taller rows part a name from its dumbbell


def chart_rows(spec: ViewSpec) -> tuple[list[GapRow], list[GapRow]]:
    a = spec.assessment
    system = a.system(spec.focus) if spec.focus in a.system_names() else None
    return gap_rows(a, system, spec.rollup)


def _not_applicable(spec: ViewSpec) -> list[Practice]:
    """The practices that do not apply: to the focus system, or (the roll-up) to every system."""
    a = spec.assessment
    systems = [a.system(spec.focus)] if spec.focus in a.system_names() else None
    return not_applicable_practices(a, systems)


def _fmt(v: float) -> str:
    return f"{v:.1f}".removesuffix(".0")


class GapScene(PixelScene):
    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.row_rects: dict[str, QRectF] = {}  # practice id -> its row, in pixels

    def practice_at(self, x: float, y: float) -> str | None:
        return next((pid for pid, r in self.row_rects.items() if r.contains(x, y)), None)

    def draw(self, spec: ViewSpec, w: float, h: float) -> None:
        self.row_rects = {}
        a, theme = spec.assessment, spec.theme
        sz = sizes_for(w, h)
        s = sz.scale
        m, label_px = 14 * s, 14 * s * spec.font_scale
        title_px, sub_px = 21 * s * spec.chrome_scale, 13.5 * s * spec.chrome_scale
        ranked, missing = chart_rows(spec)
        share = spec.focus not in a.system_names() and spec.rollup == "at-target"
        y = m
        if spec.show_title:
            self.text(display_title(spec), title_px, theme.text, m, y, bold=True)
            y += text_size("Ag", title_px, True)[1]
        what = "share of systems short of target" if share else "current → target"
        sub = with_round(
            (
                f"Gaps for {spec.focus}: {what}, largest first"
                if spec.focus in a.system_names()
                else f"{phrase(spec.rollup)} · {what}, largest first"
            ),
            spec,
        )
        self.text(sub, sub_px, theme.muted_text, m, y, width=w - 2 * m)
        y += text_size(sub, sub_px, width=w - 2 * m)[1]
        # the roll-up's spread: the lowest to the highest current level of the systems rated
        rolled = spec.focus not in a.system_names() and not share
        spread = (
            {
                r.practice.id: (r.low, r.high)
                for r in rollup(a, spec.rollup)
                if r.low is not None and r.high is not None
            }
            if rolled
            else {}
        )
        if spec.show_legend and not share:
            y = self._legend(m, y, sub_px, s, spread=bool(spread))
        # the not-assessed list at the bottom takes what it needs
        note = ""
        na = {p.id for p in _not_applicable(spec)}
        unrated = [r.practice.name for r in missing if r.practice.id not in na]
        if unrated:
            note = "Not ranked (a level not assessed): " + ", ".join(unrated)
        if na:
            listed = ", ".join(r.practice.name for r in missing if r.practice.id in na)
            note += ("\n" if note else "") + f"Not applicable ({NOT_APPLICABLE}): {listed}"
        note_h = text_size(note, sub_px, width=w - 2 * m)[1] if note else 0.0
        names = [r.practice.name for r in ranked]
        label_w = min(max((text_size(n, label_px)[0] for n in names), default=40), 0.42 * w)
        tick_px = label_px * 0.85
        ticks = [0.0, 0.25, 0.5, 0.75, 1.0] if share else [float(v) for v in a.model.scores]
        tick_labels = [f"{t:.0%}" if share else str(int(t)) for t in ticks]
        # the Gap column as wide as its widest figure or header; the last tick's label and the
        # highest level's mark (or a full bar's end) stay clear of it
        gap_w = max(
            text_size("100%" if share else "+0.0", label_px, True)[0], text_size("Gap", tick_px, True)[0]
        )
        gap_w += 12 * s
        end_room = max(text_size(tick_labels[-1], tick_px)[0] / 2, 10 * s)
        gutter = 10 * s + 0.25 * label_px  # between a name and the lowest level's dot, as wide as the type
        left, right = m + label_w + gutter + 8 * s, w - m - gap_w - end_room
        axis_h = text_size("0", tick_px)[1]
        top, bottom = y + axis_h + 4 * s, h - m - note_h
        n = max(len(ranked), 1)
        # rows grow with the page up to a comfortable height; what is left centres the chart
        row_h = min((bottom - top) / n, ROW_MAX * label_px)
        top += max(0.0, (bottom - top - n * row_h) / 3)  # a little above centre, near its legend
        lo, hi = (0.0, 1.0) if share else (float(a.model.min_score), float(a.model.max_score))

        def x_of(v: float) -> float:
            return left + (v - lo) / (hi - lo or 1) * (right - left)

        grid = QPainterPath()
        for t, label in zip(ticks, tick_labels, strict=True):
            grid.moveTo(x_of(t), top)
            grid.lineTo(x_of(t), top + n * row_h)
            self.text(label, tick_px, theme.muted_text, x_of(t), top - 2 * s, anchor=(0.5, 1))
        self.path(grid, None, pen(theme.grid, max(1.0, s)), z=1)
        self.text("Gap", tick_px, theme.muted_text, w - m, top - 2 * s, anchor=(1, 1), bold=True)
        line = pen(theme.muted_text, max(2.0, 3 * s))
        line.setCapStyle(Qt.PenCapStyle.RoundCap)
        r_dot = max(4.0, min(7 * s, row_h * 0.3))
        for k, row in enumerate(ranked):
            cy = top + (k + 0.5) * row_h
            self.row_rects[row.practice.id] = QRectF(m, top + k * row_h, w - 2 * m, row_h)
            if k % 2 == 0:
                self.rect(QRectF(m, top + k * row_h, w - 2 * m, row_h), _zebra(theme.background), z=0)
            row_px = min(label_px, row_h * 0.75)
            self.text(
                _name_lines(row.practice.name, row_px, label_w, row_h),
                row_px,
                theme.text,
                left - gutter,
                cy,
                anchor=(1, 0.5),
                width=label_w,
                align=Qt.AlignmentFlag.AlignRight,
            )
            g = row.gap or 0.0
            if share:
                self.rect(QRectF(x_of(0), cy - row_h * 0.3, x_of(g) - x_of(0), row_h * 0.6), TARGET, z=2)
                gap_text = f"{g:.0%}"
            else:
                assert row.current is not None and row.target is not None
                low_high = spread.get(row.practice.id)
                if low_high is not None and low_high[1] > low_high[0]:
                    band = QPainterPath()
                    xl, xh = x_of(low_high[0]), x_of(low_high[1])
                    band.addRoundedRect(
                        QRectF(xl, cy - row_h * 0.22, xh - xl, row_h * 0.44), row_h * 0.2, row_h * 0.2
                    )
                    self.path(band, _band_colour(), None, z=1.5)
                x0, x1 = x_of(row.current), x_of(row.target)
                link = QPainterPath(QPointF(x0, cy))
                link.lineTo(x1, cy)
                self.path(link, None, line, z=2)
                self._diamond(x1, cy, r_dot * 1.25, theme.background)
                self._dot(x0, cy, r_dot)
                gap_text = ("+" if g > 0 else "") + _fmt(g)
            self.text(
                gap_text, min(label_px, row_h * 0.75), theme.text, w - m, cy, anchor=(1, 0.5), bold=g > 0
            )
        if not ranked:
            self.text(
                "Nothing to rank yet: no practice has both a current and a target level.",
                label_px,
                theme.muted_text,
                w / 2,
                (top + bottom) / 2,
                anchor=(0.5, 0.5),
            )
        if note:
            below = top + n * row_h + 8 * s  # under the rows: no empty band above the note
            self.text(note, sub_px, theme.muted_text, m, min(h - m - note_h, below), width=w - 2 * m)

    def _legend(self, x: float, y: float, px: float, s: float, spread: bool = False) -> float:
        theme = self.spec.theme  # type: ignore[union-attr]
        hgt = text_size("Ag", px)[1]
        r = px * 0.38
        self._dot(x + r, y + hgt / 2, r)
        self.text("current level", px, theme.text, x + 2 * r + 2 * s, y)
        x += 2 * r + 2 * s + text_size("current level", px)[0] + 10 * s
        self._diamond(x + r * 1.2, y + hgt / 2, r * 1.25, theme.background)
        self.text("target level", px, theme.text, x + 2.5 * r + 2 * s, y)
        if spread:
            x += 2.5 * r + 2 * s + text_size("target level", px)[0] + 10 * s
            band = QPainterPath()
            band.addRoundedRect(QRectF(x, y + hgt / 2 - r, 4 * r, 2 * r), r, r)
            self.path(band, _band_colour(), None, z=1.5)
            self.text(
                "range of current levels (lowest to highest system)", px, theme.text, x + 4 * r + 2 * s, y
            )
        return y + hgt + 4 * s

    def _dot(self, x: float, y: float, r: float) -> None:
        path = QPainterPath()
        path.addEllipse(QPointF(x, y), r, r)
        self.path(path, CURRENT, pen(self.spec.theme.background, 1), z=4)  # type: ignore[union-attr]

    def _diamond(self, x: float, y: float, r: float, fill: str) -> None:
        path = QPainterPath()
        path.addPolygon(
            QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])
        )
        path.closeSubpath()
        self.path(path, fill, pen(TARGET, max(2.0, r / 3)), z=3)


def _name_lines(name: str, px: float, width: float, row_h: float) -> str:
    """A practice name whole on one line; else on two when the row is tall enough; else cut with "…"."""
    if text_size(name, px)[0] <= width:
        return name
    if row_h >= 2.4 * text_size("Ag", px)[1] * 0.85:
        metrics = QFontMetricsF(font(px))
        room = width - 2 * max(1.0, px * 0.2) - 2  # the text item's margins
        lines, _ = fit_lines(name, room, 2, metrics.horizontalAdvance)
        return "\n".join(lines)
    return elide(name, px, width)


def _band_colour() -> QColor:
    band = QColor(CURRENT)
    band.setAlphaF(0.22)
    return band


def _zebra(background: str) -> str:
    """Every other row a shade off the background, so the eye follows a row across."""
    c = QColor(background)
    return (c.darker(106) if c.lightness() > 128 else c.lighter(135)).name()
