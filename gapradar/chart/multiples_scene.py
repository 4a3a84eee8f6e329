"""Small multiples: one small radar per system on a grid, all on the same scale.

The one-page "all systems at a glance" that ten overlaid polygons cannot be.
Spokes are numbered (the key under the grid names them), the current level is
filled, the target a dashed outline, and a line breaks where a practice is
not assessed, as on the big radar; where it does not apply, a small "n/a"
stands on the spoke.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from gapradar.chart.pixel_scene import PixelScene, pen, text_size
from gapradar.chart.radar_scene import outline_path, sizes_for
from gapradar.chart.rating_marks import NOT_APPLICABLE, multiples_na_point
from gapradar.chart.style import colour_for
from gapradar.chart.titles import display_title, with_round
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain.rollup import phrase, rollup

# A 1920 × 1080 page of 60 small radars is still readable; hundreds take seconds and say nothing.
MAX_PANELS = 60


def grid_shape(n: int, width: float, height: float) -> tuple[int, int]:
    """(columns, rows) giving the largest square panels for `n` radars in width × height."""
    best = (1, max(n, 1))
    best_side = 0.0
    for cols in range(1, max(n, 1) + 1):
        rows = math.ceil(n / cols)
        side = min(width / cols, height / rows)
        if side > best_side:
            best, best_side = (cols, rows), side
    return best


class MultiplesScene(PixelScene):
    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.panels: dict[str, QRectF] = {}

    def system_at(self, x: float, y: float) -> str | None:
        return next((n for n, r in self.panels.items() if r.contains(x, y)), None)

    def draw(self, spec: ViewSpec, w: float, h: float) -> None:
        self.panels = {}
        a, theme = spec.assessment, spec.theme
        s = sizes_for(w, h).scale
        m = 14 * s
        title_px, sub_px = 21 * s * spec.chrome_scale, 13.5 * s * spec.chrome_scale
        y = m
        if spec.show_title:
            self.text(display_title(spec), title_px, theme.text, m, y, bold=True)
            y += text_size("Ag", title_px, True)[1]
        chosen_count = sum(1 for n in a.system_names() if not spec.checked or n in spec.checked)
        more = (
            f"First {MAX_PANELS} of {chosen_count:,} {a.systems_label.lower()} "
            f"(check up to {MAX_PANELS} to choose which) · "
            if chosen_count > MAX_PANELS
            else ""
        )
        sub = with_round(
            more
            + (
                "Current level filled, target dashed · every radar on the same scale"
                + (
                    f" · {phrase(spec.rollup, start=False)}, its grey band: lowest to highest current level"
                    if spec.rollup != "at-target"
                    else ""
                )
            ),
            spec,
        )
        self.text(sub, sub_px, theme.muted_text, m, y, width=w - 2 * m)
        y += text_size(sub, sub_px, width=w - 2 * m)[1] + 4 * s
        key = "   ".join(
            f"{i + 1}\u00a0{p.name.replace(' ', chr(0xA0))}" for i, p in enumerate(a.model.practices)
        )
        key_h = text_size(key, sub_px, width=w - 2 * m)[1] if spec.show_legend else 0.0
        chosen = [n for n in a.system_names() if not spec.checked or n in spec.checked]
        names = set(chosen[:MAX_PANELS])
        series: list[tuple[str, list[float | None], list[float | None], str]] = []
        na: dict[str, list[bool]] = {}  # per panel, the practices that do not apply
        for i, name in enumerate(a.system_names()):
            if name in names:
                sys_ = a.system(name)
                levels = [sys_.rating(p.id) for p in a.model.practices]
                cur_f = [_f(r.current) for r in levels]
                tgt_f = [_f(r.target) for r in levels]
                series.append((name, cur_f, tgt_f, colour_for(theme, i)))
                na[name] = [r.not_applicable for r in levels]
        band: tuple[list[float | None], list[float | None]] | None = None
        if spec.rollup != "at-target" and a.systems:
            ru = rollup(a, spec.rollup)
            band = ([r.low for r in ru], [r.high for r in ru])  # the spread the roll-up hides
            na[spec.rollup_series] = [r.not_applicable == len(a.systems) for r in ru]
            series.append(
                (
                    spec.rollup_series,
                    [r.current for r in ru],
                    [r.target for r in ru],
                    theme.average,
                )
            )
        area = QRectF(m, y, w - 2 * m, h - y - m - key_h)
        cols, rows = grid_shape(len(series), area.width(), area.height())
        pw, ph = area.width() / max(cols, 1), area.height() / max(rows, 1)
        name_px = max(9.0, min(15 * s * spec.font_scale, ph * 0.09))
        name_h = max((text_size(n[0], name_px, True, width=pw - 4)[1] for n in series), default=0.0)
        while name_h > ph * 0.22 and name_px > 9.5:  # names of three lines would leave the radars small
            name_px = max(9.0, name_px * 0.9)
            name_h = max(text_size(n[0], name_px, True, width=pw - 4)[1] for n in series)
        for k, (name, cur, tgt, colour) in enumerate(series):
            cx0 = area.left() + (k % cols) * pw
            cy0 = area.top() + (k // cols) * ph
            self.panels[name] = QRectF(cx0, cy0, pw, ph)
            self.text(
                name,
                name_px,
                theme.text,
                cx0 + pw / 2,
                cy0,
                anchor=(0.5, 0),
                bold=True,
                width=pw - 4,
                align=Qt.AlignmentFlag.AlignHCenter,
            )
            num_px = max(8.0, name_px * 0.75)
            inner = QRectF(cx0, cy0 + name_h, pw, ph - name_h)
            radius = max(4.0, min(inner.width(), inner.height()) / 2 - num_px * 1.6)
            last_is_rollup = band is not None and k == len(series) - 1
            self._radar(inner.center(), radius, cur, tgt, colour, num_px, s, band if last_is_rollup else None)
            for i, flag in enumerate(na.get(name, ())):
                if flag:
                    at = multiples_na_point(inner.center(), radius, i, len(a.model.practices))
                    self.text(
                        NOT_APPLICABLE,
                        num_px * 0.9,
                        colour,
                        at.x(),
                        at.y(),
                        anchor=(0.5, 0.5),
                        bold=True,
                        z=5,
                    )
        if spec.show_legend:
            self.text(key, sub_px, theme.muted_text, m, h - m - key_h, width=w - 2 * m)

    def _radar(
        self,
        c: QPointF,
        radius: float,
        cur: list[float | None],
        tgt: list[float | None],
        colour: str,
        num_px: float,
        s: float,
        band: tuple[list[float | None], list[float | None]] | None = None,
    ) -> None:
        spec = self.spec
        assert spec is not None
        model, theme = spec.assessment.model, spec.theme
        n = len(model.practices)
        lo, hi = model.min_score, model.max_score
        span = (hi - lo) or 1

        def point(i: int, v: float | None) -> QPointF | None:
            if v is None:
                return None
            r = radius * (0.08 + 0.92 * (v - lo) / span)  # the lowest level is a small ring, not the centre
            ang = -math.pi / 2 + 2 * math.pi * i / n
            return QPointF(c.x() + r * math.cos(ang), c.y() + r * math.sin(ang))

        grid = QPainterPath()
        for score in model.scores:
            ring = [point(i, float(score)) for i in range(n)]
            grid.addPolygon(QPolygonF([p for p in ring if p is not None] + [ring[0]]))  # type: ignore[list-item]
        for i in range(n):
            end = point(i, float(hi))
            assert end is not None
            grid.moveTo(c)
            grid.lineTo(end)
            ang = -math.pi / 2 + 2 * math.pi * i / n
            lx, ly = (
                c.x() + (radius + num_px * 0.8) * math.cos(ang),
                c.y() + (radius + num_px * 0.8) * math.sin(ang),
            )
            self.text(str(i + 1), num_px, theme.muted_text, lx, ly, anchor=(0.5, 0.5), z=2)
        self.path(grid, None, pen(theme.grid, 1), z=1)
        if band is not None:
            low = [point(i, v) for i, v in enumerate(band[0])]
            high = [point(i, v) for i, v in enumerate(band[1])]
            if all(p is not None for p in low + high):
                outer, inner = QPainterPath(), QPainterPath()
                outer.addPolygon(QPolygonF([*high, high[0]]))  # type: ignore[list-item]
                inner.addPolygon(QPolygonF([*low, low[0]]))  # type: ignore[list-item]
                spread = QColor(theme.average)
                spread.setAlphaF(0.14)
                self.path(outer.subtracted(inner), spread, None, z=2)
        current = [point(i, v) for i, v in enumerate(cur)]
        fill = QColor(colour)
        fill.setAlphaF(0.25)
        present = [p for p in current if p is not None]
        if len(present) >= 3:
            poly = QPainterPath()
            poly.addPolygon(QPolygonF([*present, present[0]]))
            self.path(poly, fill, None, z=3)
        self.path(outline_path(current), None, pen(colour, max(1.5, 2 * s)), z=4)
        if spec.show_targets:
            target = [point(i, v) for i, v in enumerate(tgt)]
            self.path(outline_path(target), None, pen(colour, max(1.2, 1.5 * s), Qt.PenStyle.DashLine), z=4)


def _f(v: int | None) -> float | None:
    return None if v is None else float(v)
