"""n/a and confidence survive the file, the CSV and XLSX tables and the spreadsheet import."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook

from gapradar.domain import Assessment, Rating
from gapradar.export.xlsx_workbook import workbook_bytes
from gapradar.io import LoadError, dumps, load, loads
from gapradar.io.csv_tables import TABLES, to_csv, write_csv
from gapradar.io.table_import import import_table

CORE, NET = "Core Banking Application", "Internet Banking Application"


@pytest.fixture
def marked(sample_path) -> Assessment:
    a = load(sample_path)
    ids = a.model.practice_ids
    core, net = a.system(CORE), a.system(NET)
    core.set_rating(ids[0], core.rating(ids[0]).marked_not_applicable())
    core.set_rating(ids[1], replace(core.rating(ids[1]), confidence=0))
    core.set_rating(ids[2], replace(core.rating(ids[2]), confidence=1))
    core.set_rating(ids[3], replace(core.rating(ids[3]), confidence=2))
    net.set_rating(ids[4], Rating(not_applicable=True))
    return a


def test_file_round_trip_writes_its_own_values(marked):
    text = dumps(marked)
    assert "current: n/a" in text and "target: n/a" in text
    assert "confidence: evidenced" in text and "confidence: verified" in text
    assert "\n  confidence:" not in text  # default words are not written into the model
    back = loads(text)
    assert back == marked
    assert back.system(NET).rating("data").not_applicable


def test_model_words_round_trip_and_ratings_use_them(marked):
    marked.model = replace(marked.model, confidence=("said", "shown", "checked"))
    text = dumps(marked)
    assert "confidence:\n  - said\n  - shown\n  - checked" in text
    assert "confidence: shown" in text
    assert loads(text) == marked


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        ("{current: n/a, target: 2}", "so it has no target level"),
        ("{current: 1, confidence: maybe}", "is not one of this model's confidence words"),
        ("{current: n/a, confidence: verified}", "has no confidence mark"),
        ("{current: 7}", "null for not assessed, or n/a"),
    ],
)
def test_bad_marks_are_located(marked, rating, message):
    text = dumps(marked).replace("    testing: {", f"    testing: {rating} #", 1)
    with pytest.raises(LoadError) as e:
        loads(text, "f.yaml")
    assert message in str(e.value)
    assert "f.yaml:" in str(e.value)


def test_model_with_two_confidence_words_is_refused_where_written(marked):
    text = dumps(marked).replace("  levels:\n", "  confidence: [low, high]\n  levels:\n", 1)
    with pytest.raises(LoadError) as e:
        loads(text, "f.yaml")
    assert "confidence words are 3" in str(e.value)


def test_n_a_reads_in_any_case(marked):
    text = dumps(marked).replace("current: n/a", "current: N/A").replace("target: n/a", "target: N/A")
    assert loads(text) == marked


def test_tables_write_n_a_and_count_confidence(marked):
    matrix = TABLES["matrix"](marked)
    header, core = matrix[0], matrix[1]
    assert core[1] == "n/a"
    assert header[-1] == "Confidence"
    assert core[-1] == "2 of 5 practices evidenced, 1 of them verified; 1 claimed"
    scores = TABLES["scores"](marked)
    assert "Confidence" in scores[0]
    row = next(r for r in scores[1:] if r[0] == CORE and r[1] == "build-ci")
    assert row[3:7] == ["n/a", "n/a", "n/a", "n/a"] and row[7] is None
    assert "n/a" in to_csv(matrix)


def _fresh(a: Assessment) -> Assessment:
    return Assessment(a.model, a.title, [], a.systems_label)


@pytest.mark.parametrize("table", ["scores", "matrix"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_reads_its_own_exports_back(marked, tmp_path, table, kind):
    path = tmp_path / f"{table}.{kind}"
    if kind == "csv":
        write_csv(TABLES[table](marked), path)
    else:
        path.write_bytes(workbook_bytes(marked))
    fresh = _fresh(marked)
    result = import_table(path, fresh, sheet="Scores" if table == "scores" and kind == "xlsx" else None)
    if kind == "xlsx" and table == "matrix":
        result = import_table(path, fresh, sheet="Matrix")
    assert result.problems == []
    result.apply_to(fresh)
    for system in marked.systems:
        for p in marked.model.practices:
            want, got = system.rating(p.id), fresh.system(system.name).rating(p.id)
            if table == "matrix":  # the matrix holds current levels only
                assert (got.current, got.not_applicable) == (want.current, want.not_applicable)
            else:
                assert got == replace(want, votes=None, target_votes=None), (system.name, p.id)


def test_import_names_cells_that_contradict_n_a(marked, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(
        "System,Practice,Current,Target,Confidence\n"
        f"{NET},Testing,n/a,2,\n"
        f"{NET},Data Management,1,2,maybe\n"
        f"{NET},Environments and Deployment,n/a,n/a,\n",
        encoding="utf-8",
    )
    result = import_table(path, marked)
    reasons = [(p.row, p.column, p.reason) for p in result.problems]
    assert any(r == 2 and c == 4 and "n/a is for current and target together" in why for r, c, why in reasons)
    assert any(r == 3 and c == 5 and "not a confidence mark" in why for r, c, why in reasons)
    result.apply_to(marked)
    assert marked.system(NET).rating("environments").not_applicable
    assert marked.system(NET).rating("testing").current == -1  # the contradicting row changed nothing
    assert marked.system(NET).rating("data").current == 1  # a level makes the practice apply again


def test_workbook_chart_reads_blanks_where_the_matrix_says_n_a(marked):
    import io

    wb = load_workbook(io.BytesIO(workbook_bytes(marked)))
    assert wb["Matrix"]["B2"].value == "n/a"
    assert wb["Chart data"]["B2"].value is None
    assert wb["Chart data"]["C2"].value == wb["Matrix"]["C2"].value
    assert "Chart data" in str(wb["Matrix"]._charts[0].series[0].val.numRef.f)
