"""N twice gives the levels back; C needs a current level to be about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QTableView

from gapradar.ui.commands import NO_CURRENT_FOR_CONFIDENCE, RemoveSystemCommand, SetNoteCommand
from gapradar.ui.levels_table import CURRENT, TARGET
from gapradar.ui.main_window import MainWindow

ATM = "ATM Management Application"
ENVIRONMENTS = 1


def rating(window, practice="environments"):
    return window.doc.assessment.system(ATM).rating(practice)


def cell(window, row, col):
    return window.findChild(QTableView, "levelsTable").model().index(row, col).data()


def on_environments(window: MainWindow, qtbot):
    window.ws.select_system(ATM)
    window.ws.update(selected_practice=ENVIRONMENTS)
    window.activateWindow()
    window.radar.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window.radar


def test_n_again_restores_current_target_and_confidence_one_undo_step_each(window, qtbot):
    radar = on_environments(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_C)  # claimed
    before = rating(window)
    assert (before.current, before.target, before.confidence) == (0, 2, 0)
    stack = window.doc.undo_stack
    qtbot.keyClick(radar, Qt.Key.Key_N)
    assert rating(window).not_applicable
    assert "N makes it apply again: current 0 – Repeatable, target 2 – Quantitatively Managed, claimed" in (
        window.guide.text()
    )
    qtbot.keyClick(radar, Qt.Key.Key_N)
    assert rating(window) == before
    assert cell(window, ENVIRONMENTS, CURRENT) == "0 – Repeatable"
    assert cell(window, ENVIRONMENTS, TARGET) == "2 – Quantitatively Managed"
    assert stack.count() == 3 and "again (current 0 – Repeatable" in stack.undoText()
    stack.undo()
    assert rating(window).not_applicable
    stack.undo()
    assert rating(window) == before
    stack.redo()
    stack.redo()
    assert rating(window) == before


def test_a_note_written_while_n_a_is_kept_and_the_levels_still_come_back(window, qtbot):
    radar = on_environments(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_N)
    window.ws.push(SetNoteCommand(window.doc, ATM, "environments", "no environments of its own"))
    qtbot.keyClick(radar, Qt.Key.Key_N)
    r = rating(window)
    assert (r.current, r.target, r.note) == (0, 2, "no environments of its own")


def test_unknown_levels_leave_it_not_assessed_and_say_so(window, qtbot):
    radar = on_environments(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_N)
    window.doc.undo_stack.clear()  # e.g. a file saved with n/a and opened again
    assert "N makes it apply again: not assessed" in window.guide.text()
    qtbot.keyClick(radar, Qt.Key.Key_N)
    r = rating(window)
    assert not r.not_applicable and (r.current, r.target) == (None, None)
    assert "again (not assessed)" in window.doc.undo_stack.undoText()


def test_a_removed_system_stops_the_search(window, qtbot):
    radar = on_environments(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_N)
    window.ws.push(RemoveSystemCommand(window.doc, "Core Banking Application"))
    window.ws.select_system(ATM)
    window.ws.update(selected_practice=ENVIRONMENTS)
    qtbot.keyClick(radar, Qt.Key.Key_N)
    assert rating(window).current is None  # not known for sure: not assessed


def test_table_n_restores_too_and_delete_clears(window, qtbot):
    window.ws.select_system(ATM)
    table = window.findChild(QTableView, "levelsTable")
    table.setFocus()
    table.setCurrentIndex(table.model().index(ENVIRONMENTS, CURRENT))
    qtbot.keyClick(table, Qt.Key.Key_N)
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert (rating(window).current, rating(window).target) == (0, 2)
    qtbot.keyClick(table, Qt.Key.Key_N)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # Delete: not assessed, as it says
    assert (rating(window).current, rating(window).target, rating(window).not_applicable) == (
        None,
        None,
        False,
    )


def test_c_without_a_current_level_is_refused_and_says_why(window, qtbot):
    radar = on_environments(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_Delete)  # current: not assessed
    assert rating(window).current is None
    count = window.doc.undo_stack.count()
    qtbot.keyClick(radar, Qt.Key.Key_C)
    assert rating(window).confidence is None and window.doc.undo_stack.count() == count
    assert window.statusBar().currentMessage() == NO_CURRENT_FOR_CONFIDENCE
    notice = window.radar.findChild(QLabel, "keysNotice")
    assert notice is not None and notice.isVisible() and notice.text() == NO_CURRENT_FOR_CONFIDENCE
    table = window.findChild(QTableView, "levelsTable")
    table.setFocus()
    table.setCurrentIndex(table.model().index(ENVIRONMENTS, CURRENT))
    qtbot.keyClick(table, Qt.Key.Key_C)
    assert rating(window).confidence is None and window.doc.undo_stack.count() == count


def test_clearing_the_current_level_takes_its_confidence_mark_with_it(window, qtbot):
    radar = on_environments(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_C)
    assert rating(window).confidence == 0
    qtbot.keyClick(radar, Qt.Key.Key_Delete)
    assert (rating(window).current, rating(window).confidence) == (None, None)
    window.doc.undo_stack.undo()
    assert (rating(window).current, rating(window).confidence) == (0, 0)
