"""Practice averages kept between redraws, recomputed only for the practices an edit touched.

An edit changes one rating, so one practice's average; recomputing every
average over every system on every edit made an edit cost systems × practices
(a tenth of a second at 10,000 systems). The memo keeps a copy of each
system's ratings as last averaged: comparing a copy with the system's ratings
is a dictionary comparison in C that finds each rating identical (ratings are
immutable; an edit replaces one), so what changed is found without reading
every rating in Python. The arithmetic stays in analysis.practice_average.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter, eq, not_
from typing import Generic, TypeVar

from gapradar.domain.analysis import PracticeAverage, practice_average
from gapradar.domain.assessment import Assessment, Rating, System
from gapradar.domain.model import Practice
from gapradar.domain.rollup import PracticeRollup, practice_rollup, stored_ratings

_ratings = attrgetter("ratings")
T = TypeVar("T")


class _PracticeMemo(Generic[T]):
    """One figure per practice, recomputing only practices whose ratings changed since last time."""

    def __init__(self) -> None:
        self._practices: tuple[Practice, ...] = ()
        self._systems: list[System] = []  # held, so no other system can take one's id meanwhile
        self._ids: list[int] = []
        self._seen: list[dict[str, Rating]] = []  # each system's ratings as last averaged
        self._averages: list[T] = []

    def averages(self, assessment: Assessment, systems: Sequence[System] | None = None) -> list[T]:
        chosen = list(assessment.systems if systems is None else systems)
        practices = tuple(assessment.model.practices)
        ids = list(map(id, chosen))
        if (practices != self._practices or ids != self._ids) and not (
            systems is None and self._adopt(assessment, practices, ids)
        ):
            self._practices, self._systems, self._ids = practices, chosen, ids
            self._seen = [dict(r) for r in map(_ratings, chosen)]
            self._averages = [self._average(p, chosen) for p in practices]
            return list(self._averages)
        current = list(map(_ratings, chosen))
        changed = list(compress(range(len(chosen)), map(not_, map(eq, self._seen, current))))
        dirty: set[str] = set()
        for i in changed:
            old, new = self._seen[i], current[i]
            dirty.update(k for k in old.keys() | new.keys() if old.get(k) is not new.get(k))
            self._seen[i] = dict(new)
        for i, p in enumerate(practices):
            if p.id in dirty:
                self._averages[i] = self._average(p, chosen)
        return list(self._averages)

    def _average(self, practice: Practice, systems: list[System]) -> T:
        raise NotImplementedError

    def _adopt(self, assessment: Assessment, practices: tuple[Practice, ...], ids: list[int]) -> bool:
        """Start from figures computed ahead (see warm_rollups); False when there are none that fit."""
        return False

    def _take(self, other: _PracticeMemo[T]) -> None:
        self._practices, self._systems, self._ids = other._practices, other._systems, other._ids
        self._seen = list(other._seen)  # entries are replaced, never changed, so sharing them is safe
        self._averages = list(other._averages)


class AveragesMemo(_PracticeMemo[PracticeAverage]):
    """practice_averages(assessment), recomputing only practices whose ratings changed since last time."""

    def _average(self, practice: Practice, systems: list[System]) -> PracticeAverage:
        return practice_average(practice, [s.rating(practice.id) for s in systems])


class RollupMemo(_PracticeMemo[PracticeRollup]):
    """rollup(assessment, rule) for the radar's roll-up series, kept the same way; a new rule starts over."""

    def __init__(self) -> None:
        super().__init__()
        self.rule = ""

    def rollups(
        self, assessment: Assessment, rule: str, systems: Sequence[System] | None = None
    ) -> list[PracticeRollup]:
        if rule != self.rule:
            self.rule, self._practices = rule, ()  # every practice computed again
        return self.averages(assessment, systems)

    def _average(self, practice: Practice, systems: list[System]) -> PracticeRollup:
        return practice_rollup(practice, stored_ratings(systems, practice.id), self.rule)

    def _adopt(self, assessment: Assessment, practices: tuple[Practice, ...], ids: list[int]) -> bool:
        kept = _warm.get(id(assessment))
        warm = kept[1] if kept is not None and kept[0]() is assessment else None
        if warm is None or warm.rule != self.rule or warm._practices != practices or warm._ids != ids:
            return False
        self._take(warm)
        return True


# By the assessment's id, checked by a weak reference: figures live no longer than their assessment.
_warm: dict[int, tuple[weakref.ref[Assessment], RollupMemo]] = {}


def warm_rollups(assessment: Assessment, rule: str) -> None:
    """Compute every practice's roll-up under `rule` now (on the thread that read the file).

    A memo that meets this assessment later starts from these figures, checking
    only what changed since: at 10,000 systems the first roll-up costs ~0.4 s,
    which the window would otherwise pay as a freeze when the file opens.
    """
    memo = RollupMemo()
    memo.rollups(assessment, rule)
    key = id(assessment)
    _warm[key] = (weakref.ref(assessment), memo)
    weakref.finalize(assessment, _warm.pop, key, None)
