"""Journeys: the window as a person meets it, on a real X server (pytest-xvfb), keys and mouse via QTest."""

from __future__ import annotations

import os

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from gapradar.io import load


@pytest.fixture(autouse=True)
def _real_display():
    assert os.environ.get("DISPLAY"), "journeys need an X server: install xvfb (pytest-xvfb starts it)"
    assert QApplication.platformName() == "xcb", QApplication.platformName()
    pg.setConfigOption("mouseRateLimit", -1)


@pytest.fixture
def prompts(answers):
    """Prompts answered as a person would (No unless told otherwise), recording what was asked."""
    return lambda answer=QMessageBox.StandardButton.No: answers(answer)


def show(qtbot, window):
    qtbot.addWidget(window, before_close_func=lambda w: w.doc is not None and w.doc.undo_stack.setClean())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # no window manager under Xvfb: shortcuts need an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    return window


@pytest.fixture
def window(qtbot, sample_copy):
    from gapradar.ui.main_window import MainWindow

    return show(qtbot, MainWindow(load(sample_copy), sample_copy))


def type_into_file_dialog(qtbot, path: str) -> list[str]:
    """When a file dialog opens, type `path` into it and press Return, as a person does."""
    from PySide6.QtCore import Qt

    seen: list[str] = []

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, fill)
            return
        seen.append(dialog.windowTitle())
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        edit.selectAll()
        qtbot.keyClicks(edit, path)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill)
    return seen
