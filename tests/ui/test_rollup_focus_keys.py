"""With the roll-up in focus the chart shows no system: the keys that edit are refused, and say why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from gapradar.ui.commands import RemoveSystemCommand
from gapradar.ui.facilitation import ROLLUP_REFUSAL

ATM = "ATM Management Application"
ENVIRONMENTS = 1  # the sample's second practice


def rating(window, practice="environments"):
    return window.doc.assessment.system(ATM).rating(practice)


def rollup_in_focus(window, qtbot):
    """ATM and Environments selected, View ▸ Roll-up ▸ Minimum, Ctrl+Shift+2."""
    window.ws.select_system(ATM)
    window.ws.update(selected_practice=ENVIRONMENTS)
    window.actions_["rollup_min"].trigger()
    window.actions_["focus_rollup"].trigger()
    assert (window.ws.state.view, window.ws.state.focus_rollup) == ("focus", True)
    window.activateWindow()
    window.radar.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window.radar


EDITING_KEYS = [
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_2,
    Qt.Key.Key_Delete,
    Qt.Key.Key_N,
    Qt.Key.Key_C,
    Qt.Key.Key_T,
]


@pytest.mark.parametrize("key", EDITING_KEYS, ids=lambda k: k.name)
def test_editing_keys_are_refused_while_the_rollup_is_in_focus(window, qtbot, key):
    radar = rollup_in_focus(window, qtbot)
    before, editing = rating(window), window.ws.state.editing
    qtbot.keyClick(radar, key)
    assert rating(window) == before
    assert window.doc.undo_stack.count() == 0
    assert window.ws.state.editing == editing
    assert window.statusBar().currentMessage() == ROLLUP_REFUSAL
    notice = window.radar.findChild(QLabel, "keysNotice")
    assert notice is not None and notice.isVisible() and notice.text() == ROLLUP_REFUSAL
    assert window.ws.state.focus_rollup  # still the roll-up


def test_the_reported_steps_leave_atm_alone(window, qtbot):
    radar = rollup_in_focus(window, qtbot)
    before = rating(window)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_N, Qt.Key.Key_C):
        qtbot.keyClick(radar, key)
    assert rating(window) == before and window.doc.undo_stack.count() == 0


def test_navigation_keys_still_work_and_page_down_focuses_a_system(window, qtbot):
    radar = rollup_in_focus(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_Right)
    assert window.ws.state.selected_practice == ENVIRONMENTS + 1
    assert window.ws.state.focus_rollup
    qtbot.keyClick(radar, Qt.Key.Key_Left)
    assert window.ws.state.selected_practice == ENVIRONMENTS
    qtbot.keyClick(radar, Qt.Key.Key_PageDown)
    state = window.ws.state
    assert (state.view, state.focus_rollup, state.selected_system) == (
        "focus",
        False,
        "Core Banking Application",
    )
    assert window.radar.radar.spec.focus == "Core Banking Application"
    qtbot.keyClick(radar, Qt.Key.Key_Up)  # a system in focus: the keys edit again
    assert window.doc.undo_stack.count() == 1


def test_page_up_with_one_system_also_ends_the_rollup_focus(window, qtbot):
    radar = rollup_in_focus(window, qtbot)
    for name in [n for n in window.doc.assessment.system_names() if n != ATM]:
        window.ws.push(RemoveSystemCommand(window.doc, name))
    window.ws.update(view="focus", focus_rollup=True)
    qtbot.keyClick(radar, Qt.Key.Key_PageUp)
    assert not window.ws.state.focus_rollup and window.ws.state.selected_system == ATM


def test_the_guide_shows_the_rollup_not_a_systems_level(window, qtbot):
    rollup_in_focus(window, qtbot)
    text = window.guide.text()
    assert "● current" not in text and "editing" not in text
    assert "Minimum" in text and "(roll-up)" in text and ROLLUP_REFUSAL in text
    assert "background" not in text  # no level highlighted as if it were the chart's


def test_the_levels_table_still_edits_the_system_it_names(window, qtbot):
    from PySide6.QtWidgets import QTableView

    from gapradar.ui.levels_table import CURRENT

    rollup_in_focus(window, qtbot)
    table = window.findChild(QTableView, "levelsTable")
    table.setFocus()
    table.setCurrentIndex(table.model().index(ENVIRONMENTS, CURRENT))
    qtbot.keyClick(table, Qt.Key.Key_1)
    assert rating(window).current == 1


def test_presentation_refuses_too_and_says_why(window, qtbot):
    rollup_in_focus(window, qtbot)
    qtbot.keyClick(window.radar, Qt.Key.Key_F5)
    p = window.presentation
    qtbot.waitUntil(lambda: p.isVisible(), timeout=3000)
    before = rating(window)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_N, Qt.Key.Key_C, Qt.Key.Key_3):
        qtbot.keyClick(p, key)
    assert rating(window) == before and window.doc.undo_stack.count() == 0
    notice = p.findChild(QLabel, "keysNotice")
    assert notice is not None and notice.isVisible() and notice.text() == ROLLUP_REFUSAL
    assert ROLLUP_REFUSAL in p.guide.text()
    qtbot.keyClick(p, Qt.Key.Key_PageDown)
    assert not window.ws.state.focus_rollup
    qtbot.keyClick(p, Qt.Key.Key_Escape)


def test_presentation_subtitle_names_no_system_while_the_rollup_is_in_focus(window, qtbot):
    rollup_in_focus(window, qtbot)
    qtbot.keyClick(window.radar, Qt.Key.Key_F5)
    p = window.presentation
    qtbot.waitUntil(lambda: p.isVisible(), timeout=3000)
    assert p.radar.radar.spec.subtitle != ATM
    qtbot.keyClick(p, Qt.Key.Key_PageDown)
    from gapradar.chart.titles import display_title

    spec = p.radar.radar.spec  # a system in focus: the title names it, the subtitle need not repeat it
    assert spec.focus == "Core Banking Application"
    assert display_title(spec).startswith("Core Banking Application") and "Core Banking" not in spec.subtitle
    qtbot.keyClick(p, Qt.Key.Key_Escape)
