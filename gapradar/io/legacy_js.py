"""Reading the plain values of a JavaScript file, never running it.

The original tool's data file assigns literals to variables and returns them in
an object. A real tokenizer (comments, strings, template and regex literals are
each one token) keeps an assignment written inside a comment, a string or a
regex from being read as data, and every step moves forward, so the time is
linear in the file's size whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MAX_DEPTH = 32

_NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NAME = re.compile(r"[^\W\d]\w*|\$[\w$]*", re.UNICODE)
_STRING = {q: re.compile(rf"{q}(?:[^{q}\\\n]|\\[\s\S])*{q}") for q in "\"'"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\r\n|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "\n": "", "\r\n": ""}
# After these a '/' starts a regex literal; after a value it divides.
_BEFORE_EXPRESSION = frozenset(
    [
        "return",
        "typeof",
        "case",
        "do",
        "else",
        "in",
        "instanceof",
        "new",
        "delete",
        "void",
        "throw",
        "yield",
        "await",
        "of",
    ]
)


@dataclass(frozen=True)
class Tok:
    kind: str  # name, number, string, template, regex, punct
    text: str
    pos: int


class Unsupported(Exception):
    """Something gapradar does not read, at a character offset."""

    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos


def tokens(text: str) -> list[Tok]:
    """The file's tokens, without white space and comments."""
    toks: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace() or c == "\ufeff":
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise Unsupported(i, "this comment is never closed (no '*/' after it)")
            i = end + 2
        elif c in "\"'":
            m = _STRING[c].match(text, i)
            if m is None:
                raise Unsupported(i, "this string is never closed on its line")
            toks.append(Tok("string", m.group(), i))
            i = m.end()
        elif c == "`":
            end = _template_end(text, i)
            toks.append(Tok("template", text[i:end], i))
            i = end
        elif c == "/" and _expression_expected(toks):
            end = _regex_end(text, i)
            toks.append(Tok("regex" if end > i + 1 else "punct", text[i : max(end, i + 1)], i))
            i = max(end, i + 1)
        elif c.isdigit() or (c == "." and text[i + 1 : i + 2].isdigit()):
            m = _NUMBER.match(text, i)
            assert m is not None
            toks.append(Tok("number", m.group(), i))
            i = m.end()
        elif (m := _NAME.match(text, i)) is not None:
            toks.append(Tok("name", m.group(), i))
            i = m.end()
        elif c == "=":
            end = i + 1
            while end < n and text[end] in "=>":
                end += 1
            toks.append(Tok("punct", text[i:end], i))  # '=' is an assignment; '==', '=>' are not
            i = end
        else:
            toks.append(Tok("punct", c, i))
            i += 1
    return toks


def _expression_expected(toks: list[Tok]) -> bool:
    if not toks:
        return True
    last = toks[-1]
    if last.kind == "name":
        return last.text in _BEFORE_EXPRESSION
    if last.kind in ("number", "string", "template", "regex"):
        return False
    return last.text not in ")]}"


def _template_end(text: str, start: int) -> int:
    """Just past the closing backtick; `${...}` inside may hold braces of its own."""
    i, depth, n = start + 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if depth == 0 and c == "`":
            return i + 1
        if c == "$" and text.startswith("${", i):
            depth += 1
            i += 2
            continue
        if depth and c == "{":
            depth += 1
        elif depth and c == "}":
            depth -= 1
        i += 1
    raise Unsupported(start, "this template literal is never closed (no '`' after it)")


def _regex_end(text: str, start: int) -> int:
    """Just past a regex literal's flags; `start` itself when the line ends first (then '/' divides)."""
    i, in_class, n = start + 1, False, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            return start
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "/":
            i += 1
            while i < n and (text[i].isalnum() or text[i] == "_"):
                i += 1
            return i
        i += 1
    return start


