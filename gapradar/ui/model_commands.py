"""Undo commands for the model editor: each edit of practices, levels or the assessment's details.

A command keeps the model (and, when the edit moves ratings, every rating)
from before and after, so undo restores exactly what was there.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from gapradar.domain.model_edit import ModelEdit, ratings_of
from gapradar.ui.document import Document


class ModelCommand(QUndoCommand):
    def __init__(self, doc: Document, edit: ModelEdit, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self.before_model = doc.assessment.model
        self.before_ratings = ratings_of(doc.assessment) if edit.ratings is not None else None
        self.edit = edit
        self.round_id = doc.assessment.shown.id  # the ratings above are this round's

    def redo(self) -> None:
        self.doc.apply_model(self.edit.model, self.edit.ratings, self.round_id)

    def undo(self) -> None:
        self.doc.apply_model(self.before_model, self.before_ratings, self.round_id)


class DetailsCommand(QUndoCommand):
    """The assessment's title, description and the word for its systems."""

    def __init__(self, doc: Document, title: str, description: str, systems_label: str) -> None:
        super().__init__("Edit the assessment's details")
        a = doc.assessment
        self.doc = doc
        self.before = (a.title, a.description, a.systems_label)
        self.after = (title, description, systems_label)

    def redo(self) -> None:
        self.doc.apply_details(*self.after)

    def undo(self) -> None:
        self.doc.apply_details(*self.before)
