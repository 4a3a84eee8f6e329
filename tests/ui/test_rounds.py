"""Rounds in the window: start one (one undo step), show any, earlier ones read-only until unlocked."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableView

from gapradar.ui.levels_table import CURRENT
from gapradar.ui.round_commands import (
    DeleteRoundCommand,
    NewRoundCommand,
    RoundDetailsCommand,
    UnlockRoundCommand,
)

ATM = "ATM Management Application"


def level_cell(window):
    table = window.findChild(QTableView, "levelsTable")
    return table, table.model().index(0, CURRENT)


def two_rounds(window):
    """The sample with a follow-up round; the first round's ATM build-ci is -1... whatever it was."""
    ws, doc = window.ws, window.doc
    ws.select_system(ATM)
    ws.push(NewRoundCommand(doc, "2026-09 follow-up", datetime.date(2026, 9, 17)))
    return doc.assessment.rounds[0], doc.assessment.rounds[1]


def test_a_new_round_copies_forward_and_is_one_undo_step(window):
    doc, a = window.doc, window.doc.assessment
    before = {s.id: dict(s.ratings) for s in a.systems}
    count = doc.undo_stack.count()
    first, new = two_rounds(window)
    assert doc.undo_stack.count() == count + 1
    assert a.latest is new and a.shown is new and new.label == "2026-09 follow-up"
    assert {s.id: dict(s.ratings) for s in a.systems} == before  # levels, targets and notes carried
    assert a.system(ATM).rating("testing").note.startswith("Manual regression")
    combo = window.findChild(QComboBox, "roundCombo")
    assert combo.currentText() == "2026-09 follow-up (latest)" and combo.count() == 2
    doc.undo_stack.undo()
    assert len(a.rounds) == 1 and a.shown is first and combo.count() == 1
    doc.undo_stack.redo()
    assert len(a.rounds) == 2 and a.shown.label == "2026-09 follow-up"


def test_an_earlier_round_refuses_edits_until_unlocked(window, qtbot):
    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, new = two_rounds(window)
    pid = a.model.practice_ids[0]
    ws.update(round=first.id)
    assert a.shown is first
    old = a.system(ATM).rating(pid).current
    count = doc.undo_stack.count()
    messages = []
    ws.message.connect(messages.append)
    # the table: typing a digit
    table, cell = level_cell(window)
    table.setFocus()
    table.setCurrentIndex(cell)
    qtbot.keyClick(table, Qt.Key.Key_0 if old != 0 else Qt.Key.Key_1)
    # the keyboard's digits on the chart, and a drag's command: the same guard
    window.keyboard.handle(Qt.Key.Key_3, "3")
    window.facilitator.step_level(+1)
    assert a.system(ATM).rating(pid).current == old and doc.undo_stack.count() == count
    assert messages and all("read-only" in m and first.label in m for m in messages)
    assert cell.data() == a.model.level_label(old)
    # unlocked, the same key edits the earlier round, and only it
    ws.push(UnlockRoundCommand(doc, first.id))
    table.setCurrentIndex(cell)
    qtbot.keyClick(table, Qt.Key.Key_2)
    assert a.system(ATM).rating(pid).current == 2
    assert a.rating_in(new, a.system(ATM).id, pid).current == old
    # undo the edit, then the unlock: read-only again
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert not first.unlocked and a.system(ATM).rating(pid).current == old


def test_the_heatmap_refuses_an_edit_of_a_read_only_round(window):
    from gapradar.ui.heatmap_view import HeatmapView

    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, _new = two_rounds(window)
    ws.update(round=first.id, view="heatmap")
    heatmap = window.findChild(HeatmapView)
    pid = a.model.practices[ws.state.selected_practice].id
    old = a.system(ATM).rating(pid).current
    other = next(s for s in a.model.scores if s >= 0 and s != old)
    count = doc.undo_stack.count()
    heatmap.keyboard.handle(Qt.Key.Key_0 + other, str(other))
    assert doc.undo_stack.count() == count and a.system(ATM).rating(pid).current == old
    assert "read-only" in window.statusBar().currentMessage()
    ws.push(UnlockRoundCommand(doc, first.id))
    heatmap.keyboard.handle(Qt.Key.Key_0 + other, str(other))
    assert a.system(ATM).rating(pid).current == other


