"""One focus chart per system into a folder: used by the CLI and the window alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from gapradar.chart.spec import ChartSpec
from gapradar.export.files import safe_file_name, write_chart
from gapradar.export.render import ExportOptions
from gapradar.io.atomic import WriteError, reason_for


class BatchWriteError(WriteError):
    """One file of a batch failed: says which, why, and which files were written before it."""

    def __init__(self, error: WriteError, written: list[Path], total: int) -> None:
        super().__init__(error.path, error.reason, error.errno or 0)
        self.written = written
        self.total = total

    def __str__(self) -> str:
        done = (
            f"{len(self.written)} of {self.total} charts were written before it: "
            + ", ".join(p.name for p in self.written)
            if self.written
            else f"none of the {self.total} charts was written"
        )
        return f"{super().__str__()} ({done})"


def per_system_charts(
    spec: ChartSpec,
    folder: str | Path,
    fmt: str,
    options: ExportOptions,
    before_each: Callable[[int, str], bool] | None = None,
    after_each: Callable[[Path], None] | None = None,
) -> int:
    """Write one file per system, named safely for every OS; `before_each` returning False stops.

    Each file is written all or nothing (`write_chart`); `after_each` hears of every
    finished file. Returns how many were written; a failure raises BatchWriteError
    (an OSError) naming the failing file and the files already written.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(folder, "it is a file, not a folder") from None
    except OSError as e:
        raise WriteError(folder, reason_for(e), e.errno or 0) from None
    names = spec.assessment.system_names()
    taken: set[str] = set()
    written: list[Path] = []
    for i, name in enumerate(names):
        if before_each is not None and not before_each(i, name):
            break
        target = folder / safe_file_name(name, fmt, taken)
        try:
            write_chart(fmt, replace(spec, checked=(name,), focus=name, show_average=False), target, options)
        except WriteError as e:
            raise BatchWriteError(e, written, len(names)) from None
        written.append(target)
        if after_each is not None:
            after_each(target)
    return len(written)
