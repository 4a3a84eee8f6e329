"""Measures what a workshop feels: an edit until the chart is repainted, redraws, loading.

Each figure is timed over several runs after a warm-up and reported as median
and p95, beside a peer measured in the same run (a repaint with no edit), so a
slow machine shows up in both columns rather than as a false regression.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GAPRADAR_HOME", tempfile.mkdtemp(prefix="gapradar-bench-"))

from gapradar import bundled
from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.io import dumps, load, loads


def timed(fn: Callable[[], object], runs: int, warmup: int = 2) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"median": statistics.median(samples), "p95": p95, "runs": runs}


def large_assessment(systems: int, practices: int) -> Assessment:
    levels = tuple(Level(s, f"Level {s}") for s in range(0, 5))
    model = MaturityModel(
        "Generated", tuple(Practice(f"p{i}", f"Practice {i}") for i in range(practices)), levels
    )
    rows = [
        System(f"System {j:04d}", {f"p{i}": Rating((i + j) % 5, (i * j + 3) % 5) for i in range(practices)})
        for j in range(systems)
    ]
    return Assessment(model, "Large", rows, "Systems")


def window_for(assessment: Assessment, checked: int | None = None):
    from gapradar.ui.main_window import MainWindow

    w = MainWindow(assessment, None)
    w.resize(1280, 800)
    w.show()
    if checked is not None:
        w.panel.set_checked(set(assessment.system_names()[:checked]), True)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return w


def edit_repaint(window) -> tuple[Callable[[], None], Callable[[], None]]:
    """An edit through the document (an undo command) until the chart has painted; and the peer."""
    from gapradar.ui.commands import SetLevelCommand

    doc = window.doc
    system = window.focused_system()
    practice = doc.assessment.model.practices[0].id
    scores = doc.assessment.model.scores
    state = {"i": 0}

    def edit() -> None:
        state["i"] += 1
        doc.undo_stack.push(
            SetLevelCommand(doc, system, practice, "current", scores[state["i"] % len(scores)])
        )
        window.radar.viewport().repaint()

    def repaint_only() -> None:
        window.radar.viewport().repaint()

    return edit, repaint_only


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each (a smoke test)")
    parser.add_argument("--json", metavar="OUT.json", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else 30
    from gapradar.ui.app import application

    app = application()
    results: dict[str, dict[str, float]] = {}

    sample = window_for(load(bundled.sample_path()))
    edit, peer = edit_repaint(sample)
    results["edit_repaint_ms (sample)"] = timed(edit, runs)
    results["repaint_only_ms (sample, peer)"] = timed(peer, runs)
    results["overlay_redraw_ms (sample, check all)"] = timed(
        lambda: (sample.panel.set_all(True), sample.radar.viewport().repaint()), runs
    )

    large = window_for(large_assessment(200, 40), checked=20)
    edit, peer = edit_repaint(large)
    results["edit_repaint_ms (200 × 40, 20 checked)"] = timed(edit, max(1, runs // 3))
    results["repaint_only_ms (200 × 40, peer)"] = timed(peer, max(1, runs // 3))

    text = dumps(large_assessment(1000, 6))
    results["load_large_ms (1,000 systems, parse + validate)"] = timed(
        lambda: loads(text), max(1, runs // 10), warmup=1
    )

    for w in (sample, large):
        w.doc.undo_stack.setClean()
        w.close()
    app.processEvents()

    width = max(len(k) for k in results)
    print(
        f"gapradar benchmarks on {platform.machine()} {platform.system()}, Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print(f"{'figure':<{width}}  {'median':>9}  {'p95':>9}  runs")
    for name, r in results.items():
        print(f"{name:<{width}}  {r['median']:>9.2f}  {r['p95']:>9.2f}  {r['runs']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
