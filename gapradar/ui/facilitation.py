"""What a facilitator does with the keyboard: walk practices, step levels, switch systems.

A mixin for MainWindow so the window module stays about assembling widgets;
the presentation window calls the same methods, so both behave alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.keyboard import keys_help_html


class FacilitationMixin:
    selected_practice: int = 0
    editing: str = "current"
    targets_hidden: bool = False

    # ------------------------------------------------------------ navigation

    def select_practice(self, delta: int) -> None:
        n = len(self.doc.assessment.model.practices)
        self.selected_practice = (self.selected_practice + delta) % n
        self._facilitation_changed()

    def select_system(self, delta: int) -> None:
        names = sorted(self.doc.assessment.system_names(), key=str.casefold)
        if not names:
            return
        current = self.focused_system()
        i = names.index(current) if current in names else -1
        self.panel.select(names[(i + delta) % len(names)])
        self._facilitation_changed()

    def toggle_editing(self) -> None:
        self.editing = "target" if self.editing == "current" else "current"
        if self.editing == "target":
            self.targets_hidden = False
        self._facilitation_changed()

    def toggle_average(self) -> None:
        self.panel.set_checked(self.panel.checked, not self.panel.show_average)

    def reveal_targets(self) -> None:
        self.set_targets_hidden(False)

    def set_targets_hidden(self, hidden: bool) -> None:
        self.targets_hidden = hidden
        if hidden and self.editing == "target":
            self.editing = "current"
        if hasattr(self, "hide_targets_action"):
            self.hide_targets_action.setChecked(hidden)
        self._update_chart()
        self._facilitation_changed()

    # ------------------------------------------------------------ editing

    def _selected_practice_id(self) -> str:
        return self.doc.assessment.model.practices[self.selected_practice].id

    def _set(self, score: int | None) -> None:
        system = self.focused_system()
        if system is None:
            return
        pid = self._selected_practice_id()
        if getattr(self.doc.assessment.system(system).rating(pid), self.editing) != score:
            self.doc.undo_stack.push(SetLevelCommand(self.doc, system, pid, self.editing, score))

    def step_level(self, delta: int) -> None:
        system = self.focused_system()
        if system is None:
            return
        rating = self.doc.assessment.system(system).rating(self._selected_practice_id())
        self._set(self.doc.assessment.model.step(getattr(rating, self.editing), delta))

    def set_level_by_position(self, position: int) -> None:
        """0 is "not assessed"; 1 is the lowest level, 2 the next, and so on."""
        scores = self.doc.assessment.model.scores
        if position == 0:
            self._set(None)
        elif position <= len(scores):
            self._set(scores[position - 1])

    # ------------------------------------------------------------ help overlay

    def toggle_keys_help(self) -> None:
        overlay = getattr(self, "_keys_overlay", None)
        host = self.presentation if getattr(self, "presentation", None) else self.radar
        if overlay is not None and overlay.isVisible():
            overlay.hide()
            return
        if overlay is None or overlay.parent() is not host:
            overlay = QLabel(host)
            overlay.setObjectName("keysOverlay")
            overlay.setAccessibleName("Keyboard shortcuts")
            overlay.setTextFormat(Qt.TextFormat.RichText)
            overlay.setText(keys_help_html())
            overlay.setStyleSheet(
                "QLabel { background: rgba(20, 20, 20, 225); color: white; padding: 18px; border-radius: 10px; }"
            )
            self._keys_overlay = overlay
        f = overlay.font()
        f.setPixelSize(max(14, host.height() // 40))
        overlay.setFont(f)
        overlay.adjustSize()
        overlay.move((host.width() - overlay.width()) // 2, (host.height() - overlay.height()) // 2)
        overlay.show()
        overlay.raise_()

    # ------------------------------------------------------------ refresh

    def _facilitation_changed(self) -> None:
        self._update_chart()
        self.update_guide()
        self.statusBar().showMessage(
            f"{self.doc.assessment.model.practices[self.selected_practice].name}: editing {self.editing}"
            f" of {self.focused_system() or 'no system'}",
            4000,
        )
