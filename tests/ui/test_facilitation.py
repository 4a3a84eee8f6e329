"""A facilitator's session with the keyboard only: walk, edit, switch, undo, present."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from gapradar.domain import AVERAGE_NAME
from gapradar.ui.levels_table import CURRENT, TARGET

ATM = "ATM Management Application"


def table_text(window, row, col):
    return window.findChild(QTableView, "levelsTable").model().index(row, col).data()


def keys(qtbot, widget, *presses):
    for key in presses:
        if isinstance(key, tuple):
            qtbot.keyClick(widget, key[0], key[1])
        else:
            qtbot.keyClick(widget, key)


def active(window, qtbot):
    window.activateWindow()
    window.radar.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window.radar


def test_walk_practices_and_edit_levels_with_keys_only(window, qtbot):
    window.ws.select_system(ATM)
    radar = active(window, qtbot)
    keys(qtbot, radar, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right)
    assert window.ws.state.selected_practice == 3  # Testing
    assert window.radar.radar.spec.selected_practice == 3
    assert window.radar.radar.practice_labels[3].textItem.font().bold()
    assert "Testing" in window.guide.text()

    keys(qtbot, radar, Qt.Key.Key_Up)  # current 2 -> 3
    assert table_text(window, 3, CURRENT) == "3 – Optimizing"
    keys(qtbot, radar, Qt.Key.Key_T, Qt.Key.Key_Down)  # target 3 -> 2
    assert window.ws.state.editing == "target"
    assert table_text(window, 3, TARGET) == "2 – Quantitatively Managed"
    # Digits are the level's number, as read on the rings and in the table.
    keys(qtbot, radar, Qt.Key.Key_1)
    assert table_text(window, 3, TARGET) == "1 – Consistent"
    keys(qtbot, radar, Qt.Key.Key_0)
    assert table_text(window, 3, TARGET) == "0 – Repeatable"
    keys(qtbot, radar, Qt.Key.Key_Minus, Qt.Key.Key_1)
    assert table_text(window, 3, TARGET) == "-1 – Regressive"
    keys(qtbot, radar, Qt.Key.Key_9)  # no level 9: nothing changes
    assert table_text(window, 3, TARGET) == "-1 – Regressive"
    assert "No level 9" in window.statusBar().currentMessage()
    keys(qtbot, radar, Qt.Key.Key_Delete)
    assert table_text(window, 3, TARGET) == "not assessed"
    assert window.doc.undo_stack.count() == 6

    keys(qtbot, radar, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert table_text(window, 3, TARGET) == "-1 – Regressive"
    keys(
        qtbot, radar, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    )
    assert table_text(window, 3, TARGET) == "not assessed"
    # The radar follows: ATM's Testing current sits on the outer ring.
    assert window.radar.radar.series[ATM].polygon.polygon().at(3) == window.radar.radar.vertex(ATM, "testing")


def test_switch_systems_and_toggle_the_average(window, qtbot):
    window.ws.select_system(ATM)
    radar = active(window, qtbot)
    keys(qtbot, radar, Qt.Key.Key_PageDown)
    assert window.ws.state.selected_system == "Core Banking Application"
    assert window.table_title.text() == "Levels of Core Banking Application"
    keys(qtbot, radar, Qt.Key.Key_PageUp, Qt.Key.Key_PageUp)
    assert window.ws.state.selected_system == "Security Administration System"  # wraps round
    assert AVERAGE_NAME in window.radar.radar.series_names()
    keys(qtbot, radar, Qt.Key.Key_A)
    assert AVERAGE_NAME not in window.radar.radar.series_names()
    keys(qtbot, radar, Qt.Key.Key_A)
    assert AVERAGE_NAME in window.radar.radar.series_names()


def test_keys_help_overlay(window, qtbot):
    radar = active(window, qtbot)
    qtbot.keyClick(
        radar,
        Qt.Key.Key_Question,
        Qt.KeyboardModifier.ShiftModifier,
    )
    overlay = window.radar.findChild(QLabel, "keysOverlay")
    assert overlay.isVisible() and "Page Up" in overlay.text()
    qtbot.keyClick(radar, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert not overlay.isVisible()


def test_presentation_mode_enter_edit_leave(window, qtbot):
    window.ws.select_system(ATM)
    radar = active(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_F5)
    p = window.presentation
    assert p is not None and p.isVisible() and p.isFullScreen()
    qtbot.waitUntil(lambda: p.height() > 0)
    p.resize(1280, 720)
    p.refresh()
    sizes = p.radar.radar.sizes
    assert sizes.label_px >= 0.03 * p.height()  # practice names: 3% of the screen
    assert p.guide.label.font().pixelSize() >= 0.02 * p.height()  # level names: 2%
    assert "Quantitatively Managed" in p.guide.text()
    keys(qtbot, p, Qt.Key.Key_Right, Qt.Key.Key_Up)
    assert table_text(window, 1, CURRENT) == "1 – Consistent"
    assert p.radar.radar.series[ATM].polygon.polygon().at(1) == p.radar.radar.vertex(ATM, "environments")
    qtbot.keyClick(p, Qt.Key.Key_Escape)
    assert window.presentation is None


def test_reveal_targets_step(window, qtbot):
    window.ws.select_system(ATM)
    window.set_focus_view(True)
    window.actions_["hide_targets"].trigger()
    assert window.radar.radar.series[ATM].target_polygon is None
    assert window.radar.radar.spec.show_targets is False
    qtbot.keyClick(active(window, qtbot), Qt.Key.Key_R)
    assert window.radar.radar.series[ATM].target_polygon is not None
    assert not window.actions_["hide_targets"].isChecked()


def test_themes_change_chart_and_window(window):
    window.set_theme("dark")
    assert window.radar.radar.spec.theme.name == "dark"
    assert QApplication.palette().window().color().name() == "#1e1f22"
    window.set_theme("high-contrast")
    assert window.radar.radar.spec.theme.name == "high-contrast"
    window.set_theme("light")
