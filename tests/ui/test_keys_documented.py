"""The README's keyboard table lists every key the key list (?) shows."""

from __future__ import annotations

from pathlib import Path

from gapradar.ui.keyboard import KEYS_HELP

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_keys() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| keys | what they do |") :].split("\n\n", 1)[0]
    rows = [line.split("|")[1].strip() for line in table.splitlines()[2:] if line.startswith("|")]
    return {key.strip() for row in rows for key in row.replace(" / ", "|").split("|")}


def test_every_key_of_the_key_list_is_in_the_readme_table():
    documented = _readme_keys() | {"Ctrl+Shift+Z or Ctrl+Y", "F5", "Esc", "?"}  # said around the table
    missing = [
        key
        for key, _ in KEYS_HELP
        if not all(part.strip() in documented for part in key.replace(" / ", "|").split("|"))
    ]
    assert missing == []
