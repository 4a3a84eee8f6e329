"""Never lose the room's work: atomic saves, recovery copies, changes made by others."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QMessageBox

from gapradar.io import load
from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.files import find_recovery_copies

ATM = "ATM Management Application"


def test_killed_save_leaves_the_old_file_readable(tmp_path, sample_copy):
    """A process killed in the middle of a save (SIGKILL) must not damage the file."""
    before = sample_copy.read_bytes()
    script = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QIODevice, QSaveFile
        f = QSaveFile({str(sample_copy)!r})
        assert f.open(QIODevice.OpenModeFlag.WriteOnly)
        f.write(b"gapradar: 1\\nmodel: {{title: half-writ")
        f.flush()
        print("writing", flush=True)
        sys.stdin.read()  # killed here, before commit
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert sample_copy.read_bytes() == before
    assert load(sample_copy).system(ATM).name == ATM


def test_recovery_copy_is_offered_after_a_crash(qtbot, window, answers):
    from gapradar.ui.app import offer_recovery
    from gapradar.ui.main_window import MainWindow

    window.ws.select_system(ATM)
    window.doc.undo_stack.push(SetLevelCommand(window.doc, ATM, "testing", "target", 2))
    with qtbot.waitSignal(window.files.recovery.written, timeout=5000):
        window.files.recovery.timer.setInterval(10)  # instead of 30 s
    copies = find_recovery_copies()
    assert len(copies) == 1 and copies[0].original == window.doc.path.resolve()

    # The "crash": the window is never closed; a new session starts.
    fresh = MainWindow(load(window.doc.path), window.doc.path)
    qtbot.addWidget(fresh, before_close_func=lambda w: w.doc.undo_stack.setClean())
    asked = answers(QMessageBox.StandardButton.Yes)
    assert offer_recovery(fresh)
    assert "Restore unsaved work" in asked.asked[0]
    assert fresh.doc.assessment.system(ATM).rating("testing").target == 2
    assert fresh.doc.modified and fresh.isWindowModified()
    window.doc.undo_stack.setClean()


def test_declined_recovery_is_discarded(qtbot, window, answers):
    from gapradar.ui.app import offer_recovery

    window.doc.undo_stack.push(SetLevelCommand(window.doc, ATM, "testing", "target", 2))
    window.files.recovery.write()
    assert find_recovery_copies()
    window.doc.undo_stack.setClean()  # a normal save discards the copy
    assert not find_recovery_copies()
    window.doc.undo_stack.push(SetLevelCommand(window.doc, ATM, "testing", "target", 3))
    window.files.recovery.write()
    answers(QMessageBox.StandardButton.No)
    assert not offer_recovery(window)
    assert not find_recovery_copies()


def test_change_on_disk_is_noticed_and_offered(qtbot, window, answers):
    path = window.doc.path
    asked = answers(QMessageBox.StandardButton.Yes)
    text = path.read_text(encoding="utf-8").replace(
        "testing: {current: 2, target: 3}", "testing: {current: 0, target: 3}", 1
    )
    with qtbot.waitSignal(window.files.watcher.changed_on_disk, timeout=10000):
        path.write_text(text, encoding="utf-8")
    assert "changed by another program" in asked.asked[0]
    assert window.doc.assessment.system(ATM).rating("testing").current == 0


def test_own_save_is_not_a_change_on_disk(qtbot, window, answers):
    asked = answers(QMessageBox.StandardButton.No)
    window.doc.undo_stack.push(SetLevelCommand(window.doc, ATM, "testing", "target", 2))
    assert window.files.save()
    with qtbot.assertNotEmitted(window.files.watcher.changed_on_disk, wait=300):
        pass
    assert asked.asked == []


def test_unexpected_error_keeps_the_window_and_writes_a_recovery_copy(qtbot, window, monkeypatch):
    window.doc.undo_stack.push(SetLevelCommand(window.doc, ATM, "testing", "target", 2))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()))
    window.handle_unexpected(RuntimeError("boom"))
    assert shown and "boom" in shown[0] and "recovery copy" in shown[0]
    assert find_recovery_copies()
    assert window.isVisible()
