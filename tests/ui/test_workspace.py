"""The workspace driven through its real widgets, checked by what a user sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QComboBox, QListWidget, QMessageBox, QTableView

from gapradar.domain import AVERAGE_NAME
from gapradar.io import load
from gapradar.ui.levels_table import CURRENT, TARGET

ATM = "ATM Management Application"


def list_item(window, name):
    lst = window.findChild(QListWidget, "systemsList")
    for i in range(lst.count()):
        if lst.item(i).text() == name:
            return lst.item(i)
    raise KeyError(name)


def table_text(window, row, col):
    table = window.findChild(QTableView, "levelsTable")
    return table.model().index(row, col).data()


def test_sample_opens_with_systems_chart_and_table(window):
    names = [window.panel.list.item(i).text() for i in range(window.panel.list.count())]
    assert names[-1] == AVERAGE_NAME
    assert names[:-1] == sorted(names[:-1], key=str.casefold)
    assert len(names) == 11
    assert window.findChild(QTableView, "levelsTable") is not None
    assert window.radar.objectName() == "radarView"
    assert window.panel.objectName() == "systemsPanel"
    assert set(window.radar.radar.series_names()) == {*window.panel.checked_names(), AVERAGE_NAME}
    assert "bank.yaml" in window.windowTitle()


def test_checking_systems_changes_the_chart_series(window):
    window.panel.check_none.click()
    assert window.radar.radar.series_names() == []
    list_item(window, ATM).setCheckState(Qt.CheckState.Checked)
    assert window.radar.radar.series_names() == [ATM]
    list_item(window, AVERAGE_NAME).setCheckState(Qt.CheckState.Checked)
    assert window.radar.radar.series_names() == [ATM, AVERAGE_NAME]
    window.panel.check_all.click()
    assert len(window.radar.radar.series_names()) == 11


def test_filter_hides_systems(window, qtbot):
    qtbot.keyClicks(window.panel.filter, "mobile")
    visible = [
        window.panel.list.item(i).text()
        for i in range(window.panel.list.count())
        if not window.panel.list.item(i).isHidden()
    ]
    assert visible == ["Mobile Banking Platform (Android)", "Mobile Banking Platform (iOS)"]


def edit_level_in_table(window, qtbot, row, col, label):
    table = window.findChild(QTableView, "levelsTable")
    index = table.model().index(row, col)
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findText(label))
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_table_edit_moves_the_radar_point_and_undoes(window, qtbot):
    window.ws.select_system(ATM)
    scene = window.radar.radar
    testing = 3
    before = scene.series[ATM].polygon.polygon().at(testing)
    assert table_text(window, testing, CURRENT) == "2 – Quantitatively Managed"

    edit_level_in_table(window, qtbot, testing, CURRENT, "3 – Optimizing")

    assert table_text(window, testing, CURRENT) == "3 – Optimizing"
    assert table_text(window, testing, 3) == "0"
    after = scene.series[ATM].polygon.polygon().at(testing)
    assert after != before
    assert after == QPointF(*scene.level_point(testing, 3))
    assert window.actions_["undo"].text() == f"&Undo Set Testing current of {ATM} to 3 – Optimizing"
    assert window.isWindowModified()

    window.actions_["undo"].trigger()
    assert table_text(window, testing, CURRENT) == "2 – Quantitatively Managed"
    assert scene.series[ATM].polygon.polygon().at(testing) == before
    assert not window.isWindowModified()
    window.actions_["redo"].trigger()
    assert table_text(window, testing, CURRENT) == "3 – Optimizing"


def test_not_assessed_is_offered_and_drawn_at_the_centre(window, qtbot):
    window.ws.select_system(ATM)
    edit_level_in_table(window, qtbot, 0, TARGET, "not assessed")
    assert table_text(window, 0, TARGET) == "not assessed"
    assert table_text(window, 0, 3) == "–"
    assert window.doc.assessment.system(ATM).rating("build-ci").target is None


def send_mouse(widget, kind, pos: QPoint, buttons):
    button = Qt.MouseButton.LeftButton
    if kind == QEvent.Type.MouseMove:
        button = Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def test_dragging_a_handle_snaps_to_a_level_and_updates_the_table(window, qtbot):
    window.ws.select_system(ATM)
    window.actions_["view_focus"].trigger()
    QApplication.processEvents()  # let the layout settle before reading positions
    view = window.radar
    scene = view.radar
    testing_index = 3
    handle = view.handles[("testing", "current")]
    start = view.mapFromScene(handle.mapToScene(QPointF(0, 0)))
    # Drag towards the outer ring (level 3), a little off the spoke, to see it snap.
    end_data = QPointF(*scene.level_point(testing_index, 3)) + QPointF(0.05, 0.03)
    end = view.mapFromScene(view.view_box.mapViewToScene(end_data))
    viewport = view.viewport()
    send_mouse(viewport, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    steps = 8
    for i in range(1, steps + 1):
        p = start + (end - start) * i / steps
        send_mouse(viewport, QEvent.Type.MouseMove, p, Qt.MouseButton.LeftButton)
    send_mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)

    assert table_text(window, testing_index, CURRENT) == "3 – Optimizing"
    assert window.doc.undo_stack.count() == 1  # one drag, one undo step
    assert scene.series[ATM].polygon.polygon().at(testing_index) == QPointF(
        *scene.level_point(testing_index, 3)
    )
    window.actions_["undo"].trigger()
    assert table_text(window, testing_index, CURRENT) == "2 – Quantitatively Managed"


def test_focus_view_shows_current_and_target(window):
    window.ws.select_system(ATM)
    window.actions_["view_focus"].trigger()
    series = window.radar.radar.series[ATM]
    assert series.target_polygon is not None
    system = window.doc.assessment.system(ATM)
    p = window.radar.radar.level_point(4, system.rating("data").target)
    assert series.target_polygon.polygon().at(4) == QPointF(*p)
    assert len(window.radar.handles) == 12


def test_save_reload_and_compare(window, qtbot, sample_copy, tmp_path):
    window.ws.select_system(ATM)
    edit_level_in_table(window, qtbot, 1, TARGET, "3 – Optimizing")
    out = tmp_path / "saved.yaml"
    assert window.files.save_to(out)
    assert not window.isWindowModified()
    reloaded = load(out)
    assert reloaded == window.doc.assessment
    assert reloaded.system(ATM).rating("environments").target == 3


def test_failed_save_keeps_edits_unsaved(window, qtbot, tmp_path, answers):
    window.ws.select_system(ATM)
    edit_level_in_table(window, qtbot, 1, TARGET, "3 – Optimizing")
    asked = answers(QMessageBox.StandardButton.Ok)
    assert not window.files.save_to(tmp_path / "missing-folder" / "x.yaml")
    assert asked.asked and "Could not save" in asked.asked[0]
    assert window.isWindowModified()
    assert window.doc.assessment.system(ATM).rating("environments").target == 3


def test_close_with_unsaved_edits_asks(window, qtbot, answers):
    window.ws.select_system(ATM)
    edit_level_in_table(window, qtbot, 1, TARGET, "3 – Optimizing")
    asked = answers(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()
    assert "Save the changes" in asked.asked[0]
    asked.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_add_rename_duplicate_remove_system(window, monkeypatch, answers):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Payments Hub", True)))
    window.panel.add_system()
    assert "Payments Hub" in window.doc.assessment.system_names()
    assert "Payments Hub" in window.radar.radar.series_names()
    window.ws.select_system(ATM)
    window.panel.duplicate_system()
    copy = f"{ATM} (copy)"
    assert window.doc.assessment.system(copy).ratings == window.doc.assessment.system(ATM).ratings
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("ATM Platform", True)))
    window.ws.select_system(copy)
    window.panel.rename_system()
    assert "ATM Platform" in window.doc.assessment.system_names()
    asked = answers(QMessageBox.StandardButton.Yes)
    window.ws.select_system("ATM Platform")
    window.panel.remove_system()
    assert "has ratings" in asked.asked[0]
    assert "ATM Platform" not in window.doc.assessment.system_names()
    for _ in range(4):
        window.actions_["undo"].trigger()
    assert window.doc.assessment.system_names() == load(window.doc.path).system_names()


def test_every_action_has_a_tooltip_and_key_widgets_have_names(window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    # toolTip() falls back to the text, so the tip people read is the status tip.
    for key, action in window.actions_.by_id.items():
        assert isinstance(action, QAction)
        if key not in ("undo", "redo"):  # these show what they would undo
            assert action.statusTip() and action.statusTip() != action.text().replace("&", ""), key
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLineEdit):
        if widget.isVisible():
            assert widget.accessibleName() or widget.text(), widget


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_window_renders_at_common_sizes(window, size, qtbot):
    window.resize(*size)
    QApplication.processEvents()
    image = window.grab().toImage()
    assert image.width() >= size[0] - 1
    labels = window.radar.radar.practice_labels
    rects = [label.mapRectToScene(label.boundingRect()) for label in labels]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.intersects(b)
    view_rect = window.radar.mapToScene(window.radar.viewport().rect()).boundingRect()
    for r in rects:
        assert view_rect.contains(r)


def test_hover_tooltip_and_bringing_a_series_forward(window):
    scene = window.radar.radar
    series = scene.series[ATM]
    spot = series.markers.points()[3]
    tip = series.markers.opts["tip"](spot.pos().x(), spot.pos().y(), spot.data())
    assert tip.splitlines() == [
        ATM,
        "Testing",
        "current: 2 – Quantitatively Managed",
        "target: 3 – Optimizing",
        "gap: +1",
    ]
    scene._hover(ATM)
    others = [s for k, s in scene.series.items() if k != ATM]
    assert series.polygon.opacity() == 1.0
    assert all(s.polygon.opacity() < 0.5 for s in others)
    assert series.polygon.zValue() > max(s.polygon.zValue() for s in others)
    scene._hover(None)
    assert all(s.polygon.opacity() == 1.0 for s in scene.series.values())


def test_opening_another_file_with_unsaved_edits_asks(window, qtbot, answers, sample_path):
    from gapradar.ui.commands import SetLevelCommand

    window.doc.undo_stack.push(SetLevelCommand(window.doc, ATM, "testing", "target", 2))
    asked = answers(QMessageBox.StandardButton.Cancel)
    assert not window.files.open_path(sample_path)
    assert "Save the changes" in asked.asked[0]
    assert window.doc.assessment.system(ATM).rating("testing").target == 2


def test_recent_files_and_geometry_persist(window, qtbot, tmp_path):
    from gapradar.ui.main_window import MainWindow

    out = tmp_path / "kept.yaml"
    assert window.files.save_to(out)
    window.resize(701, 503)  # inside the offscreen screen (800 × 600)
    window.close()
    again = MainWindow(load(out), out)
    qtbot.addWidget(again)
    assert again.files.recent_files()[0] == str(out.resolve())
    assert again.recent_menu.actions()[0].text() == f"&1 kept.yaml  —  {out.parent}"
    assert (again.width(), again.height()) == (701, 503)


def test_new_from_template_starts_untitled_with_a_system(window, answers):
    from gapradar import bundled

    samm = next(t for t in bundled.templates() if "samm" in t.name)
    window.files.new_from_template(samm)
    assert window.doc.path is None
    assert len(window.doc.assessment.model.practices) == 15
    assert window.doc.assessment.system_names() == ["System 1"]
    assert "Untitled" in window.windowTitle()


def test_many_systems_are_drawn_as_outlines(window):
    window.panel.check_none.click()
    list_item(window, ATM).setCheckState(Qt.CheckState.Checked)
    assert window.radar.radar.series[ATM].polygon.brush().style() == Qt.BrushStyle.SolidPattern
    window.panel.check_all.click()  # 10 systems: fills would only muddy each other
    assert window.radar.radar.series[ATM].polygon.brush().style() == Qt.BrushStyle.NoBrush


def test_fifteen_practice_labels_never_overlap(qtbot, tmp_path):
    """OWASP SAMM's 15 practices on a laptop-sized window: names step down rather than collide."""
    from gapradar import bundled
    from gapradar.domain import Rating, System
    from gapradar.ui.main_window import MainWindow

    samm = next(t for t in bundled.templates() if "samm" in t.name)
    a = load(samm)
    a.systems.append(System("Payments API", {p.id: Rating(1, 3) for p in a.model.practices}))
    w = MainWindow(a, None)
    qtbot.addWidget(w, before_close_func=lambda w: w.doc.undo_stack.setClean())
    w.resize(1280, 720)
    w.show()
    QApplication.processEvents()
    labels = w.radar.radar.practice_labels
    assert len(labels) == 15
    rects = [label.mapRectToScene(label.boundingRect()) for label in labels]
    for i, a_rect in enumerate(rects):
        for b_rect in rects[i + 1 :]:
            assert not a_rect.intersects(b_rect)
    view_rect = w.radar.mapToScene(w.radar.viewport().rect()).boundingRect()
    assert all(view_rect.contains(r) for r in rects)


