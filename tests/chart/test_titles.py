"""Fitting text to a width: every character one unit wide, so the arithmetic is plain."""

from __future__ import annotations

from gapradar.chart.titles import ELLIPSIS, elide, fit_lines, wrap_text


def advance(text: str) -> float:
    return float(len(text))


def test_words_wrap_and_a_word_longer_than_a_line_breaks_inside():
    assert wrap_text("ab cd ef", 5, advance) == ["ab cd", "ef"]
    assert wrap_text("abcdefghij k", 4, advance) == ["abcd", "efgh", "ij k"]
    assert all(len(line) <= 4 for line in wrap_text("x" * 330, 4, advance))


def test_elide_keeps_what_fits_and_cuts_the_rest_with_an_ellipsis():
    assert elide("short", 10, advance) == "short"
    assert elide("a  doubled   space", 30, advance) == "a doubled space"
    assert elide("abcdefghijkl", 6, advance) == "abcde" + ELLIPSIS
    assert elide("abc defghijkl", 5, advance) == "abc" + ELLIPSIS  # no dangling space before "…"
    assert elide("a bcdefghijkl", 8, advance) == "a bcdef" + ELLIPSIS  # a short first word: cut the long one


def test_fit_lines_says_whether_the_whole_text_fits():
    assert fit_lines("ab cd", 5, 2, advance) == (["ab cd"], True)
    assert fit_lines("aa bb cc dd ee ff gg", 10, 2, advance) == (["aa bb cc", "dd ee ff" + ELLIPSIS], False)
    lines, whole = fit_lines("aa bb cc dd ee ffff gg", 10, 2, advance)
    assert not whole
    assert lines == ["aa bb cc", "dd ee" + ELLIPSIS]  # ends on a whole word
    assert all(advance(line) <= 10 for line in lines)


def test_every_chart_of_a_file_with_rounds_names_the_round_it_shows():
    """The radar, heatmap, gap chart and multiples say which round; a typed subtitle is kept as typed."""
    from dataclasses import replace
    from pathlib import Path

    from gapradar.chart import radar_rollup
    from gapradar.chart.spec import ChartSpec
    from gapradar.chart.titles import with_round
    from gapradar.chart.view_spec import ViewSpec
    from gapradar.io import load

    a = load(Path(__file__).resolve().parent.parent / "rounds_data" / "two_rounds.yaml")
    first, latest = a.rounds[0], a.rounds[-1]
    overlay = ChartSpec(a, tuple(a.system_names()))
    assert radar_rollup.subtitle(overlay).startswith(f"Round {latest.label} ({latest.date:%Y-%m-%d}) · ")
    focus = ChartSpec(a, (), focus=a.system_names()[0])
    assert radar_rollup.subtitle(focus) == f"Round {latest.label} ({latest.date:%Y-%m-%d})"
    heatmap = ViewSpec(a, "heatmap", round=first.id)
    assert (
        with_round("Current levels", heatmap)
        == f"Round {first.label} ({first.date:%Y-%m-%d}) · Current levels"
    )
    assert with_round("x", ViewSpec(a, "slope")) == "x"  # the change views name both rounds themselves
    assert radar_rollup.subtitle(replace(overlay, subtitle="As typed")) == "As typed"
    one = load(Path(__file__).resolve().parent.parent / "rounds_data" / "two_rounds.yaml")
    one.rounds[:] = one.rounds[-1:]
    assert not radar_rollup.subtitle(ChartSpec(one, (), focus=one.system_names()[0]))
