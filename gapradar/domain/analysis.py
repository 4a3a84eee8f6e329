"""Gap arithmetic: per rating, per system, per practice, and the prioritised list."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from gapradar.domain.assessment import Assessment, Rating, System
from gapradar.domain.model import Practice

AVERAGE_NAME = "Average – all systems"


def gap(rating: Rating) -> int | None:
    """Target minus current; None unless both are assessed (never for a practice that does not apply)."""
    if rating.current is None or rating.target is None:
        return None
    return rating.target - rating.current


def _mean(values: list[int]) -> float | None:
    return fmean(values) if values else None


@dataclass(frozen=True)
class Means:
    """Means over the assessed values only: "not assessed" and "not applicable" never count as a level."""

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


@dataclass(frozen=True)
class ConfidenceCount:
    """How well the current levels are backed: of the ratings with a current level, how many carry each mark."""

    rated: int  # ratings with a current level
    marks: tuple[int, ...]  # per confidence word, weakest first

    @property
    def any(self) -> bool:
        return any(self.marks)

    def at_least(self, index: int) -> int:
        return sum(self.marks[index:])


def confidence_count(assessment: Assessment, systems: list[System] | None = None) -> ConfidenceCount:
    words = len(assessment.model.confidence)
    chosen = assessment.systems if systems is None else systems
    marks = [0] * words
    rated = 0
    for s in chosen:
        for p in assessment.model.practices:
            r = s.rating(p.id)
            if r.current is None:
                continue
            rated += 1
            if r.confidence is not None and 0 <= r.confidence < words:
                marks[r.confidence] += 1
    return ConfidenceCount(rated, tuple(marks))


def confidence_summary(words: tuple[str, ...], count: ConfidenceCount, unit: str = "practices") -> str:
    """ "7 of 12 practices evidenced, 3 of them verified; 2 claimed": "" when nothing is marked.

    The middle word counts every level at least that well backed (verified is evidenced too).
    """
    if not count.any or len(words) < 3:
        return ""
    text = f"{count.at_least(1)} of {count.rated} {unit} {words[1]}"
    if count.marks[2]:
        text += f", {count.marks[2]} of them {words[2]}"
    if count.marks[0]:
        text += f"; {count.marks[0]} {words[0]}"
    return text


def not_applicable_practices(assessment: Assessment, systems: list[System] | None = None) -> list[Practice]:
    """The practices that apply to none of `systems` (every one marked n/a), in model order."""
    chosen = assessment.systems if systems is None else systems
    if not chosen:
        return []
    return [p for p in assessment.model.practices if all(s.rating(p.id).not_applicable for s in chosen)]
