"""Roll-up rules: how many systems' levels on one practice become the organisation's figure.

The rule is the consultant's choice and is always named where the figure is
shown, because "the average" hides spread and "the weakest unit" tells another
story. "Not assessed" never counts: a practice nobody rated has no roll-up,
and a system that did not rate a practice is left out of that practice's figure.
"Not applicable" is left out the same way (it has no level), and is counted
apart so a practice that applies to nobody can say so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter, methodcaller
from statistics import fmean, median, quantiles

from gapradar.domain.assessment import Assessment, Rating, System
from gapradar.domain.model import Practice


@dataclass(frozen=True)
class RollupRule:
    """One rule and its names, worded one way everywhere.

    `name` stands alone (a menu item, a column header: "Minimum (weakest
    link)"); `words` is the same inside a sentence ("minimum (weakest link)");
    `series` names the figure the way a system's name is shown ("Minimum – all
    systems") and is never followed by the rule in brackets: the subtitle says
    the rule, as `phrase` words it ("Roll-up of all systems: minimum (weakest link)").
    """

    key: str  # the CLI's --rollup value and the view state's field
    name: str  # menus, choosers and CSV headers
    series: str  # the roll-up series' name, as a system's name would be shown
    help: str
    short: str = ""  # a column header's word ("Minimum"); the name when empty

    @property
    def column(self) -> str:
        return self.short or self.name

    @property
    def words(self) -> str:
        return self.name[:1].lower() + self.name[1:]


RULES: dict[str, RollupRule] = {
    r.key: r
    for r in (
        RollupRule("mean", "Mean", "Average – all systems", "the mean level of the systems rated"),
        RollupRule("median", "Median", "Median – all systems", "the middle level of the systems rated"),
        RollupRule(
            "min",
            "Minimum (weakest link)",
            "Minimum – all systems",
            "the lowest level of any system rated",
            "Minimum",
        ),
        RollupRule(
            "at-target",
            "Share at or above target",
            "At target – all systems",
            "the share of systems whose current level reaches their target",
            "At target",
        ),
    )
}
DEFAULT_RULE = "mean"


def rule(key: str) -> RollupRule:
    """The rule for `key`; ValueError naming the choices otherwise."""
    try:
        return RULES[key]
    except KeyError:
        raise ValueError(f"no roll-up rule {key!r}; choose one of {', '.join(RULES)}") from None


ROLLUP_OF_ALL = "Roll-up of all systems"


def phrase(rule_key: str, start: bool = True) -> str:
    """The rule as every subtitle says it: "Roll-up of all systems: minimum (weakest link)".

    `start=False` for the middle of a subtitle ("… · roll-up of all systems: mean").
    """
    text = f"{ROLLUP_OF_ALL}: {RULES.get(rule_key, RULES[DEFAULT_RULE]).words}"
    return text if start else text[:1].lower() + text[1:]


def series_names() -> set[str]:
    """Every roll-up series' name: `--focus "Average – all systems"` means the roll-up."""
    return {r.series for r in RULES.values()}


_LEVEL_RULES: dict[str, Callable[[list[int]], float]] = {
    "mean": fmean,
    "median": lambda v: float(median(v)),
    "min": lambda v: float(min(v)),
}


def level_figure(rule_key: str, values: list[int]) -> float | None:
    """A level rule applied to some levels; None when there are none or the rule is not a level."""
    level = _LEVEL_RULES.get(rule_key)
    return level(values) if level and values else None


@dataclass(frozen=True)
class PracticeRollup:
    """One practice's roll-up over the systems rated on it, with its spread."""

    practice: Practice
    rule: str
    current: float | None  # a level (mean, median, min); None under "at-target" or when nobody rated it
    target: float | None
    share: float | None  # 0–1: systems with current ≥ target among those with both levels
    assessed: int  # systems with a current level
    low: float | None  # spread of the current levels: min–max and the interquartile range
    high: float | None
    q1: float | None
    q3: float | None
    not_applicable: int = 0  # systems to which the practice does not apply

    @property
    def gap(self) -> float | None:
        if self.current is None or self.target is None:
            return None
        return self.target - self.current

    @property
    def value(self) -> float | None:
        """The figure this rule reports: a level, or a share for "at-target"."""
        return self.share if self.rule == "at-target" else self.current


