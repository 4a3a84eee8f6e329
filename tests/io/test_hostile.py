"""Hostile files: each is refused with a short, located message, never a crash, a hang or a flood."""

from __future__ import annotations

import gc
import re

import pytest
import yaml

import gapradar.io.yaml_compose as yaml_compose
from gapradar.io import LoadError, loads
from gapradar.io.errors import MAX_MESSAGE, MAX_REPORTED
from gapradar.io.yaml_format import decode

HEAD = """\
gapradar: 1
model:
  title: Tiny
  levels:
  - {score: 0, name: Initial}
  - {score: 1, name: Managed}
  practices:
  - {id: build, name: Build}
  - {id: test, name: Testing}
  - {id: deploy, name: Deployment}
"""


@pytest.fixture(params=["libyaml", "python"], autouse=True)
def event_loader(request, monkeypatch):
    """Every test runs with libyaml's parser and with PyYAML's own, whichever a machine has."""
    if request.param == "python":
        monkeypatch.setattr(yaml_compose, "_EventLoader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed")
    return request.param


def refused(text: str, name: str = "f.yaml") -> list[str]:
    with pytest.raises(LoadError) as info:
        loads(text, name)
    lines = [str(p) for p in info.value.problems]
    for line in lines:
        assert re.match(rf"{re.escape(name)}:\d+:\d+: \S", line), line
    return lines


def one(text: str) -> str:
    lines = refused(text)
    assert len(lines) == 1, lines
    return lines[0]


# ---------------------------------------------------------------- depth, counted while composing


@pytest.mark.parametrize(
    "text",
    [
        "? " * 24_000 + "1\n",  # nested explicit keys
        "model:\n" + "".join(" " + "[" * 40 + " # " + "]" * 40 + "\n" for _ in range(20)) + " " + "]" * 800,
        "model:\n" + "".join(" " + "[" * 40 + ' "' + "]" * 40 + '",\n' for _ in range(20)) + " " + "]" * 800,
        "- " * 20_000 + "x\n",
        "a:\n" + "".join(" " * i + "- ? \n" for i in range(0, 4000, 2)),
    ],
    ids=["explicit-keys", "brackets-in-comments", "brackets-in-strings", "dashes", "keys-and-dashes"],
)
def test_deep_nesting_is_refused_where_it_gets_too_deep(text):
    assert "nested too deeply" in one(text)


def test_ordinary_depth_is_fine():
    loads(HEAD)


# ---------------------------------------------------------------- aliases


def test_an_alias_repeating_ratings_past_the_limit_is_refused_at_that_alias(monkeypatch):
    monkeypatch.setattr(yaml_compose, "MAX_VALUES", 10_000)
    systems = "systems:\n- name: S0\n  ratings: &r {build: {current: 0, target: 1}, test: {current: 1}}\n"
    systems += "".join(f"- name: S{i}\n  ratings: *r\n" for i in range(1, 2000))
    message = one(HEAD + systems)
    assert "more than 10,000 values" in message


def test_an_alias_inside_itself_is_refused():
    assert "inside the value it repeats" in one(HEAD + "systems: &s\n- name: A\n  ratings: *s\n")


def test_an_alias_without_anchor_is_located():
    assert one(HEAD + "systems:\n- name: A\n  ratings: *nothing\n").startswith("f.yaml:13:12:")


def test_aliases_within_the_limit_still_work():
    text = HEAD + "systems:\n- name: A\n  ratings: &r {build: {current: 0}}\n- name: B\n  ratings: *r\n"
    a = loads(text)
    assert a.system("B").rating("build").current == 0


def test_unknown_ids_aliased_by_every_system_give_a_short_capped_report():
    ids = ", ".join(f"x{i}: {{current: 0}}" for i in range(300))
    systems = f"systems:\n- name: S0\n  ratings: &r {{{ids}}}\n"
    systems += "".join(f"- name: S{i}\n  ratings: *r\n" for i in range(1, 300))
    lines = refused(HEAD + systems)
    assert len(lines) == MAX_REPORTED + 1
    assert lines[-1].endswith("… and 200 more problems, the first of them here")
    assert all(len(line) < MAX_MESSAGE + 40 for line in lines)


def test_merge_keys_are_named_as_merge_keys():
    text = HEAD + "systems:\n- &base {name: A}\n- <<: *base\n  name: B\n"
    assert "merge keys ('<<') are not supported" in one(text)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize("score", ["1" + "0" * 309, "1001", "-1001", "0x7fffffffffffffffff"])
def test_scores_out_of_range_are_refused(score):
    text = HEAD.replace("score: 1,", f"score: {score},")
    message = one(text)
    assert message.startswith("f.yaml:6:13:")
    assert "out of range" in message or "too large" in message


@pytest.mark.parametrize(
    "value, words",
    [
        ('!!int "two"', "must be a whole number, not the text 'two'"),
        ("!!int 1.5", "must be a whole number"),
        ('!!int ""', "must be a whole number"),
        ("!!int 0x", "must be a whole number"),
        ("1" * 5001, "far too large a number"),
    ],
)
def test_bad_explicit_whole_numbers_are_located_messages(value, words):
    assert words in one(HEAD.replace("gapradar: 1", f"gapradar: {value}"))


