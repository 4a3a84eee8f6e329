"""Pure radar geometry: levels on their rings whatever their scores, means between them."""

import math

import pytest

from gapradar.chart import geometry


def test_levels_sit_on_evenly_spaced_rings_even_when_scores_are_not():
    scores = (0, 2, 5)
    assert [geometry.score_radius(s, scores) for s in scores] == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert geometry.score_radius(None, scores) == 0.0


def test_means_interpolate_between_neighbouring_rings():
    scores = (-1, 0, 1, 2, 3)
    assert geometry.score_radius(0.8, scores) == pytest.approx(0.4 + 0.8 * 0.2)
    assert geometry.score_radius(-0.3, scores) == pytest.approx(0.2 + 0.7 * 0.2)
    assert geometry.score_radius(3.5 / 1.0 - 0.5, scores) == 1.0


def test_nearest_level_round_trips_every_ring():
    for count in (2, 4, 5, 8):
        for index in range(count):
            assert geometry.nearest_level(geometry.radius(index, count), count) == index
    assert geometry.nearest_level(0.02, 5) is None


def test_projection_onto_a_spoke():
    theta = geometry.angle(1, 4)  # 3 o'clock
    assert geometry.project_to_spoke(0.7, 0.2, theta) == pytest.approx(0.7)
    assert geometry.project_to_spoke(-0.7, 0.2, theta) == 0.0
    assert geometry.point(1.0, theta) == pytest.approx((1.0, 0.0), abs=1e-12)
    assert math.isclose(geometry.angle(2, 4), math.pi)
