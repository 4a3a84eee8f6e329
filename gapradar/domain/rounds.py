"""What moved between two rounds: deltas and progress to target, per practice and per system.

Progress is `(now − then) / (target − then)`: the share of the way from where a
rating stood at the baseline to its target that has been covered since. It is
defined only when then, now and target are all assessed and the target is not
where the rating already stood; otherwise it is None. Not assessed never counts
as zero: a practice assessed in only one of the two rounds has no delta.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from gapradar.domain.assessment import Assessment, Rating, Round


@dataclass(frozen=True)
class Change:
    """One rating compared across two rounds."""

    then: Rating
    now: Rating

    @property
    def delta(self) -> int | None:
        """now − then for the current level; None unless both are assessed."""
        if self.then.current is None or self.now.current is None:
            return None
        return self.now.current - self.then.current

    @property
    def target(self) -> int | None:
        """The target the progress is measured to: the current round's, else the baseline's."""
        return self.now.target if self.now.target is not None else self.then.target

    @property
    def progress(self) -> float | None:
        return progress(self.then.current, self.now.current, self.target)


def progress(then: int | None, now: int | None, target: int | None) -> float | None:
    """(now − then) / (target − then), or None where that is undefined."""
    if then is None or now is None or target is None or target == then:
        return None
    return (now - then) / (target - then)


def change(a: Assessment, baseline: Round, current: Round, system_id: str, practice_id: str) -> Change:
    return Change(a.rating_in(baseline, system_id, practice_id), a.rating_in(current, system_id, practice_id))


def changes(a: Assessment, baseline: Round, current: Round, system_id: str) -> dict[str, Change]:
    """Every practice of one system, in the model's order."""
    return {p.id: change(a, baseline, current, system_id, p.id) for p in a.model.practices}


@dataclass(frozen=True)
class SystemProgress:
    """A system's movement over its practices: mean delta, and progress over the practices where defined.

    `progress` sums the steps taken over the steps that were to take,
    Σ(now − then) / Σ(target − then), over the practices whose target was above
    where they stood then (and that are assessed in both rounds), so a practice
    with a long way to go weighs more than one a step away.
    """

    mean_delta: float | None
    progress: float | None
    moved_up: int
    moved_down: int


def system_progress(a: Assessment, baseline: Round, current: Round, system_id: str) -> SystemProgress:
    cs = changes(a, baseline, current, system_id).values()
    deltas = [c.delta for c in cs if c.delta is not None]
    taken = to_take = 0
    for c in cs:
        then, now, target = c.then.current, c.now.current, c.target
        if then is not None and now is not None and target is not None and target > then:
            taken += now - then
            to_take += target - then
    return SystemProgress(
        mean_delta=fmean(deltas) if deltas else None,
        progress=taken / to_take if to_take else None,
        moved_up=sum(1 for d in deltas if d > 0),
        moved_down=sum(1 for d in deltas if d < 0),
    )


def delta_mark(delta: int | None) -> str:
    """ "▲1", "▼2", "=" or "" (not comparable): how the table and captions write a delta."""
    if delta is None:
        return ""
    if delta > 0:
        return f"▲{delta}"
    if delta < 0:
        return f"▼{-delta}"
    return "="


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


@dataclass(frozen=True)
class Paired:
    """The ratings two rounds can compare, and those only one of them has.

    A roll-up compared across rounds is honest only over the same systems: the
    baseline's mean over ten systems against today's over eleven moves when
    nothing moved. So a practice's "then" and "now" are taken over the systems
    with a current level in both rounds, and what is left out is counted so the
    view can say so.
    """

    both: dict[str, list[tuple[str, Rating, Rating]]]  # practice id -> (system id, then, now)
    only_then: list[tuple[str, str]]  # (system id, practice id): a current level in the baseline only
    only_now: list[tuple[str, str]]  # a current level in the compared round only

    def systems_left_out(self) -> list[str]:
        """Systems with a level in one round and nothing to compare: none of their levels is in both."""
        compared = {sid for rows in self.both.values() for sid, _, _ in rows}
        one_side = dict.fromkeys(sid for sid, _ in self.only_then + self.only_now)
        return [sid for sid in one_side if sid not in compared]

    def ratings_left_out(self) -> int:
        return len(self.only_then) + len(self.only_now)


def paired(a: Assessment, baseline: Round, current: Round) -> Paired:
    """Every system's ratings in both rounds, split into comparable and one-round-only (the file's order)."""
    both: dict[str, list[tuple[str, Rating, Rating]]] = {p.id: [] for p in a.model.practices}
    only_then: list[tuple[str, str]] = []
    only_now: list[tuple[str, str]] = []
    for s in a.systems:
        for p in a.model.practices:
            then, now = a.rating_in(baseline, s.id, p.id), a.rating_in(current, s.id, p.id)
            if then.current is not None and now.current is not None:
                both[p.id].append((s.id, then, now))
            elif then.current is not None:
                only_then.append((s.id, p.id))
            elif now.current is not None:
                only_now.append((s.id, p.id))
    return Paired(both, only_then, only_now)


def counted(n: int, noun: str, plural: str = "") -> str:
    """ "1 rating", "6 ratings": a count in words the views share (`plural` where adding "s" is wrong)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
