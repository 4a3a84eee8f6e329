"""Confidence marks told apart from "no mark", and the selected system's marks on top."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from gapradar.chart.rating_marks import NO_MARK_GLYPH, NO_MARK_SCALE
from gapradar.chart.spec import ChartSpec
from gapradar.export.render import ExportOptions, _Canvas
from gapradar.io import load

ATM = "ATM Management Application"
CORE = "Core Banking Application"
SIZE = ExportOptions(1280, 720)


def _with(a, system, practice, **change):
    s = a.system(system)
    s.set_rating(practice, replace(s.rating(practice), **change))


def _laid_out(spec: ChartSpec, options: ExportOptions = SIZE) -> _Canvas:
    return _Canvas(options.apply(spec), options.width, options.height)


def _render(canvas: _Canvas, background: str) -> QImage:
    image = QImage(canvas.width, canvas.height, QImage.Format.Format_RGB32)
    image.fill(QColor(background))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing)
    canvas.paint(painter)
    painter.end()
    return image


def _px(canvas: _Canvas, point: QPointF) -> QPointF:
    return canvas.to_output().map(canvas.view.view_box.childGroup.mapToScene(point))


def _coloured(image: QImage, centre: QPointF, colour: str, reach: int = 14) -> int:
    """Pixels near `centre` within a small distance of `colour`."""
    want = QColor(colour)
    n = 0
    for x in range(round(centre.x()) - reach, round(centre.x()) + reach + 1):
        for y in range(round(centre.y()) - reach, round(centre.y()) + reach + 1):
            c = image.pixelColor(x, y)
            if abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 40:
                n += 1
    return n


@pytest.mark.parametrize("theme", ["print", "dark", "high-contrast"])
def test_a_point_without_a_mark_is_drawn_apart_from_an_evidenced_one(qapp, sample_path, theme):
    a = load(sample_path)
    _with(a, ATM, "data", confidence=1)  # evidenced; "testing" keeps no mark
    options = replace(SIZE, theme=theme)
    canvas = _laid_out(ChartSpec(a, checked=(ATM,), focus=ATM), options)
    try:
        radar = canvas.view.radar
        sizes = {p.data().split("\n")[1]: p.size() for p in radar.series[ATM].markers.points()}
        assert sizes["Testing"] == pytest.approx(sizes["Data Management"] * NO_MARK_SCALE)
        legend = radar._legend_entries()
        assert (NO_MARK_GLYPH, radar._colour(ATM), "no confidence mark") in legend
        colour = radar._colour(ATM)
        image = _render(canvas, radar.spec.theme.background)
        evidenced = _coloured(image, _px(canvas, radar.vertex(ATM, "data")), colour)
        unmarked = _coloured(image, _px(canvas, radar.vertex(ATM, "testing")), colour)
    finally:
        canvas.close()
    assert unmarked < evidenced * 0.6  # a small dot, plainly not a filled marker


def test_without_any_mark_every_point_stays_full_size(qapp, sample_path):
    a = load(sample_path)
    canvas = _laid_out(ChartSpec(a, checked=(ATM,), focus=ATM))
    try:
        radar = canvas.view.radar
        sizes = {
            p.size()
            for p, r in zip(radar.series[ATM].markers.points(), radar._ratings(ATM), strict=True)
            if r.current is not None
        }
        assert len(sizes) == 1
        assert not any(text == "no confidence mark" for _, _, text in radar._legend_entries())
    finally:
        canvas.close()


def test_the_selected_systems_marks_are_above_another_point_on_the_same_spot(qapp, sample_path):
    a = load(sample_path)
    _with(a, ATM, "testing", current=2, confidence=0)  # claimed: a hollow point
    _with(a, CORE, "testing", current=2, confidence=None)  # the same spot, drawn after ATM
    spec = ChartSpec(a, checked=(ATM, CORE), show_average=False, selected_system=ATM)
    canvas = _laid_out(spec)
    try:
        radar = canvas.view.radar
        assert radar.series[ATM].markers.zValue() > radar.series[CORE].markers.zValue()
        background = radar.spec.theme.background
        image = _render(canvas, background)
        centre = _px(canvas, radar.vertex(ATM, "testing"))
        core_colour = radar._colour(CORE)
    finally:
        canvas.close()
    # ATM's hollow "claimed" point shows on top: its light centre, not Core's filled dot.
    assert _coloured(image, centre, core_colour, reach=1) == 0


def test_hover_gives_the_selected_system_its_place_back(qapp, sample_path):
    a = load(sample_path)
    canvas = _laid_out(ChartSpec(a, checked=(ATM, CORE), selected_system=ATM))
    try:
        radar = canvas.view.radar
        on_top = radar.series[ATM].markers.zValue()
        radar._hover(CORE)
        radar._hover(None)
        assert radar.series[ATM].markers.zValue() == on_top > radar.series[CORE].markers.zValue()
    finally:
        canvas.close()