def test_undo_after_switching_rounds_changes_the_round_it_was_made_in(window):
    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, new = two_rounds(window)
    pid = a.model.practice_ids[0]
    sid = a.system(ATM).id
    was = a.rating_in(new, sid, pid).current
    window.facilitator.set_level(3)  # in the latest round
    assert a.rating_in(new, sid, pid).current == 3
    ws.update(round=first.id)
    doc.undo_stack.undo()
    assert a.rating_in(new, sid, pid).current == was
    assert a.rating_in(first, sid, pid).current == was  # the first round untouched
    assert a.shown is new  # undo shows the round it changes
    doc.undo_stack.redo()
    assert a.rating_in(new, sid, pid).current == 3


def test_rename_unlock_and_delete_rounds_are_undo_commands(window):
    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, new = two_rounds(window)
    ws.push(RoundDetailsCommand(doc, first.id, "2026-03 baseline", datetime.date(2026, 3, 12)))
    assert (first.label, first.date, first.id) == ("2026-03 baseline", datetime.date(2026, 3, 12), first.id)
    assert doc.undo_stack.undoText() == "Rename round Round 1 to 2026-03 baseline"
    doc.undo_stack.undo()
    assert (first.label, first.date) == ("Round 1", None)
    doc.undo_stack.redo()

    ws.push(UnlockRoundCommand(doc, first.id))
    assert first.unlocked
    doc.undo_stack.undo()
    assert not first.unlocked
    doc.undo_stack.redo()

    ws.update(round=first.id, baseline=new.id)
    ws.push(DeleteRoundCommand(doc, first.id))
    assert a.rounds == [new] and a.shown is new and ws.state.round is None
    assert ws.state.baseline == new.id and ws.baseline_round() is None  # nothing to compare with
    doc.undo_stack.undo()
    assert [r.label for r in a.rounds] == ["2026-03 baseline", "2026-09 follow-up"]
    assert a.shown is first  # undo shows the round it brought back
    ws.update(round=None, baseline=first.id)
    ws.push(DeleteRoundCommand(doc, first.id))  # the baseline itself goes: no comparison left
    assert ws.state.baseline is None


def test_the_last_round_cannot_be_deleted(window):
    a = window.doc.assessment
    assert (
        not window.actions_["delete_round"].isEnabled() if "delete_round" in window.actions_.by_id else True
    )
    assert len(a.rounds) == 1
    try:
        a.remove_round(a.rounds[0].id)
    except ValueError:
        pass
    else:
        raise AssertionError("the last round was removed")


def test_removing_a_system_then_undo_after_switching_rounds_keeps_every_round(window):
    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, new = two_rounds(window)
    sid, pid = a.system(ATM).id, a.model.practice_ids[0]
    window.facilitator.set_level(3)
    from gapradar.ui.commands import RemoveSystemCommand

    ws.push(RemoveSystemCommand(doc, ATM))
    ws.update(round=first.id)
    doc.undo_stack.undo()
    assert a.system(ATM).rating(pid).current == a.rating_in(first, sid, pid).current != 3
    assert a.rating_in(new, sid, pid).current == 3


def test_brackets_step_rounds_and_the_combos_follow(window):
    ws, a = window.ws, window.doc.assessment
    first, new = two_rounds(window)
    window.keyboard.handle(Qt.Key.Key_BracketLeft, "[")
    assert a.shown is first
    assert window.findChild(QComboBox, "roundCombo").currentText() == "Round 1 (read-only)"
    window.keyboard.handle(Qt.Key.Key_BracketRight, "]")
    assert a.shown is new and ws.state.round is None
    baseline = window.findChild(QComboBox, "baselineCombo")
    baseline.setCurrentIndex(baseline.findData(first.id))
    baseline.activated.emit(baseline.currentIndex())
    assert ws.state.baseline == first.id


def test_a_saved_file_keeps_both_rounds(window, tmp_path):
    from gapradar.io import load, save

    first, _new = two_rounds(window)
    window.facilitator.set_level(3)
    window.ws.update(round=first.id)  # saving while an earlier round shows writes every round
    out = tmp_path / "two.yaml"
    save(window.doc.assessment.snapshot(), out)
    again = load(out)
    assert [r.label for r in again.rounds] == ["Round 1", "2026-09 follow-up"]
    assert again == window.doc.assessment


def test_dragging_a_point_of_a_read_only_round_changes_nothing_and_the_point_goes_back(window, qtbot):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_workspace import send_mouse

    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, _new = two_rounds(window)
    ws.update(round=first.id)
    window.actions_["view_focus"].trigger()
    QApplication.processEvents()
    view, scene = window.radar, window.radar.radar
    testing_index = 3
    old = a.system(ATM).rating("testing").current
    count = doc.undo_stack.count()
    handle = view.handles[("testing", "current")]
    start = view.mapFromScene(handle.mapToScene(QPointF(0, 0)))
    end = view.mapFromScene(view.view_box.mapViewToScene(QPointF(*scene.level_point(testing_index, -1))))
    viewport = view.viewport()
    send_mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for i in range(1, 9):
        send_mouse(viewport, QEvent.Type.MouseMove, start + (end - start) * i / 8, Qt.MouseButton.LeftButton)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    assert a.system(ATM).rating("testing").current == old and doc.undo_stack.count() == count
    assert "read-only" in window.statusBar().currentMessage()
    assert handle.score == old
    assert scene.series[ATM].polygon.polygon().at(testing_index) == QPointF(
        *scene.level_point(testing_index, old)
    )


def test_comparing_adds_then_delta_and_progress_to_the_table_and_the_guide(window):
    from gapradar.ui.levels_table import DELTA, PROGRESS, THEN

    ws, a = window.ws, window.doc.assessment
    first, _new = two_rounds(window)
    table = window.findChild(QTableView, "levelsTable")
    assert all(table.isColumnHidden(c) for c in (THEN, DELTA, PROGRESS))
    row = a.model.practice_index("configuration")  # ATM: -1 then, target 2
    ws.update(selected_practice=row)
    window.facilitator.set_level(1)  # two steps of three: 67% of the way
    ws.update(baseline=first.id)
    assert not any(table.isColumnHidden(c) for c in (THEN, DELTA, PROGRESS))
    model = table.model()
    assert model.index(row, THEN).data() == "-1"
    assert model.index(row, THEN).data(Qt.ItemDataRole.ToolTipRole) == f"Round 1: {a.model.level_label(-1)}"
    assert model.index(row, DELTA).data() == "▲2"
    assert model.index(row, PROGRESS).data() == "67%"
    unchanged = a.model.practice_index("build-ci")
    assert model.index(unchanged, DELTA).data() == "="
    guide = window.findChild(type(window.guide_dock.widget()), "levelGuide") or window.guide_dock.widget()
    text = guide.text()
    assert "Since Round 1: then -1 – Regressive → now 1 – Consistent → target 2" in text.replace(
        "&nbsp;", " "
    )
    assert "▲2, 67% of the way" in text
    assert "This system: 1 practice up, 0 down" in text
    ws.update(baseline=None)
    assert all(table.isColumnHidden(c) for c in (THEN, DELTA, PROGRESS))


def test_presentation_steps_rounds_with_brackets_and_the_band_reads_since(window, qtbot):
    ws, a = window.ws, window.doc.assessment
    first, new = two_rounds(window)
    ws.update(baseline=first.id)
    window.enter_presentation()
    p = window.presentation
    qtbot.waitUntil(lambda: p.height() > 0)
    p.resize(1280, 720)
    p.refresh()
    assert "Since Round 1: then" in p.guide.text() and "Round: 2026-09 follow-up" in p.guide.text()
    assert p.radar.radar._baseline.items  # the faint outline under ATM
    before = p.guide.height()
    qtbot.keyClick(p, Qt.Key.Key_BracketLeft)
    assert a.shown is first and "Round: Round 1 (read-only)" in p.guide.text()
    assert not p.radar.radar._baseline.items  # the baseline is the round shown: nothing to compare
    qtbot.keyClick(p, Qt.Key.Key_BracketRight)
    assert a.shown is new and p.radar.radar._baseline.items and p.guide.height() == before
    qtbot.keyClick(p, Qt.Key.Key_Escape)


