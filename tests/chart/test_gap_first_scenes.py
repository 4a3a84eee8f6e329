"""The gap-first scenes laid out offscreen: practice groups, colours, not-assessed cells."""

from __future__ import annotations

import pytest

from gapradar.chart.heatmap_scene import GAPS, MET, level_colours
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.export.rollup_table import rollup_table

MODEL = MaturityModel(
    "M",
    (
        Practice("a", "Alpha", group="People"),
        Practice("b", "Beta", group="Tools"),
        Practice("c", "Gamma", group="People"),
    ),
    tuple(Level(s, f"L{s}") for s in range(0, 4)),
)
GROUPED = Assessment(
    MODEL,
    "Grouped",
    [
        System("S1", {"a": Rating(1, 3), "b": Rating(2, 2), "c": Rating(0, 2)}),
        System("S2", {"a": Rating(3, 3), "c": Rating(None, 1)}),
    ],
)


def texts(scene) -> list[str]:
    return [i.toPlainText() for i in scene.items if hasattr(i, "toPlainText")]


def test_groups_order_the_heatmap_columns_and_label_them(laid_out):
    scene = laid_out(ViewSpec(GROUPED, "heatmap"))
    assert scene.columns == [0, 2, 1]  # People (Alpha, Gamma), then Tools (Beta)
    assert scene.cell_rect("S1", 2).left() < scene.cell_rect("S1", 1).left()
    assert {"People", "Tools"} <= set(texts(scene))
    file_order = laid_out(ViewSpec(GROUPED, "heatmap", columns="file"))
    assert file_order.columns == [0, 1, 2]
    assert MODEL.practice_ids == ("a", "b", "c")  # the radar's order is the file's, always


def test_cells_coloured_by_level_or_gap_and_not_assessed_is_blank(laid_out):
    scene = laid_out(ViewSpec(GROUPED, "heatmap", colour_by="level"))
    colours = level_colours(MODEL.scores)
    assert scene.cells[("S1", "a")].item.brush().color().name() == colours[1].lower()
    missing = scene.cells[("S2", "c")]
    assert missing.item.brush().color().name() == "#ffffff"  # the background, not a level's colour
    assert missing.text.toPlainText() == "–"
    by_gap = laid_out(ViewSpec(GROUPED, "heatmap", colour_by="gap"))
    assert by_gap.cells[("S1", "a")].item.brush().color().name() == GAPS[1].lower()  # gap 2
    assert by_gap.cells[("S2", "a")].item.brush().color().name() == MET.lower()


def test_group_subtotals_in_the_rollup_table():
    rows = rollup_table(GROUPED, "min")
    people = next(r for r in rows if r[1] == "Group subtotal: People")
    # People pools Alpha and Gamma: currents 1, 0, 3 (S2 Gamma not assessed); targets 3, 2, 3, 1
    assert people[3:6] == [0, 1, 1]
    mean = next(r for r in rollup_table(GROUPED, "mean") if r[1] == "Group subtotal: People")
    assert mean[3] == pytest.approx(4 / 3, abs=0.01)
    share = next(r for r in rollup_table(GROUPED, "at-target") if r[1] == "Group subtotal: Tools")
    assert share[3] == 1.0


def test_small_multiples_same_scale_and_the_rollup_spread_band(laid_out):
    scene = laid_out(ViewSpec(GROUPED, "multiples"))
    assert set(scene.panels) == {"S1", "S2", "Average – all systems"}  # the subtitle names the rule
    sizes = {(round(r.width()), round(r.height())) for r in scene.panels.values()}
    assert len(sizes) == 1  # one grid, one scale
    bands = [i for i in scene.items if hasattr(i, "brush") and 0.1 < i.brush().color().alphaF() < 0.2]
    assert len(bands) == 1 and scene.panels["Average – all systems"].contains(
        bands[0].path().boundingRect().center()
    )
    assert not any(
        0.1 < i.brush().color().alphaF() < 0.2
        for i in laid_out(ViewSpec(GROUPED, "multiples", rollup="at-target")).items
        if hasattr(i, "brush")
    )


