"""Presentation mode's balance at a projector's size: readable legend, a large radar, nothing overlapping."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

ATM = "ATM Management Application"


def presenting(window, qtbot, size=(1920, 1080)):
    window.ws.select_system(ATM)
    window.activateWindow()
    window.radar.setFocus()
    qtbot.keyClick(window.radar, Qt.Key.Key_F5)
    p = window.presentation
    qtbot.waitUntil(lambda: p.height() > 0)
    p.showNormal()
    p.resize(*size)
    qtbot.waitUntil(lambda: (p.width(), p.height()) == size)
    p.refresh()
    return p


def px_rect(scene, item: pg.TextItem) -> QRectF:
    """A text item's box in the chart's pixels (text items ignore the view's scale)."""
    at, box = scene.data_to_px(item.pos()), item.textItem.boundingRect()
    ax, ay = item.anchor.x(), item.anchor.y()
    return QRectF(at.x() - ax * box.width(), at.y() - ay * box.height(), box.width(), box.height())


def test_the_legend_reads_from_the_room_and_the_radar_takes_the_screen(window, qtbot):
    for size in ((1920, 1080), (1280, 720)):
        p = presenting(window, qtbot, size)
        scene = p.radar.radar
        h = p.height()
        assert scene.sizes.legend_px >= 0.02 * h  # legend, confidence and n/a rows: 2%, as the caption
        assert scene.sizes.label_px >= 0.03 * h
        # The radar itself (rim to rim) takes most of its view's height, names above and below
        # included (it took under 60% when it sat in the middle of the area, not of its names).
        assert 2 * scene.radius_px >= 0.62 * scene._size[1], size
        labels = [px_rect(scene, i) for i in scene.practice_labels]
        legend = [px_rect(scene, i) for i in scene._legend_items]
        assert legend
        for k, a in enumerate(labels):
            assert not any(a.intersects(b) for b in labels[k + 1 :]), size
            assert not any(a.intersects(b) for b in legend), size
            assert a.left() >= 0 and a.right() <= scene._size[0], size
        qtbot.keyClick(p, Qt.Key.Key_Escape)


def test_the_caption_band_goes_when_the_view_is_of_the_rollup_and_comes_back(window, qtbot):
    """A system's levels under a chart of the roll-up would describe something the room does not see."""
    p = presenting(window, qtbot)
    assert p.guide.isVisible()
    window.ws.update(view="gaps", gaps_of_rollup=True)
    assert not p.guide.isVisible()
    window.ws.update(gaps_of_rollup=False)  # the selected system's gaps: its levels are the caption
    assert p.guide.isVisible()
    window.ws.update(view="overlay")
    assert p.guide.isVisible()
