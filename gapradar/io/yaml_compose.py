"""YAML text composed into nodes with bounds a hostile file cannot get past.

libyaml's own composer recurses in C and dies with a segmentation fault on a
deeply nested file, and both composers let aliases repeat a value without
limit. Here the parser's events (libyaml's when it is there) are composed in a
Python loop that counts depth as it opens each collection and counts every
value an alias repeats, so a file is refused at the point where it crosses a
limit, before any expensive work. Nothing is kept between files.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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

_EventLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NO_KEY = object()


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
    events = _EventLoader(text)
    try:
        return _Composer(events, MAX_DEPTH, MAX_VALUES).document()
    finally:
        events.dispose()


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
