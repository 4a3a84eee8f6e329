"""Opening a file in the background: the same document, the same messages, a window that answers meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from gapradar import bundled
from gapradar.io import LoadError, dumps, load
from gapradar.ui import background_load
from gapradar.ui.commands import SetLevelCommand


@pytest.fixture
def shown_messages(monkeypatch):
    """The informative text of every message box shown (show_problems uses exec())."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.informativeText()) or 0)
    return shown


@pytest.fixture
def held(monkeypatch):
    """Reading a file blocks on the worker until the test lets it finish: loading is 'in progress'."""
    go = threading.Event()
    real = background_load.load_with_bytes

    def slow(path):
        assert go.wait(20), "the test never let the read finish"
        return real(path)

    monkeypatch.setattr(background_load, "load_with_bytes", slow)
    yield go
    go.set()  # whatever happens, no worker stays blocked


def test_opening_in_the_background_gives_the_same_document(qtbot, window, sample_path):
    other = bundled.templates()[0]
    window.files.open_path(other)
    assert window.files.open_path(sample_path, ask=False, wait=False)  # started, not done
    qtbot.waitUntil(lambda: window.doc.path == sample_path, timeout=10000)
    assert dumps(window.doc.assessment) == dumps(load(sample_path))
    assert not window.doc.modified
    assert window.windowTitle().startswith(sample_path.name)
    assert window.radar.radar.series_names()  # drawn
    assert window.statusBar().currentMessage() == "" and window.busy.isHidden()


def test_an_unreadable_file_in_the_background_says_where_and_leaves_the_document(
    qtbot, window, tmp_path, shown_messages
):
    bad = tmp_path / "bad.yaml"
    bad.write_text("gapradar: 1\nmodel: []\n", encoding="utf-8")
    with pytest.raises(LoadError) as expected:
        load(bad)
    doc, before = window.doc, dumps(window.doc.assessment)
    window.files.open_path(bad, ask=False, wait=False)
    qtbot.waitUntil(lambda: bool(shown_messages), timeout=10000)
    assert shown_messages[0].splitlines()[0] == str(expected.value.problems[0])
    assert f"{bad}:2:8:" in shown_messages[0]
    assert window.doc is doc and dumps(doc.assessment) == before and not doc.modified
    assert window.pages.currentWidget() is window.splitter
    assert window.busy.isHidden()


def test_the_window_answers_while_a_file_loads(qtbot, window, sample_path, held):
    other = bundled.templates()[0]
    doc = window.doc
    window.files.open_path(other, ask=False, wait=False)
    # While the worker reads: the busy state shows, and the open document can still be used.
    assert window.busy.isVisibleTo(window)
    assert window.statusBar().currentMessage() == f"Opening {other.name}…"
    name = doc.assessment.system_names()[1]
    window.ws.select_system(name)
    qtbot.waitUntil(lambda: window.table_title.text() == f"Levels of {name}", timeout=5000)
    window.panel.check_none.click()
    assert window.panel.checked_names() == ()
    assert window.doc is doc
    held.set()
    qtbot.waitUntil(lambda: window.doc.path == other, timeout=10000)
    assert window.busy.isHidden() and window.statusBar().currentMessage() == ""


def test_a_second_open_while_one_loads_wins(qtbot, window, sample_path, held):
    first, second = bundled.templates()[0], bundled.templates()[1]
    window.files.open_path(first, ask=False, wait=False)
    window.files.open_path(second, ask=False, wait=False)
    assert window.statusBar().currentMessage() == f"Opening {second.name}…"
    held.set()
    qtbot.waitUntil(lambda: window.doc.path == second, timeout=10000)
    window.files.loader.wait()
    assert window.doc.path == second  # the first one, read later or sooner, never replaces it


def test_edits_made_while_a_file_loads_are_asked_about(qtbot, window, held, answers):
    doc = window.doc
    window.files.open_path(bundled.templates()[0], ask=True, wait=False)  # nothing unsaved yet: no question
    name = doc.assessment.system_names()[0]
    practice = doc.assessment.model.practices[0].id
    doc.undo_stack.push(SetLevelCommand(doc, name, practice, "current", 0))
    asked = answers(QMessageBox.StandardButton.Cancel)
    held.set()
    qtbot.waitUntil(lambda: bool(asked.asked), timeout=10000)
    assert "Save the changes" in asked.asked[0]
    assert window.doc is doc and doc.modified  # cancelled: the edit stays, the file was not opened


def test_the_hint_past_a_thousand_systems_says_what_the_bands_are():
    from gapradar.ui.overlay_hint import hint_text

    text = hint_text(10000, 10000)
    assert "10,000 systems overlaid: far more than a radar can show one by one" in text
    assert "middle half" in text and "filter the list and check them" in text
    assert "The heatmap shows every system" in text  # it draws the rows in sight: quick at 10,000 too
    assert "The heatmap shows every system" in hint_text(60, 200)  # where the heatmap is quick


def test_from_the_start_page_the_chart_arrives_whole_in_two_turns(qtbot, sample_path):
    """The frame first, the series and drag handles in the next turn: the window answers between."""
    from tests.ui.conftest import shown_window

    w = shown_window(qtbot)
    w.files.open_path(sample_path, ask=False, wait=False)
    qtbot.waitUntil(lambda: w.doc is not None, timeout=10000)
    checked = set(w.ws.state.checked)
    qtbot.waitUntil(
        lambda: checked <= set(w.radar.radar.series_names()) and bool(w.radar.handles), timeout=5000
    )
    fresh = shown_window(qtbot, load(sample_path), sample_path)
    assert sorted(w.radar.radar.series_names()) == sorted(fresh.radar.radar.series_names())
    assert len(w.radar.handles) == len(fresh.radar.handles)
