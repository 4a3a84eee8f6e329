"""The views of change (slope chart, what moved): order and values on a small two-round file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapradar.chart.change_rows import ONE_ROUND, rounds_compared
from gapradar.chart.moved_scene import moved
from gapradar.chart.slope_scene import slope_rows, spread_apart
from gapradar.chart.view_spec import ViewSpec
from gapradar.chart.view_state import ViewState
from gapradar.chart.views import VIEWS, scene_spec
from gapradar.io import load

TWO_ROUNDS = Path(__file__).resolve().parent.parent / "rounds_data" / "two_rounds.yaml"


@pytest.fixture
def a():
    return load(TWO_ROUNDS)


def texts(scene) -> list[str]:
    return [i.toPlainText() for i in scene.items if hasattr(i, "toPlainText")]


def test_slope_for_one_system_is_sorted_by_change_with_both_ends(a):
    rows = slope_rows(ViewSpec(a, "slope", focus="Alpha"))
    assert [(r.practice.id, r.then, r.now, r.delta) for r in rows] == [
        ("a", 0, 2, 2),
        ("b", 1, 2, 1),
        ("d", 1, 1, 0),
        ("c", 2, 1, -1),
    ]


def test_slope_of_the_rollup_compares_each_rounds_mean_over_the_same_systems(a):
    shown = a.shown
    rows = slope_rows(ViewSpec(a, "slope"))
    # then: a (0+1)/2, b (1+2)/2, c (2+0)/2; now: 1.5, 2, 1. Beta's d was not assessed in Q1, so d is
    # compared over Alpha alone (1 → 1), not Q1's mean of one system against Q2's mean of two (1 → 1.5)
    assert [(r.practice.id, r.then, r.now) for r in rows] == [
        ("a", 0.5, 1.5),
        ("b", 1.5, 2.0),
        ("c", 1.0, 1.0),  # unchanged, tied with d: the file's order
        ("d", 1.0, 1.0),
    ]
    assert a.shown is shown


def test_a_practice_assessed_in_one_round_only_is_not_compared(laid_out, a):
    rows = slope_rows(ViewSpec(a, "slope", focus="Beta"))
    assert "d" not in [r.practice.id for r in rows]
    scene = laid_out(ViewSpec(a, "slope", focus="Beta"))
    assert any(t.startswith("Not compared") and "Delta practice" in t for t in texts(scene))


def test_what_moved_across_every_system(a):
    found = moved(ViewSpec(a, "moved"))
    assert found is not None
    assert [(r.system, r.practice.id, r.delta) for r in found.rose] == [
        ("Alpha", "a", 2),
        ("Alpha", "b", 1),
        ("Beta", "c", 1),
    ]
    assert [(r.system, r.practice.id, r.delta) for r in found.fell] == [("Alpha", "c", -1)]
    assert [(r.system, r.practice.id) for r in found.reached] == [("Alpha", "a"), ("Beta", "c")]
    assert len(found.unchanged) == 3  # Alpha d, Beta a, Beta b; Beta d was not assessed before


def test_what_moved_for_one_system_draws_its_lists(laid_out, a):
    scene = laid_out(ViewSpec(a, "moved", focus="Alpha"))
    shown = texts(scene)
    assert "Rose (2)" in shown and "Fell (1)" in shown and "Reached target (1)" in shown
    assert any(t.startswith("Since Q1 (2026-01-15)") for t in shown)
    assert "▼1" in shown and "Gamma practice" in shown


def test_the_baseline_defaults_to_the_round_before_the_shown_one(a):
    spec = ViewSpec(a, "slope")
    c = rounds_compared(spec)
    assert (c.then.label, c.now.label) == ("Q1", "Q2")
    spec = ViewSpec(a, "slope", round=a.rounds[0].id)
    assert "first round" in rounds_compared(spec).problem


@pytest.mark.parametrize("view", ["slope", "moved"])
def test_one_round_says_how_to_start_another(laid_out, sample_path, view):
    one = load(sample_path)
    assert len(one.rounds) == 1
    scene = laid_out(ViewSpec(one, view))
    assert ONE_ROUND in texts(scene)
    assert "File ▸ New round…" in ONE_ROUND


def test_both_views_are_in_the_registry_and_read_the_state(a):
    assert {"slope", "moved"} <= set(VIEWS)
    assert VIEWS["slope"].family == "slope" and VIEWS["moved"].scene is not None
    spec = scene_spec(a, ViewState(view="slope", selected_system="Alpha"))
    assert isinstance(spec, ViewSpec) and spec.view == "slope" and spec.focus == "Alpha"
    rolled = scene_spec(a, ViewState(view="moved", selected_system="Alpha", gaps_of_rollup=True))
    assert rolled.focus is None


def test_crowded_labels_are_spread_apart_within_the_chart():
    placed = spread_apart([100, 100, 100, 300], 20, 0, 400)
    assert placed == [100, 120, 140, 300]
    squeezed = spread_apart([390, 395, 399], 20, 0, 400)
    assert squeezed == [360, 380, 400]
