"""Peak memory of a command-line export of a large file: one chart per system, and a deck.

Each export runs in a fresh process that does nothing else, so its peak resident
memory is the export's own. Before chart exports freed what they painted, each
chart kept about 0.85 MB: `--per-system` at 1,000 systems peaked at 1 GB.

Run alone with `python -m benchmarks.export_memory [--quick]`; `python -m benchmarks` includes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYSTEMS = 1000
QUICK_SYSTEMS = 20  # the smoke test runs the harness, not the figure
PRACTICES = 8
BUDGET_MB = 300

# A fresh interpreter that runs only the export, then reports its own peak RSS. VmHWM, not
# getrusage: Linux carries ru_maxrss across fork and exec, so a child of a large process
# (this harness, with two windows open) would report its parent's peak as its own.
_CHILD = """
import json, sys
from benchmarks.export_memory import own_peak_mb
from gapradar.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "peak_mb": own_peak_mb()}))
"""


def own_peak_mb() -> float:
    """This process's peak resident memory in MB since it started (exec), from /proc/self/status.

    Without /proc (not Linux), getrusage's figure, which may include a parent's peak.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def large_file(systems: int, practices: int = PRACTICES) -> Path:
    """A generated assessment with `systems` systems, written to a temp file (never committed)."""
    from benchmarks.__main__ import large_assessment
    from gapradar.io import dumps

    path = Path(tempfile.mkdtemp(prefix="gapradar-bench-")) / f"systems-{systems}.yaml"
    path.write_text(dumps(large_assessment(systems, practices)), encoding="utf-8")
    return path


def export_peak_mb(args: list[str]) -> dict[str, float]:
    """Peak RSS in MB of `gapradar export ARGS…` in a process of its own, and its duration."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GAPRADAR_HOME": tempfile.mkdtemp(prefix="gapradar-bench-"),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "export", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,  # this checkout's gapradar
    )
    seconds = time.perf_counter() - start
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if figures["code"] != 0:
        raise RuntimeError(f"gapradar export {' '.join(args)} failed: {done.stderr[-2000:]}")
    return {"median": figures["peak_mb"], "p95": float("nan"), "runs": 1, "seconds": seconds}


def export_memory_figures(results: dict[str, dict[str, float]], quick: bool) -> None:
    if not Path("/proc/self/status").exists():
        return  # the peak is read from /proc (Linux)
    systems = QUICK_SYSTEMS if quick else SYSTEMS
    source = large_file(systems)
    out = source.parent
    results[f"per_system_peak_mb ({systems:,} systems, PNG 1920 × 1080, budget {BUDGET_MB})"] = (
        export_peak_mb([str(source), "--per-system", str(out / "charts")])
    )
    results[f"pptx_peak_mb ({systems:,} systems, native charts, budget {BUDGET_MB})"] = export_peak_mb(
        [str(source), "--pptx", str(out / "deck.pptx")]
    )


if __name__ == "__main__":
    quick = "--quick" in sys.argv[1:]
    figures: dict[str, dict[str, float]] = {}
    export_memory_figures(figures, quick)
    for name, r in figures.items():
        print(f"{name:<70}  {r['median']:>9.1f} MB  ({r['seconds']:.1f} s)")
