"""Practice averages kept between redraws, recomputed only for the practices an edit touched.

An edit changes one rating, so one practice's average; recomputing every
average over every system on every edit made an edit cost systems × practices.
Ratings are immutable and an edit replaces one, so a practice's column of
ratings compares equal to the one last seen by identity, at C speed, unless
it holds the edited rating. The arithmetic stays in analysis.practice_average.
"""

from __future__ import annotations

from collections.abc import Sequence

from gapradar.domain.analysis import PracticeAverage, practice_average
from gapradar.domain.assessment import EMPTY_RATING, Assessment, Rating, System
from gapradar.domain.model import Practice


class AveragesMemo:
    """practice_averages(assessment), remembering each practice's column of ratings and its average."""

    def __init__(self) -> None:
        self._memo: dict[str, tuple[Practice, tuple[Rating | None, ...], PracticeAverage]] = {}

    def averages(
        self, assessment: Assessment, systems: Sequence[System] | None = None
    ) -> list[PracticeAverage]:
        chosen = assessment.systems if systems is None else systems
        practices = assessment.model.practices
        ids = [p.id for p in practices]
        rows = [tuple(map(s.ratings.get, ids)) for s in chosen]
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(ids)
        result = []
        memo: dict[str, tuple[Practice, tuple[Rating | None, ...], PracticeAverage]] = {}
        for p, column in zip(practices, columns, strict=True):
            seen = self._memo.get(p.id)
            if seen is not None and seen[0] == p and seen[1] == column:
                average = seen[2]
            else:
                average = practice_average(p, [EMPTY_RATING if r is None else r for r in column])
            memo[p.id] = (p, column, average)
            result.append(average)
        self._memo = memo  # only the practices of this model: nothing piles up
        return result
