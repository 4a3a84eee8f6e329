"""Hostile files at the command line: exit 1 with FILE:LINE:COL messages, never a crash or a raw escape."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gapradar.cli import main, printable

REPO = Path(__file__).resolve().parents[2]
HEAD = """\
gapradar: 1
title: {title}
model:
  title: Tiny
  levels:
  - {{score: 0, name: Initial}}
  - {{score: {score}, name: Managed}}
  practices:
  - {{id: build, name: Build}}
  - {{id: test, name: Testing}}
  - {{id: deploy, name: Deployment}}
systems:
- name: {name}
  ratings: {{build: {{current: 0, target: 1}}}}
"""


def gapradar_file(tmp_path: Path, title: str = "T", score: str = "1", name: str = "Alpha") -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(HEAD.format(title=title, score=score, name=name), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """In a child process, so a segmentation fault fails the test instead of ending the run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "gapradar", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["validate", "info"])
def test_nested_explicit_keys_are_a_message_not_a_segfault(tmp_path, command):
    path = tmp_path / "keys.yaml"
    path.write_text("? " * 24_000 + "1\n")
    done = run(command, str(path))
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert re.match(rf"{re.escape(str(path))}:1:\d+: the file is nested too deeply", done.stderr)


def test_a_score_of_ten_to_the_309_is_refused_by_info(tmp_path):
    path = gapradar_file(tmp_path, score="1" + "0" * 309)
    done = run("info", str(path))
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"{path}:7:13: a level's score is far too large a number")
    assert "internal error" not in done.stderr


@pytest.mark.parametrize("value", ['!!int "two"', "1" * 5001])
def test_bad_whole_numbers_are_no_internal_error(tmp_path, value, capsys):
    path = tmp_path / "f.yaml"
    path.write_text(f"gapradar: {value}\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1:11: 'gapradar' (the file format version) " in err and "internal error" not in err


def test_info_never_prints_a_terminal_escape(tmp_path, capsys):
    path = gapradar_file(tmp_path, title='"Review \\u202Egnp.exe"', name='"Core \\u2066banking"')
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Review \\u202egnp.exe" in out and "Core \\u2066banking" in out
    assert "\u202e" not in out and "\u2066" not in out


@pytest.mark.parametrize(
    "title", ['"\\e]0;pwned\\a"', '"\\e[2J"', '"\\e]52;c;cm0gLXJmIH4=\\a"', '"\\x9b31m"']
)
def test_escape_sequences_in_a_file_are_refused_not_sent_to_the_terminal(tmp_path, capsys, title):
    path = gapradar_file(tmp_path, title=title)
    assert main(["info", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{path}:2:8: the title contains the control character U+00")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", captured.out + captured.err)


def test_a_file_name_with_an_escape_is_printed_escaped(tmp_path, capsys):
    name = str(tmp_path / "evil\x1b]0;x\x07.yaml")
    assert main(["validate", name]) == 1
    err = capsys.readouterr().err
    assert "evil\\x1b]0;x\\x07.yaml:1:1: cannot read the file" in err
    assert "\x1b" not in err


def test_printable_leaves_ordinary_text_alone():
    assert printable("Café – 日本 🚀\nnext") == "Café – 日本 🚀\nnext"


def test_a_vertical_tab_in_a_name_is_refused_before_any_svg_is_written(tmp_path, capsys):
    path = gapradar_file(tmp_path, name='"Core\\vBanking"')
    out = tmp_path / "chart.svg"
    assert main(["export", str(path), "--svg", str(out)]) == 1
    assert capsys.readouterr().err.startswith(
        f"{path}:13:9: a system's name contains the control character U+000B"
    )
    assert not out.exists()


def test_names_with_markup_characters_give_an_svg_an_xml_parser_reads(tmp_path):
    path = gapradar_file(tmp_path, title="\"A & B <c> 'd'\"", name='"Café <&> x"')
    out = tmp_path / "chart.svg"
    assert main(["export", str(path), "--svg", str(out), "--all"]) == 0
    text = "".join(ET.parse(out).getroot().itertext())
    assert "Café <&> x" in text


def test_import_legacy_refuses_what_validate_would_refuse_and_writes_nothing(tmp_path, capsys):
    source = tmp_path / "data_radar.js"
    source.write_text(
        'var CATEGORIES = ["Testing", "Deploy", "testing"];\n'
        'var MATURITY_LEVELS = [{score: 0, definition: "Low"}, {score: 1, definition: "High"}];\n'
        'var maturityData = [{app: "A", axis: "Deploy", value: true}];\n'
    )
    out = tmp_path / "out.yaml"
    assert main(["import-legacy", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{source}:1:40: two categories are named 'testing'; category names must be different "
        "(case, spacing and invisible characters do not count) (first on line 1)",
        f"{source}:3:21: the value true is not a maturity level score (-2, 0, 1)",
    ]
    assert not out.exists()
