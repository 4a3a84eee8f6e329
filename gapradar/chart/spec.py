"""What a chart shows, independent of where it is drawn (window, presentation, file)."""

from __future__ import annotations

from dataclasses import dataclass

from gapradar.chart.style import LIGHT, Theme
from gapradar.domain import Assessment
from gapradar.domain.assessment import Round


@dataclass
class ChartSpec:
    assessment: Assessment
    checked: tuple[str, ...] = ()
    show_average: bool = True
    focus: str | None = None  # a system's name: focus view (current vs target)
    theme: Theme = LIGHT
    show_title: bool = True
    show_legend: bool = True
    title: str | None = None  # None: the assessment's title
    subtitle: str = ""
    font_scale: float = 1.0  # practice and level names
    chrome_scale: float = 1.0  # title, subtitle and legend (presentation keeps these small)
    selected_practice: int | None = None
    selected_system: str | None = None  # overlay: its points and marks drawn above the others'
    show_targets: bool = True
    transparent: bool = False  # exports: nothing painted outside the chart
    rollup: str = "mean"  # a key of domain.rollup.RULES: the roll-up series' rule
    spread: str = ""  # a band around the roll-up: "" none, "range" (min–max), "iqr" (middle half)
    baseline: Round | None = None  # a round to compare with: drawn as a faint dashed outline

    @property
    def chart_title(self) -> str:
        return self.assessment.title if self.title is None else self.title
