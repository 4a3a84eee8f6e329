"""The radar at portfolio scale: each series built once, and no markers past what a radar can show."""

from __future__ import annotations

import pyqtgraph as pg
import pytest

from gapradar.chart.radar_scene import MAX_MARKED, CrowdOutlines, RadarScene
from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import LIGHT, style_for
from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.export.render import _Canvas


def portfolio(systems: int, practices: int = 6) -> Assessment:
    levels = tuple(Level(s, f"Level {s}") for s in range(5))
    model = MaturityModel("M", tuple(Practice(f"p{i}", f"Practice {i}") for i in range(practices)), levels)
    rows = [
        System(f"S{j:04d}", {f"p{i}": Rating((i + j) % 5, 4) for i in range(practices)})
        for j in range(systems)
    ]
    return Assessment(model, "Portfolio", rows, "Systems")


@pytest.fixture
def built(monkeypatch):
    """What the scene builds or updates in place, in order: a system's key, or ("crowd", its
    systems) for a crowd item."""
    keys: list = []
    series, crowd, update = RadarScene._add_series, RadarScene._add_crowd, RadarScene.update_series

    def counting_update(self, existing, *args, **kwargs):
        keys.append(existing.key)
        return update(self, existing, *args, **kwargs)

    def counting_series(self, key, *args, **kwargs):
        keys.append(key)
        return series(self, key, *args, **kwargs)

    def counting_crowd(self, members, *args, **kwargs):
        keys.append(("crowd", tuple(m.name for m in members)))
        return crowd(self, members, *args, **kwargs)

    monkeypatch.setattr(RadarScene, "_add_series", counting_series)
    monkeypatch.setattr(RadarScene, "_add_crowd", counting_crowd)
    monkeypatch.setattr(RadarScene, "update_series", counting_update)
    return keys


def scatter_items(canvas: _Canvas) -> list[pg.ScatterPlotItem]:
    return [i for i in canvas.items_bottom_up() if isinstance(i, pg.ScatterPlotItem)]


def crowd_items(canvas: _Canvas) -> list[CrowdOutlines]:
    return [i for i in canvas.items_bottom_up() if isinstance(i, CrowdOutlines)]


@pytest.mark.parametrize("systems", [MAX_MARKED, 120])
def test_check_all_builds_each_system_once_and_an_edit_only_what_it_changed(qapp, built, systems):
    a = portfolio(systems)
    names = a.system_names()
    canvas = _Canvas(ChartSpec(a, checked=(names[0],)), 1280, 800)
    try:
        built.clear()
        canvas.view.set_spec(ChartSpec(a, checked=tuple(names)))
        drawn = [k for k in built if k != "\0average"]
        every = [n for k in drawn for n in (k[1] if isinstance(k, tuple) else (k,))]
        assert sorted(every) == sorted(names)  # each system once, alone or in its crowd item
        assert built.count("\0average") == 1
        built.clear()
        a.system(names[7]).set_rating("p0", Rating(4, 4))
        canvas.view.set_spec(ChartSpec(a, checked=tuple(names)))
        assert "\0average" in built and len(built) == 2
        (edited,) = [k for k in built if k != "\0average"]
        assert edited == names[7] or names[7] in edited[1]
    finally:
        canvas.close()


def test_past_max_marked_systems_are_lines_without_markers(qapp):
    a = portfolio(MAX_MARKED + 1)
    names = a.system_names()
    crowded = _Canvas(ChartSpec(a, checked=tuple(names)), 1280, 800)
    marked = _Canvas(ChartSpec(a, checked=tuple(names[:MAX_MARKED])), 1280, 800)
    try:
        scene = crowded.view.radar
        assert all(scene.series[n].markers is None for n in names)
        assert len(scatter_items(crowded)) == 1  # the average keeps its points
        items = crowd_items(crowded)
        styles = {(style_for(LIGHT, i).colour, style_for(LIGHT, i).line) for i in range(len(names))}
        assert len(items) == len(styles) < len(names)  # one item per colour and line style
        # Every system's whole outline is drawn: a closed polygon of 6 points is 7 path elements.
        assert sum(i.path().elementCount() for i in items) == 7 * len(names)
        assert {scene.series[n].colour.lower() for n in names} == {i.pen().color().name() for i in items}
        assert len(scatter_items(marked)) == MAX_MARKED + 1 and crowd_items(marked) == []
    finally:
        crowded.close()
        marked.close()


def test_the_legend_lists_only_checked_systems_that_exist(qapp):
    a = portfolio(300)
    spec = ChartSpec(a, checked=(*a.system_names(), "Gone"))
    canvas = _Canvas(spec, 1280, 800)
    try:
        listed = [text for _, _, text in canvas.view.radar._legend_entries()]
        assert "Gone" not in listed and len([t for t in listed if t.startswith("S")]) == 300
        shortened = [text for _, _, text in canvas.view.radar._legend_entries(limit=10)]
        assert shortened[10] == "… and 290 more"
    finally:
        canvas.close()


def test_checking_one_more_system_lays_out_the_legend_not_the_frame(qapp, monkeypatch):
    a = portfolio(40)
    names = a.system_names()
    canvas = _Canvas(ChartSpec(a, checked=tuple(names[:5])), 1280, 800)
    frames: list[int] = []
    original = RadarScene._build_frame

    def counting(self):
        frames.append(1)
        return original(self)

    monkeypatch.setattr(RadarScene, "_build_frame", counting)
    try:
        scene = canvas.view.radar
        radius = scene.radius_px
        canvas.view.set_spec(ChartSpec(a, checked=tuple(names[:6])))
        legend = [i for i in scene._legend_items if isinstance(i, pg.TextItem)]
        assert frames == []
        assert len(legend) == 1 and names[5] in legend[0].textItem.toPlainText()
        assert scene.radius_px == radius
        canvas.view.set_spec(ChartSpec(a, checked=tuple(names[:6]), show_legend=False))
        assert frames == [1] and scene._legend_items == []  # no legend: the chart takes its room
    finally:
        canvas.close()


def test_a_legend_of_hundreds_shows_the_systems_that_fit_and_counts_the_rest(qapp):
    a = portfolio(300)
    canvas = _Canvas(ChartSpec(a, checked=tuple(a.system_names())), 1280, 800)
    try:
        (legend,) = [i for i in canvas.view.radar._legend_items if isinstance(i, pg.TextItem)]
        lines = legend.textItem.toPlainText().splitlines()
        listed = [line for line in lines if line.split()[-1].startswith("S0")]
        more = next(line for line in lines if "more" in line)
        assert 10 < len(listed) < 300
        assert more.endswith(f"… and {300 - len(listed)} more")
        assert legend.boundingRect().height() * 1.0 <= 800
    finally:
        canvas.close()
