from pathlib import Path

import pytest

from gapradar.io import LoadError, dumps, loads
from gapradar.io.legacy import import_legacy

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent.parent / "datasets" / "first-federated-bank.yaml"


def test_original_data_file_imports_with_the_same_levels():
    text = (HERE / "legacy" / "data_radar.js").read_text()
    a = import_legacy(text, "data_radar.js")
    assert a.title == "CD Maturity Gap Analysis: First Federated Bank"
    assert a.systems_label == "Banking Platforms"
    assert [lv.name for lv in a.model.levels] == [
        "Regressive",
        "Repeatable",
        "Consistent",
        "Quantitatively Managed",
        "Optimizing",
    ]
    assert len(a.systems) == 10 and len(a.model.practices) == 6
    reference = loads(REFERENCE.read_text())
    for s in reference.systems:
        imported = a.system(s.name)
        for p_ref, p_imp in zip(reference.model.practices, a.model.practices, strict=True):
            assert p_ref.name == p_imp.name
            assert imported.rating(p_imp.id).current == s.rating(p_ref.id).current
    assert loads(dumps(a)) == a  # the result is a valid gapradar file


SMALL = """
var CATEGORIES = ["One", 'Two', "Three"];
var MATURITY_LEVELS = [{score: -2, definition: "Unranked"}, {score: 0, definition: "Low"}, {score: 1, definition: "High"}];
maturityData = [[{app: "A", axis: CATEGORIES[0], value: -2}, {app: "A", axis: CATEGORIES[1], value: 1}]];
"""


def test_unranked_becomes_not_assessed():
    a = import_legacy(SMALL)
    assert [lv.score for lv in a.model.levels] == [0, 1]
    ratings = a.system("A")
    assert ratings.rating("one").current is None
    assert ratings.rating("two").current == 1


def test_json_data_file_is_read_too():
    text = '{"categories": ["a", "b", "c"], "maturityLevels": [{"score": 0, "definition": "x"}, {"score": 1, "definition": "y"}], "maturityData": [{"app": "S", "axis": "b", "value": 1}]}'
    assert import_legacy(text).system("S").rating("b").current == 1


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("nothing to see here", 1, "no categories list found"),
        (SMALL.replace("value: 1}", "value: 7}"), 4, "the value 7 is not a maturity level score"),
        (SMALL.replace("CATEGORIES[1]", '"Four"'), 4, "the axis 'Four' is not one of the categories"),
        ("var CATEGORIES = [\n  CATEGORIES_MISSING[0]", 2, "cannot read"),
    ],
)
def test_unreadable_files_give_located_errors(text, line, words):
    with pytest.raises(LoadError) as info:
        import_legacy(text, "x.js")
    problems = info.value.problems
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]
