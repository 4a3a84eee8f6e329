"""The registry of views: each view kind turns (assessment, view state) into what a scene draws.

Adding a view is one entry here plus its scene; menus, shortcuts, presentation
mode and exports are built from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gapradar.chart import radar_rollup
from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import THEMES, Theme
from gapradar.chart.view_spec import ViewSpec
from gapradar.chart.view_state import ViewState
from gapradar.domain import Assessment
from gapradar.domain.assessment import Round

SpecBuilder = Callable[[Assessment, ViewState, Theme], ChartSpec]
SceneBuilder = Callable[[Assessment, ViewState, Theme], ViewSpec]


@dataclass(frozen=True)
class ViewKind:
    key: str
    label: str  # menu text, with its mnemonic
    shortcut: str
    tip: str
    build: SpecBuilder
    edits_selected: bool  # whether dragging points edits the selected system
    family: str = "radar"  # which kind of widget shows it: views of one family share a widget
    scene: SceneBuilder | None = None  # views that are not a radar: what their scene shows


def baseline_round(a: Assessment, state: ViewState) -> Round | None:
    """The round the view compares with, if any (and if it is not the one shown)."""
    if state.baseline is None:
        return None
    try:
        r = a.round(state.baseline)
    except KeyError:
        return None
    return None if r is a.shown else r


def _overlay(a: Assessment, state: ViewState, theme: Theme) -> ChartSpec:
    checked = tuple(n for n in a.system_names() if n in state.checked)
    return ChartSpec(
        a,
        checked=checked,
        show_average=state.show_average,
        theme=theme,
        selected_practice=state.selected_practice,
        selected_system=state.selected_system,
        show_targets=not state.targets_hidden,
        rollup=state.rollup,
        spread=state.rollup_spread,
        baseline=baseline_round(a, state),
    )


def _focus(a: Assessment, state: ViewState, theme: Theme) -> ChartSpec:
    checked = tuple(n for n in a.system_names() if n in state.checked)
    spec = ChartSpec(
        a,
        checked=checked,
        show_average=state.show_average,
        focus=state.selected_system,
        theme=theme,
        selected_practice=state.selected_practice,
        show_targets=not state.targets_hidden,
        rollup=state.rollup,
        spread=state.rollup_spread,
        baseline=baseline_round(a, state),
    )
    if state.focus_rollup:
        spec.focus = radar_rollup.series_name(spec)  # the roll-up's current against its target
    return spec


ONE_SYSTEM = ("gaps", "slope", "moved")  # views of one system, or of the roll-up (gaps_of_rollup)


def _view_spec(view: str) -> SceneBuilder:
    def build(a: Assessment, state: ViewState, theme: Theme) -> ViewSpec:
        return ViewSpec(
            a,
            view,
            rollup=state.rollup,
            # Only the gap chart shows one system; the others show them all (and say so in the title).
            focus=None if view not in ONE_SYSTEM or state.gaps_of_rollup else state.selected_system,
            colour_by=state.heatmap_colour,
            rows=state.heatmap_rows,
            columns=state.heatmap_columns,
            editing=state.editing,
            selected_system=state.selected_system,
            selected_practice=state.selected_practice,
            theme=theme,
            show_targets=not state.targets_hidden,
            # the views of change; getattr: ViewState gains round/baseline with the rounds UI
            round=state.round,
            baseline=state.baseline,
        )

    return build


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
    # Gap-first views: radar-only consumers (presentation, the export dialog) keep the overlay.
    "heatmap": ViewKind(
        "heatmap",
        "&Heatmap of systems × practices",
        "Ctrl+3",
        "Every rating as a coloured cell: the whole organisation at once",
        _overlay,
        False,
        "heatmap",
        _view_spec("heatmap"),
    ),
    "gaps": ViewKind(
        "gaps",
        "&Gap chart (largest first)",
        "Ctrl+4",
        "Current to target per practice, sorted by gap, for the selected system or the roll-up",
        _overlay,
        False,
        "gaps",
        _view_spec("gaps"),
    ),
    "multiples": ViewKind(
        "multiples",
        "Small &multiples",
        "Ctrl+5",
        "One small radar per system, all on the same scale",
        _overlay,
        False,
        "multiples",
        _view_spec("multiples"),
    ),
    "slope": ViewKind(
        "slope",
        "&Slope chart (since the baseline)",
        "Ctrl+6",
        "Each practice's level at the baseline joined to its level now, for the selected system or the roll-up",
        _overlay,
        False,
        "slope",
        _view_spec("slope"),
    ),
    "moved": ViewKind(
        "moved",
        "&What moved (since the baseline)",
        "Ctrl+7",
        "The largest rises and falls since the baseline, and the practices that reached their target",
        _overlay,
        False,
        "moved",
        _view_spec("moved"),
    ),
}


def chart_spec(a: Assessment, state: ViewState) -> ChartSpec:
    """What the chart shows for this document and view state."""
    kind = VIEWS.get(state.view, VIEWS["overlay"])
    return kind.build(a, state, THEMES.get(state.theme, THEMES["light"]))


def scene_spec(a: Assessment, state: ViewState) -> ChartSpec | ViewSpec:
    """What the current view's scene shows: a radar's ChartSpec, or a gap-first view's ViewSpec."""
    kind = VIEWS.get(state.view, VIEWS["overlay"])
    theme = THEMES.get(state.theme, THEMES["light"])
    return kind.scene(a, state, theme) if kind.scene is not None else kind.build(a, state, theme)
