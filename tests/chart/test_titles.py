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
