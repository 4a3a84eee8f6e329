"""The one way gapradar reads a file the user names: regular files only, and never more than a limit.

A named pipe nobody writes to would block forever, and /dev/zero or
/dev/urandom would be read until memory runs out; so the kind of file is
checked before reading (and again on the open descriptor, in case the name
was swapped meanwhile), the open never blocks, and the read stops one byte
past the limit whatever the size on disk claims.
"""

from __future__ import annotations

import os
import stat

from gapradar.io.errors import LoadError, Problem

DEFAULT_LIMIT = 64 * 1024 * 1024
_CHUNK = 1024 * 1024


def _refuse(name: str, message: str) -> LoadError:
    return LoadError([Problem(name, 1, 1, message)])


def _not_regular(mode: int) -> str | None:
    """Why a file of this kind is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "this is a folder, not a gapradar file"
    if stat.S_ISFIFO(mode):
        return "this is a named pipe (FIFO), not a file; gapradar reads only regular files"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device, not a file; gapradar reads only regular files"
    if stat.S_ISSOCK(mode):
        return "this is a socket, not a file; gapradar reads only regular files"
    return "this is not a regular file; gapradar reads only regular files"


def _amount(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size} bytes"


def _too_big(name: str, size: int, limit: int, more: bool = False) -> LoadError:
    amount = f"more than {_amount(limit)}" if more else _amount(size)
    return _refuse(name, f"the file is {amount}; gapradar reads files up to {_amount(limit)}")


def read_regular_file(path: str | os.PathLike[str], limit: int = DEFAULT_LIMIT) -> bytes:
    """A regular file's bytes, at most `limit` of them; anything else is a located LoadError at once."""
    name = str(path)
    try:
        st = os.stat(path)
        why = _not_regular(st.st_mode)
        if why:
            raise _refuse(name, why)
        if st.st_size > limit:
            raise _too_big(name, st.st_size, limit)
        flags = (
            os.O_RDONLY
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_CLOEXEC", 0)
            | getattr(os, "O_BINARY", 0)
        )
        fd = os.open(path, flags)
        try:
            why = _not_regular(os.fstat(fd).st_mode)
            if why:
                raise _refuse(name, why)
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > limit:
                    raise _too_big(name, total, limit, more=True)
        finally:
            os.close(fd)
    except IsADirectoryError:
        raise _refuse(name, "this is a folder, not a gapradar file") from None
    except OSError as e:
        raise _refuse(name, f"cannot read the file: {e.strerror or e}") from None
    return b"".join(chunks)
