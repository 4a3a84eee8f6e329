from __future__ import annotations

import shutil

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QMessageBox

from gapradar.io import load


@pytest.fixture(autouse=True)
def _fast_mouse():
    pg.setConfigOption("mouseRateLimit", -1)


@pytest.fixture
def sample_copy(tmp_path, sample_path):
    path = tmp_path / "bank.yaml"
    shutil.copy(sample_path, path)
    return path


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


class Answers:
    """Scripted answers for QMessageBox prompts, recording what was asked."""

    def __init__(self, monkeypatch, answer):
        self.asked: list[str] = []
        self.answer = answer
        for name in ("warning", "question", "critical", "information"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(self._ask))

    def _ask(self, parent, title, text, *args, **kwargs):
        self.asked.append(f"{title}: {text}")
        return self.answer


@pytest.fixture
def answers(monkeypatch):
    return lambda answer: Answers(monkeypatch, answer)
