"""Never lose the room's work: atomic saves, recovery copies, changes made by others."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from gapradar.io import load
from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.document import Document
from gapradar.ui.files import FileWatcher, Instance, Recovery, find_recovery_copies, save_document
from gapradar.ui.paths import recovery_folder

ATM = "ATM Management Application"
ROOT = Path(__file__).resolve().parent.parent.parent


def edit(doc: Document, target: int = 2) -> None:
    doc.undo_stack.push(SetLevelCommand(doc, ATM, "testing", "target", target))


def copies_on_disk() -> list[str]:
    folder = recovery_folder()
    return sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []


def test_killed_save_leaves_the_old_file_readable(tmp_path, sample_copy):
    """A process killed in the middle of a save (SIGKILL) must not damage the file."""
    before = sample_copy.read_bytes()
    script = textwrap.dedent(
        f"""
        import os, sys
        from gapradar.io.atomic import atomic_write_bytes

        def fsync(fd):
            print("writing", flush=True)
            sys.stdin.read()  # killed here, after the bytes, before the rename

        os.fsync = fsync
        atomic_write_bytes({str(sample_copy)!r}, b"gapradar: 1\\nmodel: {{title: half-writ")
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
    ) as proc:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert sample_copy.read_bytes() == before
    assert load(sample_copy).system(ATM).name == ATM


class OtherInstance:
    """A second gapradar process with unsaved work on `path`; kill() is its crash."""

    SCRIPT = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication([])
        from gapradar.io import load
        from gapradar.ui.commands import SetLevelCommand
        from gapradar.ui.document import Document
        from gapradar.ui.files import Recovery
        path = Path(sys.argv[1])
        doc = Document(load(path), path)
        doc.undo_stack.push(SetLevelCommand(doc, sys.argv[2], "testing", "target", 2))
        print(Recovery(doc).write(), flush=True)
        sys.stdin.read()
        """
    )

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", self.SCRIPT, str(path), ATM],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        self.copy = Path(self.proc.stdout.readline().strip())

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        self.proc.stdin.close()
        self.proc.stdout.close()


@pytest.fixture
def other_instance(sample_copy):
    other = OtherInstance(sample_copy)
    yield other
    other.close()


def test_a_copy_is_offered_only_once_its_instance_is_gone(qtbot, window, answers, other_instance):
    from gapradar.ui.app import offer_recovery

    assert other_instance.copy.is_file()
    assert find_recovery_copies() == []  # still running: its copy is its own
    other_instance.kill()  # the crash
    copies = find_recovery_copies()
    assert [c.path for c in copies] == [other_instance.copy]
    assert copies[0].original == window.doc.path.resolve()

    asked = answers(QMessageBox.StandardButton.Yes)
    assert offer_recovery(window)
    assert "Restore unsaved work" in asked.asked[0]
    assert window.doc.assessment.system(ATM).rating("testing").target == 2
    assert window.doc.modified and window.isWindowModified()
    window.doc.undo_stack.setClean()


def test_declined_recovery_is_discarded(qtbot, window, answers, other_instance):
    from gapradar.ui.app import offer_recovery

    other_instance.kill()
    answers(QMessageBox.StandardButton.No)
    assert not offer_recovery(window)
    assert find_recovery_copies() == []
    assert not other_instance.copy.exists()


def test_own_save_discards_only_its_own_copy(qtbot, window):
    edit(window.doc)
    mine = window.files.recovery.write()
    assert mine is not None and mine.is_file()
    assert find_recovery_copies() == []  # this instance runs: nothing to offer
    window.doc.undo_stack.setClean()  # a normal save discards the copy
    assert not mine.exists()


def test_two_documents_on_one_file_never_share_a_copy(qtbot, sample_copy):
    """B (another window) saving or discarding leaves A's unsaved work safe."""
    a, b = Document(load(sample_copy), sample_copy), Document(load(sample_copy), sample_copy)
    rec_a, rec_b = Recovery(a), Recovery(b)
    edit(a, 2)
    edit(b, 3)
    copy_a, copy_b = rec_a.write(), rec_b.write()
    assert copy_a is not None and copy_b is not None and copy_a != copy_b
    save_document(b, sample_copy)  # B saves: its copy goes, A's stays
    assert not copy_b.exists() and copy_a.is_file()
    edit(b, 1)
    rec_b.write()
    rec_b.discard()  # B closes with Discard
    assert copy_a.is_file()
    assert load(copy_a).system(ATM).rating("testing").target == 2
    assert find_recovery_copies() == []  # both owners still run


