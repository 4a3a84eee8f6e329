"""Files behind the workspace: open, save, new from template, recent files, recovery, watching.

Everything that asks the user about a file lives here, so the window only
assembles widgets. Dialogs are parented to the window given at construction.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gapradar import bundled
from gapradar.domain import System
from gapradar.domain.rollup import DEFAULT_RULE, RULES
from gapradar.io import LoadError, dumps, load
from gapradar.io.yaml_format import read_bytes
from gapradar.ui.background_load import BackgroundLoader, LoadJob
from gapradar.ui.background_write import BackgroundWriter
from gapradar.ui.document import Document, SavePoint
from gapradar.ui.files import (
    RECOVERY_INTERVAL_MS,
    FileWatcher,
    Recovery,
    may_overwrite,
    snapshot_for_saving,
)
from gapradar.ui.paths import settings
from gapradar.ui.workspace import Workspace

FILE_FILTER = "gapradar files (*.yaml *.yml);;All files (*)"
MAX_RECENT = 8


def recovery_interval_ms() -> int:
    """30 s; GAPRADAR_RECOVERY_INTERVAL_MS shortens it for tests that kill the app."""
    try:
        return max(50, int(os.environ.get("GAPRADAR_RECOVERY_INTERVAL_MS", RECOVERY_INTERVAL_MS)))
    except ValueError:
        return RECOVERY_INTERVAL_MS


def show_problems(parent: QWidget | None, path: Path, error: LoadError) -> None:
    """A file that cannot be opened: its located problems, the first dozen in view."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Cannot open file",
        f"{path.name} has problems and was not opened:",
        parent=parent,
    )
    lines = [str(p) for p in error.problems]
    box.setInformativeText(
        "\n".join(lines[:12]) + (f"\n… and {len(lines) - 12} more" if len(lines) > 12 else "")
    )
    box.setDetailedText("\n".join(lines))
    box.exec()


SETTLE_AFTER_MS = 1000


