"""Ratings imported from a spreadsheet: one undo step, new systems and all."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from gapradar.domain import Rating, System
from gapradar.domain.names import Slugs
from gapradar.io.table_import import TableImport
from gapradar.ui.document import Document


class ImportRatingsCommand(QUndoCommand):
    """Add the systems the table names that the assessment lacks, then set every imported rating.

    Before and after are taken once, here, so undo and redo restore exactly
    what was there whatever the table said.
    """

    edits_ratings = True  # into the shown round: refused while it is read-only

    def __init__(self, doc: Document, result: TableImport, source: str) -> None:
        super().__init__(f"Import ratings from {source}")
        self.doc = doc
        a = doc.assessment
        self.round_id = a.shown.id
        slugs = Slugs({s.id for s in a.systems})
        self.new_systems = [
            System(name, id=slugs.make(name, "system"))
            for name in result.new_systems
            if name not in a.system_names()
        ]
        changes = result.changes(a)
        self.before: dict[tuple[str, str], Rating] = {(c.system, c.practice.id): c.before for c in changes}
        self.after: dict[tuple[str, str], Rating] = {(c.system, c.practice.id): c.after for c in changes}

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_systems or self.after)

    def redo(self) -> None:
        self.doc.round_revealed.emit(self.round_id)
        if self.new_systems:
            self.doc.append_systems(self.new_systems)
        self.doc.apply_ratings(self.after)

    def undo(self) -> None:
        self.doc.round_revealed.emit(self.round_id)
        self.doc.apply_ratings(self.before)
        if self.new_systems:
            self.doc.remove_systems([s.name for s in self.new_systems])
