import pytest

from gapradar.domain import (
    Assessment,
    Level,
    MaturityModel,
    Practice,
    Rating,
    System,
    gap,
    practice_averages,
    prioritised_gaps,
    system_means,
)
from gapradar.io import load

MODEL = MaturityModel(
    "M",
    (Practice("a", "A"), Practice("b", "B"), Practice("c", "C")),
    tuple(Level(s, f"L{s}") for s in range(-1, 4)),
)


def test_gap_needs_both_levels():
    assert gap(Rating(1, 3)) == 2
    assert gap(Rating(2, 1)) == -1
    assert gap(Rating(None, 3)) is None
    assert gap(Rating(1, None)) is None


def test_means_skip_not_assessed():
    s = System("S", {"a": Rating(1, 3), "b": Rating(None, 2), "c": Rating(-1, None)})
    m = system_means(Assessment(MODEL, systems=[s]), s)
    assert m.current == 0
    assert m.target == 2.5
    assert m.gap == 2


def test_practice_averages_over_assessed_systems_only():
    a = Assessment(
        MODEL, systems=[System("X", {"a": Rating(1, 2)}), System("Y", {"a": Rating(2, 2)}), System("Z")]
    )
    avg = practice_averages(a)
    assert [x.practice.id for x in avg] == ["a", "b", "c"]
    assert avg[0].current == 1.5 and avg[0].assessed == 2 and avg[0].gap == 0.5
    assert avg[1].current is None and avg[1].assessed == 0


def test_prioritised_gaps_largest_first_ties_in_model_order():
    a = Assessment(
        MODEL,
        systems=[
            System("X", {"a": Rating(0, 1), "c": Rating(-1, 3)}),
            System("Y", {"a": Rating(0, 1), "b": Rating(-1, 3), "c": Rating(3, 1)}),
        ],
    )
    gaps = [(g.system, g.practice.id, g.gap) for g in prioritised_gaps(a)]
    assert gaps == [("Y", "b", 4), ("X", "c", 4), ("X", "a", 1), ("Y", "a", 1)]


# The original shows score × 20 + 40 on a 0–100 scale: 56 for 0.8, 34 for -0.3.
ORIGINAL_AVERAGES = {
    "build-ci": 0.8,
    "environments": -0.3,
    "release": 0.8,
    "testing": 0.6,
    "data": 0.4,
    "configuration": 0.5,
}


def test_bundled_sample_averages_equal_the_originals(sample_path):
    a = load(sample_path)
    got = {x.practice.id: x.current for x in practice_averages(a)}
    assert got == pytest.approx(ORIGINAL_AVERAGES)
    assert round(got["build-ci"] * 20 + 40) == 56
