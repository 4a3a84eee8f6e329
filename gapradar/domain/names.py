"""The rules for the names people give practices, levels and systems.

A name is one line of visible text. Two names that look the same on screen
("Café" typed or pasted, a doubled space, a zero-width space, a different case)
are the same name, or people get systems they cannot tell apart or select.
Control characters break SVG and terminals, and lone surrogates and
noncharacters are not text at all, so they are refused with a reason.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that draw nothing and take no room, beyond the format (Cf) category.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u180e")
_SPACES = re.compile(r"\s+")
# Lone surrogates and noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF in every plane).
_NOT_CHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
_BAD_IN_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_NOT_CHARACTERS}]")
# Free text keeps tabs and line breaks (\n, \r, NEL); names keep none of them.
_BAD_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f{_NOT_CHARACTERS}]")


def clean(text: str) -> str:
    """The form gapradar keeps: NFC (composed accents) without surrounding white space."""
    return unicodedata.normalize("NFC", text).strip()


def name_key(name: str) -> str:
    """What two names must differ in: not case, not white space, not invisible characters."""
    visible = "".join(c for c in clean(name) if not _invisible(c) or c.isspace())
    return _SPACES.sub(" ", visible).casefold().strip()


def _invisible(c: str) -> bool:
    return c in _BLANK or c.isspace() or unicodedata.category(c) == "Cf"


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _describe(c: str) -> str:
    code = ord(c)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X} (half of a character; a tool damaged this text)"
    if _noncharacter(code):
        return f"the noncharacter U+{code:04X} (not meant for text)"
    return f"the control character U+{code:04X}"


def text_problem(text: str) -> str | None:
    """Why free text (a title, a description, a note) cannot be kept, or None."""
    bad = _BAD_IN_TEXT.search(text)
    return None if bad is None else f"contains {_describe(bad.group())}; delete it"


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a practice, a level or a system, or None."""
    bad = _BAD_IN_NAME.search(name)
    if bad is not None:
        c = bad.group()
        what = "a line break or a tab" if c in "\n\r\t\x85\u2028\u2029" else _describe(c)
        return f"contains {what}; a name is one line of visible text"
    if not name_key(name):
        return "shows nothing: it holds only invisible characters or spaces"
    return None


def repair_text(text: str) -> str:
    """`text` without what text_problem refuses: a last defence when saving, so a file always reopens."""
    return _BAD_IN_TEXT.sub("", text)


def repair_names(names: list[str], fallback: str) -> list[str]:
    """Names that pass name_problem and differ by name_key, changed as little as possible.

    A last defence when saving: a name typed with a pasted control character,
    or two names that only look different, still give a file that reopens.
    """
    result: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(names, 1):
        fixed = clean(_BAD_IN_NAME.sub(" ", name))
        if not name_key(fixed):
            fixed = f"{fallback} {i}"
        candidate, n = fixed, 2
        while name_key(candidate) in seen:
            candidate, n = f"{fixed} ({n})", n + 1
        seen.add(name_key(candidate))
        result.append(candidate)
    return result


def slug(name: str, taken: set[str] | frozenset[str] = frozenset(), fallback: str = "item") -> str:
    """A stable id made from a name: lower case ASCII letters, digits and '-', unique among `taken`."""
    return Slugs(taken).make(name, fallback)


class Slugs:
    """Unique slugs for many names in linear time: a counter per base, not a search from 2 each time."""

    def __init__(self, taken: set[str] | frozenset[str] = frozenset()) -> None:
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def make(self, name: str, fallback: str = "item") -> str:
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-") or fallback
        candidate, n = base, self._next.get(base, 2)
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self._next[base] = n
        self.taken.add(candidate)
        return candidate
