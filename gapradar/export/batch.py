"""One focus chart per system into a folder: used by the CLI and the window alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from gapradar.chart.spec import ChartSpec
from gapradar.export.files import safe_file_name
from gapradar.export.render import WRITERS, ExportOptions


def per_system_charts(
    spec: ChartSpec,
    folder: str | Path,
    fmt: str,
    options: ExportOptions,
    before_each: Callable[[int, str], bool] | None = None,
) -> int:
    """Write one file per system, named safely for every OS; `before_each` returning False stops.

    Returns how many files were written; OSError propagates with the failing path.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written = 0
    for i, name in enumerate(spec.assessment.system_names()):
        if before_each is not None and not before_each(i, name):
            break
        target = folder / safe_file_name(name, fmt, taken)
        WRITERS[fmt](replace(spec, checked=(name,), focus=name, show_average=False), str(target), options)
        written += 1
    return written
