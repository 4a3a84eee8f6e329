"""The corpus of broken files: every one is refused with a located, plain message."""

from pathlib import Path

import pytest

from gapradar.io import LoadError, load, loads

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# file -> [(line, column, words the message must contain), ...]
EXPECTED = {
    "bad-yaml.yaml": [(16, 1, "not valid YAML")],
    "binary.yaml": [(1, 1, "binary file")],
    "complex-key.yaml": [(15, 9, "must be a plain word")],
    "control-character.yaml": [(15, 39, "U+0007")],
    "duplicate-key.yaml": [(15, 27, "duplicate key 'current'")],
    "duplicate-model-ids.yaml": [
        (6, 15, "two levels have the score 0"),
        (9, 12, "two practices have the id 'build'"),
        (10, 12, "may use only letters"),
    ],
    "duplicate-system.yaml": [(15, 11, "two systems are named 'Alpha' (first on line 13)")],
    "empty.yaml": [(1, 1, "the file is empty")],
    "latin1.yaml": [(2, 11, "not UTF-8")],
    "level-by-name.yaml": [(15, 24, "use 1 for 'Managed'")],
    "level-out-of-range.yaml": [
        (15, 24, "level 5 is not a level of this model; allowed: 0 (Initial), 1 (Managed)")
    ],
    "list-for-mapping.yaml": [(3, 3, "the model must be a mapping")],
    "mapping-for-list.yaml": [(13, 3, "systems must be a list")],
    "missing-name.yaml": [(13, 5, "missing the key 'name'")],
    "newer-version.yaml": [(1, 11, "newer than this gapradar understands")],
    "no-version.yaml": [(1, 1, "missing the key 'gapradar'")],
    "only-comment.yaml": [(1, 1, "the file is empty")],
    "python-tag.yaml": [(15, 14, "is not allowed")],
    "recursive-alias.yaml": [(14, 14, "the alias *s is inside the value it repeats")],
    "scalar-document.yaml": [(1, 1, "the file must be a mapping")],
    "several-problems.yaml": [
        (15, 24, "found the decimal number 1.5"),
        (16, 22, "found the yes/no value true"),
        (17, 15, "the rating for 'deploy' must be a mapping"),
    ],
    "too-few-practices.yaml": [(8, 5, "at least 3 practices")],
    "unknown-key.yaml": [(14, 5, "unknown key 'ratngs' in a system (did you mean 'ratings'?)")],
    "unknown-practice.yaml": [(16, 7, "unknown practice id 'tset' (did you mean 'test'?)")],
    "wrong-type.yaml": [(15, 24, "found the text 'two'")],
    "lookalike-names.yaml": [
        (14, 11, "two systems are named 'Café' (first on line 13)"),
        (16, 11, "two systems are named 'core banking' (first on line 15)"),
    ],
    "invisible-and-control-names.yaml": [
        (13, 11, "a system's name contains the control character U+000B"),
        (14, 11, "a system's name shows nothing"),
    ],
    "score-out-of-range.yaml": [(7, 15, "the score 5000 is out of range")],
    "merge-key.yaml": [(14, 5, "merge keys ('<<') are not supported")],
    "nested-keys.yaml": [(34, 65, "the file is nested too deeply here")],
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_refused_with_located_messages(name):
    path = CORPUS / name
    with pytest.raises(LoadError) as info:
        load(path)
    problems = info.value.problems
    assert len(problems) == len(EXPECTED[name]), [str(p) for p in problems]
    for p, (line, col, words) in zip(problems, EXPECTED[name], strict=True):
        assert (p.line, p.column) == (line, col), str(p)
        assert words in p.message
        assert str(p).startswith(f"{path}:{line}:{col}: ")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(LoadError, match="cannot read the file"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(LoadError, match="a folder"):
        load(tmp_path)


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    import gapradar.io.yaml_format as yf

    monkeypatch.setattr(yf, "MAX_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text("gapradar: 1\n" + "# padding\n" * 200)
    with pytest.raises(LoadError, match="reads files up to"):
        load(big)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "gapradar: 1\nmodel: " + "{a: " * 50_000 + "}" * 50_000,
        "".join(" " * i + "- \n" for i in range(3000)),
    ],
)
def test_deep_nesting_is_a_message_not_a_crash(text):
    with pytest.raises(LoadError) as info:
        loads(text)
    assert "nested too deeply" in info.value.problems[0].message


def test_utf16_with_bom_is_read(tmp_path, sample_path):
    p = tmp_path / "utf16.yaml"
    p.write_bytes(sample_path.read_text(encoding="utf-8").encode("utf-16"))
    assert load(p) == load(sample_path)


def test_all_problems_are_collected_before_failing():
    text = (CORPUS / "several-problems.yaml").read_text()
    with pytest.raises(LoadError) as info:
        loads(text, "x.yaml")
    assert str(info.value).count("x.yaml:") == 3
