"""Reading a file off the GUI thread, so opening 10,000 systems never freezes the window.

The domain objects are plain Python, so the worker builds the whole Assessment
(and warms the roll-ups the chart draws first) and hands it to the GUI thread
by a queued signal; the window keeps answering meanwhile. Only the newest
request counts: opening another file while one loads makes the first one's
result be dropped when it arrives, so what the user asked for last is shown.
"""

from __future__ import annotations

import contextlib
import gc
import queue
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from gapradar.domain import Assessment
from gapradar.domain.averages_memo import warm_rollups
from gapradar.io import LoadError
from gapradar.io.yaml_format import load_with_bytes
from gapradar.ui.background_write import arrived, collector_paused


@dataclass
class LoadJob:
    """One read: the file, and (once finished) its assessment and bytes or the located problems."""

    path: Path
    rule: str  # the roll-up the chart draws first, warmed on the worker
    assessment: Assessment | None = None
    data: bytes | None = None
    error: LoadError | None = None
    unexpected: Exception | None = None
    finished: bool = False


class _Runner(QRunnable):
    def __init__(self, job: LoadJob, results: queue.SimpleQueue[LoadJob], ready: SignalInstance) -> None:
        super().__init__()
        self.job = job
        self.results = results
        self.ready = ready

    def run(self) -> None:  # on the worker thread: no widgets
        job = self.job
        try:
            job.assessment, job.data = load_with_bytes(job.path)
            job.assessment.show_round(None)  # as the workspace will, so the warm figures fit
            warm_rollups(job.assessment, job.rule)
            # Everything read is long-lived: kept out of the collector's scans from now on (the
            # collector is paused while reading, so all of it would otherwise sit in the youngest
            # generation and the first collection after would scan it all, freezing the window).
            gc.freeze()
        except LoadError as e:
            job.error = e
        except Exception as e:  # a bug, not the file: raised again on the GUI thread, where it is reported
            job.unexpected = e
        self.results.put(job)
        with contextlib.suppress(RuntimeError):  # the window closed while reading: nobody waits
            self.ready.emit()  # queued to the GUI thread, where the loader lives


class BackgroundLoader(QObject):
    """Reads one file at a time on a worker thread; `loaded` gives the newest request's job."""

    loaded = Signal(object)  # the LoadJob asked for last, finished
    _ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._results: queue.SimpleQueue[LoadJob] = queue.SimpleQueue()
        self._pending: list[tuple[LoadJob, _Runner]] = []
        self.latest: LoadJob | None = None
        self._ready.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def load(self, path: Path, rule: str) -> LoadJob:
        """Start reading `path`; any read asked for earlier will be dropped when it finishes."""
        job = LoadJob(path, rule)
        runner = _Runner(job, self._results, self._ready)
        runner.setAutoDelete(False)
        self._pending.append((job, runner))
        self.latest = job
        collector_paused(True)  # a full collection mid-read would hold the GIL for 100s of ms
        self.pool.start(runner)
        return job

    def cancel(self) -> None:
        """Whatever is being read will be dropped when it arrives (the user chose something else)."""
        self.latest = None

    def wait(self) -> None:
        """Finish every read under way and deliver the newest now (closing, tests)."""
        if self._pending:
            self.pool.waitForDone()
        self._deliver()

    def _deliver(self) -> None:
        for job in arrived(self._results):
            job.finished = True
            self._pending = [(j, r) for j, r in self._pending if j is not job]
            collector_paused(False)
            if job is self.latest:
                self.latest = None
                self.loaded.emit(job)
