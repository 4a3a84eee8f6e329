"""Rounds in the file: version 1 files read as one round, version 2 round-trips, bad rounds located."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapradar.domain import Assessment, Rating, System
from gapradar.domain.assessment import Round
from gapradar.domain.names import name_key, name_problem
from gapradar.io import LoadError, dumps, load, loads
from tests.io.test_roundtrip import models, name, text

HEAD = """gapradar: 2
model:
  title: M
  levels: [{score: 0, name: Low}, {score: 1, name: Mid}, {score: 2, name: High}]
  practices: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
systems:
- {name: One, id: one}
- {name: Two}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as e:
        loads(text, "f.yaml")
    return [str(p) for p in e.value.problems]


def test_a_version_1_file_loads_as_one_round_and_saves_as_version_2_with_identical_levels(
    sample_path, tmp_path
):
    text = sample_path.read_text(encoding="utf-8")
    old = loads(text)
    # the same assessment written the version 1 way: ratings under each system
    lines = ["gapradar: 1", text.split("\nmodel:\n", 1)[1].split("\nsystems:\n")[0]]
    v1_text = "model:\n".join(["gapradar: 1\n", lines[1]]) + "\nsystems:\n"
    for s in old.systems:
        v1_text += f"- name: {s.name!r}\n  ratings:\n"
        for pid, r in s.ratings.items():
            fields = ", ".join(
                f"{k}: {v}" for k, v in (("current", r.current), ("target", r.target)) if v is not None
            )
            v1_text += f"    {pid}: {{{fields}}}\n"
    a = loads(v1_text)
    assert len(a.rounds) == 1 and a.rounds[0].label == "Round 1" and a.shown is a.latest
    saved = dumps(a)
    assert saved.splitlines()[1] == "gapradar: 2" and "\nrounds:\n- label: Round 1\n" in saved
    again = loads(saved)
    for s in a.systems:
        for p in a.model.practices:
            before, after = a.system(s.name).rating(p.id), again.system(s.name).rating(p.id)
            assert (before.current, before.target) == (after.current, after.target)
            assert (after.current, after.target) == (
                old.system(s.name).rating(p.id).current,
                old.system(s.name).rating(p.id).target,
            )


def test_version_1_notes_and_ids_survive_as_one_round():
    a = loads(
        HEAD.replace("gapradar: 2", "gapradar: 1").replace(
            "- {name: Two}", "- {name: Two, ratings: {a: {current: 1, target: 2, note: why}}}"
        )
    )
    assert a.system("Two").rating("a") == Rating(1, 2, "why")
    b = loads(dumps(a))
    assert b.rating_in(b.latest, "two", "a") == Rating(1, 2, "why")
    assert b.system("One").id == "one" and b.system("Two").id == "two"


def test_the_latest_round_is_shown_and_earlier_rounds_are_kept():
    a = loads(
        HEAD
        + """rounds:
- label: Before
  date: 2026-03-01
  ratings: {one: {a: {current: 0, target: 2}}}
- label: After
  date: '2026-09-01'
  ratings: {one: {a: {current: 1, target: 2}}, two: {b: {current: 2}}}
"""
    )
    before, after = a.rounds
    assert before.date == datetime.date(2026, 3, 1) and after.date == datetime.date(2026, 9, 1)
    assert a.system("One").rating("a").current == 1
    a.show_round(before.id)
    assert a.system("One").rating("a").current == 0 and a.system("Two").rating("b").is_empty
    assert loads(dumps(a)) == a


def test_a_newer_format_is_refused_with_the_update_message():
    (message,) = problems(HEAD.replace("gapradar: 2", "gapradar: 3") + "rounds: whatever\n")
    assert "format 3, newer than this gapradar understands" in message and "update gapradar" in message


