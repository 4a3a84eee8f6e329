"""The annotated example in docs/file-format.md must itself be a valid file."""

import re
from pathlib import Path

from gapradar.io import dumps, loads

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-format.md"


def test_documented_example_loads():
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    a = loads(block, "docs/file-format.md")
    assert a.systems_label == "Banking Platforms"
    testing = a.system("Core Banking Application").rating("testing")
    assert testing.current is None and testing.target == 2 and testing.note.startswith("Free text")
    assert loads(dumps(a)) == a


def test_documented_example_shows_a_system_id():
    block = re.search(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL).group(1)
    a = loads(block, "docs/file-format.md")
    assert a.system_by_id("online-banking").name == "Internet Banking Application"
    assert a.system("Core Banking Application").id == "core-banking-application"
