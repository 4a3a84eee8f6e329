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


@pytest.fixture
def window(qtbot, sample_copy):
    from gapradar.ui.main_window import MainWindow

    w = MainWindow(load(sample_copy), sample_copy)
    # pytest-qt closes it after the test; edits left unsaved must not prompt then.
    qtbot.addWidget(w, before_close_func=lambda w: w.doc.undo_stack.setClean())
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w
