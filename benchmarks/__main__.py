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
from gapradar.io import dumps, load


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


def timed_inner(fn: Callable[[], float], runs: int, warmup: int = 1) -> dict[str, float]:
    """Like timed(), for figures that time themselves (seconds returned) after undoing the last run."""
    for _ in range(warmup):
        fn()
    samples = sorted(fn() * 1000 for _ in range(runs))
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


def many_rounds(rounds: int, systems: int, practices: int) -> Assessment:
    """`rounds` dated rounds of the same systems, the levels drifting from round to round."""
    import datetime

    from gapradar.domain.assessment import Round

    a = large_assessment(systems, practices)
    table = [
        Round(
            f"{2020 + k // 4}-Q{k % 4 + 1}",
            datetime.date(2020 + k // 4, 3 * (k % 4) + 1, 15),
            {
                s.id: {f"p{i}": Rating((i + j + k) % 5, (i * j + 3) % 5) for i in range(practices)}
                for j, s in enumerate(a.systems)
            },
        )
        for k in range(rounds)
    ]
    return Assessment(
        a.model, a.title, [System(s.name, id=s.id) for s in a.systems], a.systems_label, rounds=table
    )


def change_view_figures(a: Assessment, results: dict, runs: int) -> None:
    """The slope chart and what moved laid out at 1920×1080 on 20 rounds × 100 × 40 (the latest against the one before)."""
    from gapradar.chart.canvases import ViewCanvas
    from gapradar.chart.view_spec import ViewSpec

    for view in ("slope", "moved"):
        spec = ViewSpec(a, view)
        canvas = ViewCanvas(spec)

        def draw(canvas=canvas, spec=spec) -> None:
            canvas.set_spec(spec)
            canvas.lay_out(1920, 1080)

        results[f"{view}_layout_ms (20 rounds × 100 × 40, roll-up)"] = timed(draw, max(1, runs // 3))
        canvas.close()


def window_for(assessment: Assessment, checked: int | None = None):
    from gapradar.ui.main_window import MainWindow

    w = MainWindow(assessment, None)
    w.resize(1280, 800)
    w.show()
    if checked is not None:
        w.ws.set_checked(set(assessment.system_names()[:checked]), True)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return w


def edit_repaint(window) -> tuple[Callable[[], None], Callable[[], None]]:
    """An edit through the document (an undo command) until the whole window has painted; and the peer."""
    from PySide6.QtWidgets import QApplication

    from gapradar.ui.commands import SetLevelCommand

    doc = window.doc
    system = window.ws.state.selected_system
    practice = doc.assessment.model.practices[0].id
    scores = doc.assessment.model.scores
    state = {"i": 0}

    def edit() -> None:
        state["i"] += 1
        doc.undo_stack.push(
            SetLevelCommand(doc, system, practice, "current", scores[state["i"] % len(scores)])
        )
        QApplication.processEvents()  # queued updates and relayouts (the Undo button's text)
        window.repaint()  # the next complete frame of the whole window: table, guide, toolbar, chart

    def repaint_only() -> None:
        QApplication.processEvents()
        window.repaint()

    return edit, repaint_only


def round_switches(window) -> tuple[Callable[[], None], Callable[[], None]]:
    """Switching the shown round, and switching the baseline, until the whole window has painted.

    The sample gets a second round (a copy, every level one step up where it can go) first.
    """
    import datetime

    from PySide6.QtWidgets import QApplication

    from gapradar.ui.round_commands import NewRoundCommand

    ws, doc = window.ws, window.doc
    ws.push(NewRoundCommand(doc, "Follow-up", datetime.date(2026, 9, 17)))
    a = doc.assessment
    top = max(a.model.scores)
    for s in a.systems:
        for pid, r in list(s.ratings.items()):
            if r.current is not None and r.current < top:
                s.set_rating(pid, Rating(r.current + 1, r.target, r.note))
    first, latest = a.rounds[0].id, a.rounds[-1].id
    QApplication.processEvents()

    def switch_round() -> None:
        ws.update(round=first if ws.state.round is None else None)
        QApplication.processEvents()
        window.repaint()

    def switch_baseline() -> None:
        ws.update(baseline=first if ws.state.baseline is None else None)
        QApplication.processEvents()
        window.repaint()

    assert latest
    return switch_round, switch_baseline


def check_all_from_one(window) -> float:
    """A real "Check all": from one system checked to all of them, until the window has painted."""
    from PySide6.QtWidgets import QApplication

    first = window.doc.assessment.system_names()[0]
    window.ws.set_checked({first}, False)
    QApplication.processEvents()
    window.repaint()
    start = time.perf_counter()
    window.panel.set_all(True)
    QApplication.processEvents()
    window.repaint()
    return time.perf_counter() - start


def heatmap_figures(window, results: dict, runs: int) -> None:
    """The heatmap of a 200 × 40 assessment: an edit until it has painted, and a 1920 × 1080 PNG."""
    from PySide6.QtWidgets import QApplication

    from gapradar.chart.view_spec import ViewSpec
    from gapradar.export.render import ExportOptions, export_png
    from gapradar.ui.commands import SetLevelCommand

    window.ws.update(view="heatmap")
    QApplication.processEvents()
    heatmap = window.views.page("heatmap")
    doc = window.doc
    system = window.ws.state.selected_system
    practice = doc.assessment.model.practices[0].id
    scores = doc.assessment.model.scores
    state = {"i": 0}

    def edit() -> None:
        state["i"] += 1
        doc.undo_stack.push(
            SetLevelCommand(doc, system, practice, "current", scores[state["i"] % len(scores)])
        )
        heatmap.canvas.viewport().repaint()

    results["heatmap_edit_repaint_ms (200 × 40)"] = timed(edit, runs)
    results["heatmap_repaint_only_ms (200 × 40, peer)"] = timed(
        lambda: heatmap.canvas.viewport().repaint(), runs
    )
    spec = ViewSpec(doc.assessment, "heatmap")
    out = Path(tempfile.mkdtemp(prefix="gapradar-bench-out-")) / "heatmap.png"
    results["heatmap_export_png_ms (200 × 40 at 1920 × 1080)"] = timed(
        lambda: export_png(spec, str(out), ExportOptions(1920, 1080)), max(1, runs // 3)
    )
    small = ViewSpec(load(bundled.sample_path()), "heatmap")
    results["heatmap_export_png_ms (sample 10 × 6 at 1920 × 1080, peer)"] = timed(
        lambda: export_png(small, str(out), ExportOptions(1920, 1080)), max(1, runs // 3)
    )
    window.ws.update(view="overlay")


def export_figures(results: dict, runs: int) -> None:
    """PNG/SVG/PDF at 1920 × 1080 from the shared scene, and the same chart drawn by matplotlib."""
    from gapradar.chart.spec import ChartSpec
    from gapradar.export.render import ExportOptions, export_pdf, export_png, export_svg

    a = load(bundled.sample_path())
    names = tuple(sorted(a.system_names(), key=str.casefold)[:3])
    spec = ChartSpec(a, checked=names)
    options = ExportOptions(1920, 1080)
    folder = Path(tempfile.mkdtemp(prefix="gapradar-bench-out-"))
    n = max(1, runs // 3)
    results["export_png_ms (1920 × 1080)"] = timed(
        lambda: export_png(spec, str(folder / "c.png"), options), n
    )
    banded = ChartSpec(a, checked=names, rollup="median", spread="range")
    results["export_png_ms (1920 × 1080, median roll-up with its range band)"] = timed(
        lambda: export_png(banded, str(folder / "b.png"), options), n
    )
    results["export_svg_ms (1920 × 1080)"] = timed(
        lambda: export_svg(spec, str(folder / "c.svg"), options), n
    )
    results["export_pdf_ms (1920 × 1080)"] = timed(
        lambda: export_pdf(spec, str(folder / "c.pdf"), options), n
    )
    try:
        results["matplotlib_png_ms (same chart, peer)"] = timed(
            lambda: matplotlib_png(a, names, folder / "m.png"), n
        )
    except ImportError:
        print("matplotlib is not installed: no peer figure for the PNG export", file=sys.stderr)


def matplotlib_png(a: Assessment, names: tuple[str, ...], out: Path) -> None:
    """The usual way consultants draw this chart: a polar radar, same series, same size."""
    import math

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from gapradar.domain import practice_averages

    practices = a.model.practices
    angles = [2 * math.pi * i / len(practices) for i in range(len(practices))]
    fig = plt.figure(figsize=(19.2, 10.8), dpi=100)
    ax = fig.add_subplot(111, polar=True)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    series = [(n, [a.system(n).rating(p.id).current for p in practices]) for n in names]
    series.append(("Average", [x.current for x in practice_averages(a)]))
    for name, values in series:
        vals = [v if v is not None else a.model.min_score - 1 for v in values]
        ax.plot([*angles, angles[0]], [*vals, vals[0]], marker="o", label=name)
        ax.fill([*angles, angles[0]], [*vals, vals[0]], alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels([p.name for p in practices])
    ax.set_ylim(a.model.min_score - 1, a.model.max_score)
    ax.set_title(a.title)
    ax.legend(loc="upper right")
    fig.savefig(out)
    plt.close(fig)


def _env() -> dict[str, str]:
    """A child's environment: offscreen, its own settings, and bytecode cached as in any installed copy."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GAPRADAR_HOME": tempfile.mkdtemp(prefix="gapradar-bench-"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every start compiles gapradar afresh (~0.15 s)
    return env


def _stamp_after_start(cmd: list[str], env: dict[str, str], marker: str) -> float:
    """Seconds from starting `cmd` until it printed `marker <time.time()>`: its exit is not counted."""
    import subprocess

    start = time.time()
    out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True).stdout
    stamps = [float(line.split()[1]) for line in out.splitlines() if line.startswith(marker + " ")]
    return stamps[0] - start


def startup_run() -> float:
    """`gapradar` on the sample until the chart's first paint (the window is drawn by then)."""
    env = {**_env(), "GAPRADAR_EXIT_AFTER_FIRST_PAINT": "1"}
    return _stamp_after_start([sys.executable, "-m", "gapradar"], env, "first-paint")


def floor_run() -> float:
    code = "import time, PySide6.QtWidgets, pyqtgraph; print('imported', time.time(), flush=True)"
    return _stamp_after_start([sys.executable, "-c", code], _env(), "imported")


def process_seconds(fn: Callable[[], float], runs: int) -> dict[str, float]:
    fn()  # warm the file cache and the bytecode
    samples = sorted(fn() for _ in range(runs))
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {"median": statistics.median(samples), "p95": p95, "runs": runs}


def peak_rss_mb() -> float:
    """Peak resident memory of the app alone, in a fresh process, with the sample open and drawn.

    The child reads its own high-water mark (VmHWM), which starts afresh at exec;
    getrusage's ru_maxrss would carry over the harness's peak from the fork.
    """
    import subprocess

    code = (
        "import sys;"
        "from gapradar.ui.app import application;"
        "from gapradar.ui.main_window import MainWindow;"
        "from gapradar import bundled; from gapradar.io import load;"
        "app = application(); p = bundled.sample_path(); w = MainWindow(load(p), p);"
        "w.resize(1280, 800); w.show(); app.processEvents(); w.repaint();"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0];"
        "print(int(hwm.split()[1]) / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, env=_env(), capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


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
    results["check_all_ms (sample, one checked -> all, whole window)"] = timed_inner(
        lambda: check_all_from_one(sample), runs
    )
    switch_round, switch_baseline = round_switches(sample)
    results["round_switch_ms (sample, two rounds, whole window; budget 16)"] = timed(switch_round, runs)
    results["baseline_switch_ms (sample, none <-> first round, whole window; budget 16)"] = timed(
        switch_baseline, runs
    )

    large = window_for(large_assessment(200, 40), checked=20)
    edit, peer = edit_repaint(large)
    results["edit_repaint_ms (200 × 40, 20 checked)"] = timed(edit, max(1, runs // 3))
    results["repaint_only_ms (200 × 40, peer)"] = timed(peer, max(1, runs // 3))
    heatmap_figures(large, results, runs)

    export_figures(results, runs)

    big_file = Path(tempfile.mkdtemp(prefix="gapradar-bench-")) / "large.yaml"
    big_file.write_text(dumps(large_assessment(1000, 40)), encoding="utf-8")
    results["load_large_ms (1,000 × 40 file: read, parse, validate)"] = timed(
        lambda: load(big_file), max(1, runs // 10), warmup=1
    )
    rounds_file = big_file.with_name("rounds.yaml")
    rounds_file.write_text(dumps(many_rounds(20, 100, 40)), encoding="utf-8")
    results["load_rounds_ms (20 rounds × 100 × 40 file, budget 1000)"] = timed(
        lambda: load(rounds_file), max(1, runs // 10), warmup=1
    )

    change_view_figures(load(rounds_file), results, runs)

    from benchmarks.export_memory import export_memory_figures
    from benchmarks.scale import cell

    size = (10, 6) if args.quick else (1000, 40)
    for figure, value in cell(*size, Path(tempfile.mkdtemp(prefix="gapradar-scale-"))).items():
        results[f"{figure} ({size[0]:,} × {size[1]})"] = {"median": value, "p95": float("nan"), "runs": 1}

    from benchmarks.loading import loading_figures

    loading_figures(results, runs)
    export_memory_figures(results, args.quick)

    for w in (sample, large):
        w.doc.undo_stack.setClean()
        w.close()
    app.processEvents()

    process_runs = 1 if args.quick else 7
    results["startup_s (to first painted frame, sample; budget 0.5)"] = process_seconds(
        startup_run, process_runs
    )
    results["startup_floor_s (import PySide6.QtWidgets, pyqtgraph; peer)"] = process_seconds(
        floor_run, process_runs
    )
    results["peak_rss_mb (app alone in its own process, sample open)"] = {
        "median": peak_rss_mb(),
        "p95": float("nan"),
        "runs": 1,
    }

    if "matplotlib_png_ms (same chart, peer)" in results:
        ratio = (
            results["export_png_ms (1920 × 1080)"]["median"]
            / results["matplotlib_png_ms (same chart, peer)"]["median"]
        )
        results["png_ratio (gapradar / matplotlib)"] = {"median": ratio, "p95": float("nan"), "runs": 1}
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
