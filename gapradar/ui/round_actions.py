"""File ▸ New round… and the Round menu: show, rename, unlock, delete and compare rounds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QMessageBox, QWidget

from gapradar.ui.round_commands import (
    DeleteRoundCommand,
    NewRoundCommand,
    RoundDetailsCommand,
    UnlockRoundCommand,
)
from gapradar.ui.round_dialog import RoundDialog, new_round_dialog
from gapradar.ui.workspace import Workspace


class RoundActions:
    """The round entries of the menus, kept enabled and labelled for the shown round."""

    def __init__(
        self, ws: Workspace, parent: QWidget, file_menu: QMenu, bar: QMenuBar, before: QAction
    ) -> None:
        self.ws, self.parent = ws, parent
        self.new_round = QAction("New ro&und…", parent)
        self.new_round.setObjectName("action_new_round")
        self.new_round.setStatusTip(
            "Start the next round: a copy of the latest round's levels, targets and notes"
        )
        self.new_round.triggered.connect(self.start_round)
        file_menu.insertAction(
            file_menu.actions()[file_menu.actions().index(self._import(file_menu)) + 1], self.new_round
        )
        self.menu = QMenu("&Round", parent)
        self.menu.setObjectName("roundMenu")
        bar.insertMenu(before, self.menu)
        self.menu.addAction(self.new_round)
        self.previous = self._add("previous_round", "&Previous round  ([)", lambda: ws.step_round(-1))
        self.next = self._add("next_round", "&Next round  (])", lambda: ws.step_round(+1))
        self.latest = self._add("latest_round", "Show the &latest round", lambda: ws.update(round=None))
        self.menu.addSeparator()
        self.rename = self._add("rename_round", "Rena&me or redate this round…", self.rename_round)
        self.unlock = self._add("unlock_round", "Unloc&k this round for editing", self.toggle_lock)
        self.delete = self._add("delete_round", "&Delete this round…", self.delete_round)
        self.menu.addSeparator()
        self.compare = self.menu.addMenu("&Compare with")
        self.compare.setObjectName("compareMenu")
        ws.state_changed.connect(self.follow)
        ws.rounds_changed.connect(self.follow)
        ws.document_replaced.connect(self.follow)
        self.follow()

    @staticmethod
    def _import(file_menu: QMenu) -> QAction:
        return next(a for a in file_menu.actions() if a.objectName() == "action_import_ratings")

    def _add(self, key: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.parent)
        action.setObjectName(f"action_{key}")
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def follow(self, *_args: object) -> None:
        a = self.ws.assessment
        has = a is not None
        self.new_round.setEnabled(has)
        for action in (self.previous, self.next, self.latest, self.rename, self.unlock, self.delete):
            action.setEnabled(has)
        self.compare.clear()
        if a is None:
            return
        shown = a.shown
        index = a.rounds.index(shown)
        self.previous.setEnabled(index > 0)
        self.next.setEnabled(index < len(a.rounds) - 1)
        self.latest.setEnabled(shown is not a.latest)
        self.unlock.setEnabled(shown is not a.latest)
        self.unlock.setText(
            "Loc&k this round again"
            if shown.unlocked and shown is not a.latest
            else "Unloc&k this round for editing"
        )
        self.delete.setEnabled(len(a.rounds) > 1)
        group = QActionGroup(self.compare)
        for round_id, text in [(None, "&None"), *((r.id, r.label) for r in a.rounds)]:
            action = self.compare.addAction(text)
            action.setCheckable(True)
            action.setChecked(self.ws.state.baseline == round_id)
            action.setEnabled(round_id != shown.id and len(a.rounds) > 1)
            action.triggered.connect(lambda _c=False, i=round_id: self.ws.update(baseline=i))
            group.addAction(action)

    # ------------------------------------------------------------ commands

    def start_round(self) -> None:
        a, doc = self.ws.assessment, self.ws.document
        if a is None or doc is None:
            return
        dialog = new_round_dialog(a, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.ws.push(NewRoundCommand(doc, dialog.label(), dialog.date()))
        self.ws.update(round=None)
        self.ws.message.emit(f"New round “{dialog.label()}”: a copy of the previous round, ready to rate")

    def rename_round(self) -> None:
        a, doc = self.ws.assessment, self.ws.document
        if a is None or doc is None:
            return
        r = a.shown
        dialog = RoundDialog(a, "Rename or redate round", r.label, r.date, except_id=r.id, parent=self.parent)
        if dialog.exec() == QDialog.DialogCode.Accepted and (dialog.label(), dialog.date()) != (
            r.label,
            r.date,
        ):
            self.ws.push(RoundDetailsCommand(doc, r.id, dialog.label(), dialog.date()))

    def toggle_lock(self) -> None:
        a, doc = self.ws.assessment, self.ws.document
        if a is None or doc is None or a.shown is a.latest:
            return
        r = a.shown
        self.ws.push(UnlockRoundCommand(doc, r.id, not r.unlocked))
        self.ws.message.emit(
            f"“{r.label}” can be edited now" if r.unlocked else f"“{r.label}” is read-only again"
        )

    def delete_round(self) -> None:
        a, doc = self.ws.assessment, self.ws.document
        if a is None or doc is None or len(a.rounds) < 2:
            return
        r = a.shown
        answer = QMessageBox.question(
            self.parent,
            "Delete round",
            f"Delete the round “{r.label}” and every rating in it? Edit ▸ Undo brings it back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ws.push(DeleteRoundCommand(doc, r.id))
