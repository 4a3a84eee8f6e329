from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QMessageBox

from gapradar.io import load


@pytest.fixture(autouse=True)
def _fast_mouse():
    pg.setConfigOption("mouseRateLimit", -1)


class UnexpectedDialog(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):
    """A modal dialog nobody scripted would hang the run: fail the test instead."""

    def refuse(*args, **kwargs):
        raise UnexpectedDialog(f"unexpected dialog: {args[1:3]}")

    for name in ("warning", "question", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    monkeypatch.setattr(QMessageBox, "exec", refuse)


def shown_window(qtbot, assessment=None, path=None):
    """A main window on `assessment` (None: its start page), shown at 1280 × 800 and exposed."""
    from gapradar.ui.main_window import MainWindow

    w = MainWindow(assessment, path)
    # pytest-qt closes it after the test; edits left unsaved must not prompt then.
    qtbot.addWidget(w, before_close_func=lambda w: w.doc is not None and w.doc.undo_stack.setClean())
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, sample_copy):
    return shown_window(qtbot, load(sample_copy), sample_copy)
