"""Sizes the window's parts: its first size on a screen, the table's share, short toolbar labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

if TYPE_CHECKING:
    from gapradar.ui.actions import Actions
    from gapradar.ui.levels_table import LevelsTable

TOOLBAR_LABELS = {
    "view_overlay": "Overlay",
    "view_focus": "Focus",
    "presentation": "Present",
    "export": "Export…",
    "copy_chart": "Copy chart",
}


def first_geometry(available: QRect) -> QRect:
    """The window's first size: most of the screen (a 1920×1080 screen gets 1728×972), centred."""
    width = max(min(available.width(), 1024), round(available.width() * 0.9))
    height = max(min(available.height(), 700), round(available.height() * 0.9))
    rect = QRect(0, 0, min(width, available.width()), min(height, available.height()))
    rect.moveCenter(available.center())
    return rect


def place_on_screen(window: QWidget) -> None:
    screen = window.screen()
    if screen is None:
        window.resize(1280, 800)
        return
    window.setGeometry(first_geometry(screen.availableGeometry()))


def fit_levels_table(splitter: QSplitter, table: LevelsTable, title: QLabel) -> None:
    """Give the table the height of its rows (up to 8), the chart the rest."""
    total = sum(splitter.sizes())
    if total <= 0:
        return
    wanted = min(table.full_height(8) + title.sizeHint().height() + 14, int(total * 0.45))
    splitter.setSizes([total - wanted, wanted])


def short_toolbar_labels(actions: Actions) -> None:
    """Toolbar buttons show a short word; menus keep the full text."""
    for key, label in TOOLBAR_LABELS.items():
        actions[key].setIconText(label)
