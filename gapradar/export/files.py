"""Export files: names that are safe on every operating system, written all or nothing."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from gapradar.chart.spec import ChartSpec
from gapradar.export.render import WRITERS, ExportOptions
from gapradar.io.atomic import atomic_write_via

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


# ---------------------------------------------------------------- writing chart files safely

_TAIL = 64


def _tail(path: Path) -> bytes:
    with path.open("rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - _TAIL))
        return f.read()


def _png_incomplete(path: Path) -> str | None:
    tail = _tail(path)
    return None if tail.endswith(b"IEND\xaeB`\x82") else "the image came out incomplete"


def _svg_incomplete(path: Path) -> str | None:
    return None if _tail(path).rstrip().endswith(b"</svg>") else "the SVG came out incomplete"


def _pdf_incomplete(path: Path) -> str | None:
    return None if b"%%EOF" in _tail(path)[-16:] else "the PDF came out incomplete"


# Qt's SVG and PDF writers ignore write errors; each format's ending proves the file is whole.
_INCOMPLETE: dict[str, Callable[[Path], str | None]] = {
    "png": _png_incomplete,
    "svg": _svg_incomplete,
    "pdf": _pdf_incomplete,
}


def write_chart(fmt: str, spec: ChartSpec, path: str | os.PathLike[str], options: ExportOptions) -> Path:
    """Every chart export goes through here: written beside the target, checked whole, then renamed.

    Raises WriteError (an OSError) naming `path`; the old file, if any, is untouched.
    """
    writer = WRITERS[fmt]
    return atomic_write_via(path, lambda tmp: writer(spec, tmp, options), _INCOMPLETE.get(fmt))
