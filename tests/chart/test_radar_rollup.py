"""The radar's roll-up by rule, its spread band, the roll-up in focus, and practice groups."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsPathItem

from gapradar.chart import geometry
from gapradar.chart.radar_groups import group_runs
from gapradar.chart.radar_scene import AVERAGE_KEY
from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_state import ViewState
from gapradar.cli import main
from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.export.render import ExportOptions, _Canvas
from gapradar.io import load

SLIDE = ExportOptions(1280, 720)


@pytest.fixture
def small() -> Assessment:
    """Three systems; C did not assess practice p2 (it must not count as zero)."""
    levels = tuple(Level(s, f"Level {s}") for s in range(5))
    practices = (
        Practice("p0", "Alpha", group="One"),
        Practice("p1", "Beta", group="One"),
        Practice("p2", "Gamma", group="Two"),
        Practice("p3", "Delta", group="Two"),
    )
    model = MaturityModel("M", practices, levels)
    return Assessment(
        model,
        "Small",
        [
            System("A", {"p0": Rating(1, 3), "p1": Rating(0, 2), "p2": Rating(0, 1), "p3": Rating(4, 4)}),
            System("B", {"p0": Rating(2, 4), "p1": Rating(3, 3), "p2": Rating(2, 2), "p3": Rating(1, 2)}),
            System("C", {"p0": Rating(4, 4), "p1": Rating(3, 4), "p2": Rating(None, 3), "p3": Rating(1, 1)}),
        ],
    )


# Current levels by practice: p0 [1, 2, 4], p1 [0, 3, 3], p2 [0, 2] (C not assessed), p3 [4, 1, 1].
HAND = {
    "mean": [7 / 3, 2.0, 1.0, 2.0],
    "median": [2.0, 3.0, 1.0, 1.0],
    "min": [1.0, 0.0, 0.0, 1.0],
    "at-target": [7 / 3, 2.0, 1.0, 2.0],  # a share is no level: the radar keeps the mean
}


def laid_out(spec: ChartSpec, options: ExportOptions = SLIDE) -> _Canvas:
    return _Canvas(options.apply(spec), options.width, options.height)


def texts(canvas: _Canvas) -> list[str]:
    return [i.textItem.toPlainText() for i in canvas.items_bottom_up() if isinstance(i, pg.TextItem)]


def radius_of(point: QPointF) -> float:
    return (point.x() ** 2 + point.y() ** 2) ** 0.5


@pytest.mark.parametrize("rule", list(HAND))
def test_the_radars_rollup_draws_the_rules_hand_computed_levels(qapp, small, rule):
    canvas = laid_out(ChartSpec(small, checked=("A",), rollup=rule))
    try:
        markers = canvas.view.radar.series[AVERAGE_KEY].markers
        drawn = [radius_of(p.pos()) for p in markers.points()]
        wanted = [geometry.score_radius(v, small.model.scores) for v in HAND[rule]]
        assert drawn == pytest.approx(wanted)
    finally:
        canvas.close()


@pytest.mark.parametrize(
    ("rule", "legend", "subtitle"),
    [
        ("mean", "Average – all systems (dotted)", "Roll-up of all systems: mean"),
        ("median", "Median – all systems (dotted)", "Roll-up of all systems: median"),
        ("min", "Minimum – all systems (weakest link, dotted)", "minimum (weakest link)"),
        ("at-target", "Average – all systems (mean, dotted)", "mean (a share at target is not a level"),
    ],
)
def test_legend_and_subtitle_name_the_rule(qapp, small, rule, legend, subtitle):
    canvas = laid_out(ChartSpec(small, checked=("A",), rollup=rule))
    try:
        shown = "\n".join(texts(canvas))
        assert legend in shown
        assert subtitle in shown
    finally:
        canvas.close()


def test_a_users_subtitle_wins_over_the_rules(qapp, small):
    canvas = laid_out(ChartSpec(small, rollup="median"), ExportOptions(1280, 720, subtitle="Workshop, 3 May"))
    try:
        shown = texts(canvas)
        assert "Workshop, 3 May" in shown
        assert not any(t.startswith("Roll-up of all systems") for t in shown)
    finally:
        canvas.close()


@pytest.mark.parametrize(
    ("spread", "low", "high"), [("range", [1, 0, 0, 1], [4, 3, 2, 4]), ("iqr", None, None)]
)
def test_the_spread_band_lies_between_the_lowest_and_highest_levels(qapp, small, spread, low, high):
    from gapradar.domain.rollup import rollup

    canvas = laid_out(ChartSpec(small, rollup="median", spread=spread))
    try:
        bands = [
            i
            for i in canvas.items_bottom_up()
            if isinstance(i, QGraphicsPathItem)
            and i.brush().color().alphaF() < 0.5
            and not i.path().isEmpty()
        ]
        assert len(bands) == 1
        band = bands[0].path()
        ru = rollup(small, "median")
        if spread == "iqr":
            low, high = [r.q1 for r in ru], [r.q3 for r in ru]
        scores = small.model.scores
        for i in range(4):
            theta = geometry.angle(i, 4)
            lo, hi = geometry.score_radius(low[i], scores), geometry.score_radius(high[i], scores)
            if hi - lo < 1e-6:
                continue
            inside = QPointF(*geometry.point((lo + hi) / 2, theta))
            assert band.contains(inside), i
            assert not band.contains(QPointF(*geometry.point(lo * 0.8, theta))), i
            assert not band.contains(QPointF(*geometry.point(min(1.0, hi + 0.05) + 0.02, theta))), i
        words = (
            "lowest to highest current level" if spread == "range" else "middle half of the current levels"
        )
        assert f"Band: {words}" in "\n".join(texts(canvas))
    finally:
        canvas.close()


def test_no_band_unless_asked(qapp, small):
    canvas = laid_out(ChartSpec(small, rollup="median"))
    try:
        assert not any(
            isinstance(i, QGraphicsPathItem) and 0 < i.brush().color().alphaF() < 0.5
            for i in canvas.items_bottom_up()
        )
    finally:
        canvas.close()


def test_the_rollup_focused_like_a_system_shows_its_current_against_its_target(qapp, small):
    canvas = laid_out(ChartSpec(small, focus="Median – all systems", rollup="median"))
    try:
        series = canvas.view.radar.series[AVERAGE_KEY]
        assert series.target_markers is not None
        current = [radius_of(p.pos()) for p in series.markers.points()]
        target = [radius_of(p.pos()) for p in series.target_markers.points()]
        scores = small.model.scores
        assert current == pytest.approx([geometry.score_radius(v, scores) for v in HAND["median"]])
        # targets p0 [3, 4, 4], p1 [2, 3, 4], p2 [1, 2, 3], p3 [4, 2, 1]
        assert target == pytest.approx([geometry.score_radius(v, scores) for v in (4, 3, 2, 2)])
        assert "Median – all systems – Small" in texts(canvas)
    finally:
        canvas.close()


def test_cli_focuses_the_rollup_on_the_radar(tmp_path, sample_path, capsys):
    from PySide6.QtGui import QImage

    overlay, focus, median = tmp_path / "o.png", tmp_path / "f.png", tmp_path / "m.png"
    assert main(["export", str(sample_path), "--png", str(overlay)]) == 0
    assert main(["export", str(sample_path), "--focus", "Average – all systems", "--png", str(focus)]) == 0
    # a shell user types a hyphen; another rule's name chooses that rule
    assert main(["export", str(sample_path), "--focus", "median - all systems", "--png", str(median)]) == 0
    assert QImage(str(focus)) != QImage(str(overlay))
    assert QImage(str(median)) != QImage(str(focus))
    capsys.readouterr()
    assert main(["export", str(sample_path), "--focus", "Median – all systems", "--rollup", "min",
                 "--png", str(tmp_path / "x.png")]) != 0  # fmt: skip
    assert "--rollup is min" in capsys.readouterr().err
    assert main(["export", str(sample_path), "--focus", "Nobody", "--png", str(tmp_path / "y.png")]) != 0
    assert "'Average – all systems' for the roll-up" in capsys.readouterr().err


def test_cli_focus_spec_is_the_rollup(sample_path):
    import argparse

    from gapradar.export.cli_export import chart_spec

    a = load(sample_path)
    args = argparse.Namespace(
        focus="Minimum – all systems", rollup="mean", systems=None, average=True, view="radar", spread="iqr"
    )
    spec = chart_spec(a, args, ValueError)
    assert isinstance(spec, ChartSpec)
    assert (spec.focus, spec.rollup, spec.spread) == ("Minimum – all systems", "min", "iqr")


def test_choosing_a_system_or_leaving_focus_forgets_the_rollup_focus():
    state = ViewState(view="focus", selected_system="A", focus_rollup=True)
    assert state.changed(selected_system="B").focus_rollup is False
    assert state.changed(view="overlay").focus_rollup is False
    assert state.changed(rollup="min").focus_rollup is True


# ------------------------------------------------------------------ groups


def test_group_runs_follow_the_file_order():
    samm = load("datasets/templates/owasp-samm-2.yaml")
    runs = group_runs(samm.model)
    assert [r.name for r in runs] == ["Governance", "Design", "Implementation", "Verification", "Operations"]
    assert [(r.first, r.last) for r in runs] == [(0, 2), (3, 5), (6, 8), (9, 11), (12, 14)]


def test_no_groups_no_arcs(qapp, sample_path):
    a = load(sample_path)
    assert group_runs(a.model) == []
    canvas = laid_out(ChartSpec(a, checked=tuple(a.system_names()[:2])))
    try:
        assert not any("Practice group" in t for t in texts(canvas))
    finally:
        canvas.close()


def px_rect(radar, item: pg.TextItem):
    """A text item's box in output pixels (text items ignore the view's scale)."""
    from PySide6.QtCore import QRectF

    p, box = radar.data_to_px(item.pos()), item.textItem.boundingRect()
    ax, ay = item.anchor.x(), item.anchor.y()
    return QRectF(p.x() - ax * box.width(), p.y() - ay * box.height(), box.width(), box.height())


def path_px_rect(radar, item: QGraphicsPathItem):
    """A path item's (data units) box in output pixels."""
    from PySide6.QtCore import QRectF

    r = item.path().boundingRect()
    return QRectF(radar.data_to_px(r.bottomLeft()), radar.data_to_px(r.topRight())).normalized()


