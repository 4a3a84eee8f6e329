"""Every export format in one table: the CLI's flags and the window's dialogs are built from it.

Adding a format is one writer module plus one entry here. A "chart" format
draws one chart (the dialog's preview, --per-system); a "document" format
writes the whole assessment (a deck, a workbook).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # each writer imports its module on first use
    from gapradar.chart.spec import ChartSpec
    from gapradar.chart.view_spec import ViewSpec
    from gapradar.domain.assessment import Round
    from gapradar.export.pptx_deck import DeckOptions
    from gapradar.export.render import ExportOptions

Writer = Callable[..., None]  # (spec, path, options, **format-specific options)


@dataclass(frozen=True)
class ExportFormat:
    id: str  # the CLI flag (--png) and the settings' key
    label: str  # what the dialog's format list says
    extensions: tuple[str, ...]  # the first is the one a new file gets
    kind: str  # "chart" or "document"
    help: str
    writer: Writer

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def file_filter(self) -> str:
        """A file dialog's filter: 'PNG image (*.png)'."""
        return f"{self.label} ({' '.join(f'*.{e}' for e in self.extensions)})"

    def with_extension(self, path: str) -> str:
        """`path`, with this format's extension added unless it has one of them already."""
        if any(path.lower().endswith(f".{e}") for e in self.extensions):
            return path
        return f"{path}.{self.extension}"


def _png(spec: ChartSpec, path: str, options: ExportOptions) -> None:
    from gapradar.export.files import write_chart

    write_chart("png", spec, path, options)  # beside the target, checked whole, then renamed


def _svg(spec: ChartSpec, path: str, options: ExportOptions) -> None:
    from gapradar.export.files import write_chart

    write_chart("svg", spec, path, options)  # beside the target, checked whole, then renamed


def _pdf(spec: ChartSpec, path: str, options: ExportOptions) -> None:
    from gapradar.export.files import write_chart

    write_chart("pdf", spec, path, options)  # beside the target, checked whole, then renamed


def _pptx(spec: ChartSpec, path: str, options: ExportOptions, deck: DeckOptions | None = None) -> None:
    from gapradar.export.pptx_deck import DeckOptions, export_deck

    export_deck(spec, path, options, deck or DeckOptions())


def _xlsx(spec: ChartSpec, path: str, options: ExportOptions) -> None:
    from gapradar.export.xlsx_workbook import export_workbook

    export_workbook(spec.assessment, path, getattr(spec, "rollup", "mean"), baseline_of(spec))


def baseline_of(spec: ChartSpec | ViewSpec) -> Round | None:
    """The round a spec compares with: a ViewSpec names it by id, a radar's ChartSpec holds the Round."""
    from gapradar.domain.assessment import Round

    chosen = getattr(spec, "baseline", None)
    if isinstance(chosen, str):
        try:
            return spec.assessment.round(chosen)
        except KeyError:
            return None
    return chosen if isinstance(chosen, Round) else None


FORMATS: dict[str, ExportFormat] = {
    f.id: f
    for f in (
        ExportFormat("png", "PNG image", ("png",), "chart", "a picture of the chart", _png),
        ExportFormat(
            "svg", "SVG vector", ("svg",), "chart", "the chart as vector drawing, text stays text", _svg
        ),
        ExportFormat("pdf", "PDF document", ("pdf",), "chart", "a one-page PDF of the chart", _pdf),
        ExportFormat(
            "pptx",
            "PowerPoint deck",
            ("pptx",),
            "document",
            "a slide deck: overview, one slide per system, averages",
            _pptx,
        ),
        ExportFormat(
            "xlsx",
            "Excel workbook",
            ("xlsx",),
            "document",
            "scores, matrix, gaps and averages as typed sheets, with radar charts",
            _xlsx,
        ),
    )
}


def chart_formats() -> list[ExportFormat]:
    return [f for f in FORMATS.values() if f.kind == "chart"]


def document_formats() -> list[ExportFormat]:
    return [f for f in FORMATS.values() if f.kind == "document"]


def by_label(label: str) -> ExportFormat:
    return next(f for f in FORMATS.values() if f.label == label)
