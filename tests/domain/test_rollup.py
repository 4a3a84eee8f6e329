"""Roll-up rules against values worked out by hand, with "not assessed" ratings mixed in."""

import pytest

from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.domain.rollup import RULES, format_value, phrase, rollup, rule, series_names

MODEL = MaturityModel(
    "M",
    (Practice("a", "A"), Practice("b", "B"), Practice("c", "C")),
    tuple(Level(s, f"L{s}") for s in range(0, 5)),
)

# a: currents 1, 2, 4 and one not assessed; targets 3, 2, 4, 4
# b: currents 0, 3 (two not assessed); targets 1, 3 (two not assessed)
# c: nobody rated it
ASSESSMENT = Assessment(
    MODEL,
    systems=[
        System("S1", {"a": Rating(1, 3), "b": Rating(0, 1)}),
        System("S2", {"a": Rating(2, 2)}),
        System("S3", {"a": Rating(4, 4), "b": Rating(3, 3)}),
        System("S4", {"a": Rating(None, 4)}),
    ],
)


def by_id(rule_key):
    return {r.practice.id: r for r in rollup(ASSESSMENT, rule_key)}


def test_mean_skips_not_assessed():
    r = by_id("mean")
    assert r["a"].current == pytest.approx(7 / 3)  # (1 + 2 + 4) / 3, not (1 + 2 + 4 + 0) / 4
    assert r["a"].target == pytest.approx(13 / 4)
    assert r["b"].current == 1.5 and r["b"].target == 2
    assert r["c"].current is None and r["c"].target is None and r["c"].assessed == 0


def test_median():
    r = by_id("median")
    assert r["a"].current == 2 and r["a"].target == 3.5
    assert r["b"].current == 1.5


def test_minimum_is_the_weakest_rated_system_not_the_unrated_one():
    r = by_id("min")
    assert r["a"].current == 1  # S4 is not assessed on a: it is not a zero
    assert r["a"].target == 2
    assert r["b"].current == 0


def test_share_at_or_above_target():
    r = by_id("at-target")
    # a: S1 1<3 no, S2 2>=2 yes, S3 4>=4 yes; S4 has no current level -> 2/3
    assert r["a"].share == pytest.approx(2 / 3)
    assert r["a"].value == pytest.approx(2 / 3)
    assert r["a"].current is None  # a share is not a level
    assert r["b"].share == 0.5
    assert r["c"].share is None
    assert format_value(r["a"]) == "67%"
    assert format_value(r["c"]) == "–"


def test_spread_of_current_levels():
    a = by_id("mean")["a"]
    assert (a.low, a.high) == (1, 4)
    assert (a.q1, a.q3) == (1.5, 3.0)
    assert a.assessed == 3


def test_rules_are_named_and_unknown_rules_explain_the_choices():
    assert RULES["min"].name == "Minimum (weakest link)"
    assert RULES["min"].words == "minimum (weakest link)"
    assert phrase("min") == "Roll-up of all systems: minimum (weakest link)"
    assert phrase("at-target", start=False) == "roll-up of all systems: share at or above target"
    assert "Average – all systems" in series_names()
    with pytest.raises(ValueError, match="mean, median, min, at-target"):
        rule("mode")
    with pytest.raises(ValueError):
        rollup(ASSESSMENT, "mode")


def test_gap_rows_for_a_system_begin_with_the_gap_table_and_keep_ties():
    from gapradar.domain import prioritised_gaps
    from gapradar.domain.rollup import gap_rows

    s = System("S", {"a": Rating(1, 3), "b": Rating(0, 2), "c": Rating(2, None)})
    a = Assessment(MODEL, systems=[s])
    ranked, missing = gap_rows(a, s)
    assert [r.practice.id for r in ranked] == ["a", "b"]  # tie at 2: file order
    assert [e.practice.id for e in prioritised_gaps(a, s)] == [r.practice.id for r in ranked]
    assert [r.practice.id for r in missing] == ["c"]


def test_gap_rows_of_the_roll_up():
    from gapradar.domain.rollup import gap_rows

    ranked, missing = gap_rows(ASSESSMENT, None, "mean")
    assert [r.practice.id for r in ranked] == ["a", "b"]  # a: 13/4 - 7/3 ≈ 0.92; b: 0.5
    assert [r.practice.id for r in missing] == ["c"]
    ranked, _ = gap_rows(ASSESSMENT, None, "at-target")
    assert ranked[0].practice.id == "b" and ranked[0].gap == 0.5  # half of b's systems short of target
