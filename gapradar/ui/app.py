"""Starting the desktop app: QApplication, the first document, crash recovery, screenshots."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gapradar import bundled

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from gapradar.io import LoadError
    from gapradar.ui.main_window import MainWindow


def application():
    """The app for the window: a real display when there is one."""
    from gapradar.export.render import ensure_app

    return ensure_app(headless=False)


def offer_recovery(window) -> bool:
    """After a crash, offer the newest recovery copy; True when it was restored."""
    from PySide6.QtWidgets import QMessageBox

    from gapradar.io import LoadError
    from gapradar.ui.document import Document
    from gapradar.ui.files import find_recovery_copies

    copies = find_recovery_copies()
    if not copies:
        return False
    copy = copies[0]
    name = copy.original.name if copy.original else "an untitled assessment"
    from datetime import datetime

    when = datetime.fromtimestamp(copy.written).strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(
        window,
        "Restore unsaved work?",
        f"gapradar found unsaved work on {name} from {when}, kept when it last stopped unexpectedly.\n\n"
        "Restore it? (No discards the copy.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        copy.discard()
        return False
    try:
        assessment = copy.load()
    except LoadError:
        copy.discard()
        return False
    doc = Document(assessment, copy.original)
    window.files.show(doc)
    doc.undo_stack.resetClean()  # restored work is unsaved work
    copy.discard()
    if window.files.recovery is not None:
        window.files.recovery.write()
    return True


def _quit_after_first_paint(widget, app) -> None:
    """Benchmarks: print the wall-clock time of the chart's first paint, then quit.

    The harness subtracts the time it started the process, so neither the exit
    nor its own start-up counts.
    """
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    class _FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                print(f"first-paint {time.time():.6f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    widget._first_paint = _FirstPaint(widget)
    widget.installEventFilter(widget._first_paint)


def parse_size(text: str) -> tuple[int, int]:
    """Window sizes for --screenshot: at least 200 × 200."""
    from gapradar.export.render import parse_size as parse

    return parse(text, low=200, high=10000, example="1280x720")


NO_DISPLAY = (
    "gapradar: there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
    "Without a display you can still:\n"
    "  gapradar export FILE --png chart.png     charts and tables as files (see gapradar export --help)\n"
    "  gapradar FILE --screenshot window.png    a picture of the window\n"
    "  gapradar validate FILE / gapradar info FILE"
)


def has_display() -> bool:
    """Whether a window can open; Qt itself would abort with a message about xcb."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    )


def open_window(file: str | None) -> tuple[MainWindow, LoadError | None]:
    """The main window on `file` (the sample when None); on its start page when the file has problems."""
    from gapradar.io import LoadError, load
    from gapradar.ui.main_window import MainWindow

    path = bundled.resolve(file) if file else bundled.sample_path()
    try:
        return MainWindow(load(path), path), None
    except LoadError as e:
        # No other file that could pass for this one: the window opens on its start page.
        return MainWindow(None, None), e


def run(
    file: str | None,
    screenshot: str | None = None,
    size: str | None = None,
    focus: str | None = None,
    presentation: bool = False,
) -> int:
    """The GUI's entry point; returns the process exit code."""
    dims = parse_size(size) if size else None
    if not screenshot and not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from gapradar.export.render import ensure_app

    app = ensure_app(headless=bool(screenshot))  # screenshots work without a display
    from gapradar.ui.file_session import show_problems

    # A file named for the window is read in the background once the window shows (a
    # portfolio of 10,000 systems takes seconds); screenshots and --focus need it now.
    background = file is not None and not screenshot and not focus
    if background:
        from gapradar.ui.main_window import MainWindow

        window, problems = MainWindow(None, None), None
    else:
        window, problems = open_window(file)
    if problems is not None and screenshot:
        for p in problems.problems:
            print(p, file=sys.stderr)
        return 1
    sys.excepthook = lambda _t, value, _tb: window.handle_unexpected(value)
    if dims:
        window.resize(*dims)
    if focus:
        from gapradar.export.cli_export import rollup_focus_rule

        names = window.doc.assessment.system_names() if window.doc is not None else []
        rule = None if focus in names or window.doc is None else rollup_focus_rule(focus, "mean")
        if rule is not None:  # "Average – all systems": the roll-up's current vs target
            window.ws.update(view="focus", focus_rollup=True, rollup=rule)
        elif focus not in names:
            listed = ", ".join(f'"{n}"' for n in names[:12]) + (" …" if len(names) > 12 else "")
            print(f'gapradar: --focus: no system named "{focus}"; the systems are: {listed}', file=sys.stderr)
            return 2
        else:
            window.ws.select_system(focus)
            window.set_focus_view(True)
    if screenshot:
        window.show()
        app.processEvents()
        target: QWidget = window
        if presentation:
            from gapradar.ui.presentation import PresentationWindow

            shown = PresentationWindow(window.ws, window.keyboard)
            shown.resize(*(dims or (1920, 1080)))
            shown.show()
            app.processEvents()
            shown.refresh()
            app.processEvents()
            target = shown
        target.grab().save(screenshot)
        return 0
    if os.environ.get("GAPRADAR_EXIT_AFTER_FIRST_PAINT"):  # benchmarks: time to the first frame
        _quit_after_first_paint(window.radar.viewport(), app)
    window.show()
    if presentation:
        window.enter_presentation()
    if background and file is not None:
        window.files.open_path(bundled.resolve(file), ask=False, wait=False)  # problems: said when read
        offer_recovery(window)  # restoring it drops the file being read
    elif problems is not None and file is not None:
        show_problems(window, Path(file), problems)
    else:
        offer_recovery(window)
    return app.exec()
