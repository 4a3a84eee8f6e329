"""Where gapradar keeps settings and recovery copies (GAPRADAR_HOME overrides, for tests)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


def data_dir() -> Path:
    home = os.environ.get("GAPRADAR_HOME")
    base = (
        Path(home)
        if home
        else Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    )
    return base


def recovery_folder() -> Path:
    """Where recovery copies go, without creating it (so asking never fails)."""
    return data_dir() / "recovery"


def recovery_dir() -> Path:
    """The recovery folder, created if needed; OSError when it cannot be."""
    path = recovery_folder()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder", str(path)) from None
    return path


def settings() -> QSettings:
    home = os.environ.get("GAPRADAR_HOME")
    if home:
        return QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings()
