"""Progress beyond the target since the baseline is said in words, not left to look like an error."""

from __future__ import annotations

import datetime

from gapradar.domain import Assessment, Rating, System
from gapradar.domain.assessment import Round
from gapradar.domain.model import Level, MaturityModel, Practice
from gapradar.ui.level_guide import _since_html


def test_the_guide_says_past_the_target():
    model = MaturityModel(
        "M",
        levels=tuple(Level(s, f"L{s}") for s in range(4)),
        practices=tuple(Practice(f"p{i}", f"P{i}") for i in range(3)),
    )
    then = Round("2026-03", datetime.date(2026, 3, 1), {"s": {"p0": Rating(0, 2)}})
    now = Round("2026-09", datetime.date(2026, 9, 1), {"s": {"p0": Rating(3, 2)}})
    a = Assessment(model, systems=[System("S", id="s")], rounds=[then, now])
    line = _since_html(a, then, "s", Rating(0, 2), Rating(3, 2), show_targets=True)
    assert "150% of the way, past the target" in line
    line = _since_html(a, then, "s", Rating(0, 2), Rating(1, 2), show_targets=True)
    assert "50% of the way" in line and "past" not in line
