"""An assessment: systems rated against a model, current and target per practice."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from gapradar.domain.model import MaturityModel
from gapradar.domain.names import Slugs, name_key, slug
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


RoundRatings = dict[str, dict[str, Rating]]  # system id -> practice id -> rating

FIRST_ROUND_LABEL = "Round 1"


@dataclass(eq=False)
class Round:
    """One moment of the assessment: every system's current, target and note on a date.

    The id is stable for the session (a relabelled round keeps it); the label is what
    people see and type (`--round LABEL`). `unlocked` lets an earlier round be edited;
    it is never saved, so every opened file starts with its past read-only.
    """

    label: str
    date: datetime.date | None = None
    ratings: RoundRatings = field(default_factory=dict)
    id: str = ""
    unlocked: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            self.id = slug(self.label, fallback="round")

    def __eq__(self, other: object) -> bool:
        """Same label, date and ratings; systems with nothing rated count as absent."""
        if not isinstance(other, Round):
            return NotImplemented
        return (self.id, self.label, self.date) == (other.id, other.label, other.date) and _rated(
            self.ratings
        ) == _rated(other.ratings)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the other dataclasses here


def _rated(ratings: RoundRatings) -> RoundRatings:
    return {sid: rs for sid, rs in ratings.items() if rs}


@dataclass(eq=False)
class Assessment:
    """The whole document: the model plus the systems rated against it, in one or more rounds.

    `rounds` are oldest first and never empty. Systems are shared by every round.
    `System.ratings` is the ratings of the round being shown: while a round is
    shown, each system's ratings dict is that round's entry for the system, so
    everything that reads or edits `system.ratings` works on the shown round.
    """

    model: MaturityModel
    title: str = ""
    systems: list[System] = field(default_factory=list)
    systems_label: str = "Systems"
    description: str = ""
    rounds: list[Round] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.systems = SystemList(self.systems)
        ensure_unique_ids(self.systems)
        if not self.rounds:  # a one-moment assessment: its systems' ratings are the round
            self.rounds = [Round(FIRST_ROUND_LABEL, ratings={s.id: s.ratings for s in self.systems})]
        ensure_unique_round_ids(self.rounds)
        self._shown = self.rounds[-1]
        self._bind()
        self._by_name: dict[str, int] = {}
        self._by_id: dict[str, int] = {}
        self._indexed = -1
        self._indexed_list: SystemList | None = None

    def __eq__(self, other: object) -> bool:
        """The same content, whichever round each shows."""
        if not isinstance(other, Assessment):
            return NotImplemented
        self._sync()
        other._sync()
        return (
            self.model == other.model
            and (self.title, self.systems_label, self.description)
            == (other.title, other.systems_label, other.description)
            and [(s.name, s.id) for s in self.systems] == [(s.name, s.id) for s in other.systems]
            and self.rounds == other.rounds
        )

    __hash__ = None  # type: ignore[assignment]

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

        Systems, rounds and their rating dicts are copied; ratings and the model are immutable.
        """
        self._sync()
        rounds = [
            Round(r.label, r.date, {sid: dict(rs) for sid, rs in r.ratings.items()}, r.id, r.unlocked)
            for r in self.rounds
        ]
        systems = [System(s.name, {}, s.id) for s in self.systems]
        copy = Assessment(self.model, self.title, systems, self.systems_label, self.description, rounds)
        copy.show_round(self._shown.id)
        return copy

    # ---------------------------------------------------------- rounds

    @property
    def shown(self) -> Round:
        """The round whose ratings `System.ratings` holds."""
        return self._shown

    @property
    def latest(self) -> Round:
        return self.rounds[-1]

    def round(self, round_id: str) -> Round:
        """The round with this id (KeyError if none)."""
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)

    def round_by_label(self, label: str) -> Round:
        key = name_key(label)
        for r in self.rounds:
            if name_key(r.label) == key:
                return r
        raise KeyError(label)

    def show_round(self, round_id: str | None) -> Round:
        """Make `System.ratings` the ratings of this round (None: the latest)."""
        wanted = self.latest if round_id is None else self.round(round_id)
        if wanted is not self._shown:
            self._sync()
            self._shown = wanted
            self._bind()
        return wanted

    def is_editable(self, r: Round | None = None) -> bool:
        """The latest round is always editable; an earlier one only once unlocked."""
        r = self._shown if r is None else r
        return r is self.latest or r.unlocked

    def ratings_of(self, r: Round) -> RoundRatings:
        """A round's ratings by system id, up to date with the systems if it is shown."""
        if r is self._shown:
            self._sync()
        return r.ratings

    def rating_in(self, r: Round, system_id: str, practice_id: str) -> Rating:
        """One rating of any round; levels the model no longer has read as not assessed."""
        if r is self._shown:
            try:
                return self.system_by_id(system_id).rating(practice_id)
            except KeyError:
                return EMPTY_RATING
        rating = r.ratings.get(system_id, {}).get(practice_id, EMPTY_RATING)
        scores = self.model.scores
        if (rating.current is not None and rating.current not in scores) or (
            rating.target is not None and rating.target not in scores
        ):
            return replace(
                rating,
                current=rating.current if rating.current in scores else None,
                target=rating.target if rating.target in scores else None,
            )
        return rating

    def unique_round_id(self, base: str) -> str:
        return slug(base, {r.id for r in self.rounds}, fallback="round")

    def add_round(self, r: Round, index: int | None = None) -> None:
        """Insert a round (by default as the latest); entries for unknown systems are dropped."""
        self._sync()
        ids = {s.id for s in self.systems}
        r.ratings = {sid: rs for sid, rs in r.ratings.items() if sid in ids}
        self.rounds.insert(len(self.rounds) if index is None else index, r)

    def remove_round(self, round_id: str) -> tuple[int, Round]:
        """Take a round out (never the last one); the shown round moves to the latest if it went."""
        if len(self.rounds) <= 1:
            raise ValueError("an assessment keeps at least one round")
        self._sync()
        r = self.round(round_id)
        index = self.rounds.index(r)
        self.rounds.pop(index)
        if r is self._shown:
            self._shown = self.latest
            self._bind()
        return index, r

    def carried_forward(self, label: str, date: datetime.date | None) -> Round:
        """A new round holding the latest round's levels, targets and notes (not its votes)."""
        latest = self.ratings_of(self.latest)
        ids = {s.id for s in self.systems}
        ratings = {
            sid: {pid: replace(r, votes=None, target_votes=None) for pid, r in rs.items()}
            for sid, rs in latest.items()
            if sid in ids
        }
        return Round(label, date, ratings, self.unique_round_id(label))

    def detach_system(self, system: System) -> dict[str, dict[str, Rating]]:
        """A system's ratings in every round (by round id), taken out of the rounds.

        The system keeps its shown ratings; `attach_system` puts all of them back (undo).
        """
        self._sync()
        return {r.id: r.ratings.pop(system.id) for r in self.rounds if system.id in r.ratings}

    def attach_system(self, system: System, by_round: dict[str, dict[str, Rating]] | None = None) -> None:
        """Give the rounds a system's ratings again (or, for a new system, the shown round its own)."""
        if by_round is None:  # a new system: its own ratings are the shown round's
            self._shown.ratings.setdefault(system.id, system.ratings)
        else:  # back from removal: each round gets its own again (its dict may be another round's)
            for r in self.rounds:
                if r.id in by_round:
                    r.ratings[system.id] = by_round[r.id]
            self._shown.ratings.setdefault(system.id, {})
        system.ratings = self._shown.ratings[system.id]

    def follow_rescored_levels(
        self, before: MaturityModel, after: MaturityModel, edited: Round | None = None
    ) -> None:
        """The other rounds follow a model edit that renumbered a level (found by its name).

        The edited round's ratings (by default the shown one's) come with the edit itself; a level removed from the
        model leaves the other rounds' ratings at it in place, read as not assessed
        (`rating_in`), so undoing the removal brings them back.
        """
        by_name = {name_key(lv.name): lv.score for lv in after.levels}
        moved = {
            lv.score: by_name[name_key(lv.name)]
            for lv in before.levels
            if by_name.get(name_key(lv.name), lv.score) != lv.score
        }
        if not moved:
            return
        self._sync()

        def move(score: int | None) -> int | None:
            return moved.get(score, score) if score is not None else None

        edited = self._shown if edited is None else edited  # its ratings came with the edit
        for r in self.rounds:
            if r is edited:
                continue
            for rs in r.ratings.values():
                for pid, rating in rs.items():
                    if rating.current in moved or rating.target in moved:
                        rs[pid] = replace(rating, current=move(rating.current), target=move(rating.target))

    def _bind(self) -> None:
        """Each system's ratings dict becomes the shown round's entry for it."""
        ratings = self._shown.ratings
        for s in self.systems:
            s.ratings = ratings.setdefault(s.id, {})

    def _sync(self) -> None:
        """The shown round's entries made the systems' ratings dicts again.

        A system appended to the list, or given a new dict (a model edit), is
        picked up here, so only adding back a removed system needs `attach_system`.
        """
        ratings = self._shown.ratings
        for s in self.systems:
            if ratings.get(s.id) is not s.ratings:
                ratings[s.id] = s.ratings

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
    _ensure_unique(systems, "system")


def ensure_unique_round_ids(rounds: list[Round]) -> None:
    _ensure_unique(rounds, "round")


def _ensure_unique(items: list[System] | list[Round], fallback: str) -> None:
    seen: set[str] = set()
    clashing = []
    for item in items:
        if item.id in seen:
            clashing.append(item)
        seen.add(item.id)
    slugs = Slugs(seen)
    for item in clashing:
        item.id = slugs.make(item.id, fallback)
