"""The slope chart: each practice's level at the baseline (left) joined to its level now (right).

For one system or the roll-up, like the gap chart. Every line is labelled
at both ends with the practice's name and its value, so nobody looks a colour
up in a legend; labels that would collide are spread apart and joined to their
point by a short leader. Rises, falls and unchanged practices differ by colour
and by line style. Practices that cannot be compared are listed underneath.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath

from gapradar.chart.change_rows import (
    ChangeRow,
    change_rows,
    delta_text,
    left_out_text,
    rounds_compared,
    since_text,
    who,
)
from gapradar.chart.pixel_scene import PixelScene, elide, pen, text_size
from gapradar.chart.rating_marks import NOT_APPLICABLE
from gapradar.chart.view_spec import ViewSpec

RISE = "#0072B2"  # Okabe–Ito blue
# What the labels' order is: each stands by its point, so a level decides; a rise breaks a tie.
ORDER = "labels at their levels; at equal levels, largest rise first"
FALL = "#D55E00"  # Okabe–Ito vermillion


def slope_rows(spec: ViewSpec) -> list[ChangeRow]:
    """The practices the slope chart draws, largest rise first, then the file's order (which breaks label ties)."""
    c = rounds_compared(spec)
    if c.then is None or c.now is None:
        return []
    return change_rows(spec, c.then, c.now)[0]


