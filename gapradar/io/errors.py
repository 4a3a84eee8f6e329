"""Located problems: every message a user sees about a bad file says where and what."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

MAX_REPORTED = 100
MAX_MESSAGE = 300


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class LoadError(Exception):
    """Raised once with every problem found, so people fix a file in one pass.

    A hostile file can hold millions of problems; people read the first hundred,
    each short, and a last line saying how many more there are and where the
    first of them is.
    """

    def __init__(self, problems: list[Problem]) -> None:
        unique = sorted(set(problems))
        shown = [_short(p) for p in unique[:MAX_REPORTED]]
        if len(unique) > MAX_REPORTED:
            first = unique[MAX_REPORTED]
            more = len(unique) - MAX_REPORTED
            shown.append(replace(first, message=f"… and {more:,} more problems, the first of them here"))
        self.problems = shown
        self.total = len(unique)
        super().__init__("\n".join(str(p) for p in self.problems))


def _short(p: Problem) -> Problem:
    if len(p.message) <= MAX_MESSAGE:
        return p
    return replace(p, message=p.message[: MAX_MESSAGE - 1] + "…")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


class Lines:
    """Line and column of many offsets in one text, each in log time (a file may hold many problems)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1
