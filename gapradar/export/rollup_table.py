"""The roll-up as a table (CSV, `gapradar export --csv --table rollup`), its rule named in the header.

A reader of the CSV must not have to guess whether "2.3" is a mean or a
median: every value column says which rule made it, and the spread columns
show what the single figure hides.
"""

from __future__ import annotations

from gapradar.domain import Assessment
from gapradar.domain.rollup import RULES, level_figure, rollup


def _n(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


def rollup_table(assessment: Assessment, rule_key: str = "mean") -> list[list[str | int | float | None]]:
    rule = RULES[rule_key]
    name = rule.name
    head: list[str | int | float | None] = ["Practice ID", "Practice", "Group"]
    if rule_key == "at-target":
        head += [f"{name} (share of systems)"]
    else:
        head += [f"{name} current", f"{name} target", f"{name} gap"]
    head += ["Lowest current", "Highest current", "Lower quartile", "Upper quartile", "Systems assessed"]
    rows = [head]
    figures = rollup(assessment, rule_key)
    for r in figures:
        values: list[str | int | float | None] = [r.practice.id, r.practice.name, r.practice.group]
        if rule_key == "at-target":
            values.append(_n(r.share))
        else:
            values += [_n(r.current), _n(r.target), _n(r.gap)]
        values += [_n(r.low), _n(r.high), _n(r.q1), _n(r.q3), r.assessed]
        rows.append(values)
    rows += group_subtotals(assessment, rule_key, len(head))
    return rows


def group_subtotals(
    assessment: Assessment, rule_key: str, width: int
) -> list[list[str | int | float | None]]:
    """One row per practice group: the same rule over the group's practices' ratings, pooled.

    Pooling the ratings (not averaging the practices' figures) keeps the rule
    honest: a group's minimum is the lowest level any system has in it.
    """
    groups: dict[str, list[str]] = {}
    for p in assessment.model.practices:
        if p.group:
            groups.setdefault(p.group, []).append(p.id)
    rows: list[list[str | int | float | None]] = []
    for group, ids in groups.items():
        currents = [
            c for s in assessment.systems for c in (s.rating(i).current for i in ids) if c is not None
        ]
        targets = [t for s in assessment.systems for t in (s.rating(i).target for i in ids) if t is not None]
        pairs = [
            (r.current, r.target)
            for s in assessment.systems
            for r in (s.rating(i) for i in ids)
            if r.current is not None and r.target is not None
        ]
        row: list[str | int | float | None] = ["", f"Group subtotal: {group}", group]
        if rule_key == "at-target":
            row.append(_n(sum(1 for c, t in pairs if c >= t) / len(pairs)) if pairs else None)
        else:
            cur, tgt = level_figure(rule_key, currents), level_figure(rule_key, targets)
            row += [_n(cur), _n(tgt), _n(tgt - cur) if cur is not None and tgt is not None else None]
        row += [None] * (width - len(row) - 1) + [
            len({s.name for s in assessment.systems if any(s.rating(i).current is not None for i in ids)})
        ]
        rows.append(row)
    return rows
