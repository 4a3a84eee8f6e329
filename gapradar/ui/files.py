"""Saving all or nothing, and noticing every change other programs make to the open file.

Recovery copies live in ui/recovery.py (re-exported here for the window).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from gapradar.domain import Assessment
from gapradar.domain.assessment import ensure_unique_ids
from gapradar.io import LoadError, dumps
from gapradar.io.atomic import atomic_write_bytes
from gapradar.io.yaml_format import read_bytes
from gapradar.ui.document import Document, SavePoint
from gapradar.ui.recovery import (
    HEADER,
    RECOVERY_INTERVAL_MS,
    Instance,
    Recovery,
    RecoveryCopy,
    find_recovery_copies,
)

__all__ = [
    "HEADER",
    "RECOVERY_INTERVAL_MS",
    "FileWatcher",
    "Instance",
    "Recovery",
    "RecoveryCopy",
    "find_recovery_copies",
    "may_overwrite",
    "save_document",
    "snapshot_for_saving",
]

MISSING_POLL_MS = 1000


def save_document(doc: Document, path: Path) -> bytes:
    """Save and mark clean; on failure raise OSError (WriteError) and leave the document unsaved."""
    data = dumps(doc.assessment).encode("utf-8")
    atomic_write_bytes(path, data)
    doc.set_path(path)
    doc.mark_saved()
    return data


def snapshot_for_saving(doc: Document) -> tuple[Assessment, SavePoint]:
    """What a background save writes, and where the document stood: taken on the GUI thread."""
    ensure_unique_ids(doc.assessment.systems)  # as dumps() would have, on the document itself
    return doc.assessment.snapshot(), doc.save_point()


def may_overwrite(parent: QWidget | None, watcher: FileWatcher, path: Path) -> bool:
    """Before Save: True unless `path` changed on disk unseen and the user chose not to overwrite it."""
    if not watcher.changed_since_known(path):
        return True
    answer = QMessageBox.question(
        parent,
        "File changed on disk",
        f"{path.name} was changed by another program since gapradar last read it.\n\n"
        "Overwrite those changes with the version shown here?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class FileWatcher(QObject):
    """Tells when the open file changes on disk in a way gapradar did not write itself.

    Compares content hashes, not timestamps. QFileSystemWatcher loses a file
    that is deleted or renamed over, so the watch is re-armed after every
    event, and while the file is missing its folder is watched and a timer
    polls, so a delete-then-recreate is seen too. `changed_since_known()`
    lets Save check the disk once more right before writing.
    """

    changed_on_disk = Signal(Path)  # changed, replaced, deleted or re-created

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._event)
        self.watcher.directoryChanged.connect(self._event)
        self.poll = QTimer(self)
        self.poll.setInterval(MISSING_POLL_MS)
        self.poll.timeout.connect(self.check)
        self.path: Path | None = None
        self.known: bytes | None = None  # hash of the contents the user has seen
        self._missing = False
        self.saving = False  # gapradar itself is writing the file: its own change is no news

    def watch(self, path: Path | None, contents: bytes | None) -> None:
        """Watch `path`, whose contents the user now sees (None: read them now)."""
        self.path = path
        self._missing = False
        if path is not None and contents is None:
            contents = self._read()
        self.known = None if contents is None else _digest(contents)
        self._missing = path is not None and contents is None
        self._arm()

    def _read(self) -> bytes | None:
        """The file's bytes, or None when it is missing or unreadable (a pipe would never block)."""
        assert self.path is not None
        try:
            return read_bytes(self.path)
        except LoadError:
            return None

    def _arm(self) -> None:
        """Watch the file while it exists; while it is missing, its folder and a timer."""
        for name in self.watcher.files() + self.watcher.directories():
            self.watcher.removePath(name)
        if self.path is None:
            self.poll.stop()
            return
        if self.path.exists():
            self.watcher.addPath(str(self.path))
            self.poll.stop()
        else:
            if self.path.parent.is_dir():
                self.watcher.addPath(str(self.path.parent))
            self.poll.start()

    def _event(self, _name: str) -> None:
        self.check()

    def changed_since_known(self, path: Path | None = None) -> bool:
        """True when the file on disk differs from what the user has seen (Save would overwrite it).

        A missing file is no change to lose. `path` other than the watched one: False.
        """
        if self.path is None or (path is not None and Path(path) != self.path):
            return False
        now = self._read()
        return now is not None and _digest(now) != self.known

    def check(self) -> None:
        """Look at the file now (on every watcher event, while it is missing, when the app regains focus)."""
        if self.path is None or self.saving:
            return
        now = self._read()
        self._arm()
        if now is None:
            if not self._missing:
                self._missing = True
                self.changed_on_disk.emit(self.path)  # deleted or moved away
            return
        self._missing = False
        digest = _digest(now)
        if digest == self.known:
            return
        self.known = digest
        self.changed_on_disk.emit(self.path)
