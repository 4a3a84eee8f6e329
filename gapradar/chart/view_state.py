"""What is on screen, as one immutable value: the single home of view state.

Every view (window, presentation, export dialog) is drawn from the document and
this value only; widgets change it through the workspace's setters, never by
keeping their own copy. Qt-free so it can be tested and compared cheaply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

Editing = Literal["current", "target"]
Voting = Literal["", "blind", "revealed"]


@dataclass(frozen=True)
class ViewState:
    view: str = "overlay"  # a key of chart.views.VIEWS
    checked: frozenset[str] = field(default_factory=frozenset)  # systems overlaid on the chart
    show_average: bool = True
    selected_system: str | None = None  # the one the table, guide and focus view show
    selected_practice: int = 0  # index into the model's practices
    editing: Editing = "current"
    targets_hidden: bool = False  # workshop step: current levels first, targets revealed later
    theme: str = "light"
    rollup: str = "mean"  # a key of domain.rollup.RULES: how the systems roll up into one figure
    heatmap_colour: str = "level"  # the heatmap's cells coloured by "level" or by "gap"
    heatmap_rows: str = "name"  # heatmap row order: "file", "name", "mean" or "gap"
    heatmap_columns: str = (
        "group"  # heatmap column order: "group" (file order within groups), "file", "mean", "gap"
    )
    gaps_of_rollup: bool = False  # the gap chart shows the roll-up rather than the selected system
    voting: Voting = ""  # room voting on the selected practice: off, votes coming in blind, revealed
    rollup_spread: str = ""  # radar: a band around the roll-up, "" none, "range" (min–max) or "iqr"
    focus_rollup: bool = False  # focus view shows the roll-up (current vs target), not the selected system
    round: str | None = None  # the id of the round shown; None: the latest
    baseline: str | None = None  # the id of the round compared with; None: no comparison

    def changed(self, **changes: object) -> ViewState:
        """A copy with `changes`, keeping the rules that tie fields together."""
        state = replace(self, **changes)  # type: ignore[arg-type]
        if state.targets_hidden and state.editing == "target":
            state = replace(state, editing="current")
        if state.voting == "revealed" and _question(state) != _question(self):
            state = replace(state, voting="blind")  # the next question starts blind
        if (
            state.focus_rollup
            and "focus_rollup" not in changes
            and state.selected_system != self.selected_system
        ):
            state = replace(state, focus_rollup=False)  # choosing a system focuses that system
        if state.focus_rollup and state.view != "focus":
            state = replace(state, focus_rollup=False)  # leaving the focus view forgets the roll-up
        return state

    def fitted(
        self, system_names: list[str], practice_count: int, round_ids: Sequence[str] | None = None
    ) -> ViewState:
        """This state made valid for a document: unknown systems dropped, indexes in range.

        With `round_ids` (oldest first), an unknown round shows the latest and an unknown
        baseline is dropped. A baseline that is the round shown stays chosen (nothing is
        compared while it shows), so stepping through the rounds keeps the comparison.
        """
        names = set(system_names)
        selected = self.selected_system if self.selected_system in names else None
        if selected is None and system_names:
            selected = sorted(system_names, key=str.casefold)[0]
        practice = min(max(self.selected_practice, 0), max(practice_count - 1, 0))
        state = replace(
            self, checked=self.checked & names, selected_system=selected, selected_practice=practice
        )
        if round_ids is not None:
            shown = self.round if self.round in round_ids else None
            if shown is not None and shown == round_ids[-1]:
                shown = None  # the latest is always "the latest", so a new round is shown when made
            baseline = self.baseline if self.baseline in round_ids else None
            state = replace(state, round=shown, baseline=baseline)
        return state

    def renamed(self, old: str, new: str) -> ViewState:
        """Follow a system's rename, so it stays checked and selected."""
        checked = (self.checked - {old}) | {new} if old in self.checked else self.checked
        selected = new if self.selected_system == old else self.selected_system
        return replace(self, checked=checked, selected_system=selected)


def _question(state: ViewState) -> tuple[str | None, int, str]:
    """What the room votes on: the selected system's level on the selected practice."""
    return state.selected_system, state.selected_practice, state.editing


def initial_checked(system_names: list[str]) -> frozenset[str]:
    """A first look that is readable: all systems when few, else the first three by name."""
    names = sorted(system_names, key=str.casefold)
    return frozenset(names if len(names) <= 4 else names[:3])
