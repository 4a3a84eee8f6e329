"""Guards against known breakage in the libraries gapradar stands on."""

import sys

from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem, QGraphicsScene


class _Item(QGraphicsPolygonItem):
    def itemChange(self, change, value):
        return super().itemChange(change, value)


def test_item_change_override_keeps_none_alive(qapp):
    """PySide6 6.12.0 drops a reference to None per call: Python then aborts at exit."""
    scene = QGraphicsScene()
    before = sys.getrefcount(None)
    for _ in range(50):
        item = _Item(QPolygonF())
        scene.addItem(item)
        scene.removeItem(item)
    assert sys.getrefcount(None) >= before


def test_fonts_are_installed(qapp):
    """Without fonts Qt draws empty boxes and says nothing."""
    from PySide6.QtGui import QFont, QFontMetrics

    assert QFontMetrics(QFont()).inFont("A")
