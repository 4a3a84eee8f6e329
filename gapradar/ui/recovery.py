"""Recovery copies of unsaved work: one per open document and per running gapradar.

Each running gapradar is an Instance: a random id that names its copies
(`<id>.<n>.yaml`) and a QLockFile (`<id>.lock`: pid, host, program) that
tells other instances it is alive. So two windows on one file never share a
copy, one instance's Save or Discard never deletes another's, and a copy is
offered at start only when the instance that wrote it is gone. Nothing here
raises: an unusable recovery folder or a full disk is reported through
`Recovery.failed`, never as a crash.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSysInfo, QTimer, Signal

from gapradar.domain import Assessment
from gapradar.io import dumps, load
from gapradar.io.atomic import atomic_write_bytes, reason_for
from gapradar.ui.background_write import BackgroundWriter
from gapradar.ui.document import Document
from gapradar.ui.paths import recovery_dir, recovery_folder

RECOVERY_INTERVAL_MS = 30_000
HEADER = "# gapradar recovery copy of: "


class Instance:
    """This running gapradar as other instances see it (tests make more to play a second one)."""

    def __init__(self) -> None:
        self.id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._locks: dict[Path, QLockFile] = {}
        self._serial = itertools.count(1)

    def new_copy_name(self) -> str:
        return f"{self.id}.{next(self._serial)}.yaml"

    def hold(self, folder: Path) -> None:
        """Hold this instance's lock in `folder` (before writing a copy there); OSError if impossible."""
        lock = self._locks.get(folder)
        if lock is not None and lock.isLocked():
            return
        lock = QLockFile(str(folder / f"{self.id}.lock"))
        lock.setStaleLockTime(0)  # alive as long as the process is, however long it runs
        if not lock.tryLock(0):
            denied = lock.error() == QLockFile.LockError.PermissionError
            raise PermissionError(
                0, "permission denied" if denied else "cannot create files there", str(folder)
            )
        self._locks[folder] = lock

    def release(self) -> None:
        """Quitting normally: the lock files go (copies are discarded by their Recovery)."""
        for lock in self._locks.values():
            lock.unlock()
        self._locks.clear()


_this: Instance | None = None


def this_instance() -> Instance:
    global _this
    if _this is None:
        _this = Instance()
        atexit.register(_this.release)
    return _this


def _owner_of(copy: Path) -> str | None:
    """`<owner>.<n>.yaml` -> owner; None for copies written before copies had owners."""
    owner, _, _ = copy.name.removesuffix(".yaml").rpartition(".")
    return owner or None


