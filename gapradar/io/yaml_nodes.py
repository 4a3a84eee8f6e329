"""Strict reading of a composed YAML node tree, collecting located problems.

PyYAML's safe loader silently keeps the last of two duplicate keys and forgets
where every value came from. Walking the composed nodes instead keeps each
value's line and column, so every problem can be reported where it is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gapradar.io.errors import Problem

INT_TAG = "tag:yaml.org,2002:int"
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_constructor = yaml.constructor.SafeConstructor()

_KIND = {
    MappingNode: "a mapping (key: value lines)",
    SequenceNode: "a list (lines starting with '- ')",
}


def describe(node: Node) -> str:
    """How a value reads to a person: "a list", "the number 3", "empty"."""
    if isinstance(node, ScalarNode):
        if node.tag == NULL_TAG:
            return "empty (null)"
        if node.tag == INT_TAG:
            return f"the number {node.value}"
        if node.tag == FLOAT_TAG:
            return f"the decimal number {node.value}"
        if node.tag == BOOL_TAG:
            return f"the yes/no value {node.value}"
        return f"the text {node.value!r}"
    return _KIND.get(type(node), "an unsupported value")


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

    def check_tags(self, root: Node) -> None:
        """Refuse explicit tags such as !!python/object: a data file never needs them."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag not in _PLAIN_TAGS:
                self.problem(
                    node, f"the tag {node.tag!r} is not allowed; a gapradar file holds plain values only"
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
            key = key_node.value
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self.problem(
                    key_node,
                    f"duplicate key {key!r} in {what} (first given on line {line}); "
                    "each key may appear only once",
                )
                continue
            first_seen[key] = key_node
            if allowed and key not in allowed:
                self.problem(
                    key_node,
                    f"unknown key {key!r} in {what}{did_you_mean(key, allowed)}; "
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
        present = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
        for key in required:
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
        value = node.value if node.tag != STR_TAG else _constructor.construct_object(node)
        if required and not value.strip():
            self.problem(node, f"{what} must not be empty")
            return None
        return value

    def integer(self, node: Node, what: str, *, nullable: bool = False) -> int | None:
        """A whole number; None for null when `nullable`. Errors say what was found."""
        if isinstance(node, ScalarNode):
            if node.tag == INT_TAG:
                return _constructor.construct_object(node)
            if node.tag == NULL_TAG and nullable:
                return None
        allowed = "a whole number" + (" or null" if nullable else "")
        self.problem(node, f"{what} must be {allowed}, not {describe(node)}")
        return None
