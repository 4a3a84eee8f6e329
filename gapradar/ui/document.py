"""The open document: the assessment, its undo stack, its file and its unsaved state.

Widgets never change the assessment; they push commands (ui/commands.py), and
commands call the mutators here, which emit `changed` so every view follows.
The undo stack's clean state is the "saved" state.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gapradar.domain import Assessment, MaturityModel, Rating, System
from gapradar.domain.assessment import Round


@dataclass(frozen=True)
class SavePoint:
    """Where the document stood when a snapshot was taken for saving."""

    index: int  # the undo stack's index
    revision: int  # counts every change, so undo-then-new-edit is not mistaken for the same state


class Document(QObject):
    changed = Signal()  # any rating, system or model change
    systems_changed = Signal()  # systems added, removed, renamed or reordered
    system_renamed = Signal(str, str)  # old, new
    rating_changed = Signal(str, str)  # system, practice id
    model_changed = Signal()  # practices, levels, the title or the systems' label changed
    revealed = Signal(str, str, str)  # system, practice id, what happened: undo/redo shows its place
    rounds_changed = Signal()  # a round made, removed, relabelled, redated, unlocked or locked
    round_revealed = Signal(str)  # an undo or redo changes this round: show it first
    path_changed = Signal()
    modified_changed = Signal(bool)

    def __init__(
        self, assessment: Assessment, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.assessment = assessment
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.revision = 0
        self.changed.connect(self._count_change)

    def _count_change(self) -> None:
        self.revision += 1

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit()

    def mark_saved(self) -> None:
        self.undo_stack.setClean()

    def save_point(self) -> SavePoint:
        return SavePoint(self.undo_stack.index(), self.revision)

    def mark_saved_at(self, point: SavePoint) -> None:
        """The snapshot taken at `point` is on disk: saved if nothing changed since, else unsaved for good.

        Edits made while it was written stay unsaved; and since the stack cannot mark
        an earlier index clean, no undo can make the document look saved again.
        """
        if point == self.save_point():
            self.undo_stack.setClean()
        else:
            self.undo_stack.resetClean()

    # ---------------------------------------------------------- mutators for commands only

    def apply_rating(
        self, system: str, practice_id: str, rating: Rating, round_id: str | None = None
    ) -> None:
        """Set one rating, in the round `round_id` (None: the shown one), shown or not."""
        a = self.assessment
        target = a.system(system)
        if round_id is None or round_id == a.shown.id:
            target.set_rating(practice_id, rating)
        else:
            ratings = a.round(round_id).ratings.setdefault(target.id, {})
            if rating.is_empty:
                ratings.pop(practice_id, None)
            else:
                ratings[practice_id] = rating
        self.rating_changed.emit(system, practice_id)
        self.changed.emit()

    # rounds

    def add_round(self, r: Round, index: int | None = None) -> None:
        self.assessment.add_round(r, index)
        self.rounds_changed.emit()
        self.changed.emit()

    def remove_round(self, round_id: str) -> tuple[int, Round]:
        index, r = self.assessment.remove_round(round_id)
        self.rounds_changed.emit()
        self.changed.emit()
        return index, r

    def set_round_details(self, round_id: str, label: str, date: datetime.date | None) -> None:
        r = self.assessment.round(round_id)
        r.label, r.date = label, date
        self.rounds_changed.emit()
        self.changed.emit()

    def set_round_unlocked(self, round_id: str, unlocked: bool) -> None:
        """An undo step like any other, saved with the file (`unlocked: true`) until locked again."""
        self.assessment.round(round_id).unlocked = unlocked
        self.rounds_changed.emit()

    def apply_ratings(self, ratings: dict[tuple[str, str], Rating]) -> None:
        """Many ratings at once, by (system, practice id): one `changed`, so the chart redraws once."""
        for (system, practice_id), rating in ratings.items():
            self.assessment.system(system).set_rating(practice_id, rating)
            self.rating_changed.emit(system, practice_id)
        self.changed.emit()

    def append_systems(self, systems: list[System]) -> None:
        """Many systems at the end at once (an import): the panel and chart rebuild once."""
        self.assessment.systems.extend(systems)
        for system in systems:
            self.assessment.attach_system(system)
        self.systems_changed.emit()
        self.changed.emit()

    def remove_systems(self, names: list[str]) -> None:
        """Undo of append_systems: these systems out (of every round), the panel and chart rebuilt once."""
        gone = set(names)
        for system in self.assessment.systems:
            if system.name in gone:
                self.assessment.detach_system(system)
        self.assessment.systems[:] = [s for s in self.assessment.systems if s.name not in gone]
        self.systems_changed.emit()
        self.changed.emit()

    def insert_system(
        self, index: int, system: System, by_round: dict[str, dict[str, Rating]] | None = None
    ) -> None:
        """A system in at `index`; `by_round` (from take_system) gives back its ratings in every round."""
        self.assessment.systems.insert(index, system)
        self.assessment.attach_system(system, by_round)
        self.systems_changed.emit()
        self.changed.emit()

    def take_system(self, name: str) -> tuple[int, System, dict[str, dict[str, Rating]]]:
        """A system out of the list and out of every round: its index, itself, its ratings by round."""
        index = self.assessment.index_of(name)
        system = self.assessment.systems[index]
        by_round = self.assessment.detach_system(system)
        self.assessment.systems.pop(index)
        self.systems_changed.emit()
        self.changed.emit()
        return index, system, by_round

    def rename_system(self, old: str, new: str) -> None:
        self.assessment.system(old).name = new
        self.system_renamed.emit(old, new)
        self.systems_changed.emit()
        self.changed.emit()

    def apply_model(
        self, model: MaturityModel, ratings: dict[str, dict[str, Rating]] | None, round_id: str | None = None
    ) -> None:
        """A new model, and with it the ratings it implies (None: ratings unchanged).

        `ratings` (by system name) are those of the round `round_id` (None: the shown one),
        where the edit was made; the other rounds follow a renumbered level.
        """
        a = self.assessment
        before = a.model
        a.model = model
        if ratings is not None:
            edited = a.shown if round_id is None else a.round(round_id)
            for system in a.systems:
                rated = {pid: r for pid, r in ratings.get(system.name, {}).items() if not r.is_empty}
                if edited is a.shown:
                    system.ratings = rated
                else:
                    edited.ratings[system.id] = rated
            a.follow_rescored_levels(before, model, edited)
        self.model_changed.emit()
        self.changed.emit()

    def apply_details(self, title: str, description: str, systems_label: str) -> None:
        a = self.assessment
        a.title, a.description, a.systems_label = title, description, systems_label
        self.model_changed.emit()
        self.changed.emit()
