"""Saving atomically with QSaveFile, recovery copies, and noticing changes made by others."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QIODevice, QObject, QSaveFile, QTimer, Signal

from gapradar.io import dumps, loads
from gapradar.ui.document import Document
from gapradar.ui.paths import recovery_dir

RECOVERY_INTERVAL_MS = 30_000
HEADER = "# gapradar recovery copy of: "


def write_atomically(path: Path, data: bytes) -> None:
    """All or nothing: QSaveFile writes a temporary file and renames it over the old one."""
    f = QSaveFile(str(path))
    if not f.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f.errorString())
    if f.write(data) != len(data):
        message = f.errorString()
        f.cancelWriting()
        f.commit()
        raise OSError(message)
    if not f.commit():
        raise OSError(f.errorString())


def save_document(doc: Document, path: Path) -> bytes:
    """Save and mark clean; on failure raise OSError and leave the document unsaved."""
    data = dumps(doc.assessment).encode("utf-8")
    write_atomically(path, data)
    doc.set_path(path)
    doc.mark_saved()
    return data


@dataclass(frozen=True)
class RecoveryCopy:
    path: Path  # the recovery file
    original: Path | None  # the file it belongs to, None for an untitled document
    written: float

    def load(self):
        text = self.path.read_text(encoding="utf-8")
        return loads(text, str(self.path))


class Recovery(QObject):
    """Writes a recovery copy of unsaved work every 30 s, and finds copies after a crash."""

    written = Signal(Path)

    def __init__(
        self, doc: Document, interval_ms: int = RECOVERY_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_if_needed)
        self.timer.start()
        self._dirty = False
        self._token = f"{int(time.time())}-{id(self):x}"
        doc.changed.connect(self._mark_dirty)
        doc.modified_changed.connect(self._modified)

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _modified(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def file(self) -> Path:
        key = str(self.doc.path.resolve()) if self.doc.path else f"untitled-{self._token}"
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return recovery_dir() / f"{digest}.yaml"

    def write_if_needed(self) -> None:
        if self._dirty and self.doc.modified:
            self.write()

    def write(self) -> Path | None:
        """Write a copy now (also called after an unexpected error); never raises."""
        try:
            original = str(self.doc.path.resolve()) if self.doc.path else ""
            text = f"{HEADER}{original}\n{dumps(self.doc.assessment)}"
            target = self.file()
            write_atomically(target, text.encode("utf-8"))
        except (OSError, ValueError):
            return None
        self._dirty = False
        self.written.emit(target)
        return target

    def discard(self) -> None:
        self.file().unlink(missing_ok=True)


def find_recovery_copies() -> list[RecoveryCopy]:
    copies = []
    for path in sorted(recovery_dir().glob("*.yaml")):
        try:
            with path.open(encoding="utf-8") as f:
                first = f.readline()
        except OSError:
            continue
        if not first.startswith(HEADER):
            continue
        original = first[len(HEADER) :].strip()
        copies.append(RecoveryCopy(path, Path(original) if original else None, path.stat().st_mtime))
    return sorted(copies, key=lambda c: c.written, reverse=True)


class FileWatcher(QObject):
    """Tells when the open file changes on disk in a way gapradar did not write itself."""

    changed_on_disk = Signal(Path)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.path: Path | None = None
        self.known: bytes | None = None

    def watch(self, path: Path | None, contents: bytes | None) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.path, self.known = path, contents
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def _changed(self, name: str) -> None:
        path = Path(name)
        if self.path is None or path != self.path:
            return
        if path.exists() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # a rename-over (atomic save) drops the watch
        try:
            now = path.read_bytes()
        except OSError:
            now = None
        if now == self.known:
            return
        self.known = now
        self.changed_on_disk.emit(path)
