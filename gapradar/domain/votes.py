"""A room's votes on one rating: how many chose each level, and how many were not sure.

Kept with the rating so the spread survives the workshop: "7 votes, median 1,
range 0–2" in the table, the guide, the CSV and the file. Names are never kept:
the file records counts only.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Votes:
    counts: tuple[tuple[int, int], ...] = ()  # (level score, how many), ascending scores, counts > 0
    unsure: int = 0  # "not sure": counted, never part of the median or range

    @staticmethod
    def of(counts: dict[int, int], unsure: int = 0) -> Votes:
        return Votes(tuple(sorted((s, n) for s, n in counts.items() if n > 0)), max(0, unsure))

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts) + self.unsure

    def scores(self) -> list[int]:
        return [s for s, n in self.counts for _ in range(n)]

    def median(self) -> float | None:
        values = self.scores()
        return statistics.median(values) if values else None

    def median_level(self) -> int | None:
        """The median as a level someone voted for: the lower middle when the middle falls between."""
        values = self.scores()
        return statistics.median_low(values) if values else None

    def range(self) -> tuple[int, int] | None:
        return (self.counts[0][0], self.counts[-1][0]) if self.counts else None

    def summary(self) -> str:
        """ "7 votes, median 1, range 0–2" (and "1 not sure"); what the table, guide and CSV say."""
        n = self.total
        parts = [f"{n} vote{'s' if n != 1 else ''}"]
        median, span = self.median(), self.range()
        if median is not None and span is not None:
            parts.append(f"median {median:g}")
            parts.append(f"range {span[0]}–{span[1]}" if span[0] != span[1] else "all agree")
        if self.unsure:
            parts.append(f"{self.unsure} not sure")
        return ", ".join(parts)