def spread_apart(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Positions as near `wanted` (sorted ascending) as they can be while `gap` apart within [low, high]."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else max(y, low))
    for i in range(len(placed) - 1, -1, -1):
        limit = high if i == len(placed) - 1 else placed[i + 1] - gap
        placed[i] = min(placed[i], limit)
    for i, y in enumerate(placed):  # too many to fit: start at the top and overlap evenly
        placed[i] = max(y, low + i * min(gap, (high - low) / max(len(placed) - 1, 1)))
    return placed


def _figure(value: float | None, whole: bool) -> str:
    """A system's level as a whole number; a roll-up's always with one decimal, so 1.0 sits beside 1.1."""
    if value is None:
        return "–"
    return f"{value:.0f}" if whole else f"{value:.1f}"


def line_colour(delta: float | None, muted: str) -> str:
    if not delta:
        return muted
    return RISE if delta > 0 else FALL


class SlopeScene(PixelScene):
    def draw(self, spec: ViewSpec, w: float, h: float) -> None:
        a, theme = spec.assessment, spec.theme
        s, m, label_px, sub_px, y = self.heading(spec, w, h)
        c = rounds_compared(spec)
        if c.then is None or c.now is None:
            self.message(c.problem, label_px * 1.2, theme.muted_text, w, h, m)  # wrapped: presentation's type
            return
        sub = spec.subtitle or f"{since_text(c.then)}: {who(spec)}, {c.then.label} → {c.now.label}; {ORDER}"
        self.text(sub, sub_px, theme.muted_text, m, y, width=w - 2 * m)
        y += text_size(sub, sub_px, width=w - 2 * m)[1]
        rows, not_compared, na = change_rows(spec, c.then, c.now)
        system = spec.focus in a.system_names()
        note = left_out_text(spec, c.then, c.now)
        if not_compared:
            note += (
                ("\n" if note else "")
                + "Not compared (a level not assessed in one round): "
                + ", ".join(r.practice.name for r in not_compared)
            )
        if na:
            note += (
                ("\n" if note else "")
                + f"Not applicable ({NOT_APPLICABLE}): "
                + ", ".join(p.name for p in na)
            )
        if spec.show_legend:
            y = self._legend(m, y + 2 * s, sub_px, s)
        note_h = text_size(note, sub_px, width=w - 2 * m)[1] if note else 0.0
        head_px = label_px * 0.95
        head_h = text_size("Ag", head_px, True)[1]
        top, bottom = y + head_h + 8 * s, h - m - note_h - 6 * s
        if not rows:
            self.text(
                "Nothing to compare: no practice is assessed in both rounds.",
                label_px,
                theme.muted_text,
                w / 2,
                (top + bottom) / 2,
                anchor=(0.5, 0.5),
            )
        else:
            self._slopes(spec, rows, system, m, w, top, bottom, label_px, head_px, s)
        if note:
            self.text(note, sub_px, theme.muted_text, m, h - m - note_h, width=w - 2 * m)

    def _slopes(
        self,
        spec: ViewSpec,
        rows: list[ChangeRow],
        system: bool,
        m: float,
        w: float,
        top: float,
        bottom: float,
        label_px: float,
        head_px: float,
        s: float,
    ) -> None:
        a, theme = spec.assessment, spec.theme
        c = rounds_compared(spec)
        assert c.then is not None and c.now is not None
        n = len(rows)
        px = max(8.0, min(label_px, (bottom - top) / n / 1.35))
        line_h = text_size("Ag", px)[1] * 0.92
        # the grid names the levels; the labels carry the figures
        left_texts = [f"{r.practice.name}  {_figure(r.then, system)}" for r in rows]
        right_texts = [f"{_figure(r.now, system)}  {r.practice.name}  {delta_text(r.delta)}" for r in rows]
        widest = max(text_size(t, px)[0] for t in left_texts + right_texts)
        if widest > 0.36 * w:  # presentation's large type: smaller labels, not names cut short
            px = max(8.0, px * 0.36 * w / widest)
            line_h = text_size("Ag", px)[1] * 0.92
            widest = max(text_size(t, px)[0] for t in left_texts + right_texts)
        side = min(widest + 4 * s, 0.4 * w)
        xl, xr = m + side + 14 * s, w - m - side - 14 * s
        # the round names are centred on their axes, over the labels' side and half the gap between
        # them; a long name wraps between words there at the labels' size, never shrinks out of sight
        reach = (xr - xl) / 2 - 6 * s
        head_w = (2 * min(xl - m, reach), 2 * min(w - m - xr, reach))

        labels = (c.then.label, c.now.label)

        def heads_height(size: float) -> float:
            return max(
                text_size(label, size, True, width=room)[1]
                for label, room in zip(labels, head_w, strict=True)
            )

        head_h = heads_height(head_px)
        while head_h > 2.2 * text_size("Ag", head_px, True)[1] and head_px > px:  # two lines, else smaller
            head_px = max(px, head_px * 0.9)
            head_h = heads_height(head_px)
        one_line = text_size("Ag", label_px * 0.95, True)[1]  # what the chart's top left room for
        if head_h > one_line:  # the chart starts below the wrapped names
            top += head_h - one_line
            px = max(8.0, min(px, (bottom - top) / n / 1.35))
            line_h = text_size("Ag", px)[1] * 0.92
        # the levels the rows span, whole levels either side: room for the labels, the scale still honest
        values = [v for r in rows for v in (r.then, r.now) if v is not None]
        # (a roll-up's means to the half level: the labels get the room, a level's line stays in sight)
        step = 1.0 if system else 0.5
        lo = max(float(a.model.min_score), math.floor(min(values) / step) * step)
        hi = min(float(a.model.max_score), max(math.ceil(max(values) / step) * step, lo + 1))
        pad = line_h / 2

        def y_of(v: float) -> float:
            return bottom - pad - (v - lo) / (hi - lo or 1) * (bottom - top - 2 * pad)

        grid = QPainterPath()
        for score in (v for v in a.model.scores if lo <= v <= hi):
            grid.moveTo(xl, y_of(score))
            grid.lineTo(xr, y_of(score))
            name = a.model.level_label(score)
            self.text(name, px * 0.8, theme.muted_text, (xl + xr) / 2, y_of(score), anchor=(0.5, 1), z=1)
        self.path(grid, None, pen(theme.grid, max(1.0, s)), z=1)
        axes = QPainterPath()
        for x in (xl, xr):
            axes.moveTo(x, top)
            axes.lineTo(x, bottom)
        self.path(axes, None, pen(theme.muted_text, max(1.0, 1.5 * s)), z=1)
        for label, x, room in zip(labels, (xl, xr), head_w, strict=True):
            self.text(
                label,
                head_px,
                theme.text,
                x,
                top - 4 * s,
                (0.5, 1),
                True,
                width=room,
                align=Qt.AlignmentFlag.AlignHCenter,
            )
        order = {id(r): k for k, r in enumerate(rows)}
        left = sorted(rows, key=lambda r: (y_of(r.then or 0), -(r.now or 0), order[id(r)]))
        right = sorted(
            rows, key=lambda r: (y_of(r.now or 0), r.then or 0, order[id(r)])
        )  # same now: the largest rise on top
        left_y = dict(
            zip(
                map(id, left),
                spread_apart([y_of(r.then or 0) for r in left], line_h, top, bottom),
                strict=True,
            )
        )
        right_y = dict(
            zip(
                map(id, right),
                spread_apart([y_of(r.now or 0) for r in right], line_h, top, bottom),
                strict=True,
            )
        )
        r_dot = max(3.0, min(5 * s, line_h * 0.3))
        for k, r in enumerate(rows):
            colour = line_colour(r.delta, theme.muted_text)
            y0, y1 = y_of(r.then or 0), y_of(r.now or 0)
            style = Qt.PenStyle.SolidLine if r.delta else Qt.PenStyle.DashLine
            link = pen(colour, max(1.5, (2.6 if r.delta else 1.6) * s), style)
            link.setCapStyle(Qt.PenCapStyle.RoundCap)
            path = QPainterPath(QPointF(xl, y0))
            path.lineTo(xr, y1)
            self.path(path, None, link, z=2)
            for x, yy in ((xl, y0), (xr, y1)):
                dot = QPainterPath()
                dot.addEllipse(QPointF(x, yy), r_dot, r_dot)
                self.path(dot, colour, pen(theme.background, 1), z=3)
            leader = pen(theme.muted_text, max(1.0, 0.8 * s))
            ly, ry = left_y[id(r)], right_y[id(r)]
            lead = QPainterPath(QPointF(xl - r_dot, y0))
            lead.lineTo(xl - 8 * s, ly)
            lead.moveTo(xr + r_dot, y1)
            lead.lineTo(xr + 8 * s, ry)
            self.path(lead, None, leader, z=1.5)
            bold = False  # the colour marks a change; plain text keeps long names whole
            self.text(
                elide(left_texts[k], px, side, bold),
                px,
                theme.text,
                xl - 9 * s,
                ly,
                anchor=(1, 0.5),
                bold=bold,
            )
            self.text(
                elide(right_texts[k], px, side, bold),
                px,
                colour if r.delta else theme.text,
                xr + 9 * s,
                ry,
                anchor=(0, 0.5),
                bold=bold,
            )

    def _legend(self, x: float, y: float, px: float, s: float) -> float:
        theme = self.spec.theme  # type: ignore[union-attr]
        hgt = text_size("Ag", px)[1]
        for text, colour, style in (
            ("rose", RISE, Qt.PenStyle.SolidLine),
            ("fell", FALL, Qt.PenStyle.SolidLine),
            ("unchanged", theme.muted_text, Qt.PenStyle.DashLine),
        ):
            line = QPainterPath(QPointF(x, y + hgt / 2))
            line.lineTo(x + 22 * s, y + hgt / 2)
            self.path(line, None, pen(colour, max(1.5, 2.6 * s), style), z=2)
            self.text(text, px, theme.text, x + 26 * s, y)
            x += 26 * s + text_size(text, px)[0] + 14 * s
        return y + hgt + 4 * s
