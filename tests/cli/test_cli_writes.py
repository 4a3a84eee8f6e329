"""`gapradar export` and `import-legacy` never exit 0 unless every file they name is complete on disk.

A full disk is played by RLIMIT_FSIZE in a child process: every write past
the limit fails (EFBIG), for Qt's writers and Python's alike, as on a disk
that fills up after a few kilobytes. Unlike a tmpfs it needs no root.
"""

from __future__ import annotations

import csv
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gapradar.cli import main

LEGACY = Path(__file__).resolve().parent.parent / "io" / "legacy" / "data_radar.js"
ROOT = Path(__file__).resolve().parent.parent.parent
FULL_AFTER = 4096


def _disk_full_after_4k() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (FULL_AFTER, FULL_AFTER))


def gapradar_on_a_full_disk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gapradar", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        preexec_fn=_disk_full_after_4k,
    )


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def old_exports(tmp_path_factory) -> Path:
    """One complete export of each kind, made before the disk fills up."""
    folder = tmp_path_factory.mktemp("old")
    args = ["export", "--sample", "--csv", str(folder / "old.csv")]
    for fmt in ("svg", "pdf", "png", "pptx"):
        args += [f"--{fmt}", str(folder / f"old.{fmt}")]
    assert main(args) == 0
    return folder


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png", "pptx", "csv"])
def test_full_disk_export_over_an_old_file_fails_and_keeps_it(fmt, old_exports, tmp_path):
    target = tmp_path / f"old.{fmt}"
    target.write_bytes((old_exports / f"old.{fmt}").read_bytes())
    before = target.read_bytes()
    assert len(before) > FULL_AFTER
    result = gapradar_on_a_full_disk("export", "--sample", f"--{fmt}", str(target))
    assert result.returncode == 1, result.stderr
    assert f"gapradar: cannot write {target}: " in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert target.read_bytes() == before
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_full_disk_export_to_a_new_file_leaves_no_partial(fmt, tmp_path):
    target = tmp_path / f"new.{fmt}"
    result = gapradar_on_a_full_disk("export", "--sample", f"--{fmt}", str(target))
    assert result.returncode == 1, result.stderr
    assert f"gapradar: cannot write {target}: " in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_full_disk_per_system_batch_fails_and_leaves_no_partial(tmp_path):
    folder = tmp_path / "charts"
    result = gapradar_on_a_full_disk("export", "--sample", "--per-system", str(folder), "--format", "svg")
    assert result.returncode == 1, result.stderr
    assert f"gapradar: cannot write {folder}/" in result.stderr
    assert "none of the 10 charts was written" in result.stderr
    assert list(folder.iterdir()) == []


def test_batch_reports_which_files_were_written(tmp_path, capsys, monkeypatch):
    from gapradar.export import batch
    from gapradar.io.atomic import WriteError

    real = batch.write_chart
    calls = []

    def third_fails(fmt, spec, path, options):
        calls.append(path)
        if len(calls) == 3:
            raise WriteError(path, "No space left on device")
        return real(fmt, spec, path, options)

    monkeypatch.setattr(batch, "write_chart", third_fails)
    folder = tmp_path / "charts"
    assert (
        main(["export", "--sample", "--per-system", str(folder), "--format", "svg", "--size", "400x300"]) == 1
    )
    err = capsys.readouterr().err
    first, second = (p.name for p in calls[:2])
    assert f"wrote {folder / first}" in err and f"wrote {folder / second}" in err
    assert (
        f"gapradar: cannot write {calls[2]}: No space left on device (2 of 10 charts were written before it: "
        in err
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted([first, second])


def test_export_csv_through_a_symlink_writes_its_target(tmp_path, capsys):
    real = tmp_path / "real.csv"
    real.write_text("stale\n")
    link = tmp_path / "link.csv"
    link.symlink_to("real.csv")
    assert main(["export", "--sample", "--csv", str(link)]) == 0
    assert link.is_symlink()
    rows = list(csv.reader(real.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "System" and len(rows) > 10


@pytest.mark.parametrize("link_to", ["missing.csv", "out.csv"], ids=["dangling", "looping"])
def test_export_onto_a_broken_link_fails(link_to, tmp_path, capsys):
    link = tmp_path / "out.csv"
    link.symlink_to(link_to)
    assert main(["export", "--sample", "--csv", str(link)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"gapradar: cannot write {link}: it is a symbolic link")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"] and link.is_symlink()


def test_export_chart_onto_a_dangling_link_fails_before_writing_anything(tmp_path, capsys):
    (tmp_path / "chart.svg").symlink_to("gone/chart.svg")
    png = tmp_path / "chart.png"
    assert main(["export", "--sample", "--png", str(png), "--svg", str(tmp_path / "chart.svg")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not png.exists()


@pytest.mark.parametrize("link_to", ["missing.yaml", "out.yaml"], ids=["dangling", "looping"])
def test_import_legacy_onto_a_broken_link_fails(link_to, tmp_path, capsys):
    link = tmp_path / "out.yaml"
    link.symlink_to(link_to)
    assert main(["import-legacy", str(LEGACY), "-o", str(link), "--force"]) == 1
    assert capsys.readouterr().err.startswith(f"gapradar: cannot write {link}: it is a symbolic link")
    assert link.is_symlink()


def test_import_legacy_through_a_symlink_writes_its_target(tmp_path, capsys):
    real = tmp_path / "real.yaml"
    real.write_text("stale\n")
    link = tmp_path / "out.yaml"
    link.symlink_to(real)
    assert main(["import-legacy", str(LEGACY), "-o", str(link), "--force"]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# gapradar file")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_outputs_get_the_usual_modes(tmp_path, umask_022, capsys):
    new_csv, new_yaml, shared = tmp_path / "new.csv", tmp_path / "new.yaml", tmp_path / "shared.csv"
    shared.write_text("old\n")
    shared.chmod(0o664)
    assert main(["export", "--sample", "--csv", str(new_csv)]) == 0
    assert main(["export", "--sample", "--csv", str(shared)]) == 0
    assert main(["import-legacy", str(LEGACY), "-o", str(new_yaml)]) == 0
    assert stat.S_IMODE(new_csv.stat().st_mode) == 0o644
    assert stat.S_IMODE(new_yaml.stat().st_mode) == 0o644
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
