"""Saving and recovery copies on a worker thread: the window stays free, the file stays whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from gapradar.io import load
from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.document import Document
from gapradar.ui.files import Recovery

ATM = "ATM Management Application"
ROOT = Path(__file__).resolve().parent.parent.parent


def edit(doc: Document, practice: str, target: int) -> None:
    doc.undo_stack.push(SetLevelCommand(doc, ATM, practice, "target", target))


def test_ctrl_s_writes_in_the_background_and_marks_the_document_saved(window, qtbot, sample_copy):
    edit(window.doc, "testing", 3)
    window.actions_["save"].trigger()
    assert window.files.writer.busy  # returned before the file was written
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=10_000)
    assert load(sample_copy) == window.doc.assessment
    assert load(sample_copy).system(ATM).rating("testing").target == 3


def test_edits_made_during_a_background_save_stay_unsaved(window, qtbot, sample_copy):
    edit(window.doc, "testing", 3)
    window.files.save_in_background()
    edit(window.doc, "testing", 0)  # while the snapshot is being written
    qtbot.waitUntil(lambda: not window.files.writer.busy, timeout=10_000)
    assert load(sample_copy).system(ATM).rating("testing").target == 3  # the snapshot, not the edit
    assert window.isWindowModified()
    window.doc.undo_stack.undo()  # back to what is on disk, yet never falsely marked saved
    assert window.doc.assessment.system(ATM).rating("testing").target == 3
    assert window.doc.modified


def test_closing_waits_for_the_save_and_asks_nothing(window, sample_copy):
    edit(window.doc, "testing", 3)
    window.files.save_in_background()
    assert window.files.maybe_save()  # no "unsaved changes" question: the save finished first
    assert not window.doc.modified
    assert load(sample_copy).system(ATM).rating("testing").target == 3


def test_a_recovery_copy_is_written_in_the_background(qtbot, sample_copy):
    doc = Document(load(sample_copy), sample_copy)
    recovery = Recovery(doc)
    edit(doc, "testing", 3)
    with qtbot.waitSignal(recovery.written, timeout=10_000):
        recovery.write_in_background()
    edit(doc, "testing", 0)  # after the snapshot: the next tick writes again
    text = recovery.file().read_text(encoding="utf-8")
    assert text.splitlines()[0].endswith(str(sample_copy.resolve()))
    assert load(recovery.file()).system(ATM).rating("testing").target == 3  # the snapshot
    with qtbot.waitSignal(recovery.written, timeout=10_000):
        recovery.write_in_background()
    recovery.discard()
    assert not recovery.file().exists()


KILLED_SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
    from gapradar.io import save
    from gapradar.ui.commands import SetLevelCommand
    from gapradar.ui.document import Document
    from gapradar.ui.file_session import FileSession
    from gapradar.ui.workspace import Workspace

    path = Path(sys.argv[1])
    model = MaturityModel(
        "Big", tuple(Practice(f"p{i}", f"Practice {i}") for i in range(40)),
        tuple(Level(s, f"Level {s}") for s in range(5)),
    )
    systems = [System(f"S{j}", {f"p{i}": Rating(j % 5, i % 5) for i in range(40)}) for j in range(400)]
    save(Assessment(model, "Big", systems), path)
    files = FileSession(Workspace(), QWidget())
    doc = Document(Assessment(model, "Big", systems), path)
    files.show(doc)
    n = 0

    def next_save():
        global n
        n += 1
        doc.undo_stack.push(SetLevelCommand(doc, "S0", "p0", "target", n % 5))
        files.save_to(path, wait=False)

    def saved(message, _ms):
        if message.startswith("Saved"):
            print("saved", flush=True)
            next_save()

    files.status.connect(saved)
    next_save()
    app.exec()
    """
)


def test_a_kill_during_background_saves_leaves_a_whole_file(tmp_path):
    """Killed while saves follow each other on the worker thread: the file is the old or the new one."""
    path = tmp_path / "big.yaml"
    for saves_before_kill in (1, 2, 3):
        with subprocess.Popen(
            [sys.executable, "-c", KILLED_SAVER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        ) as proc:
            for _ in range(saves_before_kill):
                assert proc.stdout.readline().strip() == "saved"
            os.kill(proc.pid, signal.SIGKILL)  # the next save is under way
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assessment = load(path)  # parses in full: never torn
        assert len(assessment.systems) == 400
        assert all(len(s.ratings) == 40 for s in assessment.systems)
        assert assessment.system("S0").rating("p0").target in range(5)