def _contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    from PySide6.QtGui import QColor

    def lum(c: str) -> float:
        q = QColor(c)
        ch = [q.redF(), q.greenF(), q.blueF()]
        ch = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160), (1080, 1080), (800, 420), (1920, 1080)])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_group_arcs_and_names_never_touch_the_practice_names(qapp, size, theme):
    """Group names: along their arc outside the rim, clear of practice names, ring labels and data;
    in the text colour, at least as large as the ring labels."""
    from gapradar.chart.style import THEMES

    samm = load("datasets/templates/owasp-samm-2.yaml")
    samm.systems.append(System("App", {p.id: Rating(3, 3) for p in samm.model.practices}))
    spec = ChartSpec(samm, checked=("App",), theme=THEMES[theme], selected_practice=1)
    canvas = laid_out(spec, ExportOptions(*size))
    try:
        radar = canvas.view.radar
        labels = [px_rect(radar, item) for item in radar.practice_labels]
        names = {r.name for r in group_runs(samm.model)}
        level_names = {f"{lv.score} {lv.name}" for lv in samm.model.levels} | {
            str(lv.score) for lv in samm.model.levels
        }
        rings = [
            i
            for i in canvas.items_bottom_up()
            if isinstance(i, pg.TextItem) and i.textItem.toPlainText() in level_names
        ]
        assert len(rings) == len(samm.model.levels)
        group_names = [
            i for i in canvas.items_bottom_up() if isinstance(i, QGraphicsPathItem) and i.data(0) in names
        ]
        assert {g.data(0) for g in group_names} == names
        arcs = [i for i in canvas.items_bottom_up() if isinstance(i, QGraphicsPathItem) and i.zValue() == 2]
        assert len(arcs) == 5
        for arc in arcs:
            path = arc.path()
            for k in range(path.elementCount()):
                e = path.elementAt(k)
                assert not any(r.contains(radar.data_to_px(QPointF(e.x, e.y))) for r in labels)
        ring_px = max(r.textItem.font().pixelSize() for r in rings)
        for g in group_names:
            box = path_px_rect(radar, g)
            assert box.height() >= ring_px * 0.7  # the ink: at least the ring labels' size
            # Outside the rim: no data point (every level 3 is on the rim) is under a name.
            path = g.path()
            assert all(
                (path.elementAt(e).x ** 2 + path.elementAt(e).y ** 2) ** 0.5 > 1.0
                for e in range(path.elementCount())
            )
            # Nothing of the name inside any practice name's box (ink sampled along its outline).
            for e in range(path.elementCount()):
                at = radar.data_to_px(QPointF(path.elementAt(e).x, path.elementAt(e).y))
                assert not any(r.contains(at) for r in labels), g.data(0)
                assert not any(px_rect(radar, r).contains(at) for r in rings), g.data(0)
            assert _contrast(g.brush().color().name(), radar.spec.theme.background) >= 4.5
    finally:
        canvas.close()


