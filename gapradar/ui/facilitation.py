"""What a facilitator does with the keyboard: walk practices, step levels, switch systems.

The window and presentation mode share one Facilitator, so both behave alike.
Levels are picked by their score, the number people read on the rings and in
the table: `2` means the level numbered 2, whatever its position.

Every edit from the keys goes through `_editable`, the one guard: while the
roll-up is in focus the chart shows no system, so keys that would change the
selected system's levels (out of sight) are refused and say why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from gapradar.domain import Practice
from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.document import Document
from gapradar.ui.voting import VotingSession
from gapradar.ui.workspace import Workspace

ROLLUP_REFUSAL = (
    "The roll-up is worked out from the systems: choose a system to edit its levels (Page Up / Page Down)"
)


def rollup_in_focus(state: object) -> bool:
    """The focus view shows the roll-up, not a system: nothing on the chart can be edited."""
    return getattr(state, "view", None) == "focus" and bool(getattr(state, "focus_rollup", False))


class Facilitator(QObject):
    message = Signal(str)  # a short status line: what is being edited now
    refused = Signal(str)  # a key did nothing, and why (also sent as a message)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.voting = VotingSession(workspace, self)

    # ------------------------------------------------------------ navigation

    def select_practice(self, delta: int) -> None:
        a = self.ws.assessment
        if a is None:
            return
        n = len(a.model.practices)
        self.ws.update(selected_practice=(self.ws.state.selected_practice + delta) % n)
        self._say()

    def select_system(self, delta: int) -> None:
        a = self.ws.assessment
        if a is None or not a.systems:
            return
        names = sorted(a.system_names(), key=str.casefold)
        current = self.ws.state.selected_system
        i = names.index(current) if current in names else -1
        name = names[(i + delta) % len(names)]
        if rollup_in_focus(self.ws.state):
            self.ws.update(selected_system=name, focus_rollup=False)  # the roll-up gives way to that system
        else:
            self.ws.select_system(name)
        self._say()

    def toggle_editing(self) -> None:
        if self._refused_in_rollup():
            return
        editing = "target" if self.ws.state.editing == "current" else "current"
        # Editing targets shows them: nobody edits what they cannot see.
        self.ws.update(
            editing=editing, targets_hidden=False if editing == "target" else self.ws.state.targets_hidden
        )
        self._say()

    def toggle_average(self) -> None:
        self.ws.update(show_average=not self.ws.state.show_average)

    def set_targets_hidden(self, hidden: bool) -> None:
        self.ws.update(targets_hidden=hidden)
        self.message.emit("Targets hidden until revealed (R)" if hidden else "Targets revealed")

    def reveal_targets(self) -> None:
        self.set_targets_hidden(False)

    # ------------------------------------------------------------ room voting

    def toggle_voting(self) -> None:
        self.voting.toggle()

    def reveal(self) -> None:
        """R: the room's votes while a vote is blind, else the hidden targets."""
        if not self.voting.reveal():
            self.reveal_targets()

    def agree_median(self) -> None:
        """M: the revealed votes' median becomes the agreed level (an ordinary undo step)."""
        if self.ws.state.voting != "revealed":
            self.message.emit("M sets the median of revealed votes: reveal them first (R)")
            return
        median = self.voting.median_level()
        if median is None:
            self.message.emit("No median: nobody chose a level")
            return
        self.set_level(median)

    # ------------------------------------------------------------ editing

    def rollup_shown(self) -> bool:
        return rollup_in_focus(self.ws.state)

    def refuse(self, why: str) -> None:
        """A key did nothing: say why in the status line and over the chart."""
        self.message.emit(why)
        self.refused.emit(why)

    def _refused_in_rollup(self) -> bool:
        if not rollup_in_focus(self.ws.state):
            return False
        self.refuse(ROLLUP_REFUSAL)
        return True

    def _editable(self) -> tuple[Document, str, Practice] | None:
        """The document, system and practice the keys edit now; None (having said why) when none.

        The one guard for every edit from the keys: levels, n/a, confidence, the votes' median.
        """
        a, doc, state = self.ws.assessment, self.ws.document, self.ws.state
        if a is None or doc is None:
            return None
        if self._refused_in_rollup():
            return None
        if state.selected_system is None:
            self.message.emit("Choose a system first")
            return None
        return doc, state.selected_system, a.model.practices[state.selected_practice]

    def edit_rating(self, make: Callable[[Document, str, str], QUndoCommand | None]) -> bool:
        """Push the command `make` gives for the selected rating; False when refused or none."""
        target = self._editable()
        if target is None:
            return False
        doc, system, practice = target
        command = make(doc, system, practice.id)
        return command is not None and self.ws.push(command)

    def _set(self, score: int | None) -> None:
        target = self._editable()
        if target is None:
            return
        doc, system, practice = target
        changed = getattr(doc.assessment.system(system).rating(practice.id), self.ws.state.editing) != score
        if changed and not self.ws.push(
            SetLevelCommand(doc, system, practice.id, self.ws.state.editing, score)
        ):
            return  # refused (a read-only round): the workspace said why
        self._say()

    def step_level(self, delta: int) -> None:
        target = self._editable()
        if target is None:
            return
        doc, system, practice = target
        rating = doc.assessment.system(system).rating(practice.id)
        self._set(doc.assessment.model.step(getattr(rating, self.ws.state.editing), delta))

    def set_level(self, score: int) -> bool:
        """Set the level numbered `score`; False when the model has no such level."""
        a = self.ws.assessment
        if a is not None and self._refused_in_rollup():
            return False
        if a is None or score not in a.model.scores:
            if a is not None:
                numbers = ", ".join(str(s) for s in a.model.scores)
                self.message.emit(f"No level {score} in this model (levels: {numbers})")
            return False
        self._set(score)
        return True

    def clear_level(self) -> None:
        self._set(None)

    def _say(self) -> None:
        a, state = self.ws.assessment, self.ws.state
        if a is None:
            return
        practice = a.model.practices[state.selected_practice].name
        if rollup_in_focus(state):
            self.message.emit(f"{practice}: the roll-up in focus (Page Up / Page Down: a system, to edit it)")
            return
        self.message.emit(f"{practice}: editing {state.editing} of {state.selected_system or 'no system'}")
