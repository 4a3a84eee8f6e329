"""Saving then loading gives back exactly what was saved, for any valid assessment."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapradar.domain import Assessment, Level, Link, MaturityModel, Practice, Rating, System
from gapradar.domain.names import clean, name_key, name_problem
from gapradar.io import LoadError, dumps, load, loads, save

# Any text a person can type (accents, CJK, emoji, quotes, '#', ': ', line
# breaks); names are one line of visible text, kept in NFC.
text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\t\r\x85\u2028"),
    max_size=30,
)
name = text.map(clean).filter(lambda n: name_problem(n) is None)
ids = st.text(string.ascii_lowercase + string.digits + "-_.", min_size=1, max_size=12).filter(
    lambda s: s[0].isalnum()
)


@st.composite
def models(draw) -> MaturityModel:
    scores = draw(st.lists(st.integers(-5, 9), min_size=2, max_size=7, unique=True))
    level_names = draw(st.lists(name, min_size=len(scores), max_size=len(scores), unique_by=name_key))
    levels = tuple(Level(s, n, draw(text).strip()) for s, n in zip(scores, level_names, strict=True))
    pids = draw(st.lists(ids, min_size=3, max_size=8, unique=True))
    pnames = draw(st.lists(name, min_size=len(pids), max_size=len(pids), unique_by=name_key))
    practices = tuple(
        Practice(i, n, draw(text).strip(), draw(text).strip()) for i, n in zip(pids, pnames, strict=True)
    )
    links = tuple(Link(draw(name), draw(name)) for _ in range(draw(st.integers(0, 2))))
    return MaturityModel(draw(name), practices, levels, draw(text).strip(), links)


@st.composite
def assessments(draw) -> Assessment:
    model = draw(models())
    level = st.one_of(st.none(), st.sampled_from(model.scores))
    system_names = draw(st.lists(name, max_size=6, unique_by=name_key))
    systems = []
    for n in system_names:
        chosen = draw(st.lists(st.sampled_from(model.practice_ids), unique=True))
        systems.append(System(n, {pid: Rating(draw(level), draw(level), draw(text)) for pid in chosen}))
    return Assessment(model, draw(text), systems, draw(name), draw(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_load_of_save_is_identity(assessment):
    assert loads(dumps(assessment)) == assessment


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_libyaml_writes_exactly_what_the_python_writer_writes(assessment):
    from gapradar.io import yaml_format

    assert yaml_format._Dumper is yaml_format._CDumper  # libyaml is there: the fast writer is used
    assert dumps(assessment) == dumps(assessment, dumper=yaml_format._PyDumper)


def test_an_emoji_is_kept_as_text_by_either_writer(sample_path):
    from gapradar.io import yaml_format

    a = load(sample_path)
    first = a.systems[0]
    first.set_rating(a.model.practice_ids[0], Rating(1, 2, "launch 🚀"))
    for dumper in (None, yaml_format._PyDumper):
        assert "launch 🚀" in dumps(a, dumper=dumper)


def test_saved_file_is_stable_and_diff_friendly(sample_path, tmp_path):
    original = sample_path.read_text(encoding="utf-8")
    a = load(sample_path)
    out = tmp_path / "again.yaml"
    save(a, out)
    assert out.read_text(encoding="utf-8") == original
    assert "    testing: {current: -1, target: 2}\n" in original


def test_unicode_is_kept_as_text(tmp_path, sample_path):
    a = load(sample_path)
    a.systems[0].name = "Système bancaire – 銀行 <&>"
    save(a, tmp_path / "u.yaml")
    raw = (tmp_path / "u.yaml").read_bytes()
    assert "Système bancaire – 銀行 <&>".encode() in raw
    assert load(tmp_path / "u.yaml") == a


def test_save_replaces_the_file_atomically(tmp_path, sample_path, monkeypatch):
    target = tmp_path / "f.yaml"
    target.write_text("old contents")
    import gapradar.io.atomic as atomic

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", boom)
    with pytest.raises(OSError, match="No space"):
        save(load(sample_path), target)
    assert target.read_text() == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_a_renamed_system_keeps_its_id_through_save_and_load(sample_path):
    a = load(sample_path)
    first = a.systems[0]
    old_id = first.id
    first.name = "Renamed platform"
    text = dumps(a)
    assert f"  id: {old_id}\n" in text  # written because the new name would not give it
    assert loads(text).system_by_id(old_id).name == "Renamed platform"


def test_ids_given_in_a_file_are_kept_and_others_made_around_them():
    text = dumps(loads(_TINY + "systems:\n- name: Alpha\n- name: Beta\n  id: alpha\n"))
    a = loads(text)
    assert [(s.name, s.id) for s in a.systems] == [("Alpha", "alpha-2"), ("Beta", "alpha")]


def test_duplicate_and_malformed_system_ids_are_located():
    with pytest.raises(LoadError) as info:
        loads(_TINY + "systems:\n- {name: A, id: x}\n- {name: B, id: x}\n- {name: C, id: 'no spaces'}\n", "f")
    assert [str(p) for p in info.value.problems] == [
        "f:13:17: two systems have the id 'x' (first on line 12); ids must be different",
        "f:14:17: the system id 'no spaces' may use only letters, digits, '-', '_' and '.', and no spaces",
    ]


_TINY = """\
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


def test_a_saved_file_always_reopens_even_with_names_the_reader_refuses():
    a = loads(_TINY + "systems:\n- name: Alpha\n")
    a.systems[0].name = "Core\x0bBanking"  # as PowerPoint pastes it
    a.systems.append(System("core  banking"))
    a.systems.append(System("\u200b"))
    a.title = "Review \x1b]0;x\x07 notes"
    b = loads(dumps(a))
    assert b.system_names() == ["Core Banking", "core  banking (2)", "System 3"]
    assert b.title == "Review ]0;x notes"
    assert b.system_by_id(a.systems[0].id).name == "Core Banking"


def test_writing_the_systems_in_chunks_gives_the_same_text(sample_path, monkeypatch):
    from gapradar.io import yaml_format

    a = load(sample_path)
    whole = dumps(a, dumper=yaml_format._PyDumper)
    for size in (1, 3, 40):
        monkeypatch.setattr(yaml_format, "RATINGS_PER_CHUNK", size)
        assert dumps(a) == whole
