"""Undo commands for rounds: start one, relabel or redate it, unlock or lock it, delete it."""

from __future__ import annotations

import datetime

from PySide6.QtGui import QUndoCommand

from gapradar.domain.assessment import Round
from gapradar.ui.document import Document


class NewRoundCommand(QUndoCommand):
    """A new latest round holding the latest round's levels, targets and notes: one undo step."""

    def __init__(self, doc: Document, label: str, date: datetime.date | None) -> None:
        super().__init__(f"New round {label}")
        self.doc = doc
        self.round = doc.assessment.carried_forward(label, date)

    def redo(self) -> None:
        self.doc.add_round(self.round)

    def undo(self) -> None:
        self.doc.remove_round(self.round.id)


class DeleteRoundCommand(QUndoCommand):
    """Take a round out (never the last one); undo puts it back where it was."""

    def __init__(self, doc: Document, round_id: str) -> None:
        r = doc.assessment.round(round_id)
        super().__init__(f"Delete round {r.label}")
        self.doc, self.round_id = doc, round_id
        self.index = doc.assessment.rounds.index(r)
        self.round: Round | None = None

    def redo(self) -> None:
        self.index, self.round = self.doc.remove_round(self.round_id)

    def undo(self) -> None:
        if self.round is not None:
            self.doc.add_round(self.round, self.index)
            self.doc.round_revealed.emit(self.round_id)


class RoundDetailsCommand(QUndoCommand):
    """A round's label and date; its id stays, so a relabelled round is the same round."""

    def __init__(self, doc: Document, round_id: str, label: str, date: datetime.date | None) -> None:
        r = doc.assessment.round(round_id)
        text = (
            f"Rename round {r.label} to {label}" if label != r.label else f"Change the date of round {label}"
        )
        super().__init__(text)
        self.doc, self.round_id = doc, round_id
        self.before = (r.label, r.date)
        self.after = (label, date)

    def redo(self) -> None:
        self.doc.set_round_details(self.round_id, *self.after)

    def undo(self) -> None:
        self.doc.set_round_details(self.round_id, *self.before)


class UnlockRoundCommand(QUndoCommand):
    """Let an earlier round be edited (or lock it again)."""

    def __init__(self, doc: Document, round_id: str, unlocked: bool = True) -> None:
        r = doc.assessment.round(round_id)
        super().__init__(f"{'Unlock' if unlocked else 'Lock'} round {r.label}")
        self.doc, self.round_id, self.unlocked = doc, round_id, unlocked

    def redo(self) -> None:
        self.doc.set_round_unlocked(self.round_id, self.unlocked)

    def undo(self) -> None:
        self.doc.set_round_unlocked(self.round_id, not self.unlocked)
