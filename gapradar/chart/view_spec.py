"""What the gap-first views (heatmap, gap chart, small multiples) show, wherever they are drawn.

The counterpart of ChartSpec for views that are not one radar. It carries the
same presentation fields (title, legend, theme, transparent…), so export
options apply to it exactly as to a radar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import LIGHT, Theme
from gapradar.domain import Assessment
from gapradar.domain.rollup import DEFAULT_RULE, RULES


@dataclass
class ViewSpec:
    assessment: Assessment
    view: str  # "heatmap", "gaps", "multiples", "slope" or "moved"
    rollup: str = DEFAULT_RULE
    focus: str | None = None  # gap chart: a system's name; None shows the roll-up
    checked: tuple[str, ...] = ()  # small multiples: the systems shown; empty shows every system
    colour_by: str = "level"  # heatmap: "level" or "gap"
    rows: str = "name"  # heatmap row order: "file", "name", "mean", "gap"
    columns: str = "group"  # heatmap column order: "group" (file order within groups), "file", "mean", "gap"
    editing: str = "current"  # which level the heatmap's cells show
    selected_system: str | None = None
    selected_practice: int | None = None
    theme: Theme = LIGHT
    show_title: bool = True
    show_legend: bool = True
    title: str | None = None
    subtitle: str = ""
    font_scale: float = 1.0
    chrome_scale: float = 1.0
    show_targets: bool = True
    transparent: bool = False
    show_average: bool = True  # unused: lets per-system batches treat every spec alike
    cell_size: tuple[float, float] | None = None  # heatmap in the window: fixed cells that scroll
    round: str | None = None  # the round shown (an id); None: the one the assessment shows
    baseline: str | None = None  # slope, moved: the round compared with; None: the round before

    @property
    def chart_title(self) -> str:
        return self.assessment.title if self.title is None else self.title

    @property
    def rollup_name(self) -> str:
        return RULES.get(self.rollup, RULES[DEFAULT_RULE]).name

    @property
    def rollup_series(self) -> str:
        return RULES.get(self.rollup, RULES[DEFAULT_RULE]).series


AnySpec: TypeAlias = ChartSpec | ViewSpec  # what every export writer and the chart titles take
