"""Ratings from spreadsheets: gapradar's own exports read back the same, every bad cell located."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from gapradar.domain import Assessment, Rating, System
from gapradar.export.xlsx_workbook import workbook_bytes
from gapradar.io import LoadError, load
from gapradar.io.csv_tables import TABLES, to_csv, write_csv
from gapradar.io.table_files import Grid
from gapradar.io.table_import import import_table, place
from tests.conftest import SAMPLE


@pytest.fixture
def rated(sample_path) -> Assessment:
    """The sample, plus names and notes a spreadsheet would take for formulas."""
    a = load(sample_path)
    first = a.model.practices[0].id
    a.systems.append(System("=Ops", {first: Rating(-1, 2, "-later; =SUM(A1)")}))
    a.systems[0].set_rating(first, Rating(2, 3, "line one\nline two"))
    return a


def fresh(a: Assessment) -> Assessment:
    """The same model, no systems: what the ratings are imported into."""
    return Assessment(a.model, a.title, [], a.systems_label)


def imported(path, a: Assessment, sheet: str | None = None) -> Assessment:
    into = fresh(a)
    result = import_table(path, into, sheet)
    assert result.problems == []
    result.apply_to(into)
    return into


def currents(a: Assessment) -> dict[str, dict[str, int]]:
    return {
        s.name: {pid: r.current for pid, r in s.ratings.items() if r.current is not None} for s in a.systems
    }


def ratings(a: Assessment) -> dict[str, dict[str, Rating]]:
    return {s.name: dict(s.ratings) for s in a.systems}


def test_scores_csv_reads_back_the_same_ratings(rated, tmp_path):
    out = tmp_path / "scores.csv"
    write_csv(TABLES["scores"](rated), out)
    assert ratings(imported(out, rated)) == ratings(rated)


def test_matrix_csv_reads_back_the_same_current_levels(rated, tmp_path):
    out = tmp_path / "matrix.csv"
    write_csv(TABLES["matrix"](rated), out, bom=False)
    back = imported(out, rated)
    assert back.system_names() == rated.system_names()
    assert currents(back) == currents(rated)


@pytest.mark.parametrize(("sheet", "compare"), [("Scores", ratings), ("Matrix", currents), (None, ratings)])
def test_the_workbook_reads_back_the_same_ratings(rated, tmp_path, sheet, compare):
    out = tmp_path / "book.xlsx"
    out.write_bytes(workbook_bytes(rated))
    assert compare(imported(out, rated, sheet)) == compare(rated)


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-16"), (",", "utf-8"), ("\t", "utf-8-sig")],
)
def test_csv_as_excel_writes_it_in_any_locale(rated, tmp_path, delimiter, encoding):
    rows = list(csv.reader(io.StringIO(to_csv(TABLES["scores"](rated)))))
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    out = tmp_path / "excel.csv"
    out.write_bytes(text.getvalue().replace("line one\nline two", "line one").encode(encoding, "replace"))
    back = imported(out, rated)
    assert currents(back) == currents(rated)
    assert back.system("=Ops").rating(rated.model.practices[0].id).note == "-later; =SUM(A1)"


def write_rows(path, rows, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)


def test_five_kinds_of_bad_cell_each_located(sample_path, tmp_path):
    a = load(sample_path)
    path = tmp_path / "bad.csv"
    write_rows(
        path,
        [
            ["System", "Practice", "Current", "Target", "Note"],
            ["Core Banking Application", "Testing", "2", "3", "fine"],
            ["Core Banking Application", "Unicorn Husbandry", "1", "2", ""],  # unknown practice
            ["", "Testing", "1", "1", ""],  # no system
            ["Core Banking Application", "Data Management", "Wizard", "", ""],  # unknown level name
            ["Core Banking Application", "Configuration Management", "7", "", ""],  # score out of range
            ["core banking application", "TESTING", "1", "1", ""],  # duplicate cell
        ],
    )
    result = import_table(path, a)
    where = {(p.row, p.column): p.reason for p in result.problems}
    assert set(where) == {(3, 2), (4, 1), (5, 3), (6, 3), (7, 2)}
    assert "no practice 'Unicorn Husbandry'" in where[(3, 2)]
    assert "no system named" in where[(4, 1)]
    assert "no level is named 'Wizard'" in where[(5, 3)]
    assert "no level has the score 7; the scores are -1 to 3" in where[(6, 3)]
    assert "second row for Core Banking Application × Testing (the first is row 2)" in where[(7, 2)]
    assert [p.header for p in sorted(result.problems)] == [
        "Practice",
        "System",
        "Current",
        "Current",
        "Practice",
    ]
    # What can be placed is: the good row, on the existing system matched whatever its case.
    testing = a.model.practices[3]
    assert testing.name == "Testing"
    assert result.new_systems == []
    assert list(result.ratings) == [("Core Banking Application", testing.id)]


def test_matrix_problems_name_the_header_or_the_row(sample_path, tmp_path):
    a = load(sample_path)
    names = [p.name for p in a.model.practices]
    path = tmp_path / "matrix.csv"
    write_rows(
        path,
        [
            ["Platforms", names[0], "Unicorns", names[1].upper(), names[0], "Mean current"],
            ["New Platform", "quantitatively managed", "1", "2 – Quantitatively Managed", "0", "1.5"],
            ["", "1", "", "", "", ""],
            ["new platform", "1", "", "", "", ""],
            ["Old", "1.5", "", "NOT ASSESSED", "", ""],
        ],
        delimiter=";",
    )
    result = import_table(path, a)
    assert result.layout == "matrix"
    assert [(p.cell, p.reason.split(";")[0]) for p in result.problems] == [
        ("C1", "the model has no practice named 'Unicorns'"),
        ("E1", f"{names[0]!r} has a column already (B)"),
        ("A3", "no system named in this row"),
        ("A4", "'New Platform' has a row already (row 2)"),
        ("B5", "1.5 is not a level: levels are whole scores (-1 to 3)"),
    ]
    ids = [p.id for p in a.model.practices]
    assert result.new_systems == ["New Platform", "Old"]
    assert result.ratings[("New Platform", ids[0])].current == 2
    assert result.ratings[("New Platform", ids[1])].current == 2
    assert result.ratings[("Old", ids[1])].given == {"current"}
    assert result.ratings[("Old", ids[1])].current is None


def test_blank_cells_keep_what_is_there_and_not_assessed_clears(sample_path, tmp_path):
    a = load(sample_path)
    system = a.systems[0]
    p0, p1 = a.model.practices[0], a.model.practices[1]
    system.set_rating(p0.id, Rating(1, 3, "kept"))
    system.set_rating(p1.id, Rating(1, 3, "kept"))
    path = tmp_path / "t.csv"
    write_rows(
        path,
        [
            ["System", "Practice ID", "Current", "Target", "Note"],
            [system.name, p0.id, "2", "", ""],
            [system.name, p1.id, "not assessed", "", "new note"],
        ],
    )
    import_table(path, a).apply_to(a)
    assert system.rating(p0.id) == Rating(2, 3, "kept")
    assert system.rating(p1.id) == Rating(None, 3, "new note")


def test_level_and_score_columns_that_disagree_are_a_problem(sample_path, tmp_path):
    a = load(sample_path)
    path = tmp_path / "t.csv"
    p = a.model.practices[0]
    write_rows(path, [["System", "Practice", "Current", "Current level"], ["X", p.name, "1", "Optimizing"]])
    (problem,) = import_table(path, a).problems
    assert (problem.cell, problem.reason) == (
        "D2",
        "says 3 – Optimizing but column C says 1 – Consistent; left out",
    )


@pytest.mark.parametrize("column", ["Current", "Current level"])
def test_an_export_edited_in_one_of_its_two_level_columns_takes_the_edit(sample_path, tmp_path, column):
    a = load(sample_path)
    rows = [list(r) for r in TABLES["scores"](a)]
    header = rows[0]
    row = rows[1]
    row[header.index(column)] = 3 if column == "Current" else "Optimizing"
    path = tmp_path / "edited.csv"
    write_csv(rows, path)
    result = import_table(path, a)
    assert result.problems == []
    (change,) = result.changes(a)
    assert (change.system, change.after.current) == (row[0], 3)


def test_a_workbook_someone_made_with_levels_by_name(sample_path, tmp_path):
    a = load(sample_path)
    wb = Workbook()
    ws = wb.active
    ws.append(["Ratings gathered on 3 May"])  # a title row above the table
    ws.append(["System", "Practice", "Current", "Target"])
    ws.append(["Payments", a.model.practices[2].name.lower(), "consistent", 3.0])
    path = tmp_path / "made.xlsx"
    wb.save(path)
    result = import_table(path, a)
    assert result.problems == []
    assert result.ratings[("Payments", a.model.practices[2].id)].over(Rating()) == Rating(1, 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "Excel 97"),
        (b"PK\x03\x04broken zip", "not a workbook"),
        (b"a,b,c\n1,2,3\n", "no table of ratings found"),
        (b"", "no table of ratings found"),
    ],
)
def test_files_that_hold_no_table_say_why(sample_path, tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(LoadError) as e:
        import_table(path, load(sample_path))
    assert message in str(e.value)


_CELLS = st.one_of(
    st.none(),
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["System", "Practice", "Current", "Target", "Note", "Testing", "testing", "Optimizing", "3", "x", ""]
    ),
    st.text(max_size=8),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELLS, max_size=7), max_size=8))
def test_any_grid_is_placed_or_refused_with_a_located_reason(rows):
    a = load(SAMPLE)
    try:
        result = place(Grid(rows, "fuzz", []), a)
    except LoadError:
        return
    width = max((len(r) for r in rows), default=0)
    for p in result.problems:
        assert 1 <= p.row <= len(rows) and 1 <= p.column <= width and p.reason
    for (system, pid), rating in result.ratings.items():
        assert pid in a.model.practice_ids
        assert system in a.system_names() or system in result.new_systems
        assert rating.current is None or rating.current in a.model.scores
    result.apply_to(a)


def test_a_cell_too_big_for_a_csv_reader_is_a_located_message(sample_path, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"System,Practice,Current\n" + b'"' + b"x" * 200_000 + b'",a,1\n')
    with pytest.raises(LoadError) as e:
        import_table(path, load(sample_path))
    assert "this CSV file cannot be read: field larger than field limit" in str(e.value)
