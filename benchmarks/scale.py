"""Portfolio scale: load, open, edit, check all, save and PNG export over systems × practices.

`python -m benchmarks.scale` runs the matrix (10, 100, 1,000 systems × 6, 40, 200
practices; `--huge` adds 10,000 × 40, in a process of its own so its peak memory is
the app's); `python -m benchmarks` runs one cell of it. Every GUI figure is taken in
a real (offscreen) window; "stall" is the longest gap between ticks of a 1 ms timer
while something happens (a file opening from File ▸ Open until the window has
painted it and settled, an edit, a save or a recovery copy written), the time the
window could not answer the user.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GAPRADAR_HOME", tempfile.mkdtemp(prefix="gapradar-bench-"))

from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System

SYSTEMS = (10, 100, 1000)
PRACTICES = (6, 40, 200)


def generated(systems: int, practices: int) -> Assessment:
    """A portfolio: every system rated on every practice, levels spread over the scale."""
    levels = tuple(Level(s, f"Level {s}") for s in range(0, 5))
    model = MaturityModel(
        "Generated", tuple(Practice(f"p{i}", f"Practice {i}") for i in range(practices)), levels
    )
    rows = [
        System(f"System {j:05d}", {f"p{i}": Rating((i + j) % 5, (i * j + 3) % 5) for i in range(practices)})
        for j in range(systems)
    ]
    return Assessment(model, "Generated portfolio", rows, "Systems")


def write_generated(systems: int, practices: int, folder: Path) -> Path:
    from gapradar.io import save

    path = folder / f"portfolio-{systems}x{practices}.yaml"
    save(generated(systems, practices), path)
    return path


def ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def longest_stall_ms(
    start: Callable[[], object], finished: Callable[[], bool], limit_s: float = 120
) -> float:
    """Start work, then run the event loop until `finished()`: the longest gap between 1 ms ticks."""
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    clock = QElapsedTimer()
    gaps = [0.0]
    last = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(1)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    last[0] = clock.nsecsElapsed()
    start()  # the gesture itself is part of the stall (the snapshot is taken here)
    deadline = time.perf_counter() + limit_s
    while not finished() and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.0005)
    tick()
    timer.stop()
    return max(gaps)


def one_turn() -> Callable[[], bool]:
    """A `finished` for longest_stall_ms: true once the event loop has run once more (the next frame)."""
    turns = [0]

    def finished() -> bool:
        turns[0] += 1
        return turns[0] > 2

    return finished


def open_in_window(window, path: Path, settle_s: float = 0.5) -> tuple[float, float]:
    """File ▸ Open on a shown window: (ms until the chart has painted the file, longest stall ms).

    The stall is watched from the gesture until `settle_s` after that paint, so the
    work a file leaves for the next turns of the event loop (the systems list filling,
    the table fitted) counts too.
    """
    from PySide6.QtCore import QEvent, QObject

    painted: list[float] = []
    start = time.perf_counter()

    class _Paint(QObject):
        def eventFilter(self, obj, event) -> bool:
            spec = window.radar.radar.spec  # the chart of this file, not an empty one before it
            drawn = spec is not None and window.doc is not None and spec.assessment is window.doc.assessment
            if event.type() == QEvent.Type.Paint and drawn and not painted:
                painted.append(time.perf_counter())
            return False

    spy = _Paint()
    window.radar.viewport().installEventFilter(spy)
    stall = longest_stall_ms(
        lambda: window.files.open_path(path, ask=False, wait=False),
        lambda: bool(painted) and time.perf_counter() > painted[0] + settle_s,
    )
    window.radar.viewport().removeEventFilter(spy)
    return (painted[0] - start) * 1000, stall


def vm_hwm_mb() -> float:
    """This process's peak resident memory (VmHWM starts afresh at exec, unlike ru_maxrss after fork)."""
    with open("/proc/self/status", encoding="ascii") as f:
        line = next(line for line in f if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def full_frame_ms(window, gesture: Callable[[], object]) -> float:
    """A gesture until the whole window (table, guide, toolbar, chart) has painted its next frame."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    start = time.perf_counter()
    gesture()
    QApplication.processEvents()  # queued updates, relayouts
    window.repaint()  # the whole window, every child, synchronously
    return (time.perf_counter() - start) * 1000


def cell(systems: int, practices: int, folder: Path, export: bool = True) -> dict[str, float]:
    """One cell of the matrix: each figure once, in this process, in order."""
    from PySide6.QtWidgets import QApplication

    from gapradar.io import LoadError, load
    from gapradar.ui.commands import SetLevelCommand
    from gapradar.ui.main_window import MainWindow

    out: dict[str, float] = {}
    path = write_generated(systems, practices, folder)
    try:
        out["load_ms"] = ms(lambda: load(path))
    except LoadError as e:  # the reader's limits (a million values) refuse it: say so, go on
        print(f"{systems} × {practices}: not opened: {e.problems[0].message}", flush=True)
        return out
    w = MainWindow(None, None)  # as gapradar starts with a file named: the window, then the file
    w.resize(1280, 800)
    w.show()
    QApplication.processEvents()
    out["open_ms (File ▸ Open to painted)"], out["open_stall_ms"] = open_in_window(w, path)
    doc = w.doc
    names = doc.assessment.system_names()
    practice = doc.assessment.model.practices[0].id
    w.ws.set_checked({names[0]}, True)
    w.ws.select_system(names[0])
    QApplication.processEvents()
    step = iter(range(1, 10**6))

    def edit() -> None:
        doc.undo_stack.push(SetLevelCommand(doc, names[0], practice, "current", next(step) % 5))

    out["edit_full_frame_ms (1 checked)"] = full_frame_ms(w, edit)
    out["edit_stall_ms (1 checked)"] = longest_stall_ms(edit, one_turn())
    out["check_all_ms (1 checked -> all)"] = full_frame_ms(w, lambda: w.panel.set_all(True))
    out["edit_full_frame_ms (all checked)"] = full_frame_ms(w, edit)
    out["edit_stall_ms (all checked)"] = longest_stall_ms(edit, one_turn())
    out["repaint_ms (whole window, peer)"] = full_frame_ms(w, lambda: None)
    out["save_stall_ms"] = longest_stall_ms(w.files.save_in_background, lambda: not w.files.writer.busy)
    out["save_ms (until on disk)"] = ms(lambda: w.files.save_to(path))
    full_frame_ms(w, edit)
    rec = w.files.recovery
    assert rec is not None
    rec._dirty = True
    out["recovery_stall_ms"] = longest_stall_ms(rec.write_in_background, lambda: not rec.writer.busy)
    if export:
        from gapradar.chart.spec import ChartSpec
        from gapradar.export.render import ExportOptions, export_png

        spec = ChartSpec(doc.assessment, checked=tuple(names[: min(len(names), 10)]))
        out["png_export_ms (10 systems, 1920 × 1080)"] = ms(
            lambda: export_png(spec, str(folder / "c.png"), ExportOptions(1920, 1080))
        )
    doc.undo_stack.setClean()
    w.close()
    w.deleteLater()
    QApplication.processEvents()
    return out


def cell_in_own_process(systems: int, practices: int, folder: Path) -> dict[str, float]:
    """One cell in a fresh process that runs only it: its peak memory is the app's, not the harness's."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.scale",
            "--child",
            f"{systems}x{practices}",
            "--folder",
            str(folder),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def matrix(huge: bool = False) -> dict[str, dict[str, float]]:
    from gapradar.ui.app import application

    application()
    folder = Path(tempfile.mkdtemp(prefix="gapradar-scale-"))
    sizes = [(s, p) for s in SYSTEMS for p in PRACTICES]
    results = {}
    for s, p in sizes:
        results[f"{s} × {p}"] = row = cell(s, p, folder)
        print(f"{s} × {p}: " + ", ".join(f"{k} {v:.0f}" for k, v in row.items()), flush=True)
    if huge:
        results["10000 × 40"] = row = cell_in_own_process(10_000, 40, folder)
        print("10000 × 40: " + ", ".join(f"{k} {v:.0f}" for k, v in row.items()), flush=True)
    return results


def print_matrix(results: dict[str, dict[str, float]]) -> None:
    columns = list(max(results.values(), key=len))
    print("| systems × practices | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for size, row in results.items():
        print(f"| {size} | " + " | ".join(f"{row.get(c, float('nan')):.0f}" for c in columns) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--huge", action="store_true", help="add 10,000 systems × 40 practices")
    parser.add_argument("--only", metavar="SxP", help="one cell, e.g. 1000x40, in a process of its own")
    parser.add_argument("--child", metavar="SxP", help=argparse.SUPPRESS)  # the process --only starts
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import json

        from gapradar.ui.app import application

        application()
        s, p = (int(x) for x in args.child.split("x"))
        row = cell(s, p, Path(args.folder or tempfile.mkdtemp(prefix="gapradar-scale-")))
        row["peak_rss_mb (this cell alone in its own process)"] = vm_hwm_mb()
        print(json.dumps(row))
    elif args.only:
        s, p = (int(x) for x in args.only.split("x"))
        folder = Path(tempfile.mkdtemp(prefix="gapradar-scale-"))
        print_matrix({f"{s} × {p}": cell_in_own_process(s, p, folder)})
    else:
        print_matrix(matrix(args.huge))


if __name__ == "__main__":
    main()
