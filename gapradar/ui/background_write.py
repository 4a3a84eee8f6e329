"""Writing files off the GUI thread, so a save or a recovery copy never freezes the window.

The caller takes an immutable snapshot on the GUI thread (cheap: the systems'
rating dicts are copied, ratings themselves are frozen) and hands over a
function that turns it into bytes. A single worker thread serialises it and
writes it through io/atomic.py (temporary file, fsync, rename: the old file or
the new one, never a torn one); the outcome comes back to the GUI thread by a
queued signal. One thread per writer keeps writes to a file in the order they
were asked for. `wait()` finishes every pending write and delivers its outcome
at once, for callers that need the result now (closing the window, Save As…).
"""

from __future__ import annotations

import gc
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from gapradar.io.atomic import atomic_write_bytes


@dataclass
class WriteJob:
    """One write: what to produce, where, and what to do with the outcome (on the GUI thread)."""

    path: Path
    produce: Callable[[], bytes]
    on_done: Callable[[bytes], None]
    on_failed: Callable[[Exception], None]
    data: bytes | None = None
    error: Exception | None = None
    finished: bool = field(default=False)

    @property
    def ok(self) -> bool:
        return self.finished and self.error is None


class _Runner(QRunnable):
    def __init__(self, job: WriteJob, results: queue.SimpleQueue[WriteJob], ready: SignalInstance) -> None:
        super().__init__()
        self.job = job
        self.results = results
        self.ready = ready

    def run(self) -> None:  # on the worker thread: no widgets, no document
        job = self.job
        try:
            data = job.produce()
            atomic_write_bytes(job.path, data)
            job.data = data
        except (OSError, ValueError) as e:
            job.error = e
        self.results.put(job)
        self.ready.emit()  # queued to the GUI thread, where the writer lives


_writing = 0  # writes under way in every writer, to pause the collector while any runs
_collector_was_on = True


T = TypeVar("T")


def arrived(results: queue.SimpleQueue[T]) -> Iterator[T]:
    """What the workers have put on `results` so far, taken off one by one (none waits)."""
    while True:
        try:
            yield results.get_nowait()
        except queue.Empty:
            return


def collector_paused(on: bool) -> None:
    """No cyclic garbage collection while a write (or a read) runs: a full one holds the GIL ~100 ms with
    a big portfolio open, freezing the window as if the save ran on it. Refcounting still frees."""
    global _writing, _collector_was_on
    if on:
        if _writing == 0:
            _collector_was_on = gc.isenabled()
            gc.disable()
        _writing += 1
    else:
        _writing -= 1
        if _writing == 0 and _collector_was_on:
            gc.enable()


class BackgroundWriter(QObject):
    """Writes files one after the other on a worker thread; outcomes arrive on the GUI thread."""

    _ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._results: queue.SimpleQueue[WriteJob] = queue.SimpleQueue()
        self._pending: list[WriteJob] = []
        self._runners: list[_Runner] = []
        self._ready.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def write(
        self,
        path: Path,
        produce: Callable[[], bytes],
        on_done: Callable[[bytes], None],
        on_failed: Callable[[Exception], None],
    ) -> WriteJob:
        job = WriteJob(path, produce, on_done, on_failed)
        runner = _Runner(job, self._results, self._ready)
        runner.setAutoDelete(False)
        self._pending.append(job)
        collector_paused(True)
        self._runners.append(runner)
        self.pool.start(runner)
        return job

    def wait(self) -> None:
        """Finish every pending write now and deliver its outcome before returning."""
        if self._pending:
            self.pool.waitForDone()
        self._deliver()

    def _deliver(self) -> None:
        for job in arrived(self._results):
            job.finished = True
            if job in self._pending:
                self._pending.remove(job)
                collector_paused(False)
            self._runners = [r for r in self._runners if r.job is not job]
            if job.error is not None:
                job.on_failed(job.error)
            else:
                assert job.data is not None
                job.on_done(job.data)
