"""libyaml's composer, where it is used, gives the nodes and the refusals the careful composer gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gapradar.io import LoadError, loads
from gapradar.io import yaml_compose as yc

CORPUS = sorted((Path(__file__).parents[1] / "corpus").glob("*.yaml"))


def flat(root: Node | None) -> list[tuple]:
    """Every node in document order: kind, tag, value, where it starts and ends, its style."""
    out: list[tuple] = []
    stack = [] if root is None else [root]
    while stack:
        n = stack.pop()
        marks = (n.start_mark.line, n.start_mark.column, n.end_mark.line, n.end_mark.column)
        value = n.value if isinstance(n, ScalarNode) else None
        out.append(
            (
                type(n).__name__,
                n.tag,
                value,
                marks,
                getattr(n, "style", None),
                n.flow_style if not isinstance(n, ScalarNode) else None,
            )
        )
        if isinstance(n, SequenceNode):
            stack.extend(reversed(n.value))
        elif isinstance(n, MappingNode):
            for k, v in reversed(n.value):
                stack.extend((v, k))
    return out


def outcome(compose, text: str) -> tuple:
    try:
        return ("nodes", flat(compose(text)))
    except yc.ComposeLimit as e:
        return ("limit", e.message, e.mark.line, e.mark.column)
    except Exception as e:
        return ("error", type(e).__name__, str(e))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_the_corpus_composes_the_same_either_way(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    assert outcome(yc.compose, text) == outcome(yc.compose_carefully, text)


def test_a_plain_file_is_composed_by_libyaml_with_the_same_nodes(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    assert yc._compose_in_c(text) is not None  # the fast way is taken…
    assert outcome(yc.compose, text) == outcome(yc.compose_carefully, text)  # …and changes nothing


ALIASED = "a: &x {b: 1, c: [1, 2]}\nd: *x\ne: &s text\nf: *s\n"
DEEP = "v: " + "[" * 40 + "]" * 40 + "\n"
RECURSIVE = "a: &x [1, *x]\n"
UNDEFINED = "a: *nowhere\n"
TWO_DOCUMENTS = "a: 1\n---\nb: 2\n"


@pytest.mark.parametrize("text", [ALIASED, DEEP, RECURSIVE, UNDEFINED, TWO_DOCUMENTS])
def test_aliases_depth_and_errors_are_left_to_the_careful_composer(text):
    assert yc._compose_in_c(text) is None
    assert outcome(yc.compose, text) == outcome(yc.compose_carefully, text)


def test_more_values_than_the_limit_are_refused_by_the_careful_count(monkeypatch):
    monkeypatch.setattr(yc, "MAX_VALUES", 50)
    text = "".join(f"- {i}\n" for i in range(60))
    assert yc._compose_in_c(text) is None
    with pytest.raises(yc.ComposeLimit, match="more than 50 values"):
        yc.compose(text)


def test_explicit_tags_are_still_refused_after_the_fast_composer():
    assert yc._compose_in_c("a: !!python/name:os.system x\n") is not None
    assert not yc.tags_known_plain(yc.compose("a: !!python/name:os.system x\n"))
    assert yc.tags_known_plain(yc.compose("a: [1, b]\n"))


RATINGS = """gapradar: 1
model:
  title: M
  levels: [{{score: 0, name: L0}}, {{score: 1, name: L1}}, {{score: 8, name: L8}}]
  practices: [{{id: a, name: A}}, {{id: b, name: B}}, {{id: c, name: C}}]
systems:
- name: S
  ratings:
    a: {{current: {a}, target: 1}}
"""


@pytest.mark.parametrize(("written", "read"), [("0", 0), ("1", 1), ("010", 8), ("0x8", 8), ("1_0", None)])
def test_a_rating_read_the_quick_way_reads_as_the_full_reading_would(written, read):
    text = RATINGS.format(a=written)
    if read is None:
        with pytest.raises(LoadError, match="not a level of this model"):
            loads(text)
    else:
        rating = loads(text).system("S").rating("a")
        assert (rating.current, rating.target) == (read, 1)


def test_a_score_that_is_no_level_gets_the_full_message():
    with pytest.raises(LoadError, match="the current level 5 is not a level of this model"):
        loads(RATINGS.format(a="5"))


def test_an_alias_bomb_never_reaches_libyaml(monkeypatch):
    def refuse(*_args):
        raise AssertionError("an aliased file went to libyaml's composer")

    monkeypatch.setattr(yc, "_CLoader", refuse)
    monkeypatch.setattr(yc, "_nesting_bounded", True)
    monkeypatch.setattr(yc, "MAX_VALUES", 1000)
    text = (
        "a: &r {"
        + ", ".join(f"k{i}: {i}" for i in range(50))
        + "}\n"
        + "".join(f"b{i}: *r\n" for i in range(100))
    )
    with pytest.raises(yc.ComposeLimit, match="the alias \\*r repeats"):
        yc.compose(text)
