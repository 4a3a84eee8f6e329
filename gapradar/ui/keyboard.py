"""Editing from the keyboard alone, in the window and in presentation mode.

Left/Right (Tab) walk the practices, Up/Down step the level, T switches between
current and target, digits pick the level with that number (as read on the
rings and in the table; `-` then a digit for negative levels), Delete clears
to "not assessed", N marks the practice as not applicable (and back, with the
levels it had before when the undo stack knows them), C steps the confidence
mark of a current level (none, claimed, evidenced, verified), PageUp/PageDown switch
systems, [ and ] step through the rounds, A toggles the average, R reveals targets
(or, when voting, the votes), V starts and stops room voting, M sets the revealed
votes' median, ? lists the keys. Every change is the same undo command as the table's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QLabel, QWidget

from gapradar.ui.commands import (
    SetConfidenceCommand,
    SetNotApplicableCommand,
    confidence_refusal,
    next_confidence,
    toggle_not_applicable,
)
from gapradar.ui.document import Document
from gapradar.ui.facilitation import Facilitator

KEYS_HELP = [
    ("← → or Tab", "previous / next practice"),
    ("↑ ↓", "raise / lower the level"),
    ("0–9", "set the level with that number (− then a digit for negative levels)"),
    ("Delete", "set to not assessed"),
    ("N", "mark not applicable; again: applies again with its earlier levels (not assessed if unknown)"),
    ("C", "confidence in the current level: claimed, evidenced, verified, none (needs a current level)"),
    ("T", "switch between editing current and target"),
    ("Page Up / Page Down", "previous / next system (also ends the roll-up's focus)"),
    ("[ / ]", "previous / next round (when the file has several)"),
    ("A", "show or hide the average"),
    ("R", "reveal the votes (when voting), else the targets (when hidden)"),
    ("V", "start / stop room voting"),
    ("M", "set the level to the median of the revealed votes"),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "redo"),
    ("F5 / Esc", "enter / leave presentation mode"),
    ("?", "show or hide this list"),
]


def keys_help_html() -> str:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in KEYS_HELP)
    return f"<h3>Keyboard</h3><table>{rows}</table>"


def toggle_keys_help(host: QWidget) -> None:
    """Show the key list centred over `host`, or hide it when it shows."""
    overlay = host.findChild(QLabel, "keysOverlay")
    if overlay is not None and overlay.isVisible():
        overlay.hide()
        return
    if overlay is None:
        overlay = QLabel(host)
        overlay.setObjectName("keysOverlay")
        overlay.setAccessibleName("Keyboard shortcuts")
        overlay.setTextFormat(Qt.TextFormat.RichText)
        overlay.setText(keys_help_html())
        overlay.setStyleSheet(
            "QLabel { background: rgba(20, 20, 20, 225); color: white; padding: 18px; border-radius: 10px; }"
        )
    f = overlay.font()
    f.setPixelSize(max(14, host.height() // 40))
    overlay.setFont(f)
    overlay.adjustSize()
    overlay.move((host.width() - overlay.width()) // 2, (host.height() - overlay.height()) // 2)
    overlay.show()
    overlay.raise_()


NOTICE_MS = 4000


def show_notice(host: QWidget, text: str) -> None:
    """A short notice along the bottom of `host` that goes by itself (or with the next notice)."""
    notice = host.findChild(QLabel, "keysNotice")
    if notice is None:
        notice = QLabel(host)
        notice.setObjectName("keysNotice")
        notice.setAccessibleName("Notice")
        notice.setWordWrap(True)
        notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        notice.setStyleSheet(
            "QLabel { background: rgba(20, 20, 20, 225); color: white; padding: 10px 16px; border-radius: 8px; }"
        )
        hide = QTimer(notice)
        hide.setObjectName("keysNoticeTimer")
        hide.setSingleShot(True)
        hide.timeout.connect(notice.hide)
    notice.setText(text)
    f = notice.font()
    f.setPixelSize(max(13, host.height() // 50))
    notice.setFont(f)
    notice.setFixedWidth(min(host.width() - 40, max(320, host.width() * 2 // 3)))
    notice.adjustSize()
    notice.move((host.width() - notice.width()) // 2, host.height() - notice.height() - 24)
    notice.show()
    notice.raise_()
    timer = notice.findChild(QTimer, "keysNoticeTimer")
    if timer is not None:
        timer.start(NOTICE_MS)


class KeyboardEditing(QObject):
    """An event filter that turns key presses into the facilitator's operations."""

    def __init__(
        self, facilitator: Facilitator, help_host: Callable[[], QWidget], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.facilitator = facilitator
        self.help_host = help_host
        self._minus = False  # "-" was pressed: the next digit is a negative level
        facilitator.refused.connect(self._show_refusal)

    def _confidence(self, doc: Document, system: str, practice_id: str) -> SetConfidenceCommand | None:
        """C's command, or None having said why (no current level, or not applicable)."""
        command = next_confidence(doc, system, practice_id)
        if command is None:
            self.facilitator.refuse(confidence_refusal(doc.assessment.system(system).rating(practice_id)))
        return command

    def _show_refusal(self, text: str) -> None:
        """A refused key says why over the chart too: presentation mode has no status line."""
        show_notice(self.help_host(), text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return False
            return self.handle(event.key(), event.text())
        return False

    def handle(self, key: int, text: str = "") -> bool:
        f = self.facilitator
        minus, self._minus = self._minus, False
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Tab):
            f.select_practice(+1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backtab):
            f.select_practice(-1)
        elif key == Qt.Key.Key_Up:
            f.step_level(+1)
        elif key == Qt.Key.Key_Down:
            f.step_level(-1)
        elif key == Qt.Key.Key_PageDown:
            f.select_system(+1)
        elif key == Qt.Key.Key_PageUp:
            f.select_system(-1)
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight) or text in ("[", "]"):
            forward = key == Qt.Key.Key_BracketRight or text == "]"
            f.ws.step_round(+1 if forward else -1)
        elif key == Qt.Key.Key_T:
            f.toggle_editing()
        elif key == Qt.Key.Key_A:
            f.toggle_average()
        elif key == Qt.Key.Key_R:
            f.reveal()
        elif key == Qt.Key.Key_V:
            f.toggle_voting()
        elif key == Qt.Key.Key_M:
            f.agree_median()
        elif key == Qt.Key.Key_N:
            self._edit_rating(toggle_not_applicable)
        elif key == Qt.Key.Key_C:
            self._edit_rating(self._confidence)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if f.rollup_shown() or not self._edit_rating(_clear_not_applicable):
                f.clear_level()
        elif text == "?" or key == Qt.Key.Key_Question:
            toggle_keys_help(self.help_host())
        elif key == Qt.Key.Key_Minus or text == "-":
            self._minus = True
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = key - Qt.Key.Key_0
            f.set_level(-digit if minus else digit)
        else:
            return False
        return True

    def _edit_rating(self, make: Callable[[Document, str, str], QUndoCommand | None]) -> bool:
        """Push the command `make` gives for the selected rating and say what it did; False if none."""
        f = self.facilitator
        if not f.edit_rating(make):
            return False
        a, state = f.ws.assessment, f.ws.state
        assert a is not None and state.selected_system is not None  # edit_rating pushed a command
        practice = a.model.practices[state.selected_practice]
        rating = a.system(state.selected_system).rating(practice.id)
        if rating.not_applicable:
            f.message.emit(f"{practice.name}: not applicable to {state.selected_system}")
        else:
            mark = a.model.confidence_word(rating.confidence) or "no confidence mark"
            level = a.model.level_label(rating.current)
            f.message.emit(f"{practice.name} of {state.selected_system}: current {level}, {mark}")
        return True


def _clear_not_applicable(doc: Document, system: str, practice_id: str) -> SetNotApplicableCommand | None:
    """Delete on a practice marked n/a: back to not assessed (a level's Delete does nothing there)."""
    if doc.assessment.system(system).rating(practice_id).not_applicable:
        return SetNotApplicableCommand(doc, system, practice_id, False)
    return None
