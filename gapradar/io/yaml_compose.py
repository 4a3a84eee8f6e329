"""YAML text composed into nodes with bounds a hostile file cannot get past.

libyaml's own composer recurses in C, and both composers let aliases repeat a
value without limit. The careful way composes the parser's events (libyaml's
when it is there) in a Python loop that counts depth as it opens each
collection and counts every value an alias repeats, so a file is refused at the
point where it crosses a limit, before any expensive work.

That loop is most of the time a large file takes, so a file that cannot cross
a limit is composed by libyaml's composer instead: only when this libyaml
refuses deep nesting itself (so the C recursion stays shallow), when the text
cannot hold more values than the limit, and when the composed tree turns out
to have no alias to a collection and no more depth than allowed. Anything else
(an alias, an error, a limit crossed) is composed again the careful way, so
every refusal and every message is the careful way's. Nothing is kept between
files.
"""

from __future__ import annotations

import gc
import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 32
MAX_VALUES = 1_000_000

_NO_KEY = object()
# Tags a plain data file resolves to; anything else (an explicit !!python/…, a merge key) is refused.
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
# Roots composed here whose every node was found to carry a plain tag: the reader need not look again.
_ALL_PLAIN: weakref.WeakSet[Node] = weakref.WeakSet()
_SCALAR_INDICATORS = ("-", ",", "[", "{", ":", "?")  # every node needs one of these, or is the root
# Something that may be an alias (`*name` after a space, a line start or a flow indicator): the
# careful way counts what it repeats as it goes, and refuses a bomb before composing it all.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s,\[{])\*[^\s,\[\]{}]", re.MULTILINE)
_CACHED_TAGS = 4096  # distinct values whose resolved tag is remembered, per file


def _cached_resolver(base: type) -> type:
    """`base` with tags of repeated scalars (levels, keys) resolved once per file, not per value."""

    class Loader(base):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            # A C-level cache in front of the resolver's regular expressions, for this file only.
            self.resolve = lru_cache(maxsize=_CACHED_TAGS)(super().resolve)

        if not getattr(base, "yaml_path_resolvers", None):  # no path resolvers: nothing to track

            def descend_resolver(self, current_node: Any, current_index: Any) -> None:
                return None

            def ascend_resolver(self) -> None:
                return None

    return Loader


