"""Not applicable and confidence in the arithmetic: n/a never counts, and the counts are what people read."""

from __future__ import annotations

import pytest

from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System, practice_averages
from gapradar.domain.analysis import (
    confidence_count,
    confidence_summary,
    not_applicable_practices,
    prioritised_gaps,
    system_means,
)
from gapradar.domain.model import confidence_problems
from gapradar.domain.rollup import gap_rows, rollup

NA = Rating(not_applicable=True)


def assessment() -> Assessment:
    model = MaturityModel(
        "M",
        (Practice("p1", "One"), Practice("p2", "Two"), Practice("p3", "Three"), Practice("p4", "Four")),
        tuple(Level(s, f"L{s}") for s in range(4)),
    )
    a = System("A", {"p1": Rating(1, 3, confidence=2), "p2": NA, "p3": Rating(2, 2, confidence=0), "p4": NA})
    b = System("B", {"p1": NA, "p2": Rating(0, 2, confidence=1), "p3": Rating(3, 3), "p4": NA})
    c = System("C", {"p1": Rating(2, 2), "p3": NA, "p4": NA})  # p2 not assessed
    return Assessment(model, "T", [a, b, c])


def test_a_level_wins_over_the_flag_and_marking_clears_levels_and_confidence():
    assert Rating(2, 3, not_applicable=True).not_applicable is False
    marked = Rating(2, 3, "why", confidence=1).marked_not_applicable()
    assert (marked.current, marked.target, marked.confidence, marked.note) == (None, None, None, "why")
    assert marked.not_applicable and not marked.is_empty
    assert not Rating(confidence=0).is_empty
    assert Rating(not_applicable=True, confidence=2).confidence is None


def test_system_means_leave_not_applicable_out():
    a = assessment()
    m = system_means(a, a.system("A"))
    assert m.current == pytest.approx((1 + 2) / 2)
    assert m.target == pytest.approx((3 + 2) / 2)
    assert m.gap == pytest.approx((2 + 0) / 2)
    m = system_means(a, a.system("C"))
    assert (m.current, m.target, m.gap) == (2, 2, 0)


def test_practice_averages_and_rollups_leave_not_applicable_out():
    a = assessment()
    avg = {x.practice.id: x for x in practice_averages(a)}
    assert avg["p1"].current == pytest.approx(1.5)  # A 1, C 2; B is n/a
    assert avg["p1"].target == pytest.approx(2.5)
    assert avg["p1"].gap == pytest.approx(1.0)
    assert avg["p1"].assessed == 2
    assert (avg["p2"].current, avg["p2"].assessed) == (0, 1)
    assert avg["p4"].current is None and avg["p4"].assessed == 0
    by_rule = {
        rule: {r.practice.id: r for r in rollup(a, rule)} for rule in ("mean", "median", "min", "at-target")
    }
    assert by_rule["median"]["p3"].current == pytest.approx(2.5)  # A 2, B 3; C is n/a
    assert by_rule["min"]["p1"].current == 1
    assert by_rule["at-target"]["p1"].share == pytest.approx(0.5)  # A short, C at target
    assert by_rule["mean"]["p1"].not_applicable == 1
    assert by_rule["mean"]["p4"].not_applicable == 3 and by_rule["mean"]["p4"].current is None


def test_gaps_never_include_not_applicable():
    a = assessment()
    assert [(g.system, g.practice.id, g.gap) for g in prioritised_gaps(a)] == [("A", "p1", 2), ("B", "p2", 2)]
    ranked, apart = gap_rows(a, a.system("A"))
    assert [r.practice.id for r in ranked] == ["p1", "p3"]
    assert [r.practice.id for r in apart] == ["p2", "p4"]
    assert [p.id for p in not_applicable_practices(a, [a.system("A")])] == ["p2", "p4"]
    assert [p.id for p in not_applicable_practices(a)] == ["p4"]  # applies to no system


def test_confidence_is_counted_over_practices_with_a_current_level():
    a = assessment()
    words = a.model.confidence
    assert words == ("claimed", "evidenced", "verified")
    one = confidence_count(a, [a.system("A")])
    assert (one.rated, one.marks) == (2, (1, 0, 1))
    assert confidence_summary(words, one) == "1 of 2 practices evidenced, 1 of them verified; 1 claimed"
    everyone = confidence_count(a)
    assert (everyone.rated, everyone.marks) == (5, (1, 1, 1))
    assert (
        confidence_summary(words, everyone, "ratings")
        == "2 of 5 ratings evidenced, 1 of them verified; 1 claimed"
    )
    assert confidence_summary(words, confidence_count(a, [a.system("C")])) == ""


def test_confidence_words_are_three_different_names():
    assert confidence_problems(("a", "b", "c")) == []
    assert "not 2" in confidence_problems(("a", "b"))[0].message
    assert "different" in confidence_problems(("a", "B", "b"))[0].message
    model = assessment().model
    assert model.confidence_index("EVIDENCED") == 1 and model.confidence_index("maybe") is None