def _quartiles(values: list[int]) -> tuple[float, float]:
    if len(values) == 1:
        return float(values[0]), float(values[0])
    q = quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def rollup(
    assessment: Assessment, rule_key: str = DEFAULT_RULE, systems: Sequence[System] | None = None
) -> list[PracticeRollup]:
    """Every practice's roll-up under `rule_key`, in the model's practice order."""
    rule(rule_key)  # unknown rules fail loudly, naming the choices
    chosen = assessment.systems if systems is None else list(systems)
    return [practice_rollup(p, stored_ratings(chosen, p.id), rule_key) for p in assessment.model.practices]


def stored_ratings(systems: Sequence[System], practice_id: str) -> list[Rating]:
    """The systems' ratings on a practice, leaving out the empty ones (which count for nothing)."""
    return [
        r for r in map(methodcaller("get", practice_id), map(attrgetter("ratings"), systems)) if r is not None
    ]


def practice_rollup(p: Practice, ratings: Sequence[Rating], rule_key: str) -> PracticeRollup:
    """One practice's roll-up over its ratings, one per system (domain.averages_memo keeps them).

    One pass over the ratings: at 10,000 systems this runs 40 times when a file opens.
    """
    currents: list[int] = []
    targets: list[int] = []
    both = at_target = not_applicable = 0
    for r in ratings:
        c, t = r.current, r.target
        if c is not None:
            currents.append(c)
            if t is not None:
                both += 1
                at_target += c >= t
        if t is not None:
            targets.append(t)
        if r.not_applicable:
            not_applicable += 1
    level = _LEVEL_RULES.get(rule_key)
    current = level(currents) if level and currents else None
    target = level(targets) if level and targets else None
    q1, q3 = _quartiles(currents) if currents else (None, None)
    return PracticeRollup(
        p,
        rule_key,
        current,
        target,
        at_target / both if both else None,
        len(currents),
        float(min(currents)) if currents else None,
        float(max(currents)) if currents else None,
        q1,
        q3,
        not_applicable,
    )


def ratings_figure(rule_key: str, ratings: Iterable[Rating]) -> str:
    """The rule over any ratings, one decimal or a share: a system's row of the heatmap, or all of them."""
    rated = list(ratings)
    if rule_key == "at-target":
        both = [(r.current, r.target) for r in rated if r.current is not None and r.target is not None]
        return f"{sum(1 for c, t in both if c >= t) / len(both):.0%}" if both else "–"
    v = level_figure(
        rule_key if rule_key in _LEVEL_RULES else DEFAULT_RULE,
        [r.current for r in rated if r.current is not None],
    )
    return "–" if v is None else f"{v:.1f}"


def format_value(r: PracticeRollup) -> str:
    """The figure as people read it: "2.5" for a level, "67%" for a share, "–" when nobody rated it."""
    v = r.value
    if v is None:
        return "–"
    if r.rule == "at-target":
        return f"{v:.0%}"
    return f"{v:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class GapRow:
    """One practice on the gap chart: where it stands, where it wants to be."""

    practice: Practice
    current: float | None
    target: float | None
    short: float | None = None  # "at-target" roll-up: the share of systems still short of target

    @property
    def gap(self) -> float | None:
        if self.short is not None:
            return self.short
        if self.current is None or self.target is None:
            return None
        return self.target - self.current


def gap_rows(
    assessment: Assessment, system: System | None = None, rule_key: str = DEFAULT_RULE
) -> tuple[list[GapRow], list[GapRow]]:
    """(ranked, not assessed or not applicable): the gap chart's rows, largest gap first, ties in the file's order.

    For one system the ranked rows begin with exactly `prioritised_gaps`' list
    (the gap table); practices already at target follow. Practices without both
    levels cannot be ranked and are listed apart, never as a gap of zero.
    """
    rows: list[GapRow] = []
    if system is not None:
        for p in assessment.model.practices:
            r = system.rating(p.id)
            rows.append(GapRow(p, r.current, r.target))
    else:
        for ru in rollup(assessment, rule_key):
            if rule_key == "at-target":
                short = None if ru.share is None else 1 - ru.share
                rows.append(GapRow(ru.practice, None, None, short))
            else:
                rows.append(GapRow(ru.practice, ru.current, ru.target))
    ranked = [(i, row) for i, row in enumerate(rows) if row.gap is not None]
    ranked.sort(key=lambda e: (-(e[1].gap or 0), e[0]))
    return [row for _, row in ranked], [row for row in rows if row.gap is None]
