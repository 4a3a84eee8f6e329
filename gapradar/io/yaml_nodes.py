"""Strict reading of a composed YAML node tree, collecting located problems.

PyYAML's safe loader silently keeps the last of two duplicate keys and forgets
where every value came from. Walking the composed nodes instead keeps each
value's line and column, so every problem can be reported where it is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gapradar.domain.names import clean, name_problem, text_problem
from gapradar.io.errors import MAX_REPORTED, Problem
from gapradar.io.yaml_compose import PLAIN_TAGS, tags_known_plain

INT_TAG = "tag:yaml.org,2002:int"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
MERGE_TAG = "tag:yaml.org,2002:merge"
MAX_DIGITS = 15

_PLAIN_TAGS = PLAIN_TAGS
# YAML 1.1 whole numbers as PyYAML resolves them: 0b1010, 0o17 or 017, 0x1F, 1_000, 1:30.
_INT = re.compile(r"^([-+]?)(?:0b([01]+)|0o?([0-7]+)|0x([0-9a-fA-F]+)|([0-9]+(?::[0-5]?[0-9])*))$")

_KIND: dict[type, str] = {
    MappingNode: "a mapping (key: value lines)",
    SequenceNode: "a list (lines starting with '- ')",
}


def describe(node: Node) -> str:
    """How a value reads to a person: "a list", "the number 3", "empty"."""
    if isinstance(node, ScalarNode):
        if node.tag == NULL_TAG:
            return "empty (null)"
        if node.tag == INT_TAG and parse_int(node.value) is not None:
            return f"the number {node.value}"
        if node.tag == FLOAT_TAG:
            return f"the decimal number {node.value[:30]}"
        if node.tag == BOOL_TAG:
            return f"the yes/no value {node.value[:30]}"
        return f"the text {quote(node.value)}"
    return _KIND.get(type(node), "an unsupported value")


def quote(text: str, limit: int = 60) -> str:
    """Text as a message shows it: quoted, escaped, and cut short if long."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def parse_int(text: str) -> int | None:
    """A YAML whole number's value; None when it is not one or has more than MAX_DIGITS digits."""
    if text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= MAX_DIGITS:
        return int(text)  # the common case: a plain decimal level or count
    m = _INT.match(text.replace("_", "").strip())
    if m is None:
        return None
    sign = -1 if m.group(1) == "-" else 1
    binary, octal, hexadecimal, decimal = m.group(2, 3, 4, 5)
    digits = binary or octal or hexadecimal or decimal
    if len(digits) > MAX_DIGITS:
        return None
    if decimal is None:
        return sign * int(digits, 2 if binary else 8 if octal else 16)
    value = 0
    for part in decimal.split(":"):
        value = value * 60 + int(part)
    return sign * value


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ " (did you mean 'testing'?)" when a choice is close, else nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


class NodeReader:
    """Typed accessors over YAML nodes that record a Problem instead of raising."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))

    def hint(self, word: str, choices: Iterable[str]) -> str:
        """A did-you-mean, for the problems people will read; the rest are only counted."""
        return did_you_mean(word, choices) if len(self.problems) < MAX_REPORTED else ""

    def check_tags(self, root: Node) -> None:
        """Refuse explicit tags such as !!python/object: a data file never needs them."""
        if tags_known_plain(root):
            return
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag == MERGE_TAG:
                self.problem(node, "merge keys ('<<') are not supported; write the keys out in full")
            elif node.tag not in _PLAIN_TAGS:
                self.problem(
                    node, f"the tag {quote(node.tag)} is not allowed; a gapradar file holds plain values only"
                )
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                for k, v in node.value:
                    stack.extend((k, v))

    def entries(self, node: Node, what: str, allowed: tuple[str, ...] = ()) -> list[tuple[Node, Node]] | None:
        """Key and value nodes of a mapping; bad, duplicate and unknown keys reported and dropped."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping (key: value lines), not {describe(node)}")
            return None
        result: list[tuple[Node, Node]] = []
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL_TAG:
                self.problem(key_node, f"a key in {what} must be a plain word, not {describe(key_node)}")
                continue
            if key_node.tag == MERGE_TAG:
                continue
            key = key_node.value
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self.problem(
                    key_node,
                    f"duplicate key {quote(key)} in {what} (first given on line {line}); "
                    "each key may appear only once",
                )
                continue
            first_seen[key] = key_node
            if allowed and key not in allowed:
                self.problem(
                    key_node,
                    f"unknown key {quote(key)} in {what}{self.hint(key, allowed)}; "
                    f"allowed keys: {', '.join(allowed)}",
                )
                continue
            result.append((key_node, value_node))
        return result

    def mapping(
        self,
        node: Node,
        what: str,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ) -> dict[str, Node] | None:
        """Value nodes by key, with missing required keys reported too."""
        items = self.entries(node, what, required + optional)
        if items is None:
            return None
        result = {k.value: v for k, v in items}
        missing = [key for key in required if key not in result]
        if missing:  # given but refused (a duplicate, say) is not missing
            present = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
            for key in missing:
                if key not in present:
                    self.problem(node, f"{what} is missing the key {key!r}")
        return result

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{what} must be a list (lines starting with '- '), not {describe(node)}")
            return None
        return list(node.value)

    def text(self, node: Node | None, what: str, *, required: bool = True) -> str | None:
        """A piece of text. Plain numbers are taken as their text ("2024" as a name)."""
        if node is None:
            return None if required else ""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text, not {describe(node)}")
            return None
        if node.tag == NULL_TAG:
            if required:
                self.problem(node, f"{what} must not be empty")
                return None
            return ""
        value = node.value
        if required and not value.strip():
            self.problem(node, f"{what} must not be empty")
            return None
        problem = text_problem(value)
        if problem is not None:
            self.problem(node, f"{what} {problem}")
            return None
        return value

    def name(self, node: Node | None, what: str) -> str | None:
        """A name: NFC, trimmed, one line of visible text (see domain.names)."""
        value = self.text(node, what)
        if value is None or node is None:
            return None
        problem = name_problem(value)
        if problem is not None:
            self.problem(node, f"{what} {problem}")
            return None
        return clean(value)

    def whole_numbers(self, node: Node, keys: frozenset[str]) -> dict[str, int] | None:
        """A mapping of some of `keys` to plain decimal whole numbers (a file's many ratings).

        Read without a message prepared per value; None when anything in it needs
        the full reading (and the messages that reading gives).
        """
        if type(node) is not MappingNode:
            return None
        result: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if (
                type(key_node) is not ScalarNode
                or key_node.tag != STR_TAG
                or key not in keys
                or key in result
            ):
                return None
            if type(value_node) is not ScalarNode or value_node.tag != INT_TAG:
                return None
            text = value_node.value
            if not (text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS) or (
                text[0] == "0" and text != "0"
            ):
                return None
            result[key] = int(text)
        return result

    def integer(self, node: Node, what: str, *, nullable: bool = False) -> int | None:
        """A whole number; None for null when `nullable`. Errors say what was found."""
        if isinstance(node, ScalarNode):
            if node.tag == INT_TAG:
                value = parse_int(node.value)
                if value is not None:
                    return value
                if _INT.match(node.value.replace("_", "").strip()):
                    self.problem(node, f"{what} is far too large a number")
                else:
                    self.problem(node, f"{what} must be a whole number, not {describe(node)} marked as one")
                return None
            if node.tag == NULL_TAG and nullable:
                return None
        allowed = "a whole number" + (" or null" if nullable else "")
        self.problem(node, f"{what} must be {allowed}, not {describe(node)}")
        return None
