"""The annotated example in docs/file-format.md must itself be a valid file."""

import re
from pathlib import Path

from gapradar.io import dumps, loads

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-format.md"


def test_documented_example_loads():
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    a = loads(block, "docs/file-format.md")
    assert a.systems_label == "Banking Platforms"
    testing = a.rating_in(a.rounds[0], "core-banking-application", "testing")
    assert testing.current is None and testing.target == 2 and testing.note.startswith("Free text")
    assert loads(dumps(a)) == a


def test_documented_example_shows_a_system_id():
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    a = loads(block, "docs/file-format.md")
    assert a.system_by_id("online-banking").name == "Internet Banking Application"
    assert a.system("Core Banking Application").id == "core-banking-application"


def test_documented_example_has_two_rounds_read_by_system_id():
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    a = loads(block, "docs/file-format.md")
    assert [r.label for r in a.rounds] == ["2026-03 baseline", "2026-09 follow-up"]
    assert [str(r.date) for r in a.rounds] == ["2026-03-12", "2026-09-17"]
    baseline, follow_up = a.rounds
    assert a.rating_in(baseline, "core-banking-application", "build-ci").current == -1
    assert a.rating_in(follow_up, "core-banking-application", "build-ci").current == 1
    assert a.rating_in(follow_up, "online-banking", "build-ci").target == 3
    assert a.rating_in(baseline, "online-banking", "build-ci").is_empty
    # the latest round is the one shown: System.ratings holds its ratings
    assert a.shown is follow_up
    assert a.system("Core Banking Application").rating("testing").current == 0