def settle_memory() -> None:
    """Exempt what an open document keeps alive from Python's cyclic garbage collector.

    A full collection scans every object; with 1,000 systems open it takes
    ~100 ms with the GIL held, whichever thread triggers it, so a background
    save froze the window for that long. Frozen objects are still freed when
    no longer referenced; the previous document's cycles are collected here first.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class FileSession(QObject):
    status = Signal(str, int)  # a status-bar message and how long it shows (ms)
    recent_changed = Signal()
    title_changed = Signal()  # the file's name or its unsaved state changed
    loading = Signal(str)  # a file is being read in the background ("" when none is)
    arriving = Signal(bool)  # a document (True) or none is about to be shown: lay out for it first

    def __init__(self, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self.ws = workspace
        self.window = window
        self.recovery: Recovery | None = None
        self._warned = False
        self.watcher = FileWatcher(self)
        self.watcher.changed_on_disk.connect(self._changed_on_disk)
        self.writer = BackgroundWriter(self)
        self.loader = BackgroundLoader(self)
        self.loader.loaded.connect(self._loaded)
        self._asked: tuple[Document | None, int] = (None, 0)  # the document as it was when Open asked
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # changes made while gapradar was in the background
            app.applicationStateChanged.connect(self._app_state_changed)

    @property
    def doc(self) -> Document | None:
        return self.ws.document

    # ---------------------------------------------------------------- documents

    def show(self, doc: Document | None, contents: bytes | None = None) -> None:
        """Make `doc` the open document, with its own recovery copy and file watch."""
        self._stop_loading()  # the user chose this document: a file still being read is dropped
        self.finish_saving()
        if self.recovery is not None:
            self.recovery.discard()
            self.recovery.deleteLater()
            self.recovery = None
        self.arriving.emit(doc is not None)
        replaced = self.ws.document is not None
        self.ws.set_document(doc)
        if replaced:  # the previous document's cycles: collected once the new one is on screen
            QTimer.singleShot(0, settle_memory)
        elif doc is None:
            pass  # the start page: nothing to settle
        elif self.window.isVisible():  # read in the background, frozen there: only the young are left
            gc.collect(1)  # a full collection would scan everything the window is made of (~75 ms)
            gc.freeze()
        else:  # the window being built at start-up: once it has painted (a collection would delay it)
            QTimer.singleShot(SETTLE_AFTER_MS, settle_memory)
        if doc is None:
            self.watcher.watch(None, None)
            self.title_changed.emit()
            return
        self.recovery = Recovery(doc, interval_ms=recovery_interval_ms(), parent=self)
        self.recovery.failed.connect(self._not_protected)
        self.recovery.protected.connect(
            lambda: self.status.emit("Recovery copies are being written again.", 5000)
        )
        doc.modified_changed.connect(self.title_changed)
        doc.path_changed.connect(self.title_changed)
        if contents is None and doc.path is not None and doc.path.exists():
            try:
                contents = read_bytes(doc.path)
            except (OSError, LoadError):
                contents = None
        self.watcher.watch(doc.path, contents)
        self.title_changed.emit()

    def _not_protected(self, message: str) -> None:
        """Recovery copies cannot be written: say so in the status bar, and once in a dialog."""
        self.status.emit(message, 0)
        if not self._warned:
            self._warned = True
            QMessageBox.warning(self.window, "Unsaved work not protected", message)

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        """Back in front: look at the open file again, so changes made meanwhile are noticed."""
        if state == Qt.ApplicationState.ApplicationActive:
            self.watcher.check()

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved edits; True to go on."""
        self.finish_saving()  # a save still being written may be all there was to save
        doc = self.doc
        if doc is None or not doc.modified:
            return True
        answer = QMessageBox.warning(
            self.window,
            "Unsaved changes",
            f"Save the changes to {doc.display_name} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            if self.recovery is not None:
                self.recovery.discard()
            return True
        return False

    def save(self) -> bool:
        doc = self.doc
        if doc is None:
            return False
        if doc.path is None or bundled.is_bundled(doc.path):
            return self.save_as()
        return self.save_to(doc.path)

    def save_as(self) -> bool:
        doc = self.doc
        if doc is None:
            return False
        if doc.path is not None and not bundled.is_bundled(doc.path):
            start = str(doc.path.with_suffix(".yaml"))  # in the file's own folder
        else:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            name = doc.path.stem if doc.path is not None else "assessment"
            start = str(Path(folder or Path.home()) / f"{name}.yaml")
        name, _ = QFileDialog.getSaveFileName(self.window, "Save as", start, FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_suffix(".yaml")
        return self.save_to(path)

    def save_in_background(self) -> None:
        """Ctrl+S: the file is written on a worker thread; the window stays responsive."""
        doc = self.doc
        if doc is None:
            return
        if doc.path is None or bundled.is_bundled(doc.path):
            self.save_as()
            return
        self.save_to(doc.path, wait=False)

    def finish_saving(self) -> None:
        """Wait for a save still being written and take in its outcome (before closing, opening...)."""
        self.writer.wait()

    def save_to(self, path: Path, wait: bool = True) -> bool:
        """Save a snapshot of the document to `path`; with `wait`, True once it is on disk.

        Without `wait` the write happens on a worker thread and True means it started;
        success or failure arrives later (status bar, or the same dialog as ever).
        """
        doc = self.doc
        if doc is None:
            return False
        self.finish_saving()  # writes in order, and the watcher knows the last one
        if not may_overwrite(self.window, self.watcher, path):
            return False
        snapshot, point = snapshot_for_saving(doc)
        watching = self.watcher.path == path
        self.watcher.saving = watching
        job = self.writer.write(
            path,
            lambda: dumps(snapshot).encode("utf-8"),
            lambda data: self._saved(doc, path, point, data),
            lambda error: self._not_saved(path, error, watching),
        )
        self.status.emit(f"Saving {path}…", 0)
        if not wait:
            return True
        self.finish_saving()
        return job.ok

    def _saved(self, doc: Document, path: Path, point: SavePoint, data: bytes) -> None:
        self.watcher.saving = False
        if doc is not self.doc:  # another file was opened meanwhile (after waiting for this one)
            return
        if doc.path != path:
            doc.set_path(path)
        doc.mark_saved_at(point)
        self.watcher.watch(path, data)
        self.add_recent(path)
        self.status.emit(f"Saved {path}", 4000)

    def _not_saved(self, path: Path, error: Exception, watching: bool) -> None:
        self.watcher.saving = False
        if watching:
            self.watcher.check()
        self.status.emit("", 0)
        QMessageBox.critical(
            self.window,
            "Could not save",
            f"Could not save {path}:\n{error}\n\nYour changes are still here, unsaved. Try Save As… to another place.",
        )

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        doc = self.doc
        start = str(doc.path.parent) if doc is not None and doc.path else ""
        name, _ = QFileDialog.getOpenFileName(self.window, "Open", start, FILE_FILTER)
        if name:
            self.open_path(Path(name), ask=False, wait=False)

    def open_recent(self, path: Path) -> bool:
        """A recent file that is gone is said so, and leaves the list, before anything is asked."""
        if not path.exists():
            QMessageBox.warning(
                self.window,
                "File not found",
                f"{path.name} is no longer at {path.parent}.\n\nIt was moved, renamed or deleted; "
                "it is taken off the recent files.",
            )
            files = [f for f in self.recent_files() if Path(f) != path]
            settings().setValue("recentFiles", files)
            self.recent_changed.emit()
            return False
        return self.open_path(path, wait=False)

    def open_path(self, path: Path, ask: bool = True, wait: bool = True) -> bool:
        """Open `path`; with `wait`, True once it is shown (False: problems shown, or not opened).

        The file is read on a worker thread either way. Without `wait` the window
        answers meanwhile and True means the reading started; the document (or the
        same located problems) arrives later. The current document stays until then.
        """
        if ask and not self.maybe_save():
            return False
        doc = self.doc
        self._asked = (doc, doc.revision if doc is not None else 0)
        rule = self.ws.state.rollup
        job = self.loader.load(path, rule if rule in RULES and rule != "at-target" else DEFAULT_RULE)
        self.loading.emit(path.name)
        if not wait:
            return True
        self.loader.wait()
        return job.assessment is not None and doc is not self.doc

    def _loaded(self, job: LoadJob) -> None:
        """The file asked for last has been read: show it, or say what is wrong with it."""
        self.loading.emit("")
        if job.unexpected is not None:
            raise job.unexpected  # a bug, reported like any other (MainWindow.handle_unexpected)
        if job.error is not None or job.assessment is None:
            assert job.error is not None
            show_problems(self.window, job.path, job.error)  # the open document stays as it was
            return
        doc, revision = self._asked
        edited = doc is self.doc and doc is not None and doc.modified and doc.revision != revision
        if edited and not self.maybe_save():  # edited while the file was read: asked again
            self.status.emit(f"{job.path.name} was not opened.", 4000)
            return
        self.show(Document(job.assessment, job.path), job.data)
        self.add_recent(job.path)

    def _stop_loading(self) -> None:
        if self.loader.latest is not None:
            self.loader.cancel()
            self.loading.emit("")

    def new_assessment(self) -> bool:
        """File ▸ New…: model, title and systems in one dialog; opens untitled, ready to rate."""
        from gapradar.ui.new_dialog import NewAssessmentDialog

        if not self.maybe_save():
            return False
        dialog = NewAssessmentDialog(self.window)
        if dialog.exec() != NewAssessmentDialog.DialogCode.Accepted or dialog.result_assessment is None:
            return False
        self.show(Document(dialog.result_assessment, None))
        return True

    def save_model_as_template(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from gapradar.ui.new_dialog import save_model_as_template

        a = self.ws.assessment
        if a is None:
            return
        name, ok = QInputDialog.getText(
            self.window, "Save model as template", "Name of the template:", text=a.model.title or a.title
        )
        if not ok or not name.strip():
            return
        try:
            path = save_model_as_template(a, name.strip())
        except OSError as e:
            QMessageBox.critical(self.window, "Could not save the template", str(e))
            return
        self.status.emit(f"Saved the model as a template: File ▸ New… lists it ({path})", 6000)

    def new_from_template(self, template: Path) -> None:
        if not self.maybe_save():
            return
        assessment = load(template)
        if not assessment.systems:
            assessment.systems.append(System(assessment.unique_name("System 1")))
        self.show(Document(assessment, None))

    def _changed_on_disk(self, path: Path) -> None:
        doc = self.doc
        if doc is None:
            return
        if not path.exists():
            self.status.emit(f"{path.name} was deleted or moved on disk; Save will write it again.", 8000)
            return
        mine = " and discard your unsaved changes" if doc.modified else ""
        answer = QMessageBox.question(
            self.window,
            "File changed on disk",
            f"{path.name} was changed by another program.\n\nReload it{mine}, or keep the version shown here?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_path(path, ask=False, wait=False)
        else:
            doc.undo_stack.resetClean()  # what is shown now differs from the file

    def close(self) -> None:
        """The window closes after the user agreed: no recovery copy is left behind."""
        self._stop_loading()
        self.finish_saving()
        if self.recovery is not None:
            self.recovery.discard()

    # ---------------------------------------------------------------- recent files

    def recent_files(self) -> list[str]:
        value = settings().value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else []

    def add_recent(self, path: Path) -> None:
        if bundled.is_bundled(path):
            return
        files = [str(path.resolve())] + [f for f in self.recent_files() if f != str(path.resolve())]
        settings().setValue("recentFiles", files[:MAX_RECENT])
        self.recent_changed.emit()
