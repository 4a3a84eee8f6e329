"""The CSV tables people paste into spreadsheets: scores, matrix, gaps, averages, rounds.

Numbers are written as numbers (so -1 sorts and sums in Excel), text cells that a
spreadsheet would run as a formula are neutralised, and the default encoding is
UTF-8 with a BOM so Excel shows accented names correctly.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path

from gapradar.domain import (
    Assessment,
    Rating,
    System,
    gap,
    practice_averages,
    prioritised_gaps,
    system_means,
)
from gapradar.domain.analysis import confidence_count, confidence_summary
from gapradar.domain.assessment import Round
from gapradar.domain.rounds import change
from gapradar.io.atomic import atomic_write_bytes

Cell = str | int | float | None
Table = list[list[Cell]]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NOT_APPLICABLE = "n/a"  # the cell of a practice that does not apply: neither a level nor blank


def _level_name(assessment: Assessment, score: int | None) -> str:
    level = assessment.model.level(score)
    return level.name if level else ""


def _level(rating: Rating, which: str) -> int | str | None:
    """A level cell: the score, "n/a" for a practice that does not apply, blank for not assessed."""
    return NOT_APPLICABLE if rating.not_applicable else getattr(rating, which)


def _level_word(assessment: Assessment, rating: Rating, which: str) -> str:
    return NOT_APPLICABLE if rating.not_applicable else _level_name(assessment, getattr(rating, which))


def _has_confidence(assessment: Assessment) -> bool:
    return any(r.confidence is not None for s in assessment.systems for r in s.ratings.values())


def _number(value: float | None) -> float | None:
    """Means rounded to two places, so 0.8 reads as 0.8 and not 0.7999999."""
    return None if value is None else round(value, 2)


def scores_table(assessment: Assessment) -> Table:
    """One row per system and practice; with confidence marks or room votes in the file, columns for them."""
    with_votes = any(
        r.votes is not None or r.target_votes is not None
        for s in assessment.systems
        for r in s.ratings.values()
    )
    with_confidence = _has_confidence(assessment)
    model = assessment.model
    rows: Table = [
        [
            "System",
            "Practice ID",
            "Practice",
            "Current",
            "Current level",
            "Target",
            "Target level",
            "Gap",
            "Note",
            *(("Confidence",) if with_confidence else ()),
            *(("Current votes", "Target votes") if with_votes else ()),
        ]
    ]
    for s in assessment.systems:
        for p in model.practices:
            r = s.rating(p.id)
            rows.append(
                [
                    s.name,
                    p.id,
                    p.name,
                    _level(r, "current"),
                    _level_word(assessment, r, "current"),
                    _level(r, "target"),
                    _level_word(assessment, r, "target"),
                    gap(r),
                    r.note,
                    *((model.confidence_word(r.confidence),) if with_confidence else ()),
                    *(
                        (
                            r.votes.summary() if r.votes else "",
                            r.target_votes.summary() if r.target_votes else "",
                        )
                        if with_votes
                        else ()
                    ),
                ]
            )
    return rows


def matrix_table(assessment: Assessment) -> Table:
    """One row per system, one column per practice (current levels), then the means.

    With confidence marks in the file, a last column counts them per system:
    "7 of 12 practices evidenced".
    """
    practices = assessment.model.practices
    with_confidence = _has_confidence(assessment)
    rows: Table = [
        [
            assessment.systems_label or "System",
            *(p.name for p in practices),
            "Mean current",
            "Mean target",
            "Mean gap",
            *(("Confidence",) if with_confidence else ()),
        ]
    ]
    for s in assessment.systems:
        m = system_means(assessment, s)
        rows.append(
            [
                s.name,
                *(_level(s.rating(p.id), "current") for p in practices),
                _number(m.current),
                _number(m.target),
                _number(m.gap),
                *((system_confidence(assessment, s),) if with_confidence else ()),
            ]
        )
    return rows


def system_confidence(assessment: Assessment, system: System) -> str:
    """ "7 of 12 practices evidenced, 3 of them verified": how well one system's levels are backed."""
    words = assessment.model.confidence
    count = confidence_count(assessment, [system])
    return confidence_summary(words, count) or f"0 of {count.rated} practices {words[1]}"


def gaps_table(assessment: Assessment) -> Table:
    rows: Table = [
        ["Rank", "System", "Practice", "Current", "Current level", "Target", "Target level", "Gap"]
    ]
    for rank, g in enumerate(prioritised_gaps(assessment), start=1):
        rows.append(
            [
                rank,
                g.system,
                g.practice.name,
                g.current,
                _level_name(assessment, g.current),
                g.target,
                _level_name(assessment, g.target),
                g.gap,
            ]
        )
    return rows


def averages_table(assessment: Assessment) -> Table:
    rows: Table = [["Practice ID", "Practice", "Mean current", "Mean target", "Mean gap", "Systems assessed"]]
    for a in practice_averages(assessment):
        rows.append(
            [
                a.practice.id,
                a.practice.name,
                _number(a.current),
                _number(a.target),
                _number(a.gap),
                a.assessed,
            ]
        )
    return rows


ROUNDS_HEADER = [
    "Round",
    "Date",
    "System",
    "Practice ID",
    "Practice",
    "Current",
    "Target",
    "Baseline round",
    "Current then",
    "Δ current",
    "Progress to target",
]


def rounds_table(assessment: Assessment, baseline: Round | None = None) -> Table:
    """Long form, a row per round, system and practice, each compared with `baseline` (default: the first round).

    Δ current is now − then; progress is (now − then) / (target − then), the
    share of the way to the target covered since the baseline (1 = reached);
    both are blank where a level is missing, never zero.
    """
    then = baseline if baseline is not None else assessment.rounds[0]
    rows: Table = [list(ROUNDS_HEADER)]
    for r in assessment.rounds:
        for system in assessment.systems:
            for p in assessment.model.practices:
                c = change(assessment, then, r, system.id, p.id)
                rows.append(
                    [
                        r.label,
                        r.date.isoformat() if r.date else None,
                        system.name,
                        p.id,
                        p.name,
                        _level(c.now, "current"),
                        _level(c.now, "target"),
                        then.label,
                        _level(c.then, "current"),  # so Δ and progress can be checked from the file
                        c.delta,
                        None if c.progress is None else round(c.progress, 4),
                    ]
                )
    return rows


TABLES: dict[str, Callable[[Assessment], Table]] = {
    "scores": scores_table,
    "matrix": matrix_table,
    "gaps": gaps_table,
    "averages": averages_table,
    "rounds": rounds_table,
}


def safe_cell(value: Cell) -> Cell:
    """Text a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in table:
        writer.writerow(["" if c is None else safe_cell(c) for c in row])
    return out.getvalue()


def write_csv(table: Table, path: str | os.PathLike[str], *, bom: bool = True) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    atomic_write_bytes(Path(path), to_csv(table).encode(encoding))
