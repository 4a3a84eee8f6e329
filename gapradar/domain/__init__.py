"""The nouns and the arithmetic of gap analysis, in pure Python (no Qt, no I/O)."""

from gapradar.domain.analysis import (
    AVERAGE_NAME,
    GapEntry,
    Means,
    PracticeAverage,
    gap,
    practice_averages,
    prioritised_gaps,
    system_means,
)
from gapradar.domain.assessment import Assessment, Rating, System
from gapradar.domain.model import Level, Link, MaturityModel, Practice
from gapradar.domain.votes import Votes

__all__ = [
    "AVERAGE_NAME",
    "Assessment",
    "GapEntry",
    "Level",
    "Link",
    "MaturityModel",
    "Means",
    "Practice",
    "PracticeAverage",
    "Rating",
    "System",
    "Votes",
    "gap",
    "practice_averages",
    "prioritised_gaps",
    "system_means",
]