def test_a_long_step_is_shortened_in_the_edit_menu_and_whole_in_the_toolbar_tooltip(window):
    from gapradar.ui.actions import MENU_TEXT_MAX
    from gapradar.ui.commands import RenameSystemCommand, SetLevelCommand

    long_name = "Enterprise Customer Relationship Management and Omnichannel Marketing Platform (EMEA)"
    doc = window.doc
    window.ws.push(RenameSystemCommand(doc, ATM, long_name))
    window.ws.push(SetLevelCommand(doc, long_name, doc.assessment.model.practice_ids[0], "target", 3))
    step = doc.undo_stack.undoText()
    assert long_name in step
    menu = window.actions_["undo"].text()
    assert menu.startswith("&Undo Set ") and menu.endswith("3 – Optimizing") and "…" in menu
    assert len(menu) <= len("&Undo ") + MENU_TEXT_MAX
    assert window.actions_["undo_button"].toolTip() == f"Undo {step}"
    window.actions_["undo"].trigger()
    assert window.actions_["redo"].text().endswith("3 – Optimizing") and "…" in window.actions_["redo"].text()
    assert window.actions_["undo"].text() == short(f"&Undo Rename system {ATM} to {long_name}")


def short(text: str) -> str:
    from gapradar.ui.actions import short_menu_text

    return "&Undo " + short_menu_text(text.removeprefix("&Undo "))


