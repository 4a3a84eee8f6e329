"""A consultant back for the follow-up workshop: a new round, an edit, the read-only past, the comparison."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from gapradar.ui.round_bar import RoundBar
from gapradar.ui.round_dialog import RoundDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def _answer_round_dialog(qtbot, label: str) -> list[str]:
    """When the New round dialog opens, type `label` over the suggestion and press Return."""
    seen: list[str] = []

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RoundDialog):
            QTimer.singleShot(50, fill)
            return
        seen.append(dialog.label_edit.text())
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        qtbot.keyClicks(edit, label)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    return seen


def test_new_round_edit_then_the_past_is_read_only_and_compared(window, qtbot):
    ws = window.ws
    a = ws.assessment
    first = a.latest
    system = ws.state.selected_system
    pid = a.model.practices[ws.state.selected_practice].id
    before = a.system(system).rating(pid).current

    suggested = _answer_round_dialog(qtbot, "2026-09 follow-up")
    window.actions_["new_round"].trigger()
    qtbot.waitUntil(lambda: len(a.rounds) == 2, timeout=5000)
    assert suggested and suggested[0]  # a label was offered
    assert a.latest.label == "2026-09 follow-up" and a.shown is a.latest
    assert a.system(system).rating(pid).current == before  # copied forward

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    radar = window.radar  # the chart widget, which takes the keys
    radar.setFocus()
    qtbot.keyClick(radar, Qt.Key.Key_Up)  # one level up in the new round
    after = a.system(system).rating(pid).current
    assert after != before

    bar = window.findChild(RoundBar)
    rounds_box, baseline_box = bar.findChildren(QComboBox)[:2]
    qtbot.keyClick(radar, Qt.Key.Key_BracketLeft)  # back to the baseline round
    qtbot.waitUntil(lambda: a.shown is first, timeout=3000)
    assert first.label in rounds_box.currentText()
    assert a.system(system).rating(pid).current == before
    qtbot.keyClick(radar, Qt.Key.Key_Up)  # refused: the past is read-only
    assert a.system(system).rating(pid).current == before
    assert "read-only" in window.statusBar().currentMessage().lower() or "unlock" in (
        window.statusBar().currentMessage().lower()
    )

    qtbot.keyClick(radar, Qt.Key.Key_BracketRight)
    qtbot.waitUntil(lambda: a.shown is a.latest, timeout=3000)
    wanted = baseline_box.findText(first.label, Qt.MatchFlag.MatchContains)
    assert wanted > baseline_box.currentIndex()
    baseline_box.setFocus()
    while baseline_box.currentIndex() < wanted:  # as a person picks with the keyboard
        qtbot.keyClick(baseline_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: ws.state.baseline == first.id, timeout=3000)
    assert radar.radar.spec.baseline is first  # the radar draws the baseline's outline

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # undo the level
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # undo the new round
    qtbot.waitUntil(lambda: len(a.rounds) == 1, timeout=3000)
    assert a.system(system).rating(pid).current == before
