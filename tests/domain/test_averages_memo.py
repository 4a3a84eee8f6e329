"""The remembered averages are practice_averages, and an edit recomputes only the practice it touched."""

from __future__ import annotations

import random

from gapradar.domain import (
    Assessment,
    Level,
    MaturityModel,
    Practice,
    Rating,
    System,
    averages_memo,
    practice_averages,
)
from gapradar.domain.averages_memo import AveragesMemo


def portfolio(systems: int = 30, practices: int = 6, seed: int = 1) -> Assessment:
    rnd = random.Random(seed)
    levels = tuple(Level(s, f"Level {s}") for s in (0, 1, 3, 4))
    model = MaturityModel("M", tuple(Practice(f"p{i}", f"P {i}") for i in range(practices)), levels)
    scores = [None, 0, 1, 3, 4]
    rows = [
        System(f"S{j}", {f"p{i}": Rating(rnd.choice(scores), rnd.choice(scores)) for i in range(practices)})
        for j in range(systems)
    ]
    return Assessment(model, "T", rows, "Systems")


def test_after_every_kind_of_change_the_memo_agrees_with_practice_averages():
    a = portfolio()
    memo = AveragesMemo()
    rnd = random.Random(7)
    assert memo.averages(a) == practice_averages(a)
    for step in range(60):
        s = rnd.choice(a.systems)
        kind = step % 4
        if kind == 0:
            s.set_rating(rnd.choice(["p0", "p3"]), Rating(rnd.choice([None, 0, 4]), rnd.choice([None, 1, 3])))
        elif kind == 1:
            a.systems.append(System(f"New {step}", {"p1": Rating(3, 4)}))
        elif kind == 2 and len(a.systems) > 5:
            a.systems.remove(s)
        else:
            s.set_rating("p2", Rating())  # cleared: no longer assessed
        assert memo.averages(a) == practice_averages(a)
    chosen = a.systems[:4]
    assert memo.averages(a, chosen) == practice_averages(a, chosen)


def test_an_edit_recomputes_only_the_practice_it_touched(monkeypatch):
    a = portfolio(systems=200)
    memo = AveragesMemo()
    memo.averages(a)
    computed: list[str] = []
    original = averages_memo.practice_average

    def counting(practice, ratings):
        computed.append(practice.id)
        return original(practice, ratings)

    monkeypatch.setattr(averages_memo, "practice_average", counting)
    a.systems[17].set_rating("p4", Rating(0, 4))
    assert memo.averages(a) == practice_averages(a)
    assert computed == ["p4"]
    computed.clear()
    memo.averages(a)
    assert computed == []
