"""An assessment: systems rated against a model, current and target per practice."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gapradar.domain.model import MaturityModel


@dataclass(frozen=True)
class Rating:
    """Where a system stands on one practice and where it wants to be.

    None means "not assessed yet", which is not the same as the lowest level.
    """

    current: int | None = None
    target: int | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return self.current is None and self.target is None and not self.note


EMPTY_RATING = Rating()


@dataclass
class System:
    """Something being assessed: an application, a team, a business unit.

    Only non-empty ratings are stored, so two systems compare equal whatever way
    their unrated practices were written in a file.
    """

    name: str
    ratings: dict[str, Rating] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ratings = {pid: r for pid, r in self.ratings.items() if not r.is_empty}

    def rating(self, practice_id: str) -> Rating:
        return self.ratings.get(practice_id, EMPTY_RATING)

    def set_rating(self, practice_id: str, rating: Rating) -> None:
        if rating.is_empty:
            self.ratings.pop(practice_id, None)
        else:
            self.ratings[practice_id] = rating

    def has_ratings(self) -> bool:
        return bool(self.ratings)

    def copy(self, name: str | None = None) -> System:
        return System(self.name if name is None else name, dict(self.ratings))


@dataclass
class Assessment:
    """The whole document: the model plus the systems rated against it."""

    model: MaturityModel
    title: str = ""
    systems: list[System] = field(default_factory=list)
    systems_label: str = "Systems"
    description: str = ""

    def system(self, name: str) -> System:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def system_names(self) -> list[str]:
        return [s.name for s in self.systems]

    def index_of(self, name: str) -> int:
        return self.system_names().index(name)

    def unique_name(self, base: str) -> str:
        """`base`, or `base (2)`, `base (3)`… so new systems never clash."""
        names = set(self.system_names())
        if base not in names:
            return base
        n = 2
        while f"{base} ({n})" in names:
            n += 1
        return f"{base} ({n})"

    def with_level(self, system: str, practice_id: str, which: str, score: int | None) -> Rating:
        """The rating that setting `which` ("current"/"target") to `score` would give."""
        if which not in ("current", "target"):
            raise ValueError(which)
        return replace(self.system(system).rating(practice_id), **{which: score})
