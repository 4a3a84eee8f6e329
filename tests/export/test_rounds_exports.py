"""Rounds in every export: --round/--compare, the rounds table, the workbook's sheet, the deck's section."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from gapradar.cli import main

TWO_ROUNDS = Path(__file__).resolve().parent.parent / "rounds_data" / "two_rounds.yaml"

# (round, system, practice) -> (current, target, Δ current, progress) against Q1, worked out by hand:
# progress = (now − then) / (target − then); blank when a level is missing or the target is where it stood.
EXPECTED_Q2 = {
    ("Alpha", "a"): (2, 2, 2, 1.0),  # 0 → 2, target 2
    ("Alpha", "b"): (2, 3, 1, 0.5),  # 1 → 2, target 3: half way
    ("Alpha", "c"): (1, 2, -1, None),  # stood at its target 2: progress undefined
    ("Alpha", "d"): (1, 2, 0, 0.0),
    ("Beta", "a"): (1, 3, 0, 0.0),
    ("Beta", "b"): (2, 2, 0, None),
    ("Beta", "c"): (1, 1, 1, 1.0),
    ("Beta", "d"): (2, 2, None, None),  # not assessed in Q1: no delta, never zero
}


def _csv(capsys, *args: str) -> list[dict[str, str]]:
    assert main(["export", str(TWO_ROUNDS), "--csv", "-", *args]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def _num(text: str) -> float | None:
    return None if text == "" else float(text)


def test_rounds_table_deltas_and_progress_equal_hand_computed_values(capsys):
    rows = _csv(capsys, "--table", "rounds")
    assert len(rows) == 2 * 2 * 4
    assert {r["Round"] for r in rows} == {"Q1", "Q2"}
    q2 = {(r["System"], r["Practice ID"]): r for r in rows if r["Round"] == "Q2"}
    for key, (current, target, delta, progress) in EXPECTED_Q2.items():
        row = q2[key]
        assert _num(row["Current"]) == current
        assert _num(row["Target"]) == target
        assert _num(row["Δ current"]) == delta, key
        assert _num(row["Progress to target"]) == progress, key
        assert row["Baseline round"] == "Q1" and row["Date"] == "2026-04-15"
        if delta is not None:
            assert _num(row["Current"]) - _num(row["Current then"]) == delta, key


def test_compare_chooses_the_baseline_of_the_rounds_table(capsys):
    rows = _csv(capsys, "--table", "rounds", "--compare", "q2")  # labels match like names: case aside
    q1 = {(r["System"], r["Practice ID"]): r for r in rows if r["Round"] == "Q1"}
    assert q1[("Alpha", "a")]["Δ current"] == "-2"  # Q1 against Q2: 0 − 2
    assert q1[("Alpha", "a")]["Progress to target"] == ""  # Q2's target is where Alpha stood in Q2


def test_round_exports_that_rounds_levels(capsys):
    rows = _csv(capsys, "--table", "scores", "--round", "Q1")
    alpha_a = next(r for r in rows if r["System"] == "Alpha" and r["Practice ID"] == "a")
    assert alpha_a["Current"] == "0"
    latest = _csv(capsys, "--table", "scores")
    assert next(r for r in latest if r["System"] == "Alpha" and r["Practice ID"] == "a")["Current"] == "2"


@pytest.mark.parametrize("flag", ["--round", "--compare"])
def test_an_unknown_round_is_a_clear_error_listing_the_rounds(capsys, tmp_path, flag):
    out = tmp_path / "x.png"
    assert main(["export", str(TWO_ROUNDS), "--png", str(out), flag, "Q3"]) == 2
    err = capsys.readouterr().err
    assert f"{flag}: no round labelled 'Q3'; rounds: 'Q1', 'Q2'" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_workbook_has_a_rounds_sheet_with_the_deltas(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "book.xlsx"
    assert main(["export", str(TWO_ROUNDS), "--xlsx", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Rounds"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    at = {
        name: header.index(name)
        for name in ("Round", "System", "Practice ID", "Δ current", "Progress to target")
    }
    q2 = {(r[at["System"]], r[at["Practice ID"]]): r for r in rows[1:] if r[at["Round"]] == "Q2"}
    for key, (_c, _t, delta, progress) in EXPECTED_Q2.items():
        assert q2[key][at["Δ current"]] == delta
        assert q2[key][at["Progress to target"]] == progress
    assert ws.cell(2, at["Progress to target"] + 1).number_format == "0%"


def test_a_file_with_one_round_has_no_rounds_sheet(tmp_path, sample_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "book.xlsx"
    assert main(["export", str(sample_path), "--xlsx", str(out)]) == 0
    assert "Rounds" not in openpyxl.load_workbook(out).sheetnames


def _slide_titles(path: Path) -> list[str]:
    from pptx import Presentation

    titles = []
    for slide in Presentation(str(path)).slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]
        titles.append(texts[0] if texts else "")
    return titles


def test_deck_gains_a_since_section_with_two_rounds(tmp_path, sample_path):
    out = tmp_path / "deck.pptx"
    assert main(["export", str(TWO_ROUNDS), "--pptx", str(out)]) == 0
    titles = _slide_titles(out)
    assert titles[2:4] == ["Since Q1: every practice, then → now", "Since Q1: what moved"]
    one = tmp_path / "one.pptx"
    assert main(["export", str(sample_path), "--pptx", str(one)]) == 0
    assert not any(t.startswith("Since ") for t in _slide_titles(one))


def test_slope_and_moved_export_as_charts(tmp_path, capsys):
    for view in ("slope", "moved"):
        for fmt in ("png", "svg", "pdf"):
            out = tmp_path / f"{view}.{fmt}"
            args = ["export", str(TWO_ROUNDS), "--view", view, f"--{fmt}", str(out), "--size", "1280x720"]
            assert main([*args, "--focus", "Alpha", "--compare", "Q1", "--round", "Q2"]) == 0
            assert out.stat().st_size > 1000
    svg = (tmp_path / "slope.svg").read_text()
    assert "Gamma practice" in svg and "▼1" in svg
