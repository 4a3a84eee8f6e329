"""A consultant looks at every system at once: heatmap, a keyboard edit, gap chart, small multiples."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from gapradar.chart.heatmap_scene import level_colours

CTRL = Qt.KeyboardModifier.ControlModifier
RISK = "Risk Management Application"


def test_heatmap_edit_undo_then_gaps_and_multiples(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # View ▸ Heatmap
    heatmap = window.views.page("heatmap")
    qtbot.waitUntil(lambda: window.views.currentWidget() is heatmap, timeout=5000)
    canvas = heatmap.canvas
    centre = canvas.cell_centre(RISK, 0)
    heatmap.scroll_area.ensureVisible(int(centre.x()), int(centre.y()))
    qtbot.mouseClick(
        canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y()))
    )
    assert (window.ws.state.selected_system, window.ws.state.selected_practice) == (RISK, 0)
    qtbot.keyClick(canvas, Qt.Key.Key_3)
    pid = window.ws.assessment.model.practices[0].id
    assert window.ws.assessment.system(RISK).rating(pid).current == 3
    # what is on screen: the cell's pixels turned to level 3's colour
    qtbot.waitUntil(
        lambda: (
            _cell_colour(canvas, centre) == QColor(level_colours(window.ws.assessment.model.scores)[3]).name()
        ),
        timeout=3000,
    )
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.ws.assessment.system(RISK).rating(pid).current == 2
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)  # the gap chart, for the selected system
    gaps = window.views.page("gaps")
    qtbot.waitUntil(lambda: window.views.currentWidget() is gaps, timeout=5000)
    assert gaps.canvas.chart.spec.focus == RISK
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    multiples = window.views.page("multiples")
    qtbot.waitUntil(lambda: window.views.currentWidget() is multiples, timeout=5000)
    assert RISK in multiples.canvas.chart.panels


def _cell_colour(canvas, centre) -> str:
    image = canvas.grab().toImage()
    return QColor(image.pixel(int(centre.x()) - 20, int(centre.y()) - 8)).name()