def _owner_alive(folder: Path, owner: str) -> bool:
    """Whether the instance that wrote a copy still runs: its lock is held by a live process."""
    if owner == this_instance().id:
        return True
    path = folder / f"{owner}.lock"
    if not path.exists():
        return False
    probe = QLockFile(str(path))
    probe.setStaleLockTime(0)
    if probe.tryLock(0):  # Qt removed the lock of a process that is gone
        probe.unlock()
        return False
    # Held, or not removable (a read-only folder): ask whether its process still runs.
    pid, host, _app = probe.getLockInfo()
    if pid <= 0 or host not in ("", QSysInfo.machineHostName()) or os.name != "posix":
        return True  # cannot tell: never offer a copy someone may still be writing
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@dataclass(frozen=True)
class RecoveryCopy:
    path: Path  # the recovery file
    original: Path | None  # the file it belongs to, None for an untitled document
    written: float

    def load(self) -> Assessment:
        return load(self.path)

    def discard(self) -> bool:
        """Delete the copy; False (never an exception) when the folder does not allow it."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            return False
        return True


def find_recovery_copies() -> list[RecoveryCopy]:
    """Copies left by instances that are gone, newest first; [] when the folder cannot be read."""
    folder = recovery_folder()
    try:
        names = sorted(folder.glob("*.yaml"))
        locks = sorted(folder.glob("*.lock"))
    except OSError:
        return []
    alive: dict[str, bool] = {}
    try:  # instances that died without copies leave their lock behind: Qt removes it when probed
        for lock in locks:
            owner = lock.name.removesuffix(".lock")
            alive[owner] = _owner_alive(folder, owner)
    except OSError:
        pass
    copies = []
    for path in names:
        writer = _owner_of(path)
        try:
            if writer is not None and alive.get(writer, writer == this_instance().id):
                continue
            with path.open(encoding="utf-8") as f:
                first = f.readline()
            written = path.stat().st_mtime
        except (OSError, UnicodeDecodeError):
            continue
        if not first.startswith(HEADER):
            continue
        original = first[len(HEADER) :].strip()
        copies.append(RecoveryCopy(path, Path(original) if original else None, written))
    return sorted(copies, key=lambda c: c.written, reverse=True)


class Recovery(QObject):
    """Writes a recovery copy of one document's unsaved work every 30 s.

    `failed` carries a sentence for the user ("Your unsaved work is not being
    protected: …") the first time copies cannot be written (checked at start
    too); `protected` when they can be again. `problem` holds the current one.
    """

    written = Signal(Path)
    failed = Signal(str)
    protected = Signal()

    def __init__(
        self,
        doc: Document,
        interval_ms: int = RECOVERY_INTERVAL_MS,
        parent: QObject | None = None,
        instance: Instance | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.instance = instance or this_instance()
        self.problem: str | None = None
        self._copy = recovery_folder() / self.instance.new_copy_name()
        self._dirty = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.write_in_background)
        self.writer = BackgroundWriter(self)
        self.timer.start()
        self._startup = QTimer(self)  # after the window has connected to `failed`
        self._startup.setSingleShot(True)
        self._startup.timeout.connect(self.check)
        self._startup.start(0)
        doc.changed.connect(self._mark_dirty)
        doc.modified_changed.connect(self._modified)
        doc.path_changed.connect(self._mark_dirty)  # the copy must name the new file

    def _mark_dirty(self) -> None:
        self._dirty = True

    def _modified(self, modified: bool) -> None:
        if not modified:
            self.discard()

    def file(self) -> Path:
        """This document's copy: the same file whatever the document's name becomes."""
        return self._copy

    def check(self) -> bool:
        """Can copies be written? Reports through `failed`/`protected`; never raises."""
        try:
            self.instance.hold(recovery_dir())
        except OSError as e:
            self._fail(e)
            return False
        self._ok()
        return True

    def write_if_needed(self) -> None:
        if self._dirty and self.doc.modified:
            self.write()

    def write_in_background(self) -> None:
        """The timer's copy: a snapshot taken here, serialised and written on a worker thread."""
        if not (self._dirty and self.doc.modified) or self.writer.busy:
            return
        try:
            self.instance.hold(recovery_dir())
        except OSError as e:
            self._fail(e)
            return
        original = str(self.doc.path.resolve()) if self.doc.path else ""
        snapshot = self.doc.assessment.snapshot()
        self._dirty = False  # edits from now on make it dirty again
        self.writer.write(
            self._copy,
            lambda: f"{HEADER}{original}\n{dumps(snapshot)}".encode(),
            self._written,
            self._not_written,
        )

    def _written(self, _data: bytes) -> None:
        if not self.doc.modified:  # saved while the copy was written: it is not needed
            self.discard()
            return
        self._ok()
        self.written.emit(self._copy)

    def _not_written(self, error: Exception) -> None:
        self._dirty = True
        self._fail(error)

    def write(self) -> Path | None:
        """Write a copy now (also called after an unexpected error); never raises."""
        self.writer.wait()
        try:
            self.instance.hold(recovery_dir())
            original = str(self.doc.path.resolve()) if self.doc.path else ""
            text = f"{HEADER}{original}\n{dumps(self.doc.assessment)}"
            atomic_write_bytes(self._copy, text.encode("utf-8"))
        except (OSError, ValueError) as e:
            self._fail(e)
            return None
        self._dirty = False
        self._ok()
        self.written.emit(self._copy)
        return self._copy

    def discard(self) -> None:
        """Delete this document's copy (only this one: other windows' copies stay)."""
        self.writer.wait()  # a copy being written would otherwise appear after this
        with contextlib.suppress(OSError):
            self._copy.unlink(missing_ok=True)

    def _fail(self, error: Exception) -> None:
        reason = reason_for(error) if isinstance(error, OSError) else str(error)
        first = self.problem is None
        self.problem = (
            "Your unsaved work is not being protected: gapradar cannot write recovery copies "
            f"to {self._copy.parent} ({reason})."
        )
        if first:
            self.failed.emit(self.problem)

    def _ok(self) -> None:
        if self.problem is not None:
            self.problem = None
            self.protected.emit()
