"""Chart titles, without Qt: the window, every export and the deck name charts the same way."""

from __future__ import annotations

from gapradar.chart.spec import ChartSpec


def display_title(spec: ChartSpec) -> str:
    """The title a chart shows: one system's chart names that system."""
    if spec.title is None and spec.focus is not None:
        base = spec.assessment.title
        return f"{spec.focus} – {base}" if base else spec.focus
    return spec.chart_title