@pytest.mark.parametrize("view", ["heatmap", "gaps", "multiples"])
@pytest.mark.parametrize("rule", ["mean", "median", "min", "at-target"])
def test_every_view_names_the_rule_one_way(laid_out, view, rule):
    """ "Roll-up of all systems: minimum (weakest link)", never "(roll-up: Minimum (weakest link))"."""
    from gapradar.domain.rollup import phrase

    shown = texts(laid_out(ViewSpec(GROUPED, view, rollup=rule)))
    if not (view == "multiples" and rule == "at-target"):  # no roll-up panel: a share is no level
        assert any(phrase(rule).lower() in t.lower() for t in shown)
    for t in shown:
        assert "roll-up:" not in t.lower()
        assert "((" not in t and "))" not in t


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (800, 600)])
@pytest.mark.parametrize("rule", ["at-target", "mean"])
def test_gap_chart_ticks_gap_column_and_bars_keep_apart(qapp, sample_path, laid_out, size, rule):
    """The last tick ("100%", "3") clear of the "Gap" header; each row's figure clear of its bar or mark."""
    from gapradar.io import load

    scene = laid_out(ViewSpec(load(sample_path), "gaps", rollup=rule), *size)
    words = [i for i in scene.items if hasattr(i, "toPlainText")]
    header = next(i for i in words if i.toPlainText() == "Gap")
    head = header.sceneBoundingRect()
    ticks = [
        i.sceneBoundingRect()
        for i in words
        if i is not header and abs(i.sceneBoundingRect().bottom() - head.bottom()) < 1
    ]
    assert len(ticks) == 5  # 0–100% by quarters; levels -1 to 3
    assert max(t.right() for t in ticks) <= head.left()
    figures = [
        i.sceneBoundingRect()
        for i in words
        if i.sceneBoundingRect().top() >= head.bottom() - 1 and i.sceneBoundingRect().right() > head.left()
    ]
    assert len(figures) == 6
    marks = [
        i.sceneBoundingRect() for i in scene.items if not hasattr(i, "toPlainText") and i.zValue() >= 1.5
    ]
    assert max(r.right() for r in marks) + 4 <= min(f.left() for f in figures)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160)])
def test_heatmap_and_gap_chart_exports_use_the_page(qapp, sample_path, laid_out, size):
    """Ten systems × six practices: the grid and the ranked rows fill the page, not its top half."""
    from gapradar.io import load

    a = load(sample_path)
    w, h = size
    heatmap = laid_out(ViewSpec(a, "heatmap"), w, h)
    bottom = max(r.rect.bottom() for r in heatmap.cells.values())
    assert bottom >= 0.85 * h
    gaps = laid_out(ViewSpec(a, "gaps"), w, h)
    rows = list(gaps.row_rects.values())
    assert max(r.bottom() for r in rows) - min(r.top() for r in rows) >= 0.6 * h
    assert max(r.bottom() for r in rows) <= h


def test_a_short_chart_is_centred_below_its_legend(laid_out):
    """Two systems on a tall page: rows stop at a comfortable height and the rest is shared above and below."""
    scene = laid_out(ViewSpec(GROUPED, "gaps"), 1280, 1400)
    rows = list(scene.row_rects.values())
    above, below = min(r.top() for r in rows), 1400 - max(r.bottom() for r in rows)
    assert above > 0.25 * 1400 and below > above
    assert max(r.height() for r in rows) < 0.15 * 1400  # not stretched to fill the page


@pytest.mark.parametrize(
    ("rule", "header", "s1", "overall"),
    [
        ("mean", "Mean", "1.0", "1.5"),  # S1: 1, 2, 0; all: 1, 2, 0, 3 (S2's Beta and Gamma unrated)
        ("median", "Median", "1.0", "1.5"),
        ("min", "Minimum", "0.0", "0.0"),
        ("at-target", "At target", "33%", "50%"),  # S1 reaches Beta's target; S2 Alpha's
    ],
)
def test_heatmap_rule_column_names_the_rule_and_fills_the_rollup_row(laid_out, rule, header, s1, overall):
    scene = laid_out(ViewSpec(GROUPED, "heatmap", rollup=rule))
    assert header in texts(scene)
    assert scene.mean_cells["S1"].toPlainText() == s1
    assert scene.overall_cell is not None and scene.overall_cell.toPlainText() == overall


@pytest.mark.parametrize("view", ["heatmap", "gaps"])
def test_large_type_on_a_wide_page_keeps_names_whole(qapp, sample_path, laid_out, view):
    """The deck's picture (14 pt type on a 16:9 slide): names get the room the page has, not "…"."""
    from gapradar.io import load

    a = load(sample_path)
    scene = laid_out(ViewSpec(a, view, font_scale=2.0), 2368, 1133)
    shown = texts(scene)
    assert not any(t.endswith("…") for t in shown)
    names = {p.name for p in a.model.practices} if view == "gaps" else set(a.system_names())
    assert names <= {" ".join(t.split()) for t in shown}


def test_small_multiples_draw_at_most_sixty_panels_and_say_so(laid_out):
    """Hundreds of tiny radars take seconds and show nothing: the first 60 and the roll-up, said so."""
    from gapradar.chart.multiples_scene import MAX_PANELS

    model = MaturityModel(
        "M", tuple(Practice(f"p{i}", f"P{i}") for i in range(4)), tuple(Level(s, f"L{s}") for s in range(3))
    )
    systems = [System(f"S{j:03d}", {"p0": Rating(j % 3, 2)}) for j in range(150)]
    a = Assessment(model, "Many", systems, "Apps")
    scene = laid_out(ViewSpec(a, "multiples"))
    assert len(scene.panels) == MAX_PANELS + 1 and "S059" in scene.panels and "S060" not in scene.panels
    assert any(f"First {MAX_PANELS} of 150 apps" in t for t in texts(scene))
    few = laid_out(ViewSpec(a, "multiples", checked=("S100", "S120")))
    assert set(few.panels) == {"S100", "S120", ViewSpec(a, "multiples").rollup_series}
    assert not any("First" in t for t in texts(few))
