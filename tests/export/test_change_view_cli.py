"""`gapradar export --view slope|moved` refuses, naming the rounds, when there is nothing to compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapradar.cli import EXIT_INVALID, main

TWO_ROUNDS = Path(__file__).resolve().parent.parent / "rounds_data" / "two_rounds.yaml"


@pytest.mark.parametrize("view", ["slope", "moved"])
def test_the_first_round_has_nothing_before_it_and_no_picture_is_written(capsys, tmp_path, view):
    out = tmp_path / "x.png"
    assert (
        main(["export", str(TWO_ROUNDS), "--view", view, "--round", "Q1", "--png", str(out)]) == EXIT_INVALID
    )
    err = capsys.readouterr().err
    assert f"gapradar: cannot write {out}: --view {view}: Q1 is the first round" in err
    assert "usage:" not in err  # the call was well formed: the file cannot give this view
    assert "--round ('Q2')" in err and "--compare ('Q1', 'Q2')" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_file_of_one_round_says_how_to_start_another(capsys, tmp_path, sample_path):
    out = tmp_path / "x.svg"
    assert main(["export", str(sample_path), "--view", "slope", "--svg", str(out)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "--view slope compares two rounds, and this file has one" in err and "New round" in err
    assert not out.exists()


def test_the_first_round_against_a_later_one_is_drawn(tmp_path):
    out = tmp_path / "x.png"
    args = [
        "export",
        str(TWO_ROUNDS),
        "--view",
        "slope",
        "--round",
        "Q1",
        "--compare",
        "Q2",
        "--png",
        str(out),
    ]
    assert main(args) == 0
    assert out.stat().st_size > 1000