def test_a_copy_stays_its_instances_until_that_instance_is_gone(qtbot, sample_copy):
    other = Instance()  # a second gapradar, as the lock files see it
    doc = Document(load(sample_copy), sample_copy)
    recovery = Recovery(doc, instance=other)
    edit(doc)
    assert recovery.write() is not None
    assert find_recovery_copies() == []
    other.release()  # its process ended without discarding: a crash
    assert [c.path for c in find_recovery_copies()] == [recovery.file()]


def test_save_as_leaves_no_copy_behind(qtbot, window, tmp_path):
    """After Save As and quit, the next start must not claim unsaved work was found."""
    edit(window.doc)
    assert window.files.recovery.write() is not None
    assert len(copies_on_disk()) == 1
    assert save_document(window.doc, tmp_path / "renamed.yaml")
    window.files.watcher.watch(window.doc.path, None)
    assert copies_on_disk() == []


def test_a_copy_names_the_file_after_save_as(qtbot, tmp_path, sample_copy):
    doc = Document(load(sample_copy), sample_copy)
    recovery = Recovery(doc)
    edit(doc)
    recovery.write()
    doc.set_path(tmp_path / "elsewhere.yaml")  # e.g. a restored copy saved under a new name
    recovery.write_if_needed()
    assert recovery.file().read_text(encoding="utf-8").splitlines()[0].endswith("elsewhere.yaml")


def _unusable_recovery_folder(kind: str) -> None:
    folder = recovery_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    if kind == "a file in the way":
        folder.write_text("not a folder")
    else:
        folder.mkdir()
        folder.chmod(0o500)


@pytest.mark.parametrize(
    "kind",
    [
        "a file in the way",
        pytest.param(
            "read-only",
            marks=pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders"),
        ),
    ],
)
def test_unusable_recovery_folder_at_start_is_a_warning_not_a_crash(qtbot, sample_copy, kind, answers):
    from gapradar.ui.app import offer_recovery
    from gapradar.ui.main_window import MainWindow

    _unusable_recovery_folder(kind)
    told_user = answers(QMessageBox.StandardButton.Ok)
    try:
        assert find_recovery_copies() == []
        w = MainWindow(load(sample_copy), sample_copy)
        qtbot.addWidget(w, before_close_func=lambda w: w.doc.undo_stack.setClean())
        with qtbot.waitSignal(w.files.recovery.failed, timeout=5000) as told:
            assert not offer_recovery(w)
        assert told.args[0].startswith("Your unsaved work is not being protected")
        assert len(told_user.asked) == 1 and "not being protected" in told_user.asked[0]
        assert w.statusBar().currentMessage().startswith("Your unsaved work is not being protected")
        edit(w.doc)
        assert w.files.recovery.write() is None
        w.files.recovery.discard()
    finally:
        if recovery_folder().is_dir():
            recovery_folder().chmod(0o700)


def test_full_disk_for_recovery_copies_is_told_once_and_cleared(qtbot, sample_copy, monkeypatch):
    doc = Document(load(sample_copy), sample_copy)
    recovery = Recovery(doc)
    edit(doc)
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with qtbot.waitSignal(recovery.failed, timeout=1000) as told:
        assert recovery.write() is None
    assert "No space left on device" in told.args[0]
    with qtbot.assertNotEmitted(recovery.failed):
        assert recovery.write() is None  # told once, not every 30 s
    assert copies_on_disk() == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    with qtbot.waitSignal(recovery.protected, timeout=1000):
        assert recovery.write() is not None
    assert recovery.problem is None


# ---------------------------------------------------------------- changes made by other programs