@pytest.mark.parametrize(
    ("rounds", "line", "words"),
    [
        ("- {label: X}\n- {label: ' x '}\n", 11, "two rounds are labelled 'x' (first on line 10)"),
        ("- {label: X, date: 2026-13-01}\n", 10, "year-month-day"),
        ("- {label: X, date: next week}\n", 10, "year-month-day"),
        ("- {label: X, date: 2026-09-01}\n- {label: Y, date: 2026-03-01}\n", 11, "oldest first"),
        ("- label: X\n  ratings: {three: {a: {current: 1}}}\n", 11, "unknown system id 'three'"),
        ("- label: X\n  ratings: {one: {z: {current: 1}}}\n", 11, "unknown practice id 'z'"),
        ("- label: X\n  ratings: {one: {a: {current: 7}}}\n", 11, "not a level of this model"),
        ("- {date: 2026-01-01}\n", 10, "missing the key 'label'"),
        ("- {label: X, unlocked: maybe}\n- {label: Y}\n", 10, "'unlocked' is true or false"),
        ("[]\n", 9, "at least one round"),
    ],
)
def test_bad_rounds_are_located(rounds, line, words):
    text = HEAD + "rounds:" + ("\n" if not rounds.startswith("[") else " ") + rounds
    found = problems(text)
    assert any(f"f.yaml:{line}:" in p and words in p for p in found), found


def test_ratings_under_a_system_in_version_2_are_located():
    found = problems(HEAD.replace("- {name: Two}", "- {name: Two, ratings: {a: {current: 1}}}"))
    assert any("f.yaml:8:" in p and "kept per round" in p for p in found), found


def test_rounds_in_a_version_1_file_are_located():
    found = problems(HEAD.replace("gapradar: 2", "gapradar: 1") + "rounds: []\n")
    assert any("f.yaml:9:" in p and "format 2" in p for p in found), found


def test_saving_writes_rounds_oldest_first_systems_by_id_and_a_relabelled_round_keeps_its_id():
    a = loads(
        HEAD
        + "rounds:\n- {label: Before, date: 2026-03-01, ratings: {two: {b: {current: 2}}}}\n- {label: After}\n"
    )
    a.rounds[0].label = "Baseline"
    text = dumps(a)
    assert (
        "rounds:\n- label: Baseline\n  id: before\n  date: 2026-03-01\n  ratings:\n    two:\n      b: {current: 2}\n"
        in text
    )
    assert "- label: After\n  ratings: {}\n" in text
    assert "- name: Two\n  id: two\n" in text
    assert loads(text).rounds[0].id == "before"


# ---------------------------------------------------------------- round-trip of several rounds

dates = st.one_of(st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)))


@st.composite
def assessments_with_rounds(draw) -> Assessment:
    model = draw(models())
    level = st.one_of(st.none(), st.sampled_from(model.scores))
    system_names = draw(st.lists(name, max_size=4, unique_by=name_key))
    systems = [System(n) for n in system_names]
    labels = draw(st.lists(name, min_size=1, max_size=4, unique_by=name_key))
    day = sorted(
        draw(st.lists(dates, min_size=len(labels), max_size=len(labels))),
        key=lambda d: d or datetime.date.min,
    )
    rounds = []
    ids = [s.id for s in Assessment(model, systems=[System(n) for n in system_names]).systems]
    for k, (label, when) in enumerate(zip(labels, day, strict=True)):
        ratings = {}
        for sid in ids:
            chosen = draw(st.lists(st.sampled_from(model.practice_ids), unique=True, max_size=3))
            ratings[sid] = {pid: Rating(draw(level), draw(level), draw(text)) for pid in chosen}
            ratings[sid] = {pid: r for pid, r in ratings[sid].items() if not r.is_empty}
        unlocked = k < len(labels) - 1 and draw(st.booleans())  # the latest is editable anyway
        rounds.append(Round(label, when, ratings, unlocked=unlocked))
    a = Assessment(model, draw(text), systems, draw(name), draw(text), rounds)
    a.show_round(a.rounds[draw(st.integers(0, len(rounds) - 1))].id)
    return a


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments_with_rounds())
def test_several_rounds_round_trip(assessment):
    from gapradar.io import yaml_format

    text = dumps(assessment)
    assert text == dumps(assessment, dumper=yaml_format._PyDumper)
    again = loads(text)
    assert again == assessment
    for r, r2 in zip(assessment.rounds, again.rounds, strict=True):
        assert r.unlocked == r2.unlocked
        for s in assessment.systems:
            for pid in assessment.model.practice_ids:
                assert assessment.rating_in(r, s.id, pid) == again.rating_in(r2, s.id, pid)
    assert name_problem(again.latest.label) is None