def string_value(tok: Tok) -> str:
    """The text a JavaScript string or plain template literal stands for."""
    if tok.kind == "template" and "${" in tok.text:
        raise Unsupported(
            tok.pos, "a template literal with ${...} is computed by JavaScript; write a plain string here"
        )
    body = tok.text[1:-1]
    decoded = _ESCAPE.sub(_unescape, body)
    # A pair of \u escapes may spell one character outside the BMP; a lone one stays (and is refused later).
    return decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _unescape(m: re.Match[str]) -> str:
    e = m.group(1)
    if e in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[e]
    if e.startswith("u{"):
        code = int(e[2:-1], 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"
    if e[0] in "ux" and len(e) > 1:
        return chr(int(e[1:], 16))
    if e[0] in "01234567":
        return chr(int(e, 8))
    return e


def number_value(text: str) -> int | float:
    if text[:2].lower() in ("0x", "0b", "0o"):
        return int(text, 0)
    value = float(text)
    return int(value) if value.is_integer() else value


class Parser:
    """Recursive descent over literals, variable references and `NAME[index]`, at most MAX_DEPTH deep.

    Positions are kept for every object (its `{`), every list's items and every
    object's values, so problems found later point into the source file.
    """

    def __init__(self, text: str) -> None:
        self.toks = tokens(text)
        self.i = 0
        self.vars: dict[str, Any] = {}
        self.var_pos: dict[str, int] = {}
        self.offsets: dict[int, int] = {}  # id(dict) -> position of its '{'
        self.item_pos: dict[int, list[int]] = {}  # id(list) -> position of each item
        self.key_pos: dict[int, dict[str, int]] = {}  # id(dict) -> position of each value
        self.returned: dict[str, Any] | None = None
        self.failures: dict[str, Unsupported] = {}

    def peek(self, ahead: int = 0) -> Tok | None:
        j = self.i + ahead
        return self.toks[j] if j < len(self.toks) else None

    def at(self, text: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.text == text

    def take(self, text: str | None = None) -> Tok:
        tok = self.peek()
        if tok is None:
            raise Unsupported(self.toks[-1].pos if self.toks else 0, "the file ends too early")
        if text is not None and tok.text != text:
            raise Unsupported(tok.pos, f"expected {text!r} here, found {tok.text[:20]!r}")
        self.i += 1
        return tok

    def run(self) -> None:
        """Collect every `NAME = literal` and the `return {...}` object; skip the rest."""
        while (tok := self.peek()) is not None:
            nxt = self.peek(1)
            if tok.kind == "name" and nxt is not None and nxt.text == "=":
                self.i += 2
                start = self.i
                value_pos = nxt.pos + 1 if self.peek() is None else self.toks[self.i].pos
                try:
                    self.vars[tok.text] = self.value(0)
                    self.var_pos[tok.text] = value_pos
                except Unsupported as e:
                    self.failures.setdefault(tok.text.lower(), e)
                    # Go on from where reading failed, never back to the start: linear time.
                    self.i = max(start + 1, self.i)
            elif tok.text == "return" and nxt is not None and nxt.text == "{":
                self.i += 1
                value = self.value(0)
                if isinstance(value, dict):
                    self.returned = value
            elif tok.text == "{" and self.i == 0:
                value = self.value(0)  # a plain JSON file
                if isinstance(value, dict):
                    self.returned = value
            else:
                self.i += 1

    def value(self, depth: int) -> Any:
        tok = self.take()
        if depth >= MAX_DEPTH:
            raise Unsupported(
                tok.pos, f"the values are nested too deeply here (more than {MAX_DEPTH} levels)"
            )
        if tok.text == "[":
            items: list[Any] = []
            positions: list[int] = []
            self.item_pos[id(items)] = positions
            while not self.at("]"):
                nxt = self.peek()
                positions.append(nxt.pos if nxt else tok.pos)
                items.append(self.value(depth + 1))
                if self.at(","):
                    self.take(",")
            self.take("]")
            return items
        if tok.text == "{":
            obj: dict[str, Any] = {}
            where: dict[str, int] = {}
            self.offsets[id(obj)] = tok.pos
            self.key_pos[id(obj)] = where
            while not self.at("}"):
                key = self.take()
                if key.kind in ("string", "template"):
                    name = string_value(key)
                elif key.kind in ("name", "number"):
                    name = key.text
                else:
                    raise Unsupported(key.pos, f"expected a property name, found {key.text[:20]!r}")
                self.take(":")
                nxt = self.peek()
                where[name] = nxt.pos if nxt else key.pos
                obj[name] = self.value(depth + 1)
                if self.at(","):
                    self.take(",")
            self.take("}")
            return obj
        if tok.text == "-":
            number = self.take()
            if number.kind != "number":
                raise Unsupported(number.pos, "expected a number after '-'")
            return -number_value(number.text)
        if tok.kind == "number":
            return number_value(tok.text)
        if tok.kind in ("string", "template"):
            return string_value(tok)
        if tok.kind == "name":
            return self.reference(tok)
        if tok.kind == "regex":
            raise Unsupported(tok.pos, "a regular expression is not a value gapradar can read")
        raise Unsupported(tok.pos, f"unexpected {tok.text[:20]!r}")

    def reference(self, tok: Tok) -> Any:
        if tok.text in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[tok.text]
        if tok.text not in self.vars:
            raise Unsupported(tok.pos, f"{tok.text[:40]!r} is not a value gapradar can read")
        value = self.vars[tok.text]
        while self.at("["):
            self.take("[")
            index = self.take()
            self.take("]")
            if index.kind != "number" or not index.text.isdigit():
                raise Unsupported(
                    index.pos,
                    f"{tok.text}[{index.text[:20]}]: gapradar reads only a whole number as an index",
                )
            if not isinstance(value, list) or int(index.text) >= len(value):
                raise Unsupported(index.pos, f"{tok.text}[{index.text}] does not exist")
            value = value[int(index.text)]
        return value
