"""Import of the original browser tool's data file (a JavaScript module).

That file assigns JavaScript literals to variables (categories, maturity levels,
applications, one `{app, axis, value}` object per pair), often referring to
earlier ones as `CATEGORIES[0]`, and returns them in an object. This module reads
just that subset of JavaScript, never executing anything, and reports anything
else it cannot read at its line and column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from gapradar.domain import Assessment, Level, Link, MaturityModel, Practice, Rating, System
from gapradar.io.errors import LoadError, Problem, line_col

UNRANKED = -2

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<punct>==+|[\[\]{}(),:;=.\-+])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


class _Unsupported(Exception):
    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos


def _tokens(text: str) -> list[_Tok]:
    return [
        _Tok(m.lastgroup or "other", m.group(), m.start())
        for m in _TOKEN.finditer(text)
        if m.lastgroup != "space"
    ]


def _js_string(tok: _Tok) -> str:
    body = tok.text[1:-1]
    if tok.text[0] == "'":
        body = body.replace('\\"', '"').replace("\\'", "'").replace('"', '\\"')
    try:
        return json.loads(f'"{body}"')
    except json.JSONDecodeError:
        raise _Unsupported(tok.pos, "this string has an escape gapradar cannot read") from None


class _Parser:
    """Recursive descent over literals, variable references and `NAME[index]`."""

    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.vars: dict[str, Any] = {}
        self.offsets: dict[int, int] = {}
        self.returned: dict[str, Any] | None = None
        self.failures: dict[str, _Unsupported] = {}

    def peek(self, ahead: int = 0) -> _Tok | None:
        j = self.i + ahead
        return self.toks[j] if j < len(self.toks) else None

    def take(self, text: str | None = None) -> _Tok:
        tok = self.peek()
        if tok is None:
            raise _Unsupported(self.toks[-1].pos if self.toks else 0, "the file ends too early")
        if text is not None and tok.text != text:
            raise _Unsupported(tok.pos, f"expected {text!r} here, found {tok.text!r}")
        self.i += 1
        return tok

    def run(self) -> None:
        """Collect every `NAME = literal` and the `return {...}` object; skip the rest."""
        while self.peek() is not None:
            tok = self.peek()
            nxt = self.peek(1)
            if tok.kind == "name" and nxt is not None and nxt.text == "=":
                self.i += 2
                start = self.i
                try:
                    self.vars[tok.text] = self.value()
                except _Unsupported as e:
                    self.failures.setdefault(tok.text.lower(), e)
                    self.i = start
            elif tok.text == "return" and nxt is not None and nxt.text == "{":
                self.i += 1
                value = self.value()
                if isinstance(value, dict):
                    self.returned = value
            elif tok.text == "{" and self.i == 0:
                value = self.value()  # a plain JSON file
                if isinstance(value, dict):
                    self.returned = value
            else:
                self.i += 1

    def value(self) -> Any:
        tok = self.take()
        if tok.text == "[":
            items = []
            while self.peek() is not None and self.peek().text != "]":
                items.append(self.value())
                if self.peek() is not None and self.peek().text == ",":
                    self.take(",")
            self.take("]")
            return items
        if tok.text == "{":
            obj: dict[str, Any] = {}
            self.offsets[id(obj)] = tok.pos
            while self.peek() is not None and self.peek().text != "}":
                key = self.take()
                if key.kind == "string":
                    name = _js_string(key)
                elif key.kind in ("name", "number"):
                    name = key.text
                else:
                    raise _Unsupported(key.pos, f"expected a property name, found {key.text!r}")
                self.take(":")
                obj[name] = self.value()
                if self.peek() is not None and self.peek().text == ",":
                    self.take(",")
            self.take("}")
            return obj
        if tok.text == "-":
            number = self.take()
            if number.kind != "number":
                raise _Unsupported(number.pos, "expected a number after '-'")
            return -_number(number.text)
        if tok.kind == "number":
            return _number(tok.text)
        if tok.kind == "string":
            return _js_string(tok)
        if tok.kind == "name":
            if tok.text in ("true", "false", "null"):
                return {"true": True, "false": False, "null": None}[tok.text]
            if tok.text not in self.vars:
                raise _Unsupported(tok.pos, f"{tok.text!r} is not a value gapradar can read")
            value = self.vars[tok.text]
            while self.peek() is not None and self.peek().text == "[":
                self.take("[")
                index = self.take()
                self.take("]")
                if index.kind != "number" or not isinstance(value, list) or int(index.text) >= len(value):
                    raise _Unsupported(index.pos, f"{tok.text}[{index.text}] does not exist")
                value = value[int(index.text)]
            return value
        raise _Unsupported(tok.pos, f"unexpected {tok.text!r}")


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "practice"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _field(data: dict[str, Any], *names: str) -> Any:
    for name in names:
        for key, value in data.items():
            if key.lower() == name.lower():
                return value
    return None


def import_legacy(text: str, name: str = "<legacy>") -> Assessment:
    """Convert the original tool's data file; raise LoadError with located problems."""
    parser = _Parser(text)
    problems: list[Problem] = []

    def at(pos: int, message: str) -> None:
        line, col = line_col(text, pos)
        problems.append(Problem(name, line, col, message))

    try:
        parser.run()
    except _Unsupported as e:
        at(e.pos, f"cannot read the original tool's data file here: {e}")
        raise LoadError(problems) from None
    data = parser.returned if parser.returned is not None else parser.vars

    categories = _field(data, "categories")
    levels_raw = _field(data, "maturityLevels", "MATURITY_LEVELS")
    points = _field(data, "maturityData")
    for label, value in (
        ("categories", categories),
        ("maturityLevels", levels_raw),
        ("maturityData", points),
    ):
        if isinstance(value, list):
            continue
        failure = parser.failures.get(label.lower()) or (
            parser.failures.get("maturity_levels") if label == "maturityLevels" else None
        )
        if failure is not None:
            at(failure.pos, f"cannot read the {label} list here: {failure}")
        else:
            at(0, f"no {label} list found; this does not look like the original tool's data file")
    if problems:
        raise LoadError(problems)

    if not all(isinstance(c, str) and c.strip() for c in categories):
        at(0, "every category must be a non-empty text")
    levels: list[Level] = []
    for lv in levels_raw:
        score, title = (
            (_field(lv, "score"), _field(lv, "definition", "name")) if isinstance(lv, dict) else (None, None)
        )
        if not isinstance(score, int) or not isinstance(title, str):
            at(parser.offsets.get(id(lv), 0), "a maturity level needs a whole-number score and a definition")
        elif score != UNRANKED:
            levels.append(Level(score, title.strip()))
    if problems:
        raise LoadError(problems)

    taken: set[str] = set()
    practices = tuple(Practice(_slug(c, taken), c.strip()) for c in categories)
    by_name = {p.name: p.id for p in practices}
    scores = {lv.score for lv in levels}
    systems: dict[str, System] = {}
    for app in _field(data, "applications") or []:
        if isinstance(app, str) and app.strip():
            systems.setdefault(app.strip(), System(app.strip()))
    flat = [p for group in points for p in (group if isinstance(group, list) else [group])]
    for point in flat:
        pos = parser.offsets.get(id(point), 0)
        if not isinstance(point, dict):
            at(pos, "each data point must be an object like {app: ..., axis: ..., value: ...}")
            continue
        app, axis, value = _field(point, "app"), _field(point, "axis"), _field(point, "value")
        if not isinstance(app, str) or not app.strip():
            if app == "":
                continue  # the original's empty placeholder data set
            at(pos, "a data point has no 'app' (system name)")
            continue
        if axis not in by_name:
            at(pos, f"the axis {axis!r} is not one of the categories")
            continue
        if not isinstance(value, int) or (value != UNRANKED and value not in scores):
            at(
                pos,
                f"the value {value!r} is not a maturity level score ({', '.join(str(s) for s in sorted(scores | {UNRANKED}))})",
            )
            continue
        system = systems.setdefault(app.strip(), System(app.strip()))
        system.set_rating(by_name[axis], Rating(None if value == UNRANKED else value))
    if problems:
        raise LoadError(problems)

    links = []
    link, link_title = _field(data, "referenceLink"), _field(data, "referenceLinkTitle")
    if isinstance(link, str) and link:
        links.append(Link(link_title if isinstance(link_title, str) and link_title else link, link))
    model = MaturityModel(
        title="Imported maturity model",
        practices=practices,
        levels=tuple(levels),
        description=f"Imported from the original tool's data file {name}.",
        links=tuple(links),
    )
    if len(model.practices) < 3 or len(model.levels) < 2:
        at(0, "a radar needs at least 3 categories and 2 maturity levels besides Unranked")
        raise LoadError(problems)
    title, label = _field(data, "pageTitle"), _field(data, "legendTitle")
    return Assessment(
        model=model,
        title=title if isinstance(title, str) else "",
        systems=list(systems.values()),
        systems_label=label if isinstance(label, str) and label else "Systems",
    )
