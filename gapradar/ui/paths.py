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


def export_folder(document: Path | None) -> Path:
    """Where an export dialog starts: beside the open file, unless it is one of gapradar's own
    samples (or unwritable); then the folder last exported to, else Documents."""
    from gapradar import bundled

    if document is not None and not bundled.is_bundled(document) and os.access(document.parent, os.W_OK):
        return document.parent
    remembered = str(settings().value("export/folder", "") or "")
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_export_folder(folder: str | Path) -> None:
    """The folder just exported to: where the next export starts when there is no better place."""
    settings().setValue("export/folder", str(folder))
