"""The one safe writer: all or nothing, through links, with the modes other programs would give."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from gapradar.io.atomic import WriteError, atomic_write_bytes, atomic_write_via

OLD = b"the old file, which must survive\n" * 100
NEW = b"x" * 200_000


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _full_disk_after(monkeypatch, budget: int) -> None:
    """os.write accepts `budget` bytes in all, then fails like a full disk."""
    real = os.write
    left = [budget]

    def write(fd, data):
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = real(fd, bytes(data)[: left[0]])
        left[0] -= n
        return n

    monkeypatch.setattr(os, "write", write)


def test_full_disk_leaves_the_old_file_and_no_partial(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    _full_disk_after(monkeypatch, 4096)
    with pytest.raises(WriteError) as info:
        atomic_write_bytes(target, NEW)
    monkeypatch.undo()
    assert str(info.value) == f"cannot write {target}: No space left on device"
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_full_disk_on_a_new_file_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "new.csv"
    _full_disk_after(monkeypatch, 0)
    with pytest.raises(WriteError, match="No space left on device"):
        atomic_write_bytes(target, NEW)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_failing_fsync_leaves_the_old_file(tmp_path, monkeypatch):
    """Delayed allocation: the disk may only say it is full when the data is flushed."""
    target = tmp_path / "out.yaml"
    target.write_bytes(OLD)

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(WriteError, match="No space left on device"):
        atomic_write_bytes(target, NEW)
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_bytes(OLD)
    link = tmp_path / "link.csv"
    link.symlink_to("real.csv")
    assert atomic_write_bytes(link, NEW) == real
    assert link.is_symlink() and os.readlink(link) == "real.csv"
    assert real.read_bytes() == NEW


def test_a_link_to_a_link_in_another_folder(tmp_path):
    (tmp_path / "a").mkdir()
    real = tmp_path / "a" / "real.yaml"
    real.write_bytes(OLD)
    (tmp_path / "middle.yaml").symlink_to(real)
    (tmp_path / "top.yaml").symlink_to(tmp_path / "middle.yaml")
    atomic_write_bytes(tmp_path / "top.yaml", NEW)
    assert real.read_bytes() == NEW
    assert (tmp_path / "top.yaml").is_symlink() and (tmp_path / "middle.yaml").is_symlink()
    assert leftovers(tmp_path / "a") == [] and leftovers(tmp_path) == []


def test_a_dangling_link_is_an_error_and_nothing_is_written(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to("missing.csv")
    with pytest.raises(WriteError, match=r"symbolic link to missing\.csv, which does not exist"):
        atomic_write_bytes(link, NEW)
    assert link.is_symlink() and not (tmp_path / "missing.csv").exists()
    assert leftovers(tmp_path) == []


def test_a_looping_link_is_an_error(tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to("out.csv")
    with pytest.raises(WriteError, match="loops"):
        atomic_write_bytes(link, NEW)
    assert link.is_symlink()


def test_new_files_get_the_umask_mode_and_old_files_keep_theirs(tmp_path, umask_022):
    new = tmp_path / "new.csv"
    atomic_write_bytes(new, NEW)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    shared = tmp_path / "shared.csv"
    shared.write_bytes(OLD)
    shared.chmod(0o664)
    atomic_write_bytes(shared, NEW)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    assert shared.read_bytes() == NEW


def test_a_folder_or_a_pipe_is_not_replaced(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(WriteError, match="it is a folder"):
        atomic_write_bytes(tmp_path / "folder.csv", NEW)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        atomic_write_bytes(fifo, NEW)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(WriteError, match="does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "out.csv", NEW)


def test_a_writer_that_stops_silently_is_caught(tmp_path):
    """Qt's SVG and PDF writers ignore a full disk: the read-back check must catch the stump."""
    target = tmp_path / "chart.svg"
    target.write_bytes(OLD)

    def truncated(name: str) -> None:
        with open(name, "wb") as f:
            f.write(b'<svg xmlns="http://www.w3.org/2000/svg"><g>')

    def incomplete(path):
        return None if path.read_bytes().rstrip().endswith(b"</svg>") else "the SVG came out incomplete"

    with pytest.raises(WriteError, match=r"cannot write .*chart\.svg: the SVG came out incomplete"):
        atomic_write_via(target, truncated, incomplete)
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []
