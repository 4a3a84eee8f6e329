"""`import-legacy a.js b.js --rounds "2016,2017"`: a series of the original tool's files as rounds."""

from __future__ import annotations

import re
from pathlib import Path

from gapradar.cli import main
from gapradar.io import load

LEGACY = Path(__file__).resolve().parent / "legacy" / "data_radar.js"


def _later(tmp_path: Path) -> Path:
    """The same file a year on: every level at -1 up one, and one system renamed in case and spacing."""
    text = LEGACY.read_text()
    text = re.sub(r'"value": -1\b', '"value": 0', text)
    text = text.replace('"Core Banking Application"', '"core  banking application"')
    out = tmp_path / "2017.js"
    out.write_text(text)
    return out


def test_two_files_become_two_rounds_of_one_assessment(tmp_path, capsys):
    later = _later(tmp_path)
    out = tmp_path / "series.yaml"
    assert main(["import-legacy", str(LEGACY), str(later), "--rounds", "2016, 2017", "-o", str(out)]) == 0
    assert "in 2 rounds" in capsys.readouterr().err
    a = load(out)
    assert [r.label for r in a.rounds] == ["2016", "2017"]
    assert len(a.systems) == 10  # matched by name across files
    first, last = a.rounds
    core = a.system("Core Banking Application")
    build = a.model.practices[0].id
    assert a.rating_in(first, core.id, build).current == -1
    assert a.rating_in(last, core.id, build).current == 0
    single = tmp_path / "single.yaml"
    assert main(["import-legacy", str(LEGACY), "-o", str(single)]) == 0
    one = load(single)
    for s in one.systems:  # the first round holds exactly what a single import holds
        for p in one.model.practices:
            assert a.rating_in(first, a.system(s.name).id, p.id) == s.rating(p.id)


def test_a_count_mismatch_between_files_and_labels_is_a_clear_error(tmp_path, capsys):
    out = tmp_path / "series.yaml"
    assert (
        main(["import-legacy", str(LEGACY), str(_later(tmp_path)), "--rounds", "2016", "-o", str(out)]) == 2
    )
    err = capsys.readouterr().err
    assert "2 data files but 1 round labels" in err and "Traceback" not in err
    assert main(["import-legacy", str(LEGACY), str(_later(tmp_path)), "-o", str(out)]) == 2
    assert not out.exists()


def test_the_same_label_twice_is_refused(tmp_path, capsys):
    out = tmp_path / "series.yaml"
    later = _later(tmp_path)
    assert main(["import-legacy", str(LEGACY), str(later), "--rounds", "2016,2016 ", "-o", str(out)]) == 2
    assert "--rounds names '2016' twice" in capsys.readouterr().err
    assert not out.exists()


def test_files_of_different_models_are_not_rounds_of_one_assessment(tmp_path, capsys):
    other = tmp_path / "other.js"
    other.write_text(LEGACY.read_text().replace("Testing", "Quality"))
    out = tmp_path / "series.yaml"
    assert main(["import-legacy", str(LEGACY), str(other), "--rounds", "2016,2017", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "other.js" in err and "practices or levels differ" in err and "Traceback" not in err
    assert not out.exists()
