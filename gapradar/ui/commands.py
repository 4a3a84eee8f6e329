"""Every edit is one of these undo commands, with a text people can read in Edit ▸ Undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from gapradar.domain import Rating, System
from gapradar.ui.document import Document


class _RatingCommand(QUndoCommand):
    """Replace one system's rating on one practice of the shown round; undo puts the old one back.

    The command remembers its round, so undo after showing another round changes
    the round it was made in (and shows it).
    """

    edits_ratings = True  # the workspace refuses it while the shown round is read-only

    def __init__(self, doc: Document, system: str, practice_id: str, **change: object) -> None:
        super().__init__()
        self.doc, self.system, self.practice_id = doc, system, practice_id
        self.round_id = doc.assessment.shown.id
        self.before = doc.assessment.system(system).rating(practice_id)
        self.after = replace(self.before, **change)  # type: ignore[arg-type]  # fields named by the caller
        self.practice_name = doc.assessment.model.practice(practice_id).name
        self._done = False

    def redo(self) -> None:
        if self._done:
            self.doc.round_revealed.emit(self.round_id)
        self.doc.apply_rating(self.system, self.practice_id, self.after, self.round_id)
        if self._done:  # a redo, not the first time: show where it happened
            self.doc.revealed.emit(self.system, self.practice_id, f"Redone: {self.text()}")
        self._done = True

    def undo(self) -> None:
        self.doc.round_revealed.emit(self.round_id)
        self.doc.apply_rating(self.system, self.practice_id, self.before, self.round_id)
        self.doc.revealed.emit(self.system, self.practice_id, f"Undone: {self.text()}")


DRAG_COMMAND_ID = 1


class SetLevelCommand(_RatingCommand):
    """Set the current or target level of one system on one practice.

    Commands pushed during one drag (same `drag` token) merge into one undo step.
    Clearing the current level clears its confidence mark too: a mark about no
    level would mean nothing (undo brings both back).
    """

    def __init__(
        self,
        doc: Document,
        system: str,
        practice_id: str,
        which: str,
        score: int | None,
        drag: int | None = None,
    ) -> None:
        change: dict[str, object] = {which: score}
        if which == "current" and score is None:
            change["confidence"] = None
        super().__init__(doc, system, practice_id, **change)
        self.which, self.drag = which, drag
        self._label(score)

    def _label(self, score: int | None) -> None:
        level = self.doc.assessment.model.level_label(score)
        self.setText(f"Set {self.practice_name} {self.which} of {self.system} to {level}")

    def id(self) -> int:
        return DRAG_COMMAND_ID if self.drag is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetLevelCommand)
            and other.drag == self.drag
            and other.round_id == self.round_id
            and (other.system, other.practice_id, other.which) == (self.system, self.practice_id, self.which)
        ):
            return False
        self.after = other.after
        self._label(getattr(self.after, self.which))
        self.setObsolete(self.after == self.before)
        return True


class SetNoteCommand(_RatingCommand):
    def __init__(self, doc: Document, system: str, practice_id: str, note: str) -> None:
        super().__init__(doc, system, practice_id, note=note)
        self.setText(f"Edit note on {self.practice_name} of {system}")


class AddSystemCommand(QUndoCommand):
    """Add a new (or duplicated) system at an index."""

    def __init__(
        self, doc: Document, system: System, index: int | None = None, text: str | None = None
    ) -> None:
        super().__init__()
        self.doc, self.system = doc, system
        self.index = len(doc.assessment.systems) if index is None else index
        self.by_round: dict[str, dict[str, Rating]] | None = None  # its ratings per round, once undone
        self.setText(text or f"Add system {system.name}")

    def redo(self) -> None:
        self.doc.insert_system(self.index, self.system, self.by_round)

    def undo(self) -> None:
        _index, _system, self.by_round = self.doc.take_system(self.system.name)


class RemoveSystemCommand(QUndoCommand):
    def __init__(self, doc: Document, name: str) -> None:
        super().__init__()
        self.doc, self.name = doc, name
        self.index = doc.assessment.index_of(name)
        self.system: System | None = None
        self.by_round: dict[str, dict[str, Rating]] = {}
        self.setText(f"Remove system {name}")

    def redo(self) -> None:
        self.index, self.system, self.by_round = self.doc.take_system(self.name)

    def undo(self) -> None:
        if self.system is not None:
            self.doc.insert_system(self.index, self.system, self.by_round)


class RenameSystemCommand(QUndoCommand):
    def __init__(self, doc: Document, old: str, new: str) -> None:
        super().__init__()
        self.doc, self.old, self.new = doc, old, new
        self.setText(f"Rename system {old} to {new}")

    def redo(self) -> None:
        self.doc.rename_system(self.old, self.new)

    def undo(self) -> None:
        self.doc.rename_system(self.new, self.old)


def duplicate_system(doc: Document, name: str) -> AddSystemCommand:
    source = doc.assessment.system(name)
    copy = source.copy(doc.assessment.unique_name(f"{name} (copy)"))
    index = doc.assessment.index_of(name) + 1
    return AddSystemCommand(doc, copy, index, text=f"Duplicate system {name}")


class SetNotApplicableCommand(_RatingCommand):
    """Mark a practice as not applying to a system (no current, no target, no confidence), or undo that.

    Marking keeps the note: why a practice does not apply is worth writing down.
    Making it apply again puts back `restore` (the levels and confidence it had
    before it was marked, when known), else leaves it not assessed.
    """

    def __init__(
        self,
        doc: Document,
        system: str,
        practice_id: str,
        applies_not: bool,
        restore: Rating | None = None,
    ) -> None:
        super().__init__(doc, system, practice_id)
        if applies_not:
            self.after = self.before.marked_not_applicable()
            self.setText(f"Mark {self.practice_name} as not applicable to {system}")
            return
        self.after = replace(self.before, not_applicable=False)
        if restore is not None:
            self.after = replace(
                self.after, current=restore.current, target=restore.target, confidence=restore.confidence
            )
        self.setText(
            f"Mark {self.practice_name} as applicable to {system} again ({applies_again_words(doc, restore)})"
        )


def applies_again_words(doc: Document, restore: Rating | None) -> str:
    """What N puts back, in words: "current 0 – Repeatable, target 2 – …", or "not assessed"."""
    if restore is None or (restore.current is None and restore.target is None):
        return "not assessed"
    model = doc.assessment.model
    words = [f"current {model.level_label(restore.current)}", f"target {model.level_label(restore.target)}"]
    mark = model.confidence_word(restore.confidence)
    return ", ".join(words) + (f", {mark}" if mark else "")


def levels_before_not_applicable(doc: Document, system: str, practice_id: str) -> Rating | None:
    """The rating as it was just before this practice was marked n/a, when the undo stack still knows.

    Walks back from the last done command: edits of other ratings are passed
    over, a note edited while n/a too; the command that marked it n/a gives its
    `before`. Anything else that may have made it n/a (an import, a model edit, a
    system removed and put back), or a rating of this practice that was not n/a,
    means the levels from before are not known: None.
    """
    rating = doc.assessment.system(system).rating(practice_id)
    if not rating.not_applicable:
        return None
    round_id = doc.assessment.shown.id
    stack = doc.undo_stack
    for i in range(stack.index() - 1, -1, -1):
        command = stack.command(i)
        if not isinstance(command, _RatingCommand):
            if getattr(command, "edits_ratings", False) or command.childCount() or not _harmless(command):
                return None
            continue
        if (command.round_id, command.system, command.practice_id) != (round_id, system, practice_id):
            continue
        if not command.after.not_applicable:
            return None  # it applied after this one: the n/a came from elsewhere
        if not command.before.not_applicable:
            return command.before  # the marking
    return None


def _harmless(command: QUndoCommand) -> bool:
    """Commands that change no rating and leave every system where it was."""
    return isinstance(command, AddSystemCommand | RenameSystemCommand)


def toggle_not_applicable(doc: Document, system: str, practice_id: str) -> SetNotApplicableCommand:
    """N: a practice that applies becomes n/a; one marked n/a applies again with the levels it had
    before it was marked (when the undo stack still knows them), else not assessed."""
    rating = doc.assessment.system(system).rating(practice_id)
    if rating.not_applicable:
        restore = levels_before_not_applicable(doc, system, practice_id)
        return SetNotApplicableCommand(doc, system, practice_id, False, restore)
    return SetNotApplicableCommand(doc, system, practice_id, True)


class SetConfidenceCommand(_RatingCommand):
    """How well the current level is backed: one of the model's confidence words, or no mark."""

    def __init__(self, doc: Document, system: str, practice_id: str, confidence: int | None) -> None:
        super().__init__(doc, system, practice_id, confidence=confidence)
        word = doc.assessment.model.confidence_word(confidence) or "no mark"
        self.setText(f"Set confidence in {self.practice_name} of {system} to {word}")


NO_CURRENT_FOR_CONFIDENCE = "Set a current level first: confidence is about the current level"
NOT_APPLICABLE_NO_CONFIDENCE = "Not applicable: there is no level to be confident about"


def confidence_refusal(rating: Rating) -> str:
    """Why C cannot mark this rating ("" when it can): confidence is about a current level."""
    if rating.not_applicable:
        return NOT_APPLICABLE_NO_CONFIDENCE
    if rating.current is None and rating.confidence is None:
        return NO_CURRENT_FOR_CONFIDENCE
    return ""


def next_confidence(doc: Document, system: str, practice_id: str) -> SetConfidenceCommand | None:
    """C: no mark → claimed → evidenced → verified → no mark; None where `confidence_refusal` says why.

    A mark left from a file on a rating without a current level can still be stepped off.
    """
    rating = doc.assessment.system(system).rating(practice_id)
    if confidence_refusal(rating):
        return None
    words = len(doc.assessment.model.confidence)
    after = 0 if rating.confidence is None else rating.confidence + 1
    if rating.current is None:
        after = len(doc.assessment.model.confidence)  # no level to back: the stray mark goes
    return SetConfidenceCommand(doc, system, practice_id, after if after < words else None)
