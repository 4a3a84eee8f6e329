"""What the radar scene draws: titles, ring labels above the data, styles beyond the palette."""

from __future__ import annotations

import shutil
import subprocess

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import PRINT, style_for
from gapradar.cli import main
from gapradar.domain import Rating
from gapradar.export.render import ExportOptions, _Canvas
from gapradar.io import load

ATM = "ATM Management Application"


@pytest.fixture
def bank(sample_path):
    return load(sample_path)


SLIDE = ExportOptions(1280, 720)


def laid_out(spec: ChartSpec, options: ExportOptions = SLIDE) -> _Canvas:
    return _Canvas(options.apply(spec), options.width, options.height)


def texts(canvas: _Canvas) -> list[str]:
    return [i.textItem.toPlainText() for i in canvas.items_bottom_up() if isinstance(i, pg.TextItem)]


def test_a_systems_chart_names_the_system_in_its_title(qapp, bank):
    canvas = laid_out(ChartSpec(bank, focus=ATM))
    try:
        assert f"{ATM} – {bank.title}" in texts(canvas)
    finally:
        canvas.close()


def test_title_text_replaces_the_title(qapp, bank):
    canvas = laid_out(ChartSpec(bank, focus=ATM), ExportOptions(1280, 720, title_text="Workshop, 3 May"))
    try:
        assert "Workshop, 3 May" in texts(canvas)
        assert not any(bank.title in t for t in texts(canvas))
    finally:
        canvas.close()


def test_cli_title_and_no_title(tmp_path, sample_path):
    assert shutil.which("pdftotext")
    out = tmp_path / "c.pdf"
    assert main(["export", str(sample_path), "--pdf", str(out), "--title", "Radar for the board"]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Radar for the board" in text
    assert main(["export", str(sample_path), "--pdf", str(out), "--no-title"]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "First Federated Bank" not in text


def test_ring_labels_stay_legible_and_never_hide_a_data_point(qapp, bank):
    canvas = laid_out(ChartSpec(bank, checked=tuple(bank.system_names())))
    try:
        radar = canvas.view.radar
        level_names = {f"{lv.score} {lv.name}" for lv in bank.model.levels}
        rings = [
            i
            for i in canvas.items_bottom_up()
            if isinstance(i, pg.TextItem) and i.textItem.toPlainText() in level_names
        ]
        assert len(rings) == len(bank.model.levels)
        top_line = max(s.polygon.zValue() for s in radar.series.values())
        bottom_marker = min(s.markers.zValue() for s in radar.series.values())
        # Above fills and lines (a halo keeps them legible), below every point.
        assert all(top_line < r.zValue() < bottom_marker for r in rings)
        assert all(r.fill.style() != Qt.BrushStyle.NoBrush for r in rings)
        # The labels sit beside the 12 o'clock spoke, clear of its points.
        label_rects = [r.mapRectToScene(r.boundingRect()) for r in rings]
        first = bank.model.practices[0].id
        for series in radar.series.values():
            if series.name not in bank.system_names():
                continue  # the average
            centre = series.markers.mapToScene(radar.vertex(series.name, first))
            assert not any(rect.contains(centre) for rect in label_rects), series.name
    finally:
        canvas.close()


def test_more_systems_than_colours_get_their_own_line_and_marker(qapp, bank):
    for k in range(3):
        bank.systems.append(bank.system(ATM).copy(f"Branch {k + 1}"))
    names = bank.system_names()
    assert len(names) == 13
    first, eleventh = style_for(PRINT, 0), style_for(PRINT, 10)
    assert first.colour == eleventh.colour
    assert (first.line, first.symbol) != (eleventh.line, eleventh.symbol)
    canvas = laid_out(ChartSpec(bank, checked=tuple(names)))
    try:
        radar = canvas.view.radar
        pen = radar.series["Branch 1"].polygon.pen()
        assert pen.style() == Qt.PenStyle.DashDotLine
        assert radar.series[ATM].polygon.pen().style() == Qt.PenStyle.SolidLine
        assert radar.series["Branch 1"].markers.points()[0].symbol() == "s"
        legend = " ".join(texts(canvas))
        assert "colours repeat: systems 11–20 have dash-dot lines" in legend
    finally:
        canvas.close()


def test_average_is_dotted_and_targets_dashed(qapp, bank):
    canvas = laid_out(ChartSpec(bank, checked=(ATM,)))
    try:
        assert canvas.view.radar.series["\0average"].polygon.pen().style() == Qt.PenStyle.DotLine
    finally:
        canvas.close()


def test_overlay_breaks_at_a_practice_that_is_not_assessed(qapp, bank):
    bank.system(ATM).set_rating("release", Rating(current=None, target=2))
    canvas = laid_out(ChartSpec(bank, checked=(ATM,), show_average=False))
    try:
        series = canvas.view.radar.series[ATM]
        # The fill dips to the centre there (no area claimed); the outline breaks.
        fill = series.polygon.polygon()
        assert fill.count() == len(bank.model.practices)
        assert fill.at(bank.model.practice_index("release")).isNull()
        outline = series.polygon.outline
        starts = [i for i in range(outline.elementCount()) if outline.elementAt(i).isMoveTo()]
        assert len(starts) == 1  # one open line, broken at the practice
        hollow = [p for p in series.markers.points() if "not assessed" in p.data()]
        assert len(hollow) == 1 and hollow[0].brush().color() == canvas.view.radar.spec.theme.background
    finally:
        canvas.close()


def test_the_fill_claims_no_area_at_a_practice_that_is_not_assessed(qapp, bank):
    from PySide6.QtCore import QPointF

    from gapradar.chart import geometry

    system = bank.system(ATM)
    system.set_rating("release", Rating(None, 2))  # practice 2: not assessed now
    canvas = laid_out(ChartSpec(bank, checked=(ATM,), show_average=False))
    try:
        polygon = canvas.view.radar.series[ATM].polygon.polygon()
        n = len(bank.model.practices)
        # Near the centre on that spoke is outside the fill; on an assessed spoke it is inside.
        assert not polygon.containsPoint(
            QPointF(*geometry.point(0.1, geometry.angle(2, n))), Qt.FillRule.OddEvenFill
        )
        assert polygon.containsPoint(
            QPointF(*geometry.point(0.2, geometry.angle(0, n))), Qt.FillRule.OddEvenFill
        )
    finally:
        canvas.close()
