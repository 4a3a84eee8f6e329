"""The Excel workbook read back with openpyxl, and as LibreOffice Calc opens it."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from openpyxl.chart import RadarChart

from gapradar.domain import Rating
from gapradar.export.xlsx_workbook import export_workbook
from gapradar.io import load

ATM = "ATM Management Application"


@pytest.fixture
def bank(sample_path):
    return load(sample_path)


def test_levels_are_numbers_with_their_names_beside_them(bank, tmp_path):
    out = tmp_path / "w.xlsx"
    export_workbook(bank, str(out))
    wb = load_workbook(out)
    assert wb.sheetnames == ["Scores", "Matrix", "Gaps", "Averages", "Roll-up"]
    scores = wb["Scores"]
    header = [c.value for c in scores[1]]
    assert header[:5] == ["System", "Practice ID", "Practice", "Current", "Current level"]
    first = [c.value for c in scores[2]]
    rating = bank.systems[0].rating(first[1])
    assert first[3] == rating.current and isinstance(first[3], int)
    assert first[4] == bank.model.level(rating.current).name
    for ws in wb:
        assert ws.freeze_panes == "B2"
        assert ws.column_dimensions["A"].width >= 8
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                # no number hides as text, whatever the spreadsheet's locale
                if isinstance(cell.value, str):
                    assert not cell.value.lstrip("-").replace(".", "").isdigit(), cell.coordinate
    means = wb["Averages"]
    assert isinstance(means["C2"].value, float) and means["C2"].number_format == "0.00"


def test_matrix_has_a_colour_scale_and_native_radar_charts(bank, tmp_path):
    out = tmp_path / "w.xlsx"
    export_workbook(bank, str(out))
    wb = load_workbook(out)
    matrix = wb["Matrix"]
    rules = [r for rng in matrix.conditional_formatting for r in rng.rules]
    assert any(r.type == "colorScale" for r in rules)
    for sheet, series in (("Matrix", len(bank.systems)), ("Averages", 2)):
        charts = wb[sheet]._charts
        assert len(charts) == 1 and isinstance(charts[0], RadarChart)
        assert len(charts[0].series) == series
        # the lowest level is a ring of its own, as in the app; the centre below it is unlabelled
        axis = charts[0].y_axis
        assert axis.scaling.min == min(bank.model.scores) - 1 and axis.scaling.max == max(bank.model.scores)
        assert axis.numFmt.formatCode == '[<-1]"";[<0]-0;0'  # blank centre; -1 keeps its minus


def test_not_assessed_is_an_empty_cell_and_no_gap(bank, tmp_path):
    bank.system(ATM).set_rating("testing", Rating(current=None, target=3))
    out = tmp_path / "w.xlsx"
    export_workbook(bank, str(out))
    wb = load_workbook(out)
    row = next(
        r for r in wb["Scores"].iter_rows(min_row=2, values_only=True) if r[0] == ATM and r[1] == "testing"
    )
    assert row[3] is None and row[7] is None
    gaps = [(r[1], r[2]) for r in wb["Gaps"].iter_rows(min_row=2, values_only=True)]
    assert (ATM, "Testing") not in gaps


def test_libreoffice_calc_keeps_numbers_numbers(bank, tmp_path):
    """Calc opens the workbook and saves it again: levels and means come back as numbers."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed (checked by hand before release)")
    out = tmp_path / "w.xlsx"
    export_workbook(bank, str(out))
    again = tmp_path / "calc"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(again), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    wb = load_workbook(again / "w.xlsx")
    assert isinstance(wb["Scores"]["D2"].value, int | float)
    assert isinstance(wb["Averages"]["C2"].value, float)
    assert len(wb["Matrix"]._charts) == 1
