"""A ready PowerPoint deck: title, overview, one slide per system with its largest gaps, averages.

python-pptx cannot place SVG pictures, so charts go in as PNG at twice the
slide's resolution, which stays sharp on a projector and when zoomed.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from gapradar.chart.spec import ChartSpec
from gapradar.domain import AVERAGE_NAME, practice_averages, prioritised_gaps
from gapradar.export.render import ExportOptions, chart_image, png_bytes
from gapradar.io.atomic import atomic_write_bytes

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
SLIDE_DPI = 96 * 2


def _png_bytes(spec: ChartSpec, options: ExportOptions, width_in: float, height_in: float) -> io.BytesIO:
    sized = replace(
        options,
        width=round(width_in * SLIDE_DPI),
        height=round(height_in * SLIDE_DPI),
        dpi=SLIDE_DPI,
        title=False,
    )
    return io.BytesIO(png_bytes(chart_image(spec, sized)))


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _table(slide, rows: list[list[str]], left, top, width, height, font_pt: int = 14):
    from pptx.util import Pt

    shape = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, height)
    table = shape.table
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font_pt)
                    run.font.bold = r == 0
    return table


def export_deck(spec: ChartSpec, path: str, options: ExportOptions) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    a = spec.assessment
    model = a.model
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    title_layout, title_only = deck.slide_layouts[0], deck.slide_layouts[5]

    slide = deck.slides.add_slide(title_layout)
    slide.shapes.title.text = a.title or model.title
    slide.placeholders[1].text = f"{model.title}\n{options.subtitle or date.today().isoformat()}"

    def chart_slide(title: str, chart: ChartSpec, chart_width_in: float):
        s = deck.slides.add_slide(title_only)
        s.shapes.title.text = title
        s.shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
        top, height = 1.3, SLIDE_H_IN - 1.5
        picture = _png_bytes(chart, options, chart_width_in, height)
        s.shapes.add_picture(picture, Inches(0.3), Inches(top), Inches(chart_width_in), Inches(height))
        return s

    chart_slide(f"Overview: {a.systems_label}", replace(spec, focus=None), SLIDE_W_IN - 0.6)

    for system in a.systems:
        s = chart_slide(
            system.name,
            ChartSpec(a, checked=(system.name,), show_average=False, focus=system.name, theme=spec.theme),
            7.6,
        )
        gaps = prioritised_gaps(a, system)[:5]
        rows = [["Practice", "Current", "Target", "Gap"]]
        rows += [
            [g.practice.name, model.level_label(g.current), model.level_label(g.target), f"+{g.gap}"]
            for g in gaps
        ]
        if not gaps:
            rows.append(["No gaps to close", "", "", ""])
        table = _table(s, rows, Inches(8.1), Inches(1.5), Inches(4.9), Inches(0.4 * len(rows)), font_pt=12)
        table.columns[0].width = Inches(1.9)
        table.columns[1].width = Inches(1.2)
        table.columns[2].width = Inches(1.2)
        table.columns[3].width = Inches(0.6)

    s = deck.slides.add_slide(title_only)
    s.shapes.title.text = AVERAGE_NAME
    rows = [["Practice", "Mean current", "Mean target", "Mean gap"]]
    rows += [[x.practice.name, _fmt(x.current), _fmt(x.target), _fmt(x.gap)] for x in practice_averages(a)]
    font = 14 if len(rows) <= 10 else 10
    _table(
        s,
        rows,
        Inches(0.8),
        Inches(1.5),
        Inches(SLIDE_W_IN - 1.6),
        Inches(min(5.6, 0.42 * len(rows))),
        font_pt=font,
    )
    buffer = io.BytesIO()
    deck.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())  # all or nothing, like every export