def test_change_on_disk_is_noticed_and_offered(qtbot, window, answers):
    path = window.doc.path
    asked = answers(QMessageBox.StandardButton.Yes)
    text = path.read_text(encoding="utf-8").replace(
        "      testing:\n        current: 2\n        target: 3\n        note: Manual",
        "      testing:\n        current: 0\n        target: 3\n        note: Manual",
        1,
    )
    with qtbot.waitSignal(window.files.watcher.changed_on_disk, timeout=10000):
        path.write_text(text, encoding="utf-8")
    assert "changed by another program" in asked.asked[0]
    # Reloaded in the background, like any file opened from the window.
    qtbot.waitUntil(lambda: window.doc.assessment.system(ATM).rating("testing").current == 0, timeout=10000)


def test_own_save_is_not_a_change_on_disk(qtbot, window, answers):
    asked = answers(QMessageBox.StandardButton.No)
    edit(window.doc)
    assert window.files.save()
    with qtbot.assertNotEmitted(window.files.watcher.changed_on_disk, wait=300):
        pass
    assert asked.asked == []


@pytest.fixture
def watcher(qtbot, sample_copy):
    w = FileWatcher()
    w.watch(sample_copy, sample_copy.read_bytes())
    return w


def test_delete_then_recreate_is_noticed(qtbot, watcher, sample_copy):
    text = sample_copy.read_text(encoding="utf-8")
    with qtbot.waitSignal(watcher.changed_on_disk, timeout=10000):
        sample_copy.unlink()
    with qtbot.waitSignal(watcher.changed_on_disk, timeout=10000):
        sample_copy.write_text(text.replace("ATM Management", "ATM Control"), encoding="utf-8")
    assert watcher.changed_since_known() is False  # shown, so Save may write


def test_recreated_with_the_same_contents_is_no_change(qtbot, watcher, sample_copy):
    data = sample_copy.read_bytes()
    with qtbot.waitSignal(watcher.changed_on_disk, timeout=10000):
        sample_copy.unlink()
    with qtbot.assertNotEmitted(watcher.changed_on_disk, wait=500):
        sample_copy.write_bytes(data)
    assert str(sample_copy) in watcher.watcher.files()  # watched again


def test_atomic_replace_by_another_editor_is_noticed_every_time(qtbot, watcher, sample_copy):
    text = sample_copy.read_text(encoding="utf-8")
    for n in (1, 2, 3):
        tmp = sample_copy.with_name(f"editor-{n}.tmp")
        tmp.write_text(text + f"# edit {n}\n", encoding="utf-8")
        with qtbot.waitSignal(watcher.changed_on_disk, timeout=10000):
            os.replace(tmp, sample_copy)


def test_save_can_tell_an_unseen_change(qtbot, watcher, sample_copy):
    """A change not yet shown (no event processed yet) must stop Save from overwriting it."""
    assert watcher.changed_since_known(sample_copy) is False
    sample_copy.write_text(sample_copy.read_text(encoding="utf-8") + "# theirs\n", encoding="utf-8")
    assert watcher.changed_since_known(sample_copy) is True
    assert watcher.changed_since_known(sample_copy.with_name("other.yaml")) is False
    sample_copy.unlink()
    assert watcher.changed_since_known(sample_copy) is False  # nothing left to overwrite


def test_save_asks_before_overwriting_an_unseen_change(qtbot, watcher, sample_copy, answers):
    from gapradar.ui.files import may_overwrite

    asked = answers(QMessageBox.StandardButton.No)
    assert may_overwrite(None, watcher, sample_copy)  # nothing changed: no question
    assert asked.asked == []
    sample_copy.write_text("theirs\n", encoding="utf-8")
    assert not may_overwrite(None, watcher, sample_copy)
    assert "changed by another program" in asked.asked[0]
    answers(QMessageBox.StandardButton.Yes)
    assert may_overwrite(None, watcher, sample_copy)


def test_unexpected_error_keeps_the_window_and_writes_a_recovery_copy(qtbot, window, monkeypatch):
    edit(window.doc)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()))
    window.handle_unexpected(RuntimeError("boom"))
    assert shown and "boom" in shown[0] and "recovery copy" in shown[0]
    assert window.files.recovery.file().is_file()
    assert window.isVisible()
