"""Editing from the keyboard alone, in the window and in presentation mode.

Left/Right (Tab) walk the practices, Up/Down step the level, T switches between
current and target, digits pick a level by position (0 = not assessed),
PageUp/PageDown switch systems, A toggles the average, R reveals targets, ?
lists the keys. Every change is the same undo command as the table's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

KEYS_HELP = [
    ("← → or Tab", "previous / next practice"),
    ("↑ ↓", "raise / lower the level"),
    ("0–9", "set the level by position (0 = not assessed)"),
    ("T", "switch between editing current and target"),
    ("Page Up / Page Down", "previous / next system"),
    ("A", "show or hide the average"),
    ("R", "reveal the targets (when hidden)"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo"),
    ("F5 / Esc", "enter / leave presentation mode"),
    ("?", "show or hide this list"),
]


def keys_help_html() -> str:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in KEYS_HELP)
    return f"<h3>Keyboard</h3><table>{rows}</table>"


class KeyboardEditing(QObject):
    """An event filter that turns key presses into the window's editing operations."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return self.handle(event.key(), event.text())
        return False

    def handle(self, key: int, text: str = "") -> bool:
        w = self.window
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Tab):
            w.select_practice(+1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backtab):
            w.select_practice(-1)
        elif key == Qt.Key.Key_Up:
            w.step_level(+1)
        elif key == Qt.Key.Key_Down:
            w.step_level(-1)
        elif key == Qt.Key.Key_PageDown:
            w.select_system(+1)
        elif key == Qt.Key.Key_PageUp:
            w.select_system(-1)
        elif key == Qt.Key.Key_T:
            w.toggle_editing()
        elif key == Qt.Key.Key_A:
            w.toggle_average()
        elif key == Qt.Key.Key_R:
            w.reveal_targets()
        elif text == "?" or key == Qt.Key.Key_Question:
            w.toggle_keys_help()
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            w.set_level_by_position(key - Qt.Key.Key_0)
        else:
            return False
        return True
