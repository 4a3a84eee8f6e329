"""A maturity model: the practices (the radar's axes) and the named levels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from gapradar.domain.names import name_key, name_problem

MIN_PRACTICES = 3
MIN_LEVELS = 2
MAX_PRACTICES = 500
MAX_LEVELS = 100
MAX_SCORE = 1000
CONFIDENCE = ("claimed", "evidenced", "verified")  # the words unless a model says otherwise
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


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
class RuleBreak:
    """A rule of the model that does not hold, and what it is about.

    `subject` is the practice or level at fault (None: the model's list as a
    whole), `field` the key it is about ("id", "name", "score", or "practices" /
    "levels" for the list), `first` the earlier item it clashes with; readers
    turn these into a line and column in their file.
    """

    message: str
    subject: Practice | Level | None = None
    field: str = ""
    first: Practice | Level | None = None


@dataclass(frozen=True)
class MaturityModel:
    """Ordered practices and ordered levels; order is the radar's order."""

    title: str
    practices: tuple[Practice, ...]
    levels: tuple[Level, ...]
    description: str = ""
    links: tuple[Link, ...] = field(default_factory=tuple)
    # How well a current level is backed, weakest first: drawn hollow, filled and ringed on the chart.
    confidence: tuple[str, ...] = CONFIDENCE

    def __post_init__(self) -> None:
        # Sorting once here means every consumer can rely on ascending scores.
        object.__setattr__(self, "levels", tuple(sorted(self.levels, key=lambda lv: lv.score)))

    def problems(self) -> list[RuleBreak]:
        """Every rule the model breaks: enough practices and levels, ids and names and scores distinct."""
        found: list[RuleBreak] = []
        if len(self.practices) < MIN_PRACTICES:
            found.append(
                RuleBreak(
                    f"a radar needs at least {MIN_PRACTICES} practices; this model has {len(self.practices)}",
                    field="practices",
                )
            )
        if len(self.practices) > MAX_PRACTICES:
            found.append(
                RuleBreak(
                    f"this model has {len(self.practices)} practices; gapradar draws at most {MAX_PRACTICES}",
                    field="practices",
                )
            )
        if len(self.levels) < MIN_LEVELS:
            found.append(
                RuleBreak(
                    f"the model needs at least {MIN_LEVELS} levels, not {len(self.levels)}", field="levels"
                )
            )
        if len(self.levels) > MAX_LEVELS:
            found.append(
                RuleBreak(
                    f"this model has {len(self.levels)} levels; gapradar allows at most {MAX_LEVELS}",
                    field="levels",
                )
            )
        ids: dict[str, Practice] = {}
        practice_names: dict[str, Practice] = {}
        for p in self.practices:
            if not ID_PATTERN.match(p.id):
                found.append(
                    RuleBreak(
                        f"the practice id {p.id[:60]!r} may use only letters, digits, '-', '_' and '.', "
                        "and no spaces (at most 100 characters)",
                        p,
                        "id",
                    )
                )
            elif p.id in ids:
                found.append(
                    RuleBreak(
                        f"two practices have the id {p.id!r}; ids must be different", p, "id", ids[p.id]
                    )
                )
            else:
                ids[p.id] = p
            _check_name(found, p, "practice", practice_names)
        scores: dict[int, Level] = {}
        level_names: dict[str, Level] = {}
        for lv in self.levels:
            if abs(lv.score) > MAX_SCORE:
                found.append(
                    RuleBreak(
                        f"the score {_number(lv.score)} is out of range; a level's score is between "
                        f"-{MAX_SCORE} and {MAX_SCORE}",
                        lv,
                        "score",
                    )
                )
            elif lv.score in scores:
                found.append(
                    RuleBreak(
                        f"two levels have the score {lv.score}; scores must be different",
                        lv,
                        "score",
                        scores[lv.score],
                    )
                )
            else:
                scores[lv.score] = lv
            _check_name(found, lv, "level", level_names)
        found.extend(confidence_problems(self.confidence))
        return found

    def confidence_word(self, index: int | None) -> str:
        """The word for a confidence mark ("" for none or a mark the model has no word for)."""
        if index is None or not 0 <= index < len(self.confidence):
            return ""
        return self.confidence[index]

    def confidence_index(self, word: str) -> int | None:
        """The mark a word names (case, spacing and invisible characters do not count), or None."""
        key = name_key(word)
        return next((i for i, w in enumerate(self.confidence) if name_key(w) == key), None)

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


def confidence_problems(words: tuple[str, ...]) -> list[RuleBreak]:
    """Three different words, weakest first: the chart draws exactly three kinds of marker."""
    if len(words) != len(CONFIDENCE):
        return [
            RuleBreak(
                f"the confidence words are {len(CONFIDENCE)} (weakest first, e.g. "
                f"{', '.join(CONFIDENCE)}), not {len(words)}",
                field="confidence",
            )
        ]
    found: list[RuleBreak] = []
    seen: set[str] = set()
    for word in words:
        problem = name_problem(word)
        if problem is not None:
            found.append(RuleBreak(f"the confidence word {word[:60]!r} {problem}", field="confidence"))
        elif name_key(word) in seen:
            found.append(
                RuleBreak(
                    f"two confidence words are {word[:60]!r}; they must be different", field="confidence"
                )
            )
        seen.add(name_key(word))
    return found


_Named = TypeVar("_Named", Practice, Level)


def _check_name(found: list[RuleBreak], item: _Named, kind: str, seen: dict[str, _Named]) -> None:
    problem = name_problem(item.name)
    if problem is not None:
        found.append(RuleBreak(f"the {kind} name {item.name[:60]!r} {problem}", item, "name"))
        return
    key = name_key(item.name)
    if key in seen:
        found.append(
            RuleBreak(
                f"two {kind}s are named {item.name[:60]!r}; {kind} names must be different "
                "(case, spacing and invisible characters do not count)",
                item,
                "name",
                seen[key],
            )
        )
    else:
        seen[key] = item


def _number(value: int) -> str:
    """A number as a message shows it: huge ones by their size (str() refuses past 4,300 digits)."""
    if abs(value) < 10**12:
        return str(value)
    return f"(a {int(value.bit_length() * 0.30103) + 1:,}-digit number)"
