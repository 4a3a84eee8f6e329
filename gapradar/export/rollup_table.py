"""The roll-up as a table (CSV, `gapradar export --csv --table rollup`), its rule named in the header.

A reader of the CSV must not have to guess whether "2.3" is a mean or a
median: every value column says which rule made it, and the spread columns
show what the single figure hides.
"""

from __future__ import annotations

from gapradar.domain import Assessment
from gapradar.domain.rollup import RULES, rollup


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
    for r in rollup(assessment, rule_key):
        values: list[str | int | float | None] = [r.practice.id, r.practice.name, r.practice.group]
        if rule_key == "at-target":
            values.append(_n(r.share))
        else:
            values += [_n(r.current), _n(r.target), _n(r.gap)]
        values += [_n(r.low), _n(r.high), _n(r.q1), _n(r.q3), r.assessed]
        rows.append(values)
    return rows
