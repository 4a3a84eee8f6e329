"""N, C and the levels table's drop-downs: n/a and confidence set by hand, each one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableView

from gapradar.ui.levels_table import CONFIDENCE, CURRENT, TARGET

ATM = "ATM Management Application"
TESTING = 3  # the sample's fourth practice


def cell(window, row, col):
    return window.findChild(QTableView, "levelsTable").model().index(row, col).data()


def rating(window, practice="testing"):
    return window.doc.assessment.system(ATM).rating(practice)


def focused_radar(window, qtbot):
    window.ws.select_system(ATM)
    window.ws.update(selected_practice=TESTING)
    window.activateWindow()
    window.radar.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window.radar


def test_n_marks_not_applicable_and_back_one_undo_step_each(window, qtbot):
    radar = focused_radar(window, qtbot)
    before = rating(window)
    assert before.current == 2
    stack = window.doc.undo_stack
    qtbot.keyClick(radar, Qt.Key.Key_N)
    assert rating(window).not_applicable and rating(window).current is None
    assert cell(window, TESTING, CURRENT) == "n/a" and cell(window, TESTING, TARGET) == "n/a"
    assert "not applicable" in window.guide.text()
    assert "n/a" in [item.toPlainText() for item in _texts(window)]
    assert stack.count() == 1 and "not applicable" in stack.undoText()
    stack.undo()
    assert rating(window) == before
    stack.redo()
    qtbot.keyClick(radar, Qt.Key.Key_N)  # again: applies, with the levels it had before
    assert rating(window) == before
    assert cell(window, TESTING, CURRENT) == "2 – Quantitatively Managed"
    qtbot.keyClick(radar, Qt.Key.Key_N)
    qtbot.keyClick(radar, Qt.Key.Key_Delete)  # Delete on n/a: back to not assessed
    assert not rating(window).not_applicable and rating(window).current is None
    assert cell(window, TESTING, CURRENT) == "not assessed"
    assert stack.count() == 4


def _texts(window, canvas=None):
    import pyqtgraph as pg

    view = (canvas or window.radar).view_box
    return [i.textItem for i in view.childGroup.childItems() if isinstance(i, pg.TextItem)]


def test_c_steps_confidence_shown_in_table_guide_and_chart(window, qtbot):
    radar = focused_radar(window, qtbot)
    seen = []
    for _ in range(4):
        qtbot.keyClick(radar, Qt.Key.Key_C)
        seen.append((rating(window).confidence, cell(window, TESTING, CONFIDENCE)))
    assert seen == [(0, "claimed"), (1, "evidenced"), (2, "verified"), (None, "")]
    assert window.doc.undo_stack.count() == 4
    window.doc.undo_stack.undo()
    assert rating(window).confidence == 2
    assert "● current (verified)" in window.guide.text()
    series = window.radar.radar.series[ATM]
    assert any("confidence: verified" in p.data() for p in series.markers.points())
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()  # claimed: the current point is hollow
    point = series = window.radar.radar.series[ATM].markers.points()[TESTING]
    assert point.brush().color().name() == window.radar.radar.spec.theme.background


def test_c_does_nothing_on_a_practice_that_does_not_apply(window, qtbot):
    radar = focused_radar(window, qtbot)
    qtbot.keyClick(radar, Qt.Key.Key_N)
    qtbot.keyClick(radar, Qt.Key.Key_C)
    assert rating(window).confidence is None and window.doc.undo_stack.count() == 1


def _open_editor(window, qtbot, row, col) -> QComboBox:
    table = window.findChild(QTableView, "levelsTable")
    index = table.model().index(row, col)
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.indexWidget(index)
    qtbot.waitUntil(lambda: table.findChild(QComboBox) is not None, timeout=3000)
    return combo or table.findChild(QComboBox)


def test_drop_down_offers_n_a_and_a_level_makes_it_apply_again(window, qtbot):
    window.ws.select_system(ATM)
    combo = _open_editor(window, qtbot, TESTING, CURRENT)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "not assessed" and texts[-1] == "n/a – not applicable"
    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.count() - 1)
    assert rating(window).not_applicable
    assert window.doc.undo_stack.count() == 1
    combo = _open_editor(window, qtbot, TESTING, TARGET)
    assert combo.currentText() == "n/a – not applicable"
    found = combo.findData(3)
    combo.setCurrentIndex(found)
    combo.activated.emit(found)
    assert not rating(window).not_applicable and rating(window).target == 3
    assert window.doc.undo_stack.count() == 2
    window.doc.undo_stack.undo()
    assert rating(window).not_applicable


def test_confidence_drop_down_and_table_keys(window, qtbot):
    window.ws.select_system(ATM)
    combo = _open_editor(window, qtbot, TESTING, CONFIDENCE)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "no mark",
        "claimed",
        "evidenced",
        "verified",
    ]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert rating(window).confidence == 1 and window.doc.undo_stack.count() == 1
    table = window.findChild(QTableView, "levelsTable")
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, CURRENT))
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=3000)
    qtbot.keyClick(table, Qt.Key.Key_C)
    assert rating(window, "environments").confidence == 0
    qtbot.keyClick(table, Qt.Key.Key_N)
    assert rating(window, "environments").not_applicable
    assert cell(window, 1, CURRENT) == "n/a"
    assert window.doc.undo_stack.count() == 3
    assert table.findChild(QComboBox) is None or not table.findChild(QComboBox).isVisible()


def test_presentation_takes_n_and_c(window, qtbot):
    focused_radar(window, qtbot)
    qtbot.keyClick(window.radar, Qt.Key.Key_F5)
    p = window.presentation
    qtbot.waitUntil(lambda: p.isVisible(), timeout=3000)
    qtbot.keyClick(p, Qt.Key.Key_C)
    qtbot.keyClick(p, Qt.Key.Key_N)
    assert rating(window).not_applicable and window.doc.undo_stack.count() == 2
    assert "n/a" in [t.toPlainText() for t in _texts(window, p.radar)]
    qtbot.keyClick(p, Qt.Key.Key_Escape)


def test_model_editor_changes_the_confidence_words_in_one_step(window, qtbot, monkeypatch):
    from tests.conftest import Answers

    editor = window.model_editor
    editor.confidence.setText("said, shown, checked")
    editor.confidence.editingFinished.emit()
    assert window.doc.assessment.model.confidence == ("said", "shown", "checked")
    assert window.doc.undo_stack.count() == 1
    window.ws.select_system(ATM)
    combo = _open_editor(window, qtbot, TESTING, CONFIDENCE)
    assert combo.itemText(3) == "checked"
    window.doc.undo_stack.undo()
    assert window.doc.assessment.model.confidence == ("claimed", "evidenced", "verified")
    answers = Answers(monkeypatch, None)
    editor.confidence.setText("low, high")
    editor.confidence.editingFinished.emit()
    assert answers.asked and "3" in answers.asked[0]
    assert window.doc.assessment.model.confidence == ("claimed", "evidenced", "verified")
    assert editor.confidence.text() == "claimed, evidenced, verified"


def test_n_in_the_heatmap_shows_an_n_a_cell_and_its_legend(window, qtbot):
    from tests.ui.test_gap_views import cell_text, click_cell, show

    heatmap = show(window, qtbot, "heatmap")
    scene = heatmap.canvas.heatmap
    system, pid = "Core Banking Application", window.ws.assessment.model.practices[1].id
    assert "n/a not applicable" not in [label for _, label in scene._legend_entries()]
    click_cell(qtbot, heatmap, system, 1)
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_N)
    assert window.ws.assessment.system(system).rating(pid).not_applicable
    heatmap = show(window, qtbot, "heatmap")
    assert cell_text(heatmap, system, pid) == "n/a"
    legend = [t.toPlainText() for t in _scene_texts(heatmap.canvas.heatmap)]
    assert "n/a not applicable" in legend
    window.doc.undo_stack.undo()
    assert cell_text(heatmap, system, pid) != "n/a"
    assert "n/a not applicable" not in [t.toPlainText() for t in _scene_texts(heatmap.canvas.heatmap)]


def _scene_texts(scene):
    import pyqtgraph as pg

    return [i.textItem for i in scene.items if isinstance(i, pg.TextItem)]
