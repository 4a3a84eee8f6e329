import csv
import io

import pytest

from gapradar.domain import Rating
from gapradar.io import load
from gapradar.io.csv_tables import TABLES, safe_cell, to_csv, write_csv


def read_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_averages_equal_the_original(sample_path, tmp_path):
    out = tmp_path / "a.csv"
    write_csv(TABLES["averages"](load(sample_path)), out)
    rows = read_rows(out)
    assert rows[0][:3] == ["Practice ID", "Practice", "Mean current"]
    got = {r[1]: float(r[2]) for r in rows[1:]}
    assert got == {
        "Build Management and Continuous Integration": 0.8,
        "Environments and Deployment": -0.3,
        "Release Management and Compliance": 0.8,
        "Testing": 0.6,
        "Data Management": 0.4,
        "Configuration Management": 0.5,
    }


def test_scores_table_has_a_row_per_system_and_practice(sample_path, tmp_path):
    a = load(sample_path)
    out = tmp_path / "s.csv"
    write_csv(TABLES["scores"](a), out)
    rows = read_rows(out)
    assert len(rows) == 1 + 10 * 6
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["System"] == "Core Banking Application"
    assert first["Current"] == "-1"  # a number, not text: no quote, no apostrophe
    assert first["Current level"] == "Regressive"
    assert first["Gap"] == "3"


def test_matrix_and_gaps(sample_path):
    a = load(sample_path)
    matrix = TABLES["matrix"](a)
    assert matrix[0][0] == "Banking Platforms" and len(matrix[0]) == 1 + 6 + 3
    gaps = TABLES["gaps"](a)
    assert gaps[1][0] == 1 and gaps[1][-1] == 4
    assert [r[-1] for r in gaps[1:]] == sorted((r[-1] for r in gaps[1:]), reverse=True)


@pytest.mark.parametrize("text", ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_injection_is_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_numbers_are_never_neutralised():
    assert safe_cell(-1) == -1
    assert to_csv([[-1, -0.3, None, "ok"]]) == "-1,-0.3,,ok\r\n"


def test_notes_and_accents_survive(sample_path, tmp_path):
    a = load(sample_path)
    a.systems[0].name = "Café – Zürich"
    a.systems[0].set_rating("testing", Rating(-1, 2, '=HYPERLINK("x"), "quoted", new\nline'))
    out = tmp_path / "n.csv"
    write_csv(TABLES["scores"](a), out, bom=False)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    row = next(r for r in rows if r[2] == "Testing" and r[0] == "Café – Zürich")
    assert row[-1] == '\'=HYPERLINK("x"), "quoted", new\nline'