def test_ring_labels_never_meet_the_practice_names_of_a_many_practice_model(qapp):
    """SAMM's fifteen practices at a small size: "3 Mastery" came down into "Operational Management"."""
    samm = load("datasets/templates/owasp-samm-2.yaml")
    for size in ((700, 420), (1024, 560), (1280, 720)):
        canvas = laid_out(ChartSpec(samm), ExportOptions(*size))
        try:
            radar = canvas.view.radar
            labels = [px_rect(radar, item) for item in radar.practice_labels]
            scores = {str(lv.score) for lv in samm.model.levels}
            rings = [
                px_rect(radar, i)
                for i in canvas.items_bottom_up()
                if isinstance(i, pg.TextItem)
                and i.textItem.toPlainText().split(" ")[0] in scores
                and i.zValue() == 14
            ]
            assert rings
            for r in rings:
                inner = r.adjusted(3, 3, -3, -3)  # the ink, not the padding
                assert not any(inner.intersects(lab) for lab in labels), size
            if size[1] < 560:
                continue  # smaller still, fifteen names of two lines cannot all keep apart
            for i, a in enumerate(labels):
                for b in labels[i + 1 :]:
                    assert not a.adjusted(2, 2, -2, -2).intersects(b), size
        finally:
            canvas.close()


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast", "print"])
def test_the_focused_rollups_band_is_told_apart_from_its_grey_fill_and_gap(qapp, small, theme):
    """The roll-up's current fill and hatched gap are greys: the band is a hue, with dotted edges."""
    from PySide6.QtCore import Qt

    from gapradar.chart.style import THEMES

    spec = ChartSpec(
        small, focus="Median – all systems", rollup="median", spread="range", theme=THEMES[theme]
    )
    canvas = laid_out(spec)
    try:
        paths = [i for i in canvas.items_bottom_up() if isinstance(i, QGraphicsPathItem)]
        band = [i for i in paths if 0 < i.brush().color().alphaF() < 0.5 and not i.path().isEmpty()]
        assert len(band) == 1
        assert band[0].brush().color().hsvSaturationF() > 0.4  # not one more grey
        dotted = [i for i in paths if i.pen().style() == Qt.PenStyle.DotLine]
        assert dotted and dotted[0].pen().color().name() == band[0].brush().color().name()
        assert not any(
            i.brush().style() != Qt.BrushStyle.NoBrush and i.brush().color().hsvSaturationF() > 0.4
            for i in paths
            if i is not band[0]
        )  # the fill and gap stay grey: the hue is the band's alone
    finally:
        canvas.close()


