"""Inputs are regular files: pipes, devices, sockets and folders are refused at once, reads are bounded."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import threading

import pytest

from gapradar.io import LoadError, load, yaml_format


def test_a_fifo_nobody_writes_to_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            load(fifo)
            outcome.append(None)
        except BaseException as e:
            outcome.append(e)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the hung reader before failing
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        reader.join(timeout=10)
        pytest.fail("reading a FIFO blocked")
    assert isinstance(outcome[0], LoadError)
    assert "named pipe (FIFO), not a file" in str(outcome[0])


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_with_a_message(device):
    result = subprocess.run(
        [sys.executable, "-m", "gapradar", "validate", device],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"{device}:1:1: this is a device, not a file; gapradar reads only regular files"
    )


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        with pytest.raises(LoadError, match="this is a socket, not a file"):
            load(path)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(LoadError, match="this is a folder"):
        load(tmp_path)


def test_the_size_limit_holds_for_files_that_lie_about_their_size(monkeypatch):
    """/proc files say they are empty and stream on: the limit counts what is read."""
    monkeypatch.setattr(yaml_format, "MAX_BYTES", 100)
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(
        LoadError, match="the file is more than 100 bytes; gapradar reads files up to 100 bytes"
    ):
        yaml_format.read_bytes("/proc/self/status")


def test_a_regular_file_reads_whole(tmp_path, sample_path):
    assert yaml_format.read_bytes(sample_path) == sample_path.read_bytes()
