"""Loading figures a hostile or repeated file would show: refusal time and memory kept between loads.

Run alone with `python -m benchmarks.loading`; `python -m benchmarks` includes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ALIAS_BYTES = 3 * 2**20


def alias_amplified_text(size: int = ALIAS_BYTES, practices: int = 200) -> str:
    """One ratings mapping anchored once and aliased by every following system, up to `size` bytes."""
    head = [
        "gapradar: 1",
        "model:",
        "  title: Amplified",
        "  levels:",
        "  - {score: 0, name: Low}",
        "  - {score: 1, name: High}",
        "  practices:",
        *(f"  - {{id: p{i}, name: Practice {i}}}" for i in range(practices)),
        "systems:",
        "- name: S0",
        "  ratings: &r",
        *(f"    p{i}: {{current: 0, target: 1}}" for i in range(practices)),
    ]
    parts = ["\n".join(head) + "\n"]
    total, i = len(parts[0]), 1
    while total < size:
        part = f"- name: S{i}\n  ratings: *r\n"
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)


def alias_refusal_ms(runs: int) -> dict[str, float]:
    """Milliseconds from the file's bytes to the refusal of a 3 MB alias-amplified file."""
    from benchmarks.__main__ import timed
    from gapradar.io import LoadError, load

    path = Path(tempfile.mkdtemp(prefix="gapradar-bench-")) / "amplified.yaml"
    path.write_text(alias_amplified_text(), encoding="utf-8")

    def refuse() -> None:
        try:
            load(path)
        except LoadError:
            return
        raise AssertionError("the alias-amplified file was not refused")

    return timed(refuse, runs, warmup=1)


# Resident memory in use, after handing freed heap back to the system where
# glibc allows it: glibc keeps freed heap for reuse once its mmap threshold has
# grown (about 15 MB here after the second load, the same after the sixth),
# which is not memory gapradar keeps. Both figures are reported.
_RSS_CHILD = """
import ctypes, ctypes.util, gc, json, os, sys
from gapradar.io import load

libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
trim = getattr(libc, "malloc_trim", None)

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

def measure():
    gc.collect()
    raw = rss_mb()
    if trim is not None:
        trim(0)
    return raw, rss_mb()

assessment = load(sys.argv[1])  # held, as the window holds the open document
raw_one, one = measure()
for _ in range(5):
    assessment = None
    assessment = load(sys.argv[1])
raw_six, six = measure()
print(json.dumps({"one": one, "six": six, "raw_one": raw_one, "raw_six": raw_six}))
"""


def rss_six_loads(systems: int = 1000, practices: int = 40) -> dict[str, float]:
    """Resident memory after six loads of one file over that after one: 1.0 means nothing is kept (Linux)."""
    from benchmarks.__main__ import large_assessment
    from gapradar.io import dumps

    path = Path(tempfile.mkdtemp(prefix="gapradar-bench-")) / "large.yaml"
    path.write_text(dumps(large_assessment(systems, practices)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _RSS_CHILD, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {"median": figures["six"] / figures["one"], "p95": float("nan"), "runs": 1, **figures}


def loading_figures(results: dict[str, dict[str, float]], runs: int) -> None:
    results["alias_refusal_ms (3 MB alias-amplified file, budget 1000)"] = alias_refusal_ms(
        max(1, runs // 10)
    )
    if Path("/proc/self/statm").exists():
        results["rss_ratio (six loads / one load, 1,000 × 40, budget 1.10)"] = rss_six_loads()


if __name__ == "__main__":
    start = time.perf_counter()
    figures: dict[str, dict[str, float]] = {}
    loading_figures(figures, 10)
    for name, r in figures.items():
        extra = {k: round(v, 1) for k, v in r.items() if k not in ("median", "p95", "runs")}
        print(f"{name:<60}  {r['median']:>9.2f}  {extra or ''}")
    print(f"({time.perf_counter() - start:.1f} s)")