def test_model_edits_reach_every_round_and_undo_brings_them_back(window):
    from gapradar.domain.model_edit import change_score, ratings_of, remove_practice
    from gapradar.ui.model_commands import ModelCommand

    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, _new = two_rounds(window)
    sid = a.system(ATM).id
    was = {p.id: a.rating_in(first, sid, p.id) for p in a.model.practices}
    top = max(a.model.scores)
    # renumber the top level: the earlier round's ratings at it follow
    ws.push(ModelCommand(doc, change_score(a.model, ratings_of(a), top, 9), "Renumber"))
    at_top = [pid for pid, r in was.items() if r.target == top]
    assert at_top and all(a.rating_in(first, sid, pid).target == 9 for pid in at_top)
    doc.undo_stack.undo()
    assert {p.id: a.rating_in(first, sid, p.id) for p in a.model.practices} == was
    # remove a practice, then undo: the earlier round still has its ratings on it
    ws.push(ModelCommand(doc, remove_practice(a.model, ratings_of(a), "testing"), "Remove testing"))
    from gapradar.io import dumps, loads

    assert "testing" not in dumps(a).split("rounds:")[1]  # never written for a practice the model lacks
    doc.undo_stack.undo()
    assert a.rating_in(first, sid, "testing") == was["testing"]
    assert loads(dumps(a)) == a


def test_undoing_a_model_edit_after_showing_another_round_restores_the_round_it_was_made_in(window):
    from gapradar.domain.model_edit import ratings_of, remove_practice
    from gapradar.ui.model_commands import ModelCommand

    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, new = two_rounds(window)
    window.facilitator.set_level(3)  # the latest round now differs from the first
    sid = a.system(ATM).id
    latest_before = {p.id: a.rating_in(new, sid, p.id) for p in a.model.practices}
    first_before = {p.id: a.rating_in(first, sid, p.id) for p in a.model.practices}
    assert latest_before != first_before
    ws.push(ModelCommand(doc, remove_practice(a.model, ratings_of(a), "data"), "Remove data"))
    ws.update(round=first.id)
    doc.undo_stack.undo()
    assert {p.id: a.rating_in(new, sid, p.id) for p in a.model.practices} == latest_before
    assert {p.id: a.rating_in(first, sid, p.id) for p in a.model.practices} == first_before
    doc.undo_stack.redo()
    assert "data" not in a.model.practice_ids
    assert {p.id: a.rating_in(first, sid, p.id) for p in a.model.practices} == {
        k: v for k, v in first_before.items() if k != "data"
    }


def test_adding_a_system_then_undo_and_redo_in_another_round_keeps_its_ratings_in_their_round(window):
    from gapradar.domain import System
    from gapradar.ui.commands import AddSystemCommand

    ws, doc, a = window.ws, window.doc, window.doc.assessment
    first, new = two_rounds(window)
    ws.push(AddSystemCommand(doc, System("Payments")))
    ws.select_system("Payments")
    window.facilitator.set_level(2)
    pid = a.model.practices[ws.state.selected_practice].id
    doc.undo_stack.undo()  # the level
    doc.undo_stack.redo()
    ws.update(round=first.id)
    doc.undo_stack.undo()  # the level (shows the latest round again)
    doc.undo_stack.undo()  # the system
    ws.update(round=first.id)
    doc.undo_stack.redo()  # the system, while the first round shows
    doc.undo_stack.redo()  # the level
    assert a.rating_in(new, "payments", pid).current == 2
    assert a.rating_in(first, "payments", pid).is_empty
    ws.update(round=first.id)
    a.system("Payments").set_rating(pid, a.system("Payments").rating(pid))
    assert a.ratings_of(first).get("payments") is not a.ratings_of(new).get("payments")


def test_the_table_opens_no_editor_on_a_read_only_round(window):
    from PySide6.QtCore import Qt

    from gapradar.ui.levels_table import CURRENT, NOTE

    ws, doc = window.ws, window.doc
    first, _ = two_rounds(window)
    model = window.table.levels_model
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, CURRENT)) & editable
    ws.update(round=first.id)
    assert not model.flags(model.index(0, CURRENT)) & editable
    assert not model.flags(model.index(0, NOTE)) & editable
    ws.push(UnlockRoundCommand(doc, first.id))
    assert model.flags(model.index(0, CURRENT)) & editable