_EventLoader = _cached_resolver(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_CLoader = _EventLoader if hasattr(yaml, "CSafeLoader") else None


class ComposeLimit(Exception):
    """The file crosses a limit at `mark`; `message` says which and what to do."""

    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


@dataclass
class _Open:
    node: SequenceNode | MappingNode
    anchor: str | None
    values_before: int
    key: object = field(default=_NO_KEY)


class _Composer:
    def __init__(self, events: yaml.SafeLoader, max_depth: int, max_values: int) -> None:
        self.events = events
        self.max_depth = max_depth
        self.max_values = max_values
        self.values = 0
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[str, int] = {}  # values under each finished anchor

    def count(self, n: int, mark: Any, alias: str | None = None) -> None:
        self.values += n
        if self.values > self.max_values:
            what = f"the alias *{alias} repeats {n:,} values, and with it " if alias else ""
            raise ComposeLimit(
                mark,
                f"{what}the file holds more than {self.max_values:,} values (an alias counts as every value "
                "it repeats); gapradar reads no more than that",
            )

    def document(self) -> Node | None:
        get = self.events.get_event
        get()  # stream start
        if self.events.check_event(StreamEndEvent):
            return None
        get()  # document start
        root = self.node()
        get()  # document end
        if not self.events.check_event(StreamEndEvent):
            extra = get()
            raise yaml.composer.ComposerError(
                None,
                None,
                "a gapradar file holds one YAML document, and here a second one starts",
                extra.start_mark,
            )
        return root

    def node(self) -> Node:
        """One whole value, composed without recursion."""
        stack: list[_Open] = []
        while True:
            event: Any = self.events.get_event()
            node: Node
            if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                done = stack.pop()
                done.node.end_mark = event.end_mark
                if done.anchor is not None:
                    self.sizes[done.anchor] = self.values - done.values_before
                node = done.node
            elif isinstance(event, AliasEvent):
                node = self.alias(event)
            else:
                start: Any = event.start_mark  # libyaml's marks are not yaml.Mark, but read the same
                self.count(1, start)
                tag = event.tag
                anchor = event.anchor
                if isinstance(event, ScalarEvent):
                    if tag is None or tag == "!":
                        tag = self.events.resolve(ScalarNode, event.value, event.implicit)
                    end: Any = event.end_mark
                    node = ScalarNode(tag, event.value, start, end, style=event.style)
                    if anchor is not None:
                        self.anchors[anchor], self.sizes[anchor] = node, 1
                else:
                    kind = SequenceNode if isinstance(event, SequenceStartEvent) else MappingNode
                    if tag is None or tag == "!":
                        tag = self.events.resolve(kind, None, event.implicit)
                    collection = kind(tag, [], start, None, flow_style=event.flow_style)
                    if len(stack) >= self.max_depth:
                        raise ComposeLimit(
                            start,
                            f"the file is nested too deeply here (more than {self.max_depth} levels; "
                            "a gapradar file needs 6)",
                        )
                    if anchor is not None:
                        self.anchors[anchor] = collection
                        self.sizes.pop(anchor, None)  # open: an alias to it now would be a cycle
                    stack.append(_Open(collection, anchor, self.values - 1))
                    continue
            if not stack:
                return node
            parent = stack[-1]
            if isinstance(parent.node, SequenceNode):
                parent.node.value.append(node)
            elif parent.key is _NO_KEY:
                parent.key = node
            else:
                assert isinstance(parent.key, Node)
                parent.node.value.append((parent.key, node))
                parent.key = _NO_KEY

    def alias(self, event: AliasEvent) -> Node:
        name = event.anchor
        if name not in self.anchors:
            raise ComposeLimit(event.start_mark, f"the alias *{name} has no anchor &{name} before it")
        if name not in self.sizes:
            raise ComposeLimit(
                event.start_mark,
                f"the alias *{name} is inside the value it repeats (&{name}); a value cannot contain itself",
            )
        self.count(self.sizes[name], event.start_mark, name)
        return self.anchors[name]


def compose(text: str) -> Node | None:
    """The root node of the single document in `text`, or None for an empty file.

    Raises ComposeLimit past MAX_DEPTH or MAX_VALUES, and PyYAML's errors for
    text that is not YAML.
    """
    fast = _compose_in_c(text)
    if fast is not None:
        return fast[0]
    return compose_carefully(text)


def compose_carefully(text: str) -> Node | None:
    """compose(), always by counting events in Python: every limit checked as the file is read."""
    events = _EventLoader(text)
    try:
        return _Composer(events, MAX_DEPTH, MAX_VALUES).document()
    finally:
        events.dispose()


def _compose_in_c(text: str) -> tuple[Node | None] | None:
    """(root,) composed by libyaml when that is safe and gives what compose_carefully would; else None."""
    if _CLoader is None or not _c_nesting_is_bounded():
        return None
    if 3 * sum(text.count(c) for c in _SCALAR_INDICATORS) + 1 > MAX_VALUES:
        return None  # it might hold too many values: find out without building them all
    if "*" in text and _MAYBE_ALIAS.search(text):
        return None
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None  # the careful way says what is wrong, and where
    finally:
        loader.dispose()
    if root is not None:
        within, all_plain = _within_limits(root)
        if not within:
            return None
        if all_plain:
            _ALL_PLAIN.add(root)
    return (root,)


def tags_known_plain(root: Node) -> bool:
    """True when compose() already found every tag under `root` plain."""
    return root in _ALL_PLAIN


def _within_limits(root: Node) -> tuple[bool, bool]:
    """(no collection reached twice (an alias), no deeper than MAX_DEPTH, no more than MAX_VALUES values;
    every tag plain)."""
    if not isinstance(root, (SequenceNode, MappingNode)):
        return True, root.tag in PLAIN_TAGS
    seen: set[int] = {id(root)}
    stack: list[tuple[Node, int]] = [(root, 1)]
    values = 1
    tags: set[str] = {root.tag}
    while stack:
        node, depth = stack.pop()
        children = node.value
        if type(node) is MappingNode:
            children = [child for pair in children for child in pair]
        values += len(children)
        for child in children:
            tags.add(child.tag)
            if type(child) is not ScalarNode:
                if id(child) in seen or depth >= MAX_DEPTH:
                    return False, False
                seen.add(id(child))
                stack.append((child, depth + 1))
    return values <= MAX_VALUES, tags <= PLAIN_TAGS


_nesting_bounded: bool | None = None


def _c_nesting_is_bounded() -> bool:
    """True when libyaml refuses deep nesting itself (0.2.5 and later), so its composer recurses little."""
    global _nesting_bounded
    if _nesting_bounded is None:
        deep = 1100  # past libyaml's limit of 1,000, and still a safe depth for its recursion
        try:
            yaml.compose("[" * deep + "]" * deep, Loader=_CLoader)  # type: ignore[arg-type]
            _nesting_bounded = False
        except yaml.YAMLError:
            _nesting_bounded = True
    return _nesting_bounded


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file's node tree is built and read.

    The tree holds no cycles (aliases into themselves are refused), and the
    collector rescanning a million new nodes over and over more than doubles
    the time a large file takes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
