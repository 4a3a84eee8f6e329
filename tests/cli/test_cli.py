"""The command line as a user meets it: exit codes, messages on stderr, files written."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from gapradar.cli import main
from gapradar.io import load

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LEGACY = Path(__file__).resolve().parent.parent / "io" / "legacy" / "data_radar.js"


def test_validate_accepts_every_bundled_file(capsys):
    from gapradar import bundled

    names = [bundled.bundled_name(p) for p in bundled.all_datasets()]
    assert len(names) == 7
    assert main(["validate", *names]) == 0
    assert capsys.readouterr().out.count(": valid (") == 7


def test_validate_reports_every_broken_file_and_exits_1(capsys):
    files = sorted(str(p) for p in CORPUS.glob("*.yaml"))
    assert main(["validate", *files]) == 1
    err = capsys.readouterr().err
    for f in files:
        assert f"{f}:" in err
    assert "Traceback" not in err


def test_validate_without_files_is_a_usage_error(capsys):
    assert main(["validate"]) == 2
    assert "name a FILE" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "info", "export", "import-legacy", "bundled", None])
def test_help_everywhere(command, capsys):
    argv = [command, "--help"] if command else ["--help"]
    assert main(argv) == 0
    assert "usage: gapradar" in capsys.readouterr().out


def test_info_shows_averages_and_largest_gaps(capsys):
    assert main(["info", "--sample"]) == 0
    out = capsys.readouterr().out
    assert "Banking Platforms (10):" in out
    assert "Environments and Deployment                    -0.30" in out
    assert "Largest gaps:" in out
    assert (
        "Mobile Banking Platform (iOS) – Environments and Deployment: -1 – Regressive → 3 – Optimizing" in out
    )


def test_export_averages_csv_equals_the_original(tmp_path, sample_path):
    out = tmp_path / "a.csv"
    assert main(["export", str(sample_path), "--csv", str(out), "--table", "averages"]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert {r["Practice"]: float(r["Mean current"]) for r in rows} == {
        "Build Management and Continuous Integration": 0.8,
        "Environments and Deployment": -0.3,
        "Release Management and Compliance": 0.8,
        "Testing": 0.6,
        "Data Management": 0.4,
        "Configuration Management": 0.5,
    }


def test_export_to_an_unwritable_place_is_a_message(tmp_path, capsys):
    assert main(["export", "--sample", "--csv", str(tmp_path / "no" / "such" / "dir.csv")]) == 1
    err = capsys.readouterr().err
    assert "No such file or directory" in err and "Traceback" not in err


def test_import_legacy_writes_a_valid_file_with_the_same_levels(tmp_path, sample_path, capsys):
    out = tmp_path / "imported.yaml"
    assert main(["import-legacy", str(LEGACY), "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
    imported, reference = load(out), load(sample_path)
    for s in reference.systems:
        got = [imported.system(s.name).rating(p.id).current for p in imported.model.practices]
        assert got == [s.rating(p.id).current for p in reference.model.practices]
    assert main(["import-legacy", str(LEGACY), "-o", str(out)]) == 2  # no silent overwrite


def test_import_legacy_failure_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.js"
    bad.write_text("var CATEGORIES = [1, 2")
    out = tmp_path / "out.yaml"
    assert main(["import-legacy", str(bad), "-o", str(out)]) == 1
    assert not out.exists()
    assert f"{bad}:1:" in capsys.readouterr().err


def test_bundled_name_that_does_not_exist(capsys):
    assert main(["validate", "bundled:nope"]) == 2
    assert "bundled:first-federated-bank" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run(
        [sys.executable, "-m", "gapradar", "validate", "--sample"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "bundled:first-federated-bank: valid" in done.stdout


def test_info_into_a_pipe_closed_early_is_not_an_error():
    import subprocess
    import sys

    run = subprocess.run(
        f'"{sys.executable}" -m gapradar info --sample | head -1',
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.stdout.strip() and "Broken pipe" not in run.stderr
