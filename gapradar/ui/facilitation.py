"""What a facilitator does with the keyboard: walk practices, step levels, switch systems.

The window and presentation mode share one Facilitator, so both behave alike.
Levels are picked by their score, the number people read on the rings and in
the table: `2` means the level numbered 2, whatever its position.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.voting import VotingSession
from gapradar.ui.workspace import Workspace


class Facilitator(QObject):
    message = Signal(str)  # a short status line: what is being edited now

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
        self.ws.select_system(names[(i + delta) % len(names)])
        self._say()

    def toggle_editing(self) -> None:
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

    def _set(self, score: int | None) -> None:
        a, state = self.ws.assessment, self.ws.state
        doc = self.ws.document
        if a is None or doc is None or state.selected_system is None:
            return
        pid = a.model.practices[state.selected_practice].id
        changed = getattr(a.system(state.selected_system).rating(pid), state.editing) != score
        if changed and not self.ws.push(
            SetLevelCommand(doc, state.selected_system, pid, state.editing, score)
        ):
            return  # refused (a read-only round): the workspace said why
        self._say()

    def step_level(self, delta: int) -> None:
        a, state = self.ws.assessment, self.ws.state
        if a is None or state.selected_system is None:
            return
        rating = a.system(state.selected_system).rating(a.model.practices[state.selected_practice].id)
        self._set(a.model.step(getattr(rating, state.editing), delta))

    def set_level(self, score: int) -> bool:
        """Set the level numbered `score`; False when the model has no such level."""
        a = self.ws.assessment
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
        self.message.emit(f"{practice}: editing {state.editing} of {state.selected_system or 'no system'}")
