"""File names that are safe on every operating system."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_file_name(name: str, extension: str, taken: set[str] | None = None) -> str:
    """`Mobile Banking (iOS)` -> `Mobile Banking (iOS).png`; no / \\ : * ? " < > |, no reserved names."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", text).strip(" .-") or "system"
    if text.split(".")[0].lower() in _RESERVED:
        text = f"_{text}"
    text = text[:120]
    candidate, n = f"{text}.{extension}", 2
    while taken is not None and candidate.casefold() in taken:
        candidate, n = f"{text} ({n}).{extension}", n + 1
    if taken is not None:
        taken.add(candidate.casefold())
    return candidate