def test_compare_with_greys_out_the_round_shown(window):
    from gapradar.ui.round_bar import RoundBar

    first, second = two_rounds(window)
    bar = window.findChild(RoundBar)
    items = bar.baseline.model()
    shown = bar.baseline.findData(second.id)
    assert not items.item(shown).isEnabled()
    assert items.item(bar.baseline.findData(first.id)).isEnabled()
    window.ws.update(round=first.id)
    assert items.item(shown).isEnabled() and not items.item(bar.baseline.findData(first.id)).isEnabled()


def test_an_unlock_is_saved_so_saving_leaves_nothing_unsaved(window, tmp_path):
    from gapradar.io import load

    ws, doc = window.ws, window.doc
    first, _new = two_rounds(window)
    ws.push(UnlockRoundCommand(doc, first.id))
    assert doc.modified
    out = tmp_path / "unlocked.yaml"
    assert window.files.save_to(out)
    assert not doc.modified and not window.isWindowModified()
    again = load(out)
    assert again.is_editable(again.round(first.id)) and again.round(first.id).unlocked
    ws.push(UnlockRoundCommand(doc, first.id, unlocked=False))  # locked again: saved as locked
    assert window.files.save_to(out)
    assert not load(out).round(first.id).unlocked


def test_the_round_dialog_refuses_a_date_that_would_put_rounds_out_of_order(window, qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    from gapradar.io import dumps, loads
    from gapradar.ui.round_dialog import RoundDialog, new_round_dialog

    first, _new = two_rounds(window)  # 2026-09-17, after the sample's own round
    a = window.doc.assessment
    first.date = datetime.date(2026, 3, 12)
    dialog = new_round_dialog(a, window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.date_edit.setDate(QDate(2025, 11, 24))  # before the latest round
    assert not ok.isEnabled()
    assert "2026-09-17" in dialog.problem.text() and "or later" in dialog.problem.text()
    dialog.dated.setChecked(False)  # an undated round is never out of order
    assert ok.isEnabled()
    # redating the first round past the follow-up is refused; up to it is fine
    redate = RoundDialog(a, "Rename or redate round", first.label, first.date, except_id=first.id)
    qtbot.addWidget(redate)
    redate.date_edit.setDate(QDate(2027, 9, 10))
    assert not redate.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "or earlier" in redate.problem.text()
    redate.date_edit.setDate(QDate(2026, 9, 17))
    assert redate.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    first.date = redate.date()
    assert loads(dumps(a)).rounds[0].date == datetime.date(2026, 9, 17)  # the file still opens


def test_removing_a_system_says_it_leaves_the_earlier_rounds_too(window, answers):
    from PySide6.QtWidgets import QMessageBox

    first, _new = two_rounds(window)
    asked = answers(QMessageBox.StandardButton.Cancel)
    window.ws.select_system(ATM)
    window.panel.remove_system()
    assert f"its ratings in 1 other round (“{first.label}”) go too" in asked.asked[0]
    assert ATM in window.doc.assessment.system_names()  # cancelled: nothing changed


def test_double_clicking_a_level_of_a_read_only_round_says_why_nothing_opens(window, qtbot):
    ws = window.ws
    first, _new = two_rounds(window)
    ws.update(round=first.id)
    messages = []
    ws.message.connect(messages.append)
    table, cell = level_cell(window)
    rect = table.visualRect(cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert messages and "read-only" in messages[-1] and first.label in messages[-1]
    assert table.state() != table.State.EditingState
    ws.update(round=None)  # the latest round: no refusal, the double-click reaches the table as before
    messages.clear()
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not messages


def test_showing_the_round_compared_with_says_there_is_nothing_to_compare(window):
    ws = window.ws
    first, _new = two_rounds(window)
    ws.update(baseline=first.id)
    assert ws.baseline_round() is first
    ws.update(round=first.id)
    assert ws.baseline_round() is None
    assert "nothing to compare" in window.statusBar().currentMessage()
