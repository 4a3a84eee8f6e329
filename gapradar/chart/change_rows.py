"""What the views of change (slope chart, what moved) show: one row per practice, then → now.

Qt-free so the order and the values can be tested without drawing. The rows
are for one system (its levels in both rounds) or for the roll-up (each
round's roll-up under the chosen rule, computed on a snapshot showing that
round, so the document's shown round never moves). Practices that cannot be
compared (a level missing in either round) and those that do not apply are
kept apart, never counted as a change of zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment, Practice
from gapradar.domain.analysis import not_applicable_practices
from gapradar.domain.assessment import Round
from gapradar.domain.rollup import rollup
from gapradar.domain.rounds import progress

ONE_ROUND = "Only one round: start a new round (File ▸ New round…) to see what moved"


@dataclass(frozen=True)
class ChangeRow:
    practice: Practice
    then: float | None
    now: float | None
    target: float | None
    system: str = ""  # "what moved" across every system: whose rating this is

    @property
    def delta(self) -> float | None:
        if self.then is None or self.now is None:
            return None
        return self.now - self.then

    @property
    def progress(self) -> float | None:
        if self.then is None or self.now is None or self.target is None:
            return None
        return progress(self.then, self.now, self.target)  # type: ignore[arg-type]

    @property
    def reached_target(self) -> bool:
        """Below its target at the baseline, at or above it now."""
        return (
            self.then is not None
            and self.now is not None
            and self.target is not None
            and self.then < self.target <= self.now
        )


@dataclass(frozen=True)
class Comparison:
    """The two rounds compared, or why nothing can be: `problem` says it in the user's words."""

    now: Round | None
    then: Round | None
    problem: str = ""


def rounds_compared(spec: ViewSpec) -> Comparison:
    """The shown round and its baseline; no baseline chosen means the round before the shown one."""
    a = spec.assessment
    ids = [r.id for r in a.rounds]
    now = a.round(spec.round) if spec.round in ids else a.shown
    if len(a.rounds) < 2:
        return Comparison(now, None, ONE_ROUND)
    if spec.baseline in ids and spec.baseline != now.id:
        return Comparison(now, a.round(spec.baseline))
    index = a.rounds.index(now)
    if index == 0:
        return Comparison(
            now, None, f"{now.label} is the first round: show a later round to see what moved since it"
        )
    return Comparison(now, a.rounds[index - 1])


def since_text(then: Round) -> str:
    return f"Since {then.label}" + (f" ({then.date.isoformat()})" if then.date else "")


def _focus_id(spec: ViewSpec) -> str | None:
    a = spec.assessment
    return a.system(spec.focus).id if spec.focus in a.system_names() else None


def _rolled(
    a: Assessment, r: Round, rule: str
) -> tuple[dict[str, tuple[float | None, float | None]], set[str]]:
    """Each practice's roll-up (current, target) in round `r`, and the practices that apply to no system."""
    snap = a.snapshot()
    snap.show_round(r.id)
    rows = {ru.practice.id: (ru.current, ru.target) for ru in rollup(snap, rule)}
    return rows, {p.id for p in not_applicable_practices(snap)}


def change_rows(
    spec: ViewSpec, then: Round, now: Round
) -> tuple[list[ChangeRow], list[ChangeRow], list[Practice]]:
    """(compared, sorted by change, largest rise first; not comparable; not applicable now)."""
    a = spec.assessment
    sid = _focus_id(spec)
    rows: list[ChangeRow] = []
    na: list[Practice] = []
    if sid is not None:
        for p in a.model.practices:
            t, n = a.rating_in(then, sid, p.id), a.rating_in(now, sid, p.id)
            if n.not_applicable:
                na.append(p)
                continue
            target = n.target if n.target is not None else t.target
            rows.append(ChangeRow(p, t.current, n.current, target))
    else:
        rule = "mean" if spec.rollup == "at-target" else spec.rollup  # a level, not a share, moves
        before, _ = _rolled(a, then, rule)
        after, not_applicable = _rolled(a, now, rule)
        for p in a.model.practices:
            if p.id in not_applicable:
                na.append(p)
                continue
            (t_cur, t_tgt), (n_cur, n_tgt) = before[p.id], after[p.id]
            rows.append(ChangeRow(p, t_cur, n_cur, n_tgt if n_tgt is not None else t_tgt))
    order = {p.id: i for i, p in enumerate(a.model.practices)}
    compared = [r for r in rows if r.delta is not None]
    compared.sort(key=lambda r: (-(r.delta or 0), order[r.practice.id]))
    return compared, [r for r in rows if r.delta is None], na


def every_system_rows(spec: ViewSpec, then: Round, now: Round) -> list[ChangeRow]:
    """Each system's compared practices, largest rise first (ties: the file's order of systems, practices).

    What moved across the organisation: a mean hides the one system that slipped.
    """
    a = spec.assessment
    rows: list[tuple[int, ChangeRow]] = []
    for s in a.systems:
        for p in a.model.practices:
            t, n = a.rating_in(then, s.id, p.id), a.rating_in(now, s.id, p.id)
            target = n.target if n.target is not None else t.target
            row = ChangeRow(p, t.current, n.current, target, s.name)
            if row.delta is not None:
                rows.append((len(rows), row))
    rows.sort(key=lambda e: (-(e[1].delta or 0), e[0]))
    return [r for _, r in rows]


def who(spec: ViewSpec) -> str:
    """Whose levels the view shows: the focus system, or the roll-up's series."""
    a = spec.assessment
    return spec.focus if spec.focus in a.system_names() else f"{_rule_series(spec)}"


def _rule_series(spec: ViewSpec) -> str:
    if spec.rollup == "at-target":
        from gapradar.domain.rollup import RULES

        return f"{RULES['mean'].series} (roll-up: mean)"
    return f"{spec.rollup_series} (roll-up: {spec.rollup_name})"


def value_text(a: Assessment, value: float | None, system: bool) -> str:
    """A level as the user reads it: its number and name for one system, the figure for a roll-up."""
    if value is None:
        return "–"
    if system:
        return a.model.level_label(int(value))
    return f"{value:.1f}".removesuffix(".0")


def delta_text(delta: float | None) -> str:
    if delta is None:
        return ""
    if abs(delta) < 1e-9:
        return "="
    figure = f"{abs(delta):.1f}".removesuffix(".0")
    return ("▲" if delta > 0 else "▼") + figure
