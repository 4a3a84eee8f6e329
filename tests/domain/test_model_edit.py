"""Model edits as pure functions: ratings follow practice ids, rules refuse broken models."""

from __future__ import annotations

import pytest

from gapradar.domain import Level, MaturityModel, Practice, Rating
from gapradar.domain.model_edit import (
    ModelRuleError,
    add_level,
    add_practice,
    change_practice,
    change_score,
    move_practice,
    remove_level,
    remove_practice,
)

MODEL = MaturityModel(
    "M",
    (Practice("a", "Alpha"), Practice("b", "Beta"), Practice("c", "Gamma")),
    (Level(0, "Low"), Level(1, "Mid"), Level(2, "High")),
)
RATINGS = {"S": {"a": Rating(0, 2), "b": Rating(1, 1)}}


def test_rename_keeps_the_id_and_so_the_ratings():
    edit = change_practice(MODEL, "a", name="  Alpha  prime ")
    assert edit.model.practice("a").name == "Alpha  prime"
    assert edit.ratings is None


def test_add_move_and_remove_practices():
    model = add_practice(MODEL, "Delta").model
    assert model.practice_ids == ("a", "b", "c", "delta")
    model = move_practice(model, "delta", 0).model
    assert model.practice_ids == ("delta", "a", "b", "c")
    edit = remove_practice(model, RATINGS, "a")
    assert edit.model.practice_ids == ("delta", "b", "c")
    assert edit.ratings == {"S": {"b": Rating(1, 1)}}


@pytest.mark.parametrize(
    "edit",
    [
        lambda: remove_practice(MODEL, RATINGS, "a"),  # would leave 2
        lambda: add_practice(MODEL, "alpha"),  # same name but for case
        lambda: add_practice(MODEL, "\u200b"),
        lambda: remove_level(remove_level(MODEL, {}, 2, None).model, {}, 1, None),  # would leave 1
        lambda: change_score(MODEL, {}, 0, 2),  # two levels scored 2
        lambda: add_level(MODEL, "Top", 5000),
    ],
)
def test_rules_refuse_broken_models(edit):
    with pytest.raises(ModelRuleError):
        edit()


def test_levels_move_their_ratings():
    edit = change_score(MODEL, RATINGS, 2, 3)
    assert edit.model.scores == (0, 1, 3)
    assert edit.ratings == {"S": {"a": Rating(0, 3), "b": Rating(1, 1)}}
    edit = remove_level(MODEL, RATINGS, 1, 0)
    assert edit.ratings == {"S": {"a": Rating(0, 2), "b": Rating(0, 0)}}
    edit = remove_level(MODEL, RATINGS, 1, None)
    assert edit.ratings == {"S": {"a": Rating(0, 2), "b": Rating(None, None)}}
    assert add_level(MODEL, "Top").model.levels[-1] == Level(3, "Top")


def test_the_rooms_votes_follow_their_levels():
    from gapradar.domain.votes import Votes

    ratings = {"S": {"a": Rating(1, 2, votes=Votes.of({0: 2, 1: 5, 2: 1}))}}
    moved = change_score(MODEL, ratings, 1, 5).ratings
    assert moved is not None and moved["S"]["a"].votes == Votes.of({0: 2, 5: 5, 2: 1})
    merged = remove_level(MODEL, ratings, 1, 0).ratings
    assert merged is not None and merged["S"]["a"].votes == Votes.of({0: 7, 2: 1})
    dropped = remove_level(MODEL, ratings, 1, None).ratings
    assert dropped is not None and dropped["S"]["a"].votes == Votes.of({0: 2, 2: 1}, unsure=5)
