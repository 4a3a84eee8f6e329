"""Room votes kept with the rating: written, read back, refused when wrong, exported in the CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from gapradar import bundled
from gapradar.domain import Votes
from gapradar.io.csv_tables import scores_table
from gapradar.io.errors import LoadError
from gapradar.io.yaml_format import dumps, loads


def _with_votes():
    a = loads(bundled.sample_path().read_text(encoding="utf-8"))
    pid = a.model.practices[0].id
    s = next(s for s in a.systems if not s.rating(pid).note)  # a one-line rating
    s.set_rating(pid, replace(s.rating(pid), current=1, votes=Votes.of({0: 1, 1: 4, 2: 2}, unsure=1)))
    return a, s.name, pid


def test_files_without_votes_are_written_byte_identical() -> None:
    text = bundled.sample_path().read_text(encoding="utf-8")
    assert dumps(loads(text)) == text


def test_votes_round_trip_as_counts_per_level() -> None:
    a, name, pid = _with_votes()
    text = dumps(a)
    assert f"{pid}: {{current: 1, target: " in text and "votes: {0: 1, 1: 4, 2: 2, not sure: 1}}" in text
    back = loads(text).system(name).rating(pid)
    assert back.votes == Votes(((0, 1), (1, 4), (2, 2)), 1)
    assert back.spread() == "current: 8 votes, median 1, range 0–2, 1 not sure"
    assert dumps(loads(text)) == text


@pytest.mark.parametrize(
    ("bad", "says"),
    [("{9: 1}", "counted per level score"), ("{1: -4}", "between 0"), ("{x: 1}", "counted per level score")],
)
def test_bad_votes_are_located_errors(bad: str, says: str) -> None:
    a, _, _ = _with_votes()
    text = dumps(a).replace("{0: 1, 1: 4, 2: 2, not sure: 1}", bad)
    with pytest.raises(LoadError) as e:
        loads(text)
    assert says in str(e.value)


def test_csv_has_the_spread_only_when_there_are_votes() -> None:
    a, name, pid = _with_votes()
    rows = list(csv.reader(io.StringIO(_csv(scores_table(a)))))
    assert rows[0][-2:] == ["Current votes", "Target votes"]
    row = next(r for r in rows if r[0] == name and r[1] == pid)
    assert row[-2] == "8 votes, median 1, range 0–2, 1 not sure"
    plain = loads(bundled.sample_path().read_text(encoding="utf-8"))
    assert "Current votes" not in scores_table(plain)[0]


def _csv(table) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(table)
    return out.getvalue()


def test_summary_words() -> None:
    assert Votes.of({2: 5}).summary() == "5 votes, median 2, all agree"
    assert Votes.of({}, 1).summary() == "1 vote, 1 not sure"
    assert Votes.of({0: 1, 3: 1}).median_level() == 0


def test_votes_for_a_level_the_model_lost_are_left_out_so_the_file_reopens() -> None:
    a, name, pid = _with_votes()
    s = a.system(name)
    s.set_rating(pid, replace(s.rating(pid), votes=Votes.of({1: 2, 42: 3})))
    assert loads(dumps(a)).system(name).rating(pid).votes == Votes(((1, 2),), 0)