def test_an_unlocked_earlier_round_stays_unlocked_after_saving_and_the_latest_never_says_so():
    a = loads(HEAD + "rounds:\n- label: X\n- label: Y\n")
    a.rounds[0].unlocked = True
    a.rounds[1].unlocked = True  # the latest: editable whatever it says
    text = dumps(a)
    assert text.count("unlocked: true") == 1 and "- label: X\n  unlocked: true\n" in text
    for again in (loads(text), careful(text)):
        assert [r.unlocked for r in again.rounds] == [True, False]
        assert again.is_editable(again.rounds[0])


def test_the_bundled_sample_is_version_2(sample_path):
    assert sample_path.read_text(encoding="utf-8").splitlines()[1] == "gapradar: 2"
    assert len(load(sample_path).rounds) >= 1


# ---------------------------------------------------------------- the fast path for gapradar's own files


def careful(text: str):
    """The careful reader alone (the fast path switched off)."""
    from gapradar.io import yaml_format

    original = yaml_format.split_rounds
    yaml_format.split_rounds = lambda _text: None
    try:
        return loads(text)
    finally:
        yaml_format.split_rounds = original


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments_with_rounds())
def test_the_fast_path_reads_exactly_what_the_careful_reader_reads(assessment):
    from gapradar.io.yaml_format import _fast_loads

    text = dumps(assessment)
    fast = _fast_loads(text)
    slow = careful(text)
    assert slow == assessment
    if fast is not None:
        assert fast == slow
        for r, r2 in zip(fast.rounds, slow.rounds, strict=True):
            assert (r.id, r.label, r.date, r.unlocked) == (r2.id, r2.label, r2.date, r2.unlocked)
            assert {k: v for k, v in r.ratings.items() if v} == {k: v for k, v in r2.ratings.items() if v}


def test_gapradars_own_files_take_the_fast_path(sample_path):
    from gapradar.io.yaml_format import _fast_loads

    text = sample_path.read_text(encoding="utf-8")  # notes included
    assert _fast_loads(text) == careful(text)
    a = loads(HEAD + "rounds:\n- label: X\n  ratings:\n    one:\n      a: {current: 1, target: 2}\n")
    assert _fast_loads(dumps(a)) is not None


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("a: {current: 1, target: 2}", "z: {current: 1, target: 2}"), "unknown practice id 'z'"),
        (("a: {current: 1, target: 2}", "a: {current: 9, target: 2}"), "not a level of this model"),
        (("    one:", "    three:"), "unknown system id 'three'"),
        (
            ("      a: {current: 1, target: 2}", "      a: {current: 1, target: 2}\n      a: {current: 0}"),
            "duplicate key 'a'",
        ),
        (("- label: X", "- label: X\n  date: 2026-02-30"), "year-month-day"),
        (("  ratings:", "  ratings:\n    one:\n      b: {current: 1}\n    one:"), "duplicate key 'one'"),
        (("- label: X", "- label: 'null'\n  label: Y"), "duplicate key 'label'"),
    ],
)
def test_problems_in_a_regular_file_still_get_located_messages(change, words):
    text = HEAD + "rounds:\n- label: X\n  ratings:\n    one:\n      a: {current: 1, target: 2}\n"
    old, new = change
    found = problems(text.replace(old, new, 1))
    assert any(words in p and p.startswith("f.yaml:") for p in found), found
