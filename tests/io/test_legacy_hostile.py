"""Hostile data files for import-legacy: refused where the problem is, never written half-valid, linear time."""

from __future__ import annotations

import pytest

from gapradar.io import LoadError, dumps, loads
from gapradar.io.legacy import import_legacy

LEVELS = (
    '[{score: -2, definition: "Unranked"}, {score: 0, definition: "Low"}, {score: 1, definition: "High"}]'
)


def data_file(
    categories: str = '["One", "Two", "Three"]', levels: str = LEVELS, points: str = "[]", extra: str = ""
) -> str:
    return (
        f"var CATEGORIES = {categories};\n"
        f"var MATURITY_LEVELS = {levels};\n"
        f"{extra}\n"
        f"maturityData = {points};\n"
    )


def refused(text: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        import_legacy(text, "x.js")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    "categories, expected",
    [
        ('["One", "Two", "One"]', "x.js:1:33: two categories are named 'One'"),
        ('["One", "Two", "ONE "]', "x.js:1:33: two categories are named 'ONE'"),
        ('["One", "Two", ""]', "x.js:1:33: the category '' shows nothing"),
        (
            '["One", "Two", "T\\u000bhree"]',
            "x.js:1:33: the category 'T\\x0bhree' contains the control character U+000B",
        ),
        ('["One", "Two", "\\ud800"]', "x.js:1:33: the category '\\ud800' contains a lone surrogate U+D800"),
        ('["One", "Two", 3]', "x.js:1:33: every category must be a text"),
    ],
)
def test_categories_that_gapradar_would_refuse_are_refused_at_import(categories, expected):
    problems = refused(data_file(categories=categories))
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    "levels, expected",
    [
        (
            '[{score: 0, definition: "Low"}, {score: 0, definition: "High"}]',
            "two maturity levels have the score 0",
        ),
        (
            '[{score: 0, definition: "Low"}, {score: 1, definition: "low"}]',
            "two maturity levels are named 'low'",
        ),
        ('[{score: 0, definition: "Low"}, {score: 1, definition: ""}]', "shows nothing"),
        ('[{score: 0, definition: "Low"}, {score: true, definition: "High"}]', "needs a whole-number score"),
        ('[{score: 0, definition: "Low"}, {score: 1e300, definition: "High"}]', "out of range"),
    ],
)
def test_levels_that_gapradar_would_refuse_are_refused_at_import(levels, expected):
    problems = refused(data_file(levels=levels))
    assert any(p.startswith("x.js:2:") and expected in p for p in problems), problems


def test_a_boolean_is_not_a_score():
    problems = refused(data_file(points='[{app: "A", axis: "One", value: true}]'))
    assert problems == ["x.js:4:17: the value true is not a maturity level score (-2, 0, 1)"]


def test_applications_differing_only_in_case_are_refused():
    points = '[{app: "Core", axis: "One", value: 0}, {app: "core", axis: "Two", value: 1}]'
    problems = refused(data_file(points=points))
    assert len(problems) == 1 and problems[0].startswith(
        "x.js:4:55: the applications 'Core' (line 4) and 'core'"
    )


def test_an_application_with_a_lone_surrogate_is_refused():
    problems = refused(data_file(points='[{app: "A\\udc00", axis: "One", value: 0}]'))
    assert problems[0].startswith("x.js:4:17: the application name") and "lone surrogate" in problems[0]


@pytest.mark.parametrize(
    "points, words",
    [
        (
            '[{app: "A", axis: CATEGORIES[1.5], value: 0}]',
            "x.js:4:45: cannot read the maturityData list here: CATEGORIES[1.5]: gapradar reads only a whole number",
        ),
        ('[{app: "A", axis: [1, 2], value: 0}]', "x.js:4:17: the axis must be a category"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ],
)
def test_what_used_to_be_an_internal_error_is_a_located_message(points, words):
    problems = refused(data_file(points=points))
    assert any(words in p for p in problems), problems


def test_assignments_inside_templates_regexes_strings_and_comments_are_not_read():
    hidden = (
        'var a = `CATEGORIES = ["x", "y", "z"]`;\n'
        'var b = /CATEGORIES = ["x", "y", "z"]/g;\n'
        'var c = "CATEGORIES = [\\"x\\", \\"y\\", \\"z\\"]";\n'
        '/* CATEGORIES = ["x", "y", "z"] */ // CATEGORIES = ["x", "y", "z"]\n'
    )
    text = f"var MATURITY_LEVELS = {LEVELS};\n{hidden}maturityData = [];\n"
    assert refused(text) == [
        "x.js:1:1: no categories list found; this does not look like the original tool's data file"
    ]


def test_division_is_not_a_regex_and_templates_without_placeholders_are_text():
    text = data_file(categories='[`One`, "Two", "Three"]', extra="var ratio = 4 / 2; var z = ratio / 2;")
    a = import_legacy(text)
    assert [p.name for p in a.model.practices] == ["One", "Two", "Three"]


def test_javascript_escapes_are_read():
    text = data_file(categories='["Caf\\u00e9", "\\x41pp", "Rocket \\u{1F680}"]')
    assert [p.name for p in import_legacy(text).model.practices] == ["Café", "App", "Rocket 🚀"]


@pytest.mark.parametrize(
    "text",
    [
        "var CATEGORIES = [" + "/* " * 20_000,  # unterminated comments
        data_file(categories="[" + '"x", ' * 20_000 + "]"),  # one category repeated
        'var C = ["x"];\n' + data_file(categories="[" + "C[0], " * 20_000 + "]"),  # references
        "x = " * 20_000 + "[",  # nested failing assignments
    ],
    ids=["open-comments", "repeated-categories", "references", "failing-assignments"],
)
def test_large_hostile_files_finish(text):
    with pytest.raises(LoadError):
        import_legacy(text, "x.js")


def test_what_is_imported_always_validates():
    text = data_file(points='[{app: "A", axis: CATEGORIES[0], value: 1}, {app: "B", axis: "Two", value: -2}]')
    a = import_legacy(text, "x.js")
    assert loads(dumps(a)) == a
