"""The workspace: the open document and the view state, the one thing every widget listens to.

Widgets receive the workspace, never the window. They read `document` and
`state`, change the document through undo commands (`push`) and the view
through `update`. Opening another file swaps the document here; the widgets
stay, so nothing is rebuilt, leaked or left at a stale size.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import THEMES, Theme
from gapradar.chart.view_state import ViewState, initial_checked
from gapradar.chart.views import chart_spec
from gapradar.domain import Assessment
from gapradar.domain.assessment import Round
from gapradar.ui.document import Document


def edits_ratings(command: QUndoCommand) -> bool:
    """Whether a command changes ratings of the shown round (rating commands say so)."""
    return bool(getattr(command, "edits_ratings", False))


class Workspace(QObject):
    document_replaced = Signal()  # another document is open (or none)
    state_changed = Signal(object, object)  # the new ViewState, the old one
    document_changed = Signal()  # the open document's content changed
    systems_changed = Signal()  # systems added, removed, renamed or reordered
    rating_changed = Signal(str, str)  # system, practice id
    message = Signal(str)
    rounds_changed = Signal()  # rounds made, removed, relabelled or unlocked
    model_changed = Signal()  # practices or levels changed: tables and lists rebuild  # something the user should read in the status line

    def __init__(self, state: ViewState | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.state = state or ViewState()

    # ------------------------------------------------------------ document

    @property
    def assessment(self) -> Assessment | None:
        return self.document.assessment if self.document is not None else None

    def set_document(self, doc: Document | None) -> None:
        """Show `doc`: a fresh selection and checks, the same view kind and theme."""
        old = self.document
        if old is not None:
            old.changed.disconnect(self._document_changed)
            old.system_renamed.disconnect(self._system_renamed)
            old.systems_changed.disconnect(self._systems_changed)
            old.rating_changed.disconnect(self.rating_changed)
            old.revealed.disconnect(self._reveal)
            old.model_changed.disconnect(self._model_changed)
            old.rounds_changed.disconnect(self._rounds_changed)
            old.round_revealed.disconnect(self._reveal_round)
        self.document = doc
        if doc is not None:
            doc.setParent(self)
            doc.changed.connect(self._document_changed)
            doc.system_renamed.connect(self._system_renamed)
            doc.systems_changed.connect(self._systems_changed)
            doc.rating_changed.connect(self.rating_changed)
            doc.revealed.connect(self._reveal)
            doc.model_changed.connect(self._model_changed)
            doc.rounds_changed.connect(self._rounds_changed)
            doc.round_revealed.connect(self._reveal_round)
            names = doc.assessment.system_names()
            fresh = self.state.changed(
                checked=initial_checked(names),
                selected_system=None,
                selected_practice=0,
                round=None,
                baseline=None,
            )
            new_state = self._fit(fresh)
            doc.assessment.show_round(None)
        else:
            new_state = self.state.changed(
                checked=frozenset(), selected_system=None, selected_practice=0, round=None, baseline=None
            )
        before, self.state = self.state, new_state
        self.document_replaced.emit()
        self.state_changed.emit(self.state, before)
        if old is not None:
            old.deleteLater()

    def push(self, command: QUndoCommand) -> bool:
        """Do `command` as one undo step; False (and a status message) when the shown round refuses it.

        The one guard for every way of editing a rating (table, chart drag, keys,
        heatmap, votes, imports): an earlier round is read-only until unlocked.
        """
        if self.document is None:
            return False
        if edits_ratings(command) and not self.round_editable():
            self.refuse_edit()
            return False
        self.document.undo_stack.push(command)
        return True

    def round_editable(self) -> bool:
        a = self.assessment
        return a is None or a.is_editable()

    def refuse_edit(self) -> None:
        """Say why nothing changed, and redraw what a gesture may have moved (a dragged point)."""
        a = self.assessment
        if a is None:
            return
        self.message.emit(
            f"“{a.shown.label}” is an earlier round and read-only: Round ▸ Unlock this round for editing to change it, "
            "or show the latest round"
        )
        self.document_changed.emit()

    def _reveal(self, system: str, practice_id: str, what: str) -> None:
        """Undo and redo go to the system and practice they change: nothing changes out of sight."""
        a = self.assessment
        if a is None or system not in a.system_names():
            return
        self.update(selected_system=system, selected_practice=a.model.practice_index(practice_id))
        if self.state.view == "overlay" and system not in self.state.checked:
            self.update(checked=self.state.checked | {system})
        self.message.emit(what)

    def _model_changed(self) -> None:
        self._set_state(self._fit(self.state))
        self.model_changed.emit()

    def _rounds_changed(self) -> None:
        """A round was made, removed, relabelled or unlocked: the state follows, the views redraw."""
        a = self.assessment
        if a is not None:
            self._set_state(self._fit(self.state))
            a.show_round(self.state.round)
        self.rounds_changed.emit()

    def _reveal_round(self, round_id: str) -> None:
        """Undo and redo of an edit in another round show that round first."""
        a = self.assessment
        if a is not None and a.shown.id != round_id:
            self.update(round=round_id)

    def _fit(self, state: ViewState) -> ViewState:
        a = self.assessment
        if a is None:
            return state
        return state.fitted(a.system_names(), len(a.model.practices), [r.id for r in a.rounds])

    def _document_changed(self) -> None:
        self.document_changed.emit()

    def _system_renamed(self, old: str, new: str) -> None:
        self._set_state(self.state.renamed(old, new))

    def _systems_changed(self) -> None:
        self._set_state(self._fit(self.state))
        self.systems_changed.emit()

    # ------------------------------------------------------------ view state

    def update(self, **changes: object) -> None:
        """Change the view state; one `state_changed` when something really changed."""
        state = self._fit(self.state.changed(**changes))
        if state.view == "overlay" != self.state.view and state.selected_system is not None:
            # Back on the overlay, the system being edited is on the chart.
            state = state.changed(checked=state.checked | {state.selected_system})
        self._set_state(state)

    def _set_state(self, state: ViewState) -> None:
        if state != self.state:
            before, self.state = self.state, state
            a = self.assessment
            if a is not None and state.round != before.round:
                a.show_round(state.round)  # before anyone redraws: System.ratings is this round's
            self.state_changed.emit(state, before)

    # ------------------------------------------------------------ rounds

    def shown_round(self) -> Round | None:
        a = self.assessment
        return a.shown if a is not None else None

    def baseline_round(self) -> Round | None:
        a = self.assessment
        if a is None or self.state.baseline is None:
            return None
        try:
            r = a.round(self.state.baseline)
        except KeyError:
            return None
        return None if r is a.shown else r  # the round shown compared with itself: nothing to compare

    def show_round(self, round_id: str | None) -> None:
        self.update(round=round_id)

    def step_round(self, step: int) -> bool:
        """Show the round `step` places later (or earlier); False at either end."""
        a = self.assessment
        if a is None:
            return False
        ids = [r.id for r in a.rounds]
        i = ids.index(a.shown.id) + step
        if not 0 <= i < len(ids):
            return False
        self.update(round=ids[i])
        self.message.emit(f"Round: {a.rounds[i].label}")
        return True

    def select_system(self, name: str | None) -> None:
        """Select a system; in overlay view also check it, so the chart shows what the table shows.

        Focus view shows the selected system whatever is checked, so there the checks stay as they are.
        """
        if name is None:
            return
        if self.state.view == "overlay":
            self.update(selected_system=name, checked=self.state.checked | {name})
        else:
            self.update(selected_system=name)

    def set_checked(self, names: set[str] | frozenset[str], show_average: bool | None = None) -> None:
        changes: dict[str, object] = {"checked": frozenset(names)}
        if show_average is not None:
            changes["show_average"] = show_average
        self.update(**changes)

    @property
    def theme(self) -> Theme:
        return THEMES.get(self.state.theme, THEMES["light"])

    def chart_spec(self) -> ChartSpec | None:
        """What the chart shows now; None when no document is open."""
        a = self.assessment
        return chart_spec(a, self.state) if a is not None else None

    def checked_names(self) -> tuple[str, ...]:
        """Checked systems in the document's order."""
        a = self.assessment
        return tuple(n for n in a.system_names() if n in self.state.checked) if a else ()
