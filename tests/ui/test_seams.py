"""Each seam a person fell through in a real window, pinned by a test that failed before its fix."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QTableView, QToolBar

from gapradar import bundled
from gapradar.chart.style import THEMES
from gapradar.ui.actions import redo_shortcuts
from gapradar.ui.levels_table import CURRENT, GAP, TARGET
from gapradar.ui.themes import theme_palette
from gapradar.ui.window_layout import first_geometry

ATM = "ATM Management Application"


def table(window) -> QTableView:
    return window.findChild(QTableView, "levelsTable")


def assert_table_shows_its_rows(window):
    QApplication.processEvents()
    t = table(window)
    rows = t.model().rowCount()
    assert rows > 0
    needed = t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(min(rows, 8)))
    assert t.isVisible()
    assert t.height() >= min(needed, 0.45 * window.splitter.height()) - 4


def test_table_keeps_its_height_after_open_new_reload_and_drop(window, qtbot, sample_copy, answers):
    assert_table_shows_its_rows(window)
    other = bundled.templates()[0]
    window.files.open_path(other)
    window.ws.select_system(None)  # templates may have no systems
    window.files.new_from_template(bundled.templates()[1])
    assert_table_shows_its_rows(window)
    answers(QApplication.instance())  # no prompt expected, answer nothing
    window.files.open_path(sample_copy)
    assert_table_shows_its_rows(window)
    # A dropped file.
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_copy))])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.doc.path == sample_copy, timeout=3000)
    assert_table_shows_its_rows(window)


def test_widgets_are_not_rebuilt_when_another_file_opens(window, sample_copy):
    panel, t, radar = window.panel, table(window), window.radar
    window.files.open_path(bundled.templates()[0])
    window.files.open_path(sample_copy)
    assert window.panel is panel and table(window) is t and window.radar is radar
    assert len(window.findChildren(QListWidget, "systemsList")) == 1


def test_redo_has_ctrl_shift_z_and_ctrl_y_each_bound_once(window):
    keys = [k.toString() for k in redo_shortcuts()]
    assert "Ctrl+Shift+Z" in keys and "Ctrl+Y" in keys
    assert len(keys) == len(set(keys))
    bound: dict[str, str] = {}
    for name, action in window.actions_.by_id.items():
        for k in action.shortcuts():
            text = k.toString()
            assert text not in bound, f"{text} bound to {bound.get(text)} and {name}"
            bound[text] = name
    assert bound["Ctrl+Z"] == "undo"
    assert window.actions_["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


def test_hidden_targets_hide_in_table_and_guide_too(window):
    window.ws.select_system(ATM)
    window.actions_["hide_targets"].trigger()
    t = table(window)
    assert t.isColumnHidden(TARGET) and t.isColumnHidden(GAP)
    assert "target" not in window.guide.text().replace("editing <b>current", "")
    window.facilitator.reveal_targets()
    assert not t.isColumnHidden(TARGET) and not t.isColumnHidden(GAP)
    assert "◇ target" in window.guide.text()


def test_toolbar_undo_keeps_a_short_label_and_every_button_fits(window, qtbot):
    window.resize(1280, 720)
    window.ws.select_system(ATM)
    window.facilitator.step_level(+1)
    QApplication.processEvents()
    bar = window.findChild(QToolBar, "mainToolbar")
    undo = bar.widgetForAction(window.actions_["undo_button"])
    assert undo.text() == "Undo"
    assert "Set Build Management" in undo.toolTip()
    for action in bar.actions():
        if action.isSeparator():
            continue
        button = bar.widgetForAction(action)
        assert button is not None and button.isVisible(), action.text()  # none pushed into the overflow
        assert bar.rect().contains(button.geometry()), action.text()


def _drag(view, start: QPoint, end: QPoint, steps: int = 8) -> list:
    viewport = view.viewport()

    def send(kind, pos, buttons):
        button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        QApplication.sendEvent(
            viewport,
            QMouseEvent(
                kind,
                QPointF(pos),
                QPointF(viewport.mapToGlobal(pos)),
                button,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            ),
        )

    send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    seen = []
    for i in range(1, steps + 1):
        send(QEvent.Type.MouseMove, start + (end - start) * i / steps, Qt.MouseButton.LeftButton)
        seen.append(table(view.window()).model().index(3, CURRENT).data())
    send(QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    return seen


def test_dragging_in_overlay_view_edits_live_and_undoes_in_one_step(window):
    window.ws.select_system(ATM)
    assert window.ws.state.view == "overlay"
    QApplication.processEvents()
    view, scene = window.radar, window.radar.radar
    handle = view.handles[("testing", "current")]
    start = view.mapFromScene(handle.mapToScene(QPointF(0, 0)))
    end = view.mapFromScene(view.view_box.mapViewToScene(QPointF(*scene.level_point(3, -1))))
    seen = _drag(view, start, end)
    # The table (and the polygon) followed the mouse before the button was released.
    assert "1 – Consistent" in seen and seen[-1] == "-1 – Regressive"
    assert window.doc.undo_stack.count() == 1
    window.actions_["undo"].trigger()
    assert table(window).model().index(3, CURRENT).data() == "2 – Quantitatively Managed"


def test_first_window_size_uses_the_screen():
    rect = first_geometry(QRect(0, 0, 1920, 1080))
    assert rect.width() >= 1700 and rect.height() >= 950
    assert QRect(0, 0, 1920, 1080).contains(rect)
    small = first_geometry(QRect(0, 0, 1280, 720))
    assert small.width() <= 1280 and small.height() <= 720


def test_system_names_are_never_elided(window):
    window.resize(1280, 720)
    QApplication.processEvents()
    lst = window.findChild(QListWidget, "systemsList")
    fm = lst.fontMetrics()
    for i in range(lst.count()):
        item = lst.item(i)
        rect = lst.visualItemRect(item)
        lines = max(1, round(rect.height() / fm.lineSpacing()))
        # Either the whole name fits on its line, or it wraps: never "Equity Trading a…".
        assert fm.horizontalAdvance(item.text()) <= (rect.width() - 40) * lines, item.text()
    assert lst.textElideMode() == Qt.TextElideMode.ElideNone
    longest = "Equity Trading and Analytics Platform"
    item = lst.findItems(longest, Qt.MatchFlag.MatchExactly)[0]
    assert lst.visualItemRect(item).height() < 2 * fm.lineSpacing()  # one line: the panel is wide enough


def test_selecting_a_system_shows_it_on_the_chart(window):
    window.panel.check_none.click()
    window.ws.select_system(ATM)
    assert ATM in window.radar.radar.series_names()
    assert window.table_title.text() == f"Levels of {ATM}"


@pytest.mark.parametrize("name", ["dark", "high-contrast"])
def test_dark_themes_draw_disabled_text_apart_from_enabled(name):
    palette = theme_palette(THEMES[name])
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
        enabled = palette.color(QPalette.ColorGroup.Active, role)
        disabled = palette.color(QPalette.ColorGroup.Disabled, role)
        assert abs(enabled.lightness() - disabled.lightness()) > 60


def test_without_a_display_gapradar_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run(
        [sys.executable, "-m", "gapradar"], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 2
    assert "no display" in run.stderr and "gapradar export" in run.stderr and "--screenshot" in run.stderr
    assert "xcb" not in run.stderr


def test_a_broken_file_from_the_command_line_opens_no_other_file(qtbot, tmp_path):
    from gapradar.ui.app import open_window

    broken = tmp_path / "broken.yaml"
    broken.write_text("format: gapradar/1\nmodel: [", encoding="utf-8")
    window, problems = open_window(str(broken))
    qtbot.addWidget(window)
    assert problems is not None and problems.problems
    assert window.doc is None
    assert window.windowTitle() == "gapradar"
    assert window.pages.currentWidget() is window.start_page
    assert window.start_page.findChild(QLabel).text() == "<h2>No file is open</h2>"
    assert not window.actions_["save"].isEnabled() and not window.actions_["export"].isEnabled()
    window.files.open_path(bundled.sample_path())
    assert window.pages.currentWidget() is window.splitter and window.actions_["save"].isEnabled()


def test_an_eleventh_system_is_told_apart_from_the_first(window, monkeypatch):
    from gapradar.domain import System
    from gapradar.ui.commands import AddSystemCommand

    a = window.doc.assessment
    while len(a.systems) < 11:
        window.ws.push(AddSystemCommand(window.doc, System(a.unique_name("Extra"))))
    first, eleventh = a.systems[0].name, a.systems[10].name
    window.ws.set_checked({first, eleventh})
    series = window.radar.radar.series
    assert series[first].colour == series[eleventh].colour  # the palette has ten colours...
    first_pen, eleventh_pen = series[first].polygon.pen(), series[eleventh].polygon.pen()
    assert first_pen.style() != eleventh_pen.style()  # ...so the line tells them apart
    lst = window.findChild(QListWidget, "systemsList")
    icons = {lst.item(i).text(): lst.item(i).icon().pixmap(14, 14).toImage() for i in range(lst.count())}
    assert icons[first] != icons[eleventh]  # and so does the panel's swatch


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        ("Payments\vHub", "control character"),  # what PowerPoint pastes
        ("\u200b", "shows nothing"),
        ("atm  management APPLICATION", "looks the same as"),
    ],
)
def test_names_typed_in_the_window_follow_the_files_rules(window, monkeypatch, answers, typed, told):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    asked = answers(QMessageBox.StandardButton.Ok)
    offered: list[str] = []
    replies = iter([(typed, True), ("", False)])  # the refused name, then Cancel

    def get_text(*_a, **k):
        offered.append(k["text"])
        return next(replies)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    before = list(window.doc.assessment.system_names())
    window.panel.add_system()
    assert window.doc.assessment.system_names() == before
    assert len(asked.asked) == 1 and told in asked.asked[0]
    assert offered[1] == typed  # asked again with what was typed, not a blank line


def test_a_name_in_decomposed_form_is_kept_composed(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Cafe\u0301 Systems ", True)))
    window.panel.add_system()
    assert "Café Systems" in window.doc.assessment.system_names()


def test_digits_typed_into_the_level_drop_down_are_level_numbers(window, qtbot):
    from PySide6.QtWidgets import QComboBox

    window.ws.select_system(ATM)
    t = table(window)
    index = t.model().index(2, CURRENT)
    t.setCurrentIndex(index)
    t.edit(index)
    combo = t.findChild(QComboBox)
    assert combo is not None
    qtbot.keyClick(combo, Qt.Key.Key_Minus)
    assert t.model().index(2, CURRENT).data() == "0 – Repeatable"  # "-" alone changes nothing
    qtbot.keyClick(combo, Qt.Key.Key_1)
    assert t.model().index(2, CURRENT).data() == "-1 – Regressive"
    assert window.doc.undo_stack.count() == 1


def test_undo_goes_to_the_system_and_practice_it_changes(window):
    window.ws.select_system(ATM)
    window.facilitator.select_practice(+4)  # Data Management
    window.facilitator.step_level(+1)
    window.facilitator.select_system(+1)
    window.facilitator.select_practice(-2)
    window.actions_["undo"].trigger()
    assert window.ws.state.selected_system == ATM
    assert window.ws.state.selected_practice == 4
    assert window.statusBar().currentMessage().startswith("Undone: Set Data Management current of " + ATM)


def test_the_table_follows_t_and_the_guide_follows_the_table(window, qtbot):
    window.ws.select_system(ATM)
    window.facilitator.toggle_editing()
    t = table(window)
    assert t.currentIndex().column() == TARGET
    assert t.model().headerData(TARGET, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).bold()
    t.setCurrentIndex(t.model().index(1, CURRENT))
    assert window.ws.state.editing == "current" and window.ws.state.selected_practice == 1
    assert "editing <b>current" in window.guide.text()


def test_check_all_checks_what_the_filter_shows(window, qtbot):
    window.panel.check_none.click()
    qtbot.keyClicks(window.panel.filter, "mobile")
    assert window.panel.check_all.text() == "Check &shown"
    window.panel.check_all.click()
    assert window.ws.state.checked == {"Mobile Banking Platform (Android)", "Mobile Banking Platform (iOS)"}
    window.panel.filter.clear()
    assert window.panel.check_all.text() == "Check &all"


def test_dragging_a_point_selects_its_practice(window):
    window.ws.select_system(ATM)
    QApplication.processEvents()
    view, scene = window.radar, window.radar.radar
    pid = window.doc.assessment.model.practices[4].id
    handle = view.handles[(pid, "target")]
    start = view.mapFromScene(handle.mapToScene(QPointF(0, 0)))
    end = view.mapFromScene(view.view_box.mapViewToScene(QPointF(*scene.level_point(4, 3))))
    _drag(view, start, end)
    assert window.ws.state.selected_practice == 4 and window.ws.state.editing == "target"


def test_a_recent_file_that_is_gone_is_said_so_and_dropped(window, tmp_path, answers):
    gone = tmp_path / "gone.yaml"
    gone.write_bytes(window.doc.path.read_bytes())
    window.files.add_recent(gone)
    gone.unlink()
    asked = answers(None)
    assert not window.files.open_recent(gone)
    assert "no longer at" in asked.asked[0]
    assert str(gone.resolve()) not in window.files.recent_files()


def test_focus_on_an_unknown_system_is_an_error(tmp_path, capsys):
    from gapradar.ui.app import run

    assert run(None, screenshot=str(tmp_path / "x.png"), focus="Nope") == 2
    assert 'no system named "Nope"' in capsys.readouterr().err


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 768)])
def test_the_presented_chart_keeps_its_size_while_walking_and_revealing(window, qtbot, size):
    from gapradar.ui.presentation import PresentationWindow

    window.ws.select_system(ATM)
    window.set_focus_view(True)
    window.facilitator.set_targets_hidden(True)
    p = PresentationWindow(window.ws, window.keyboard)
    qtbot.addWidget(p)
    p.resize(*size)
    p.show()
    qtbot.waitExposed(p)
    p.refresh()
    QApplication.processEvents()
    radius, height = p.radar.radar.radius_px, p.radar.height()
    for _ in range(len(window.doc.assessment.model.practices)):
        window.facilitator.select_practice(+1)
        QApplication.processEvents()
        assert (p.radar.radar.radius_px, p.radar.height()) == (pytest.approx(radius), height)
    window.facilitator.reveal_targets()
    QApplication.processEvents()
    assert (p.radar.radar.radius_px, p.radar.height()) == (pytest.approx(radius), height)
