"""What the views of change (slope chart, what moved) show: one row per practice, then → now.

Qt-free so the order and the values can be tested without drawing. The rows
are for one system (its levels in both rounds) or for the roll-up: each
round's figure under the chosen rule over the same systems, those with a level
in both rounds (`domain.rounds.paired`), and to the one decimal it is shown at,
so a change that rounds to nothing is no change and the arrow agrees with the
figures. Practices that cannot be compared (a level missing in either round)
and those that do not apply are kept apart, never counted as a change of zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment, Practice
from gapradar.domain.analysis import not_applicable_practices
from gapradar.domain.assessment import Round
from gapradar.domain.rollup import RULES, level_figure
from gapradar.domain.rounds import counted, paired, progress

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
        return round(self.now - self.then, 9)  # 1.3 − 1.1 is 0.2, equal to every other 0.2

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


ROLLUP_DECIMALS = 1  # a roll-up's figures are shown to one decimal (value_text, the slope's labels)


def _shown(value: float | None) -> float | None:
    """A roll-up figure as it is shown: what the reader sees is what is compared."""
    return None if value is None else round(value, ROLLUP_DECIMALS)


def _not_applicable_now(a: Assessment, now: Round) -> set[str]:
    """The practices that apply to no system in round `now` (a snapshot showing it: the document's stays)."""
    snap = a.snapshot()
    snap.show_round(now.id)
    return {p.id for p in not_applicable_practices(snap)}


def rollup_rule(spec: ViewSpec) -> str:
    """The level rule the views of change roll up by: a share at target is no level that moves."""
    return "mean" if spec.rollup == "at-target" else spec.rollup


def _rollup_rows(spec: ViewSpec, then: Round, now: Round) -> tuple[list[ChangeRow], list[Practice]]:
    a = spec.assessment
    rule = rollup_rule(spec)
    pairs = paired(a, then, now).both
    not_applicable = _not_applicable_now(a, now)
    rows: list[ChangeRow] = []
    na: list[Practice] = []
    for p in a.model.practices:
        if p.id in not_applicable:
            na.append(p)
            continue
        both = pairs[p.id]
        targets = [n.target if n.target is not None else t.target for _, t, n in both]
        rows.append(
            ChangeRow(
                p,
                _shown(level_figure(rule, [t.current for _, t, _ in both if t.current is not None])),
                _shown(level_figure(rule, [n.current for _, _, n in both if n.current is not None])),
                _shown(level_figure(rule, [x for x in targets if x is not None])),
            )
        )
    return rows, na


def left_out_text(spec: ViewSpec, then: Round, now: Round) -> str:
    """The roll-up's line on what it leaves out: systems, or single ratings, assessed in one round only."""
    a = spec.assessment
    if spec.focus in a.system_names():
        return ""
    found = paired(a, then, now)
    systems = found.systems_left_out()
    wholly = set(systems)
    others = sum(1 for sid, _ in found.only_then + found.only_now if sid not in wholly)
    plural = a.systems_label.lower() or "systems"
    noun = plural.removesuffix("s") or plural  # "Banking Platforms": one banking platform
    parts = []
    if systems:
        parts.append(f"{counted(len(systems), noun, plural)} not in both rounds")
    if others:
        parts.append(f"{counted(others, 'rating')} assessed in one round only")
    if not parts:
        return ""
    verb = "is" if len(parts) == 1 and (len(systems) == 1 or (not systems and others == 1)) else "are"
    return f"Compared over the {plural} assessed in both rounds: {' and '.join(parts)} {verb} left out"


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
        rows, na = _rollup_rows(spec, then, now)
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
