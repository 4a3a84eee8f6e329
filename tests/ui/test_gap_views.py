"""The heatmap, gap chart and small multiples in a real window, driven as a user would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

from gapradar.domain import prioritised_gaps


def show(window, qtbot, view):
    window.ws.update(view=view)
    page = window.views.page({"heatmap": "heatmap", "gaps": "gaps", "multiples": "multiples"}[view])
    qtbot.waitUntil(lambda: window.views.currentWidget() is page, timeout=2000)
    return page


def click_cell(qtbot, heatmap, system, practice_index):
    centre = heatmap.canvas.cell_centre(system, practice_index)
    assert centre is not None
    heatmap.scroll_area.ensureVisible(int(centre.x()), int(centre.y()))
    qtbot.mouseClick(
        heatmap.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y()))
    )


def cell_text(heatmap, system, pid):
    cell = heatmap.canvas.heatmap.cells[(system, pid)]
    return (
        cell.text.text()
        if hasattr(cell.text, "text") and callable(cell.text.text)
        else cell.text.toPlainText()
    )


def test_clicking_a_cell_selects_system_and_practice_in_the_table_and_on_the_radar(window, qtbot):
    heatmap = show(window, qtbot, "heatmap")
    a = window.ws.assessment
    target = "Risk Management Application"
    assert window.ws.state.selected_system != target
    click_cell(qtbot, heatmap, target, 3)
    assert window.ws.state.selected_system == target
    assert window.ws.state.selected_practice == 3
    # the table shows that system, with that practice's row current
    assert target in window.table_title.text()
    assert window.table.currentIndex().row() == 3
    # the radar follows: back on it, the system is drawn and the practice is highlighted
    window.ws.update(view="overlay")
    assert window.views.currentWidget() is window.radar
    assert target in window.radar.radar.spec.checked
    assert window.radar.radar.spec.selected_practice == 3
    assert a.model.practices[3].name == "Testing"
    # and the heatmap outlines the cell
    show(window, qtbot, "heatmap")
    assert heatmap.canvas.heatmap.highlight is not None
    assert (
        heatmap.canvas.heatmap.highlight.path()
        .boundingRect()
        .intersects(heatmap.canvas.heatmap.cell_rect(target, 3))
    )


def test_keyboard_edit_in_the_heatmap_is_one_undo_step(window, qtbot):
    heatmap = show(window, qtbot, "heatmap")
    system = "Core Banking Application"
    pid = window.ws.assessment.model.practices[1].id
    click_cell(qtbot, heatmap, system, 1)
    before = window.ws.assessment.system(system).rating(pid).current
    assert cell_text(heatmap, system, pid) == str(before)
    stack = window.doc.undo_stack
    count = stack.count()
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_3)
    assert window.ws.assessment.system(system).rating(pid).current == 3
    assert cell_text(heatmap, system, pid) == "3"
    assert stack.count() == count + 1
    stack.undo()
    assert window.ws.assessment.system(system).rating(pid).current == before
    assert cell_text(heatmap, system, pid) == str(before)
    # arrows walk the practices and step the level, as on the radar
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_Right)
    assert window.ws.state.selected_practice == 2


def test_sorting_rows_and_columns(window, qtbot):
    heatmap = show(window, qtbot, "heatmap")
    a = window.ws.assessment
    scene = heatmap.canvas.heatmap
    assert [s.name for s in scene.rows] == sorted(a.system_names(), key=str.casefold)
    combo = heatmap.controls.combos["heatmap_rows"]
    combo.setCurrentIndex(combo.findData("mean"))
    combo.activated.emit(combo.currentIndex())
    assert window.ws.state.heatmap_rows == "mean"

    def mean(s):
        values = [r.current for r in (s.rating(p) for p in a.model.practice_ids) if r.current is not None]
        return sum(values) / len(values)

    means = [mean(s) for s in scene.rows]
    assert means == sorted(means)
    # rows are where the scene says: the lowest mean is the first row under the roll-up
    first = scene.rows[0].name
    assert scene.cell_rect(first, 0).top() < scene.cell_rect(scene.rows[1].name, 0).top()
    window.ws.update(heatmap_columns="gap")
    gaps = []
    for i in scene.columns:
        pid = a.model.practices[i].id
        values = [
            r.target - r.current
            for r in (s.rating(pid) for s in a.systems)
            if None not in (r.current, r.target)
        ]
        gaps.append(sum(values) / len(values))
    assert gaps == sorted(gaps, reverse=True)
    # the radar keeps the file's order whatever the heatmap shows
    assert window.radar.radar.spec.assessment.model.practice_ids == a.model.practice_ids


def test_gap_chart_order_equals_the_gap_table_order(window, qtbot):
    gaps = show(window, qtbot, "gaps")
    a = window.ws.assessment
    system = a.system(window.ws.state.selected_system)
    table = [e.practice.id for e in prioritised_gaps(a, system)]
    scene = gaps.canvas.chart
    drawn = sorted(scene.row_rects, key=lambda pid: scene.row_rects[pid].top())
    assert drawn[: len(table)] == table
    # the levels table's Gap column agrees row by row
    for pid in table:
        r = system.rating(pid)
        assert r.target - r.current > 0
    # the roll-up: the box switches the chart to the roll-up, named with its rule
    gaps.controls.rollup_check.setChecked(True)
    assert window.ws.state.gaps_of_rollup
    window.ws.update(rollup="min")
    texts = [i.toPlainText() for i in scene.items if hasattr(i, "toPlainText")]
    assert any("Roll-up of all systems: minimum (weakest link)" in t for t in texts)


def test_small_multiples_one_radar_per_system_and_click_selects(window, qtbot):
    multiples = show(window, qtbot, "multiples")
    a = window.ws.assessment
    scene = multiples.canvas.chart
    assert set(a.system_names()) <= set(scene.panels)
    name = "Security Administration System"
    centre = scene.panels[name].center()
    qtbot.mouseClick(
        multiples.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y()))
    )
    assert window.ws.state.selected_system == name


def test_a_crowded_overlay_suggests_the_heatmap(window, qtbot):
    hint = window.views.overlay_hint
    window.ws.set_checked(set(window.ws.assessment.system_names()[:3]))
    assert not hint.isVisible()
    window.ws.set_checked(set(window.ws.assessment.system_names()))  # ten systems: outlines only
    assert hint.isVisible()
    assert "10 systems" in hint.label.text() and "outlines only" in hint.label.text()
    heatmap_button = next(b for b in hint.findChildren(QPushButton) if b.text() == "Heatmap")
    qtbot.mouseClick(heatmap_button, Qt.MouseButton.LeftButton)
    assert window.ws.state.view == "heatmap"
    assert not hint.isVisible()


def test_copy_view_puts_the_heatmap_on_the_clipboard(window, qtbot):
    import xml.etree.ElementTree as ET

    from PySide6.QtWidgets import QApplication

    heatmap = show(window, qtbot, "heatmap")
    button = heatmap.controls.findChild(QPushButton, "copyView")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasImage()
    svg = ET.fromstring(bytes(mime.data("image/svg+xml")))
    words = "".join("".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "Average – all systems" in words and "roll-up of all systems: mean" in words


def test_the_roll_up_rule_is_chosen_from_the_view_menu(window):
    window.actions_["rollup_median"].trigger()
    assert window.ws.state.rollup == "median"
    window.ws.update(rollup="min")
    assert window.actions_["rollup_min"].isChecked()


def test_up_and_down_in_the_heatmap_move_between_rows_and_change_nothing(window, qtbot):
    from gapradar.chart.heatmap_scene import system_order

    heatmap = show(window, qtbot, "heatmap")
    a = window.ws.assessment
    rows = [s.name for s in system_order(a, window.ws.state.heatmap_rows)]
    click_cell(qtbot, heatmap, rows[1], 2)
    before = window.doc.undo_stack.count()
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_Down)
    assert window.ws.state.selected_system == rows[2]
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_Up)
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_Up)
    assert window.ws.state.selected_system == rows[0]
    assert window.doc.undo_stack.count() == before


def test_views_of_every_system_name_no_system_in_their_title(window):
    from gapradar.chart.titles import display_title
    from gapradar.chart.views import scene_spec

    window.ws.select_system("ATM Management Application")
    for view in ("heatmap", "multiples"):
        window.ws.update(view=view)
        spec = scene_spec(window.ws.assessment, window.ws.state)
        assert not display_title(spec).startswith("ATM"), view


def test_a_heatmap_of_many_systems_draws_the_rows_in_sight_and_follows_the_scroll(qtbot):
    """Thousands of rows took seconds to draw: only those in and near sight are made, as you scroll."""
    from benchmarks.scale import generated
    from gapradar.ui.heatmap_view import WINDOWED_ROWS
    from tests.ui.conftest import shown_window

    a = generated(WINDOWED_ROWS + 400, 6)
    w = shown_window(qtbot, a)
    heatmap = show(w, qtbot, "heatmap")
    scene = heatmap.canvas.heatmap
    drawn = {name for name, _ in scene.cells}
    first, last = a.systems[0].name, a.systems[-1].name
    assert scene.row_window is not None and len(drawn) < 200 and last not in drawn
    # the last system: scrolled to, drawn, selectable by a click, edited by a key, one undo step
    w.ws.select_system(last)
    qtbot.waitUntil(lambda: (last, a.model.practice_ids[0]) in scene.cells, timeout=5000)
    assert first not in {name for name, _ in scene.cells}
    click_cell(qtbot, heatmap, last, 2)
    assert w.ws.state.selected_practice == 2
    pid = a.model.practice_ids[2]
    qtbot.keyClick(heatmap.canvas, Qt.Key.Key_1)
    assert a.system(last).rating(pid).current == 1 and cell_text(heatmap, last, pid) == "1"
    # scrolled back to the top: its rows are drawn again
    heatmap.scroll_area.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: (first, a.model.practice_ids[0]) in scene.cells, timeout=5000)
    # a rectangle for a row not drawn is still where it would be
    rect = scene.cell_rect(last, 0)
    assert rect is not None and rect.top() > scene.cell_rect(first, 0).top()
