"""The registry of views: each view kind turns (assessment, view state) into what a scene draws.

Adding a view is one entry here plus its scene; menus, shortcuts, presentation
mode and exports are built from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import THEMES, Theme
from gapradar.chart.view_state import ViewState
from gapradar.domain import Assessment

SpecBuilder = Callable[[Assessment, ViewState, Theme], ChartSpec]


@dataclass(frozen=True)
class ViewKind:
    key: str
    label: str  # menu text, with its mnemonic
    shortcut: str
    tip: str
    build: SpecBuilder
    edits_selected: bool  # whether dragging points edits the selected system
    family: str = "radar"  # which kind of widget shows it: views of one family share a widget


def _overlay(a: Assessment, state: ViewState, theme: Theme) -> ChartSpec:
    checked = tuple(n for n in a.system_names() if n in state.checked)
    return ChartSpec(
        a,
        checked=checked,
        show_average=state.show_average,
        theme=theme,
        selected_practice=state.selected_practice,
        show_targets=not state.targets_hidden,
    )


def _focus(a: Assessment, state: ViewState, theme: Theme) -> ChartSpec:
    checked = tuple(n for n in a.system_names() if n in state.checked)
    return ChartSpec(
        a,
        checked=checked,
        show_average=state.show_average,
        focus=state.selected_system,
        theme=theme,
        selected_practice=state.selected_practice,
        show_targets=not state.targets_hidden,
    )


VIEWS: dict[str, ViewKind] = {
    "overlay": ViewKind(
        "overlay", "&Overlay of checked systems", "Ctrl+1", "Show every checked system", _overlay, True
    ),
    "focus": ViewKind(
        "focus",
        "&Focus on selected system",
        "Ctrl+2",
        "Current against target for the selected system",
        _focus,
        True,
    ),
}


def chart_spec(a: Assessment, state: ViewState) -> ChartSpec:
    """What the chart shows for this document and view state."""
    kind = VIEWS.get(state.view, VIEWS["overlay"])
    return kind.build(a, state, THEMES.get(state.theme, THEMES["light"]))
