"""The benchmark harness runs (one run each), so it cannot rot; it asserts no timings."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_quick_benchmark_run(tmp_path):
    out = tmp_path / "bench.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())
    assert figures["edit_repaint_ms (sample)"]["median"] > 0
    assert "median" in done.stdout


def test_voting_load_run(tmp_path):
    """A few phones on 127.0.0.1, two practices: nothing lost, and the server is closed afterwards."""
    out = tmp_path / "voting.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.voting",
            "--phones",
            "4",
            "--practices",
            "2",
            "--spread",
            "0",
            "--json",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())
    assert figures["votes lost"] == 0 and figures["votes in the document"] == 8
    assert figures["server still running"] is False
