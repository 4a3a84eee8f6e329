"""The one safe way gapradar writes a file: all of it, or nothing and the old file as it was.

Every output (saves, recovery copies, imports, CSV, charts, decks, per-system
batches) goes through here. The bytes go to a temporary file in the target's
own folder, are checked written in full and fsynced, and only then renamed
over the target, so a full disk, a crash or a kill never leaves a half file.
A symbolic link is written through (its target is replaced, the link stays);
a dangling or looping link is an error rather than a silent new file. A new
file gets the mode the umask gives; an existing file keeps its mode.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path


class WriteError(OSError):
    """A file that was not written; the old file, if any, is untouched.

    An OSError, so existing `except OSError` keeps working; str() is the
    user's message: "cannot write FILE: reason".
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, code: int = 0) -> None:
        super().__init__(code, reason, str(path))
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


def reason_for(error: OSError) -> str:
    """Why a write failed, in the system's own words ("No space left on device")."""
    if isinstance(error, WriteError):
        return error.reason
    return (error.strerror or str(error) or type(error).__name__).rstrip(".")


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The regular file a write to `path` must replace: links followed, special files refused."""
    given = Path(path)
    if os.path.islink(given):
        try:
            target = Path(os.path.realpath(given, strict=True))
        except FileNotFoundError:
            link = os.readlink(given)
            raise WriteError(given, f"it is a symbolic link to {link}, which does not exist") from None
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise WriteError(given, "it is a symbolic link that loops back on itself") from None
            raise WriteError(given, reason_for(e), e.errno or 0) from None
    else:
        try:
            folder = Path(os.path.realpath(given.parent, strict=True))
        except OSError as e:
            raise WriteError(
                given, f"the folder {given.parent} does not exist or cannot be read ({reason_for(e)})"
            ) from None
        if not folder.is_dir():
            raise WriteError(given, f"{given.parent} is not a folder")
        target = folder / given.name
    try:
        st = target.stat()
    except FileNotFoundError:
        return target
    except OSError as e:
        raise WriteError(given, reason_for(e), e.errno or 0) from None
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(given, "it is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(given, "it is not a regular file (a pipe, device or socket)")
    return target


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new empty temporary file beside the target, opened for writing.

    Created with mode 0666 so the kernel applies the umask (and any default
    ACL), exactly as for a file the user's other programs create.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _keep_owner_and_mode(tmp: Path, target: Path) -> None:
    """An existing file keeps its mode (and, where allowed, its owner and group)."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return
    if hasattr(os, "chown"):
        try:
            mine = tmp.stat()
            if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
                os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # only the owner (or root) may give a file away; the mode still follows
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:
            raise OSError(errno.ENOSPC, "nothing more could be written")
        view = view[n:]
    if os.fstat(fd).st_size != len(data):
        raise OSError(errno.EIO, "the file on disk is shorter than what was written")


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(tmp: Path, target: Path, given: Path) -> None:
    try:
        _keep_owner_and_mode(tmp, target)
        os.replace(tmp, target)
    except OSError as e:
        raise WriteError(given, reason_for(e), e.errno or 0) from None
    _sync_folder(target.parent)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` all or nothing; returns the file actually written (links resolved).

    Raises WriteError (an OSError) with the user's path and a plain reason.
    """
    given = Path(path)
    target = resolve_target(given)
    try:
        fd, tmp = _create_beside(target)
    except OSError as e:
        raise WriteError(given, reason_for(e), e.errno or 0) from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        _replace(tmp, target, given)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError) and not isinstance(e, WriteError):
            raise WriteError(given, reason_for(e), e.errno or 0) from None
        raise
    return target


def atomic_write_via(
    path: str | os.PathLike[str],
    produce: Callable[[str], None],
    incomplete: Callable[[Path], str | None] | None = None,
) -> Path:
    """For writers that insist on a file name (Qt's SVG, PDF and image writers).

    `produce` writes the temporary file beside the target; `incomplete` reads
    it back and names what is missing (such writers ignore a full disk and
    stop silently), and only a complete, fsynced file is renamed over the target.
    """
    given = Path(path)
    target = resolve_target(given)
    try:
        fd, tmp = _create_beside(target)
        os.close(fd)
    except OSError as e:
        raise WriteError(given, reason_for(e), e.errno or 0) from None
    try:
        try:
            produce(str(tmp))
        except OSError as e:
            raise WriteError(
                given, _disk_full_or(target.parent, e.strerror or "the file could not be written completely")
            ) from None
        problem = incomplete(tmp) if incomplete else None
        if problem:
            raise WriteError(given, _disk_full_or(target.parent, problem))
        _fsync_path(tmp)
        _replace(tmp, target, given)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError) and not isinstance(e, WriteError):
            raise WriteError(given, reason_for(e), e.errno or 0) from None
        raise
    return target


def _disk_full_or(folder: Path, reason: str) -> str:
    """Writers that swallow errors cannot say why; a full disk is the usual cause, so check it."""
    try:
        full = hasattr(os, "statvfs") and os.statvfs(folder).f_bavail == 0
    except OSError:
        full = False
    return os.strerror(errno.ENOSPC) if full else reason
