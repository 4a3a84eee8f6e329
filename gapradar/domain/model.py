"""A maturity model: the practices (the radar's axes) and the named levels."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Level:
    """One rung of the maturity ladder; files and ratings refer to it by score."""

    score: int
    name: str
    description: str = ""

    @property
    def label(self) -> str:
        """The way people read a level aloud: "2 – Quantitatively Managed"."""
        return f"{self.score} – {self.name}"


@dataclass(frozen=True)
class Practice:
    """One axis of the radar. The id is stable, so renaming never breaks ratings."""

    id: str
    name: str
    description: str = ""
    group: str = ""


@dataclass(frozen=True)
class Link:
    """A reference the model's authors point to (the original showed these on the page)."""

    title: str
    url: str


@dataclass(frozen=True)
class MaturityModel:
    """Ordered practices and ordered levels; order is the radar's order."""

    title: str
    practices: tuple[Practice, ...]
    levels: tuple[Level, ...]
    description: str = ""
    links: tuple[Link, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Sorting once here means every consumer can rely on ascending scores.
        object.__setattr__(self, "levels", tuple(sorted(self.levels, key=lambda lv: lv.score)))

    @property
    def practice_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.practices)

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(lv.score for lv in self.levels)

    @property
    def min_score(self) -> int:
        return self.levels[0].score

    @property
    def max_score(self) -> int:
        return self.levels[-1].score

    def practice(self, practice_id: str) -> Practice:
        for p in self.practices:
            if p.id == practice_id:
                return p
        raise KeyError(practice_id)

    def practice_index(self, practice_id: str) -> int:
        return self.practice_ids.index(practice_id)

    def level(self, score: int | None) -> Level | None:
        """The level with this score, or None for "not assessed" or an unknown score."""
        if score is None:
            return None
        for lv in self.levels:
            if lv.score == score:
                return lv
        return None

    def level_label(self, score: int | None) -> str:
        lv = self.level(score)
        return lv.label if lv else "not assessed"

    def step(self, score: int | None, delta: int) -> int | None:
        """The level `delta` rungs above (or below) `score`, clamped to the model.

        Stepping up from "not assessed" starts at the lowest level; stepping down
        from the lowest level goes back to "not assessed".
        """
        scores = self.scores
        if score is None:
            return scores[0] if delta > 0 else None
        i = scores.index(score) + delta
        if i < 0:
            return None
        return scores[min(i, len(scores) - 1)]