def _legend(canvas: _Canvas) -> str:
    return "\n".join(texts(canvas))


@pytest.mark.parametrize("focus", [None, "Average – all systems"])
def test_a_rollup_over_nothing_draws_nothing_and_says_so(qapp, focus):
    """A template (no systems, or none rated): no ring of markers at the centre, no band row."""
    from pathlib import Path

    template = load(Path(__file__).parents[2] / "datasets/templates/owasp-samm-2.yaml")
    canvas = laid_out(ChartSpec(template, focus=focus, spread="range"))
    try:
        series = canvas.view.radar.series[AVERAGE_KEY]
        assert len(series.markers.points()) == 0
        assert series.polygon.outline.isEmpty()
        if series.target_markers is not None:
            assert len(series.target_markers.points()) == 0
        legend = _legend(canvas)
        assert "no levels yet" in legend
        assert "Band:" not in legend and "(dotted)" not in legend
    finally:
        canvas.close()


def test_the_rollup_marks_only_the_practices_someone_rated(qapp, small):
    """Nobody has a current level for p2: the roll-up has no marker there, none at the centre."""
    for name in ("A", "B"):
        system = small.system(name)
        system.set_rating("p2", Rating(None, system.rating("p2").target))
    canvas = laid_out(ChartSpec(small))
    try:
        points = canvas.view.radar.series[AVERAGE_KEY].markers.points()
        assert len(points) == 3
        assert min(radius_of(p.pos()) for p in points) > geometry.NOT_ASSESSED_RADIUS * 2
    finally:
        canvas.close()
