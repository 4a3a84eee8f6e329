"""Comparing rounds on the radar: the baseline's faint outline is in the exported pixels, and only then."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtGui import QImage

from gapradar.chart.view_state import ViewState
from gapradar.chart.views import scene_spec
from gapradar.domain import Rating
from gapradar.export.render import ExportOptions, _Canvas, export_png
from gapradar.io import load

ATM = "ATM Management Application"
SIZE = (1280, 720)


@pytest.fixture
def two_rounds(sample_path):
    """The sample, and a follow-up in which every system rose one level wherever it could."""
    a = load(sample_path)
    a.add_round(a.carried_forward("2026-09 follow-up", datetime.date(2026, 9, 17)))
    a.show_round(None)
    top = max(a.model.scores)
    for s in a.systems:
        for pid, r in list(s.ratings.items()):
            if r.current is not None and r.current < top:
                s.set_rating(pid, Rating(r.current + 1, r.target, r.note))
    return a


def state(a, view: str, baseline: bool) -> ViewState:
    names = a.system_names()
    s = ViewState(view=view, checked=frozenset([ATM]), selected_system=ATM, show_average=False)
    return s.changed(baseline=a.rounds[0].id if baseline else None).fitted(
        names, len(a.model.practices), [r.id for r in a.rounds]
    )


def outline_points(spec, n: int = 40) -> list[tuple[int, int]]:
    """Output pixels along the baseline outline, as the export lays the chart out."""
    canvas = _Canvas(spec, *SIZE)
    try:
        painted = canvas.items_bottom_up()  # as the export sees them, the view's matrix up to date
        items = canvas.view.radar._baseline.items
        assert len(items) == 1 and items[0] in painted
        item, to_output = items[0], canvas.to_output()
        path = item.path()
        points = []
        for k in range(n):
            p = to_output.map(item.mapToScene(path.pointAtPercent((k + 0.5) / n)))
            points.append((round(p.x()), round(p.y())))
        return points
    finally:
        canvas.close()


def changed_near(a_img: QImage, b_img: QImage, x: int, y: int) -> bool:
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            p, q = a_img.pixelColor(x + dx, y + dy), b_img.pixelColor(x + dx, y + dy)
            if abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue()) > 40:
                return True
    return False


@pytest.mark.parametrize("view", ["overlay", "focus"])
def test_the_baseline_outline_is_in_the_exported_png(two_rounds, tmp_path, view):
    a = two_rounds
    with_baseline = scene_spec(a, state(a, view, baseline=True))
    without = scene_spec(a, state(a, view, baseline=False))
    assert with_baseline.baseline is a.rounds[0] and without.baseline is None
    options = ExportOptions(width=SIZE[0], height=SIZE[1])
    points = outline_points(options.apply(with_baseline))
    export_png(with_baseline, str(tmp_path / "with.png"), options)
    export_png(without, str(tmp_path / "without.png"), options)
    export_png(without, str(tmp_path / "again.png"), options)
    with_img, without_img, again = (
        QImage(str(tmp_path / f)) for f in ("with.png", "without.png", "again.png")
    )
    assert (with_img.width(), with_img.height()) == SIZE
    hits = sum(changed_near(with_img, without_img, x, y) for x, y in points)
    assert hits >= len(points) * 0.6, f"the baseline shows at {hits} of {len(points)} points"
    assert not any(changed_near(again, without_img, x, y) for x, y in points)  # nothing drawn without it
    # the baseline's outline sits where the first round's levels are, inside the raised series
    canvas_points = outline_points(options.apply(with_baseline), 4)
    assert len(set(canvas_points)) == 4


def test_the_legend_names_the_baseline(two_rounds):
    from gapradar.chart.radar_baseline import legend_row

    a = two_rounds
    row = legend_row(scene_spec(a, state(a, "focus", baseline=True)))
    assert row is not None and "Round 1" in row[2]
    assert legend_row(scene_spec(a, state(a, "focus", baseline=False))) is None
