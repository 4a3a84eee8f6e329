"""Gap arithmetic: per rating, per system, per practice, and the prioritised list."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from gapradar.domain.assessment import Assessment, Rating, System
from gapradar.domain.model import Practice

AVERAGE_NAME = "Average – all systems"


def gap(rating: Rating) -> int | None:
    """Target minus current; None unless both are assessed."""
    if rating.current is None or rating.target is None:
        return None
    return rating.target - rating.current


def _mean(values: list[int]) -> float | None:
    return fmean(values) if values else None


@dataclass(frozen=True)
class Means:
    """Means over the assessed values only: "not assessed" never counts as a level."""

    current: float | None
    target: float | None
    gap: float | None


def system_means(assessment: Assessment, system: System) -> Means:
    ratings = [system.rating(p.id) for p in assessment.model.practices]
    return _means(ratings)


def _means(ratings: list[Rating]) -> Means:
    gaps = [g for g in (gap(r) for r in ratings) if g is not None]
    return Means(
        current=_mean([r.current for r in ratings if r.current is not None]),
        target=_mean([r.target for r in ratings if r.target is not None]),
        gap=_mean(gaps),
    )


@dataclass(frozen=True)
class PracticeAverage:
    """One practice's mean over the systems assessed on it ("Average – all systems")."""

    practice: Practice
    current: float | None
    target: float | None
    gap: float | None
    assessed: int


def practice_averages(assessment: Assessment, systems: list[System] | None = None) -> list[PracticeAverage]:
    chosen = assessment.systems if systems is None else systems
    return [practice_average(p, [s.rating(p.id) for s in chosen]) for p in assessment.model.practices]


def practice_average(practice: Practice, ratings: list[Rating]) -> PracticeAverage:
    """One practice's average over its ratings, one per system (see domain.averages_memo)."""
    m = _means(ratings)
    assessed = sum(1 for r in ratings if r.current is not None)
    return PracticeAverage(practice, m.current, m.target, m.gap, assessed)


@dataclass(frozen=True)
class GapEntry:
    system: str
    practice: Practice
    current: int
    target: int

    @property
    def gap(self) -> int:
        return self.target - self.current


def prioritised_gaps(assessment: Assessment, system: System | None = None) -> list[GapEntry]:
    """Every gap still to close (target above current), largest first.

    Ties keep model order: practice order first, then the systems' order, so the
    list reads like the radar.
    """
    chosen = assessment.systems if system is None else [system]
    entries: list[tuple[int, int, int, GapEntry]] = []
    for pi, p in enumerate(assessment.model.practices):
        for si, s in enumerate(chosen):
            r = s.rating(p.id)
            if r.current is not None and r.target is not None and r.target > r.current:
                entries.append((r.current - r.target, pi, si, GapEntry(s.name, p, r.current, r.target)))
    entries.sort(key=lambda e: e[:3])
    return [e[3] for e in entries]