def test_no_two_entries_of_a_menu_share_an_alt_key(window):
    """Alt+letter must reach one entry: two with the same letter only cycle between them."""
    import re

    def check(menu, where):
        letters = []
        for action in menu.actions():
            found = re.search(r"&(\w)", action.text().replace("&&", ""))
            if found:
                letters.append((found.group(1).lower(), action.text()))
            if action.menu() is not None:
                check(action.menu(), f"{where} ▸ {action.text()}")
        seen: dict[str, str] = {}
        for letter, text in letters:
            assert letter not in seen, f"{where}: {seen[letter]!r} and {text!r} share Alt+{letter}"
            seen[letter] = text

    for top in window.menuBar().actions():
        check(top.menu(), top.text())


def test_every_system_row_has_a_box_to_click_and_clicking_it_checks_the_system(window, qtbot):
    """An unchecked row showed no box at all; a click where it should be left the system off the chart."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    panel = window.panel
    rows = [panel.list.item(r) for r in range(panel.list.count())]
    assert all(item.data(Qt.ItemDataRole.CheckStateRole) is not None for item in rows)
    name = "Human Resources Application"
    assert name not in window.ws.state.checked
    item = next(i for i in rows if i.text() == name)
    rect = panel.list.visualItemRect(item)
    option = QStyleOptionViewItem()
    option.initFrom(panel.list)
    option.rect = rect
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = panel.list.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, panel.list
    )
    qtbot.mouseClick(
        panel.list.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(box.center().x(), rect.center().y())
    )
    qtbot.waitUntil(lambda: name in window.ws.state.checked, timeout=2000)
    assert name in window.radar.radar.series_names()
