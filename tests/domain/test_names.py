"""Names that look the same are the same; names that cannot be shown are refused."""

import pytest

from gapradar.domain.names import clean, name_key, name_problem, slug, text_problem


@pytest.mark.parametrize(
    "a, b",
    [("Café", "Cafe\u0301"), ("Core banking", "core  BANKING"), ("API", "A\u200bPI"), ("X", " X\u2060 ")],
)
def test_names_that_look_the_same_have_the_same_key(a, b):
    assert name_key(a) == name_key(b)


def test_different_scripts_with_combining_marks_stay_different():
    assert name_key("हिंदी") != name_key("हद")


def test_clean_is_nfc_and_trimmed():
    assert clean("  Cafe\u0301 ") == "Café"


@pytest.mark.parametrize(
    "name, words",
    [
        ("a\x0bb", "U+000B"),
        ("a\x1b[2J", "U+001B"),
        ("a\x85", "a line break"),
        ("a\u2028b", "a line break"),
        ("a\x9b", "U+009B"),
        ("a\ud800", "lone surrogate"),
        ("a\ufffe", "noncharacter U+FFFE"),
        ("a\U0010ffff", "noncharacter U+10FFFF"),
        ("a\nb", "a line break"),
        ("\u200b", "shows nothing"),
        ("\u3164 \u2800", "shows nothing"),
    ],
)
def test_bad_names_say_why(name, words):
    assert words in name_problem(name)


@pytest.mark.parametrize("name", ["Core Banking", "日本語", "🚀 Rocket", "O'Brien & Co <1>", "हिंदी"])
def test_ordinary_names_pass(name):
    assert name_problem(name) is None


def test_free_text_keeps_line_breaks_and_tabs_but_not_escapes():
    assert text_problem("line one\n\tline two\r\nthree\x85four") is None
    assert "U+001B" in text_problem("\x1b]0;title\x07")


def test_slug_is_ascii_and_unique():
    assert slug("Core Banking (iOS)") == "core-banking-ios"
    assert slug("Café", {"cafe"}) == "cafe-2"
    assert slug("日本", fallback="system") == "system"