def test_written_whole_numbers_in_every_yaml_form_are_read():
    text = HEAD.replace("score: 0,", "score: 0x0,").replace("score: 1,", "score: 1_0,")
    assert loads(text).model.scores == (0, 10)


# ---------------------------------------------------------------- capacity and problem count


def test_more_systems_than_the_capacity_is_refused_before_reading_them(monkeypatch):
    import gapradar.io.yaml_read as yaml_read

    monkeypatch.setattr(yaml_read, "MAX_RATINGS", 30)
    systems = "systems:\n" + "".join(f"- name: S{i}\n" for i in range(11))
    message = one(HEAD + systems)
    assert message.startswith("f.yaml:12:1: 11 systems × 3 practices is more than gapradar's capacity of 30")


def test_problems_are_capped_with_how_many_more():
    systems = "systems:\n" + "".join(f"- name: S{i}\n  colour: red\n" for i in range(250))
    lines = refused(HEAD + systems)
    assert len(lines) == MAX_REPORTED + 1
    assert lines[-1] == "f.yaml:213:3: … and 150 more problems, the first of them here"


def test_a_long_name_in_a_message_is_cut_short():
    long = "x" * 10_000
    lines = refused(HEAD + f"systems:\n- name: {long}\n- name: {long}\n")
    assert len(lines[0]) < 300


# ---------------------------------------------------------------- encodings and names


def test_utf32_is_read_not_called_a_control_character():
    text = decode((HEAD + "systems:\n- name: Café\n").encode("utf-32"), "f.yaml")
    assert loads(text).system_names() == ["Café"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_byte_order_mark_is_named_as_such(codec):
    with pytest.raises(LoadError) as info:
        decode(HEAD.encode(codec), "f.yaml")
    assert str(info.value) == (
        "f.yaml:1:1: this looks like UTF-16 or UTF-32 text without a byte-order mark; save it as UTF-8"
    )


@pytest.mark.parametrize(
    "name, words",
    [
        ('"A\\vB"', "control character U+000B"),
        ('"A\\eB"', "control character U+001B"),
        ('"A\\tB"', "a line break or a tab"),
        ('"A\\uFFFEB"', "noncharacter U+FFFE"),
        ('"\\u200B"', "shows nothing"),
        ('"\\u200B \\u2060"', "shows nothing"),
    ],
)
def test_names_that_misbehave_are_refused_where_they_are(name, words):
    message = one(HEAD + f"systems:\n- name: {name}\n")
    assert message.startswith("f.yaml:12:9:") and words in message


def test_a_lone_surrogate_is_refused_with_its_place(event_loader):
    # libyaml refuses the escape itself; PyYAML's parser lets it through to the name rule.
    message = one(HEAD + 'systems:\n- name: "A\\uD800"\n')
    assert message.startswith("f.yaml:12:")
    if event_loader == "python":
        assert message.startswith("f.yaml:12:9: a system's name contains a lone surrogate U+D800")
    else:
        assert "not valid YAML" in message


@pytest.mark.parametrize(
    "second",
    ["Cafe\u0301", "CAFÉ", "Caf\u00e9\u200b", " Café ", "caf\u00e9\u2060"],
    ids=["nfd", "case", "zero-width-space", "spaces", "word-joiner"],
)
def test_names_that_look_the_same_are_the_same_name(second):
    text = HEAD + f'systems:\n- name: "Caf\u00e9"\n- name: "{second}"\n'
    assert "two systems are named" in one(text)


def test_doubled_spaces_do_not_make_a_new_name():
    text = HEAD + 'systems:\n- name: "Core banking"\n- name: "Core  banking"\n'
    assert "two systems are named" in one(text)


def test_names_are_kept_in_nfc():
    a = loads(HEAD + 'systems:\n- name: "Cafe\u0301"\n')
    assert a.system_names() == ["Caf\u00e9"]


def test_control_characters_in_notes_are_refused_but_line_breaks_kept():
    assert "U+001B" in one(HEAD + 'systems:\n- name: A\n  ratings: {build: {note: "a\\eb"}}\n')
    a = loads(HEAD + 'systems:\n- name: A\n  ratings: {build: {note: "a\\n\\tb"}}\n')
    assert a.system("A").rating("build").note == "a\n\tb"


# ---------------------------------------------------------------- nothing kept between files


def test_a_load_keeps_nothing_alive():
    text = HEAD + "systems:\n- name: A\n  ratings: {build: {current: 0, target: 1}}\n"
    loads(text)
    gc.collect()
    before = sum(1 for o in gc.get_objects() if isinstance(o, yaml.Node))
    for _ in range(3):
        loads(text)
    gc.collect()
    assert sum(1 for o in gc.get_objects() if isinstance(o, yaml.Node)) == before == 0
