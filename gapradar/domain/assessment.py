"""An assessment: systems rated against a model, current and target per practice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from gapradar.domain.model import MaturityModel
from gapradar.domain.names import Slugs, slug
from gapradar.domain.votes import Votes


@dataclass(frozen=True)
class Rating:
    """Where a system stands on one practice and where it wants to be.

    None means "not assessed yet", which is not the same as the lowest level.
    `votes` and `target_votes` are the room's votes when the level was agreed in a vote.

    `not_applicable`: the practice does not apply to this system at all, so it
    has neither a current nor a target level (one flag for both: what does not
    apply has nothing to reach either). A level wins over the flag: setting a
    level on a practice marked n/a makes it apply again, so no rating is ever
    both. `confidence` is how well the current level is backed: an index into
    the model's confidence words (0 claimed, 1 evidenced, 2 verified), None
    when nobody said; a practice that does not apply has none.
    """

    current: int | None = None
    target: int | None = None
    note: str = ""
    votes: Votes | None = None
    target_votes: Votes | None = None
    not_applicable: bool = False
    confidence: int | None = None

    def __post_init__(self) -> None:
        if self.not_applicable and (self.current is not None or self.target is not None):
            object.__setattr__(self, "not_applicable", False)
        if self.not_applicable and self.confidence is not None:
            object.__setattr__(self, "confidence", None)

    @property
    def is_empty(self) -> bool:
        return (
            self.current is None
            and self.target is None
            and not self.note
            and self.votes is None
            and self.target_votes is None
            and not self.not_applicable
            and self.confidence is None
        )

    def marked_not_applicable(self) -> Rating:
        """This rating for a practice that does not apply: no levels, no confidence; the note stays."""
        return replace(self, current=None, target=None, confidence=None, not_applicable=True)

    def spread(self) -> str:
        """The votes in words ("current: 7 votes, median 1, range 0–2"); empty without votes."""
        parts = [
            f"{which}: {v.summary()}"
            for which, v in (("current", self.votes), ("target", self.target_votes))
            if v is not None and v.total
        ]
        return "; ".join(parts)


EMPTY_RATING = Rating()


@dataclass
class System:
    """Something being assessed: an application, a team, a business unit.

    Only non-empty ratings are stored, so two systems compare equal whatever way
    their unrated practices were written in a file. The id is stable: renaming
    changes the name, never the id, so anything that points at a system by id
    (a saved selection, a round's votes) survives a rename. Left empty, it is
    made from the name.
    """

    name: str
    ratings: dict[str, Rating] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        self.ratings = {pid: r for pid, r in self.ratings.items() if not r.is_empty}
        if not self.id:
            self.id = slug(self.name, fallback="system")

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
        """The same ratings; under a new name it is a new system, with an id of its own."""
        if name is None:
            return System(self.name, dict(self.ratings), self.id)
        return System(name, dict(self.ratings))


class SystemList(list[System]):
    """The systems, in order; counts its changes so the name index knows when to rebuild.

    Renames change a System in place, not the list: lookups check the name they find.
    """

    version = 0

    def _changed(self) -> None:
        self.version += 1


def _counting(name: str) -> Callable[..., object]:
    method = getattr(list, name)

    def changed(self: SystemList, *args: Any, **kwargs: Any) -> object:
        self._changed()
        return method(self, *args, **kwargs)

    changed.__name__ = name
    return changed


for _name in (
    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
    "__setitem__", "__delitem__", "__iadd__", "__imul__",
):  # fmt: skip
    setattr(SystemList, _name, _counting(_name))


@dataclass
class Assessment:
    """The whole document: the model plus the systems rated against it."""

    model: MaturityModel
    title: str = ""
    systems: list[System] = field(default_factory=list)
    systems_label: str = "Systems"
    description: str = ""

    def __post_init__(self) -> None:
        self.systems = SystemList(self.systems)
        ensure_unique_ids(self.systems)
        self._by_name: dict[str, int] = {}
        self._by_id: dict[str, int] = {}
        self._indexed = -1
        self._indexed_list: SystemList | None = None

    def _index(self) -> SystemList:
        """The systems, with the name and id indexes up to date with the list (not with renames)."""
        systems = self.systems
        if not isinstance(systems, SystemList):  # a caller assigned a plain list
            systems = self.systems = SystemList(systems)
            self._indexed = -1
        if self._indexed != systems.version or self._indexed_list is not systems:
            self._rebuild(systems)
        return systems

    def _rebuild(self, systems: SystemList) -> None:
        by_name: dict[str, int] = {}
        by_id: dict[str, int] = {}
        for i, s in enumerate(systems):
            by_name.setdefault(s.name, i)
            by_id.setdefault(s.id, i)
        self._by_name, self._by_id = by_name, by_id
        self._indexed, self._indexed_list = systems.version, systems

    def _find(self, key: str, by: str) -> int:
        systems = self._index()
        for attempt in range(2):
            table = self._by_name if by == "name" else self._by_id
            i = table.get(key)
            if i is not None and i < len(systems) and getattr(systems[i], by) == key:
                return i
            if attempt == 0:
                self._rebuild(systems)  # renamed (or re-id'd) since the index was built
        raise KeyError(key)

    def snapshot(self) -> Assessment:
        """A copy that later edits cannot reach (saved on another thread while editing goes on).

        Systems and their rating dicts are copied; ratings and the model are immutable.
        """
        systems = [System(s.name, dict(s.ratings), s.id) for s in self.systems]
        return Assessment(self.model, self.title, systems, self.systems_label, self.description)

    def system(self, name: str) -> System:
        """The system called `name` (KeyError if none): a dictionary lookup, not a scan."""
        return self.systems[self._find(name, "name")]

    def system_by_id(self, system_id: str) -> System:
        return self.systems[self._find(system_id, "id")]

    def unique_id(self, base: str) -> str:
        """An id made from `base` that no system of this assessment has yet."""
        return slug(base, {s.id for s in self.systems}, fallback="system")

    def system_names(self) -> list[str]:
        return [s.name for s in self.systems]

    def index_of(self, name: str) -> int:
        try:
            return self._find(name, "name")
        except KeyError:
            raise ValueError(f"{name!r} is not a system") from None

    def unique_name(self, base: str) -> str:
        """`base`, or `base (2)`, `base (3)`… so new systems never clash."""
        names = set(self.system_names())
        if base not in names:
            return base
        n = 2
        while f"{base} ({n})" in names:
            n += 1
        return f"{base} ({n})"


def ensure_unique_ids(systems: list[System]) -> None:
    """Give a fresh id to every system whose id an earlier system already has."""
    seen: set[str] = set()
    clashing = []
    for s in systems:
        if s.id in seen:
            clashing.append(s)
        seen.add(s.id)
    slugs = Slugs(seen)
    for s in clashing:
        s.id = slugs.make(s.id, "system")
