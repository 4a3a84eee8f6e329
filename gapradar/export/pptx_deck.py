"""A deck to present as is: title, overview, one slide per system with its largest gaps, averages.

Slides are 16:9 and built from a blank layout with our own text boxes: the
default template's placeholders are 4:3 and sit left of centre on a wide slide.
Charts are PowerPoint's own radar charts by default (data embedded, "Edit
Data" works, text at 14 pt or more); pictures of gapradar's chart are an option
when the slide must match the app pixel for pixel. A practice that does not
apply (n/a) is a break in the radar's line and listed under the system's gaps;
confidence marks are counted there ("7 of 12 practices evidenced") and drawn on
the current level's markers: hollow (claimed), filled (evidenced), larger with
a dark ring (verified).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from gapradar.chart import radar_rollup
from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import THEMES, Theme, style_for
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import AVERAGE_NAME, Assessment, System, practice_averages, prioritised_gaps
from gapradar.domain.analysis import GapEntry, confidence_count, confidence_summary
from gapradar.export.render import MAX_OVERLAID, ExportOptions, chart_image, png_bytes, write_bytes

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
MARGIN_IN = 0.5
TITLE_PT = 30
BODY_PT = 14  # nothing on a slide is smaller than this
SLIDES = ("title", "overview", "systems", "averages")
GAP_FIRST_SLIDES = ("heatmap", "gaps")  # chosen with --deck-slides: the heatmap and the roll-up's gap chart
# With two or more rounds: the slope chart and what moved since the baseline. Every deck with an
# overview has them (a deck of a file with one round has nothing to compare); --deck-slides since asks alone.
ROUND_SLIDES = ("since",)
HEADER_FILL = "1F3B57"
BAND_FILL = "EEF2F6"


@dataclass(frozen=True)
class DeckOptions:
    slides: tuple[str, ...] = SLIDES
    charts: str = "native"  # or "picture": gapradar's own drawing, pixel for pixel
    gaps: int = 5  # largest gaps per system; ties with the last one are shown too
    notes: bool = True  # each rating's note in its system's speaker notes
    rollup: str | None = None  # the roll-up rule of every slide that shows one; None: the chart's


def largest_gaps(assessment: Assessment, system: System, count: int) -> list[GapEntry]:
    """The `count` largest gaps, plus every further gap tied with the last one: a cut never hides a tie."""
    gaps = prioritised_gaps(assessment, system)
    if count <= 0 or len(gaps) <= count:
        return gaps
    cut = gaps[count - 1].gap
    return [g for i, g in enumerate(gaps) if i < count or g.gap == cut]


# ---------------------------------------------------------------- text


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _title_pt(text: str, base: int = TITLE_PT) -> int:
    """Long titles step down so they stay inside their box (two lines at most)."""
    if len(text) <= 50:
        return base
    if len(text) <= 80:
        return base - 4
    return max(BODY_PT + 4, base - 10)


def _text_box(slide, text: str, left, top, width, height, pt: int, bold=False, centre=True, colour="1A1A1A"):
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER if centre else PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(pt)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)
    return box


def _slide_title(slide, text: str):
    from pptx.util import Inches

    box = _text_box(
        slide,
        text,
        Inches(MARGIN_IN),
        Inches(0.25),
        Inches(SLIDE_W_IN - 2 * MARGIN_IN),
        Inches(0.95),
        _title_pt(text),
        bold=True,
    )
    box.name = "Title"
    return box


# ---------------------------------------------------------------- tables


def table_height_in(rows: list[list[str]], widths_in: list[float], pt: int) -> float:
    """About how tall `_table` draws `rows` once cells wrap (a generous average glyph width)."""
    glyph_in = pt / 72 * 0.5  # DejaVu Sans and Calibri average about half an em
    total = 0.0
    for row in rows:
        lines = 1
        for text, width in zip(row, widths_in, strict=True):
            per_line = max(1, int((width - 0.16) / glyph_in))
            count, used = 1, 0
            for word in text.split():
                if used and used + 1 + len(word) > per_line:
                    count, used = count + 1, len(word)
                else:
                    used += len(word) + (1 if used else 0)
                count += max(0, (len(word) - 1) // per_line)
            lines = max(lines, count)
        total += max(pt / 72 * 2.0, lines * pt / 72 * 1.2 + 0.1)
    return total


def _table(slide, rows: list[list[str]], left, top, widths_in: list[float], pt: int = BODY_PT):
    """A readable table: dark header, banded rows, numbers right-aligned."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    row_in = pt / 72 * 2.0
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), left, top, Inches(sum(widths_in)), Inches(row_in * len(rows))
    )
    table = shape.table
    for c, w in enumerate(widths_in):
        table.columns[c].width = Inches(w)
    for r, row in enumerate(rows):
        table.rows[r].height = Inches(row_in)
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(
                HEADER_FILL if r == 0 else (BAND_FILL if r % 2 == 0 else "FFFFFF")
            )
            cell.margin_left = cell.margin_right = Inches(0.08)
            numeric = c > 0 and r > 0 and text.lstrip("+-–").replace(".", "").isdigit()
            for paragraph in cell.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
                for run in paragraph.runs:
                    run.font.size = Pt(pt)
                    run.font.bold = r == 0
                    run.font.color.rgb = _rgb("FFFFFF" if r == 0 else "1A1A1A")
    return table


# ---------------------------------------------------------------- charts


def _wrap(name: str, width: int = 18) -> str:
    """A long practice name on two lines, so 14 pt labels leave the radar its room."""
    if len(name) <= width or " " not in name:
        return name
    middle = len(name) / 2
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - middle))
    return f"{name[:cut]}\n{name[cut + 1 :]}"


def _wrap_narrow(name: str, width: int = 16) -> str:
    """A practice name in lines of about `width` characters: beside a legend the radar needs the width."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _manual_layout(parent, before: str | None, x: float, y: float, w: float, h: float, inner: bool) -> None:
    """A c:layout/c:manualLayout under `parent` (before its child `before`), in fractions of the frame."""
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    for old in parent.findall(f"{{{ns}}}layout"):
        parent.remove(old)
    layout = etree.Element(f"{{{ns}}}layout")
    anchor = parent.find(f"{{{ns}}}{before}") if before else None
    if anchor is not None:
        anchor.addprevious(layout)
    elif before is None:
        parent.insert(0, layout)
    else:
        parent.append(layout)
    manual = etree.SubElement(layout, f"{{{ns}}}manualLayout")
    values: list[tuple[str, str | float]] = [
        ("xMode", "edge"),
        ("yMode", "edge"),
        ("x", x),
        ("y", y),
        ("w", w),
        ("h", h),
    ]
    if inner:
        values.insert(0, ("layoutTarget", "inner"))
    for tag, value in values:
        etree.SubElement(manual, f"{{{ns}}}{tag}").set(
            "val", f"{value:.4f}" if isinstance(value, float) else value
        )


def _plot_area(chart, x: float, y: float, w: float, h: float) -> None:
    """Place the radar itself (fractions of the chart frame): LibreOffice and PowerPoint honour it."""
    from lxml import etree

    ns = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    plot = chart._chartSpace.chart.plotArea
    for old in plot.findall(f"{{{ns}}}layout"):
        plot.remove(old)
    layout = etree.Element(f"{{{ns}}}layout")
    plot.insert(0, layout)
    manual = etree.SubElement(layout, f"{{{ns}}}manualLayout")
    for tag, value in (
        ("layoutTarget", "inner"),
        ("xMode", "edge"),
        ("yMode", "edge"),
        ("x", x),
        ("y", y),
        ("w", w),
        ("h", h),
    ):
        etree.SubElement(manual, f"{{{ns}}}{tag}").set(
            "val", f"{value:.4f}" if isinstance(value, float) else value
        )


def centre_blank_format(scores) -> str:
    """A number format that shows the level scores and leaves the centre (below the lowest) blank.

    A section after a condition shows its numbers without their sign, so negative levels get
    a section of their own that writes the minus: -1 must not read as a second 1.
    """
    low = min(scores)
    if low < 0:
        return f'[<{low}]"";[<0]-0;0'
    return f'[<{low}]"";0'


def _native_radar(slide, categories, series, model_scores, left, top, width, height, legend_right=True):
    """A PowerPoint radar chart: `series` is [(name, values, colour, dash, marker)]."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Pt

    data = CategoryChartData()
    labels = [_wrap_narrow(c) if legend_right else _wrap(c) for c in categories]
    data.categories = labels
    for name, values, *_ in series:
        data.add_series(name, values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.RADAR_MARKERS, left, top, width, height, data)
    chart = frame.chart
    chart.font.size = Pt(BODY_PT)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT if legend_right else XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(BODY_PT)
    axis = chart.value_axis
    # As on gapradar's own radar, the centre is below the lowest level (where nothing is drawn):
    # the lowest level is a ring of its own, and the centre's number is left blank.
    axis.minimum_scale = min(model_scores) - 1
    axis.maximum_scale = max(model_scores)
    axis.major_unit = 1
    axis.tick_labels.number_format = centre_blank_format(model_scores)
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(BODY_PT)
    axis.has_major_gridlines = True
    chart.category_axis.tick_labels.font.size = Pt(BODY_PT)
    for plot_series, (_, _, colour, dash, marker) in zip(chart.plots[0].series, series, strict=True):
        line = plot_series.format.line
        line.color.rgb = _rgb(colour)
        line.width = Pt(2.25)
        if dash is not None:
            line.dash_style = dash
        plot_series.smooth = False
        plot_series.marker.style = marker
        plot_series.marker.size = 8
        plot_series.marker.format.fill.solid()
        plot_series.marker.format.fill.fore_color.rgb = _rgb(colour)
        plot_series.marker.format.line.color.rgb = _rgb(colour)
    if legend_right:
        _beside_legend(chart, labels, [name for name, *_ in series], width, height)
        return chart
    # A square radar with room around it for two-line practice names at 14 pt.
    room = 914400 * 1.55  # EMU: two-line practice names beside the radar
    side = min(width - 2 * room, height * 0.8)
    w, h = side / width, side / height
    _plot_area(chart, (1.0 - w) / 2, (0.88 - h) / 2, w, h)
    return chart


EMU_IN = 914400
CHAR_EM = 0.55  # a generous average character width (LibreOffice falls back to DejaVu Sans, a wide face)


def _text_in(text: str, pt: float = BODY_PT) -> float:
    """About how wide `text` is at `pt` points, in inches: enough to keep labels and legend apart."""
    return len(text) * pt * CHAR_EM / 72


def _beside_legend(chart, categories: list[str], names: list[str], width: int, height: int) -> None:
    """The legend at the right, as wide as its longest name; the radar square in what is left.

    The plot area is the radar itself, so the practice names around it need
    room of their own: as wide as the longest line of a (wrapped) name on the
    left and right, two lines above and below. Without it LibreOffice lets a
    name at the right run into the legend.
    """
    width_in, height_in = width / EMU_IN, height / EMU_IN
    legend_in = min(0.42 * width_in, max(_text_in(n) for n in names) + 0.7)  # + the line-and-marker key
    lines = [line for c in categories for line in c.split("\n")]
    label_in = max(_text_in(line) for line in lines) + 0.25
    line_in = BODY_PT * 1.25 / 72
    room_in = width_in - legend_in - 0.2
    rows = max(c.count("\n") + 1 for c in categories)
    side_in = max(1.0, min(room_in - 2 * label_in, height_in - 2 * (rows * line_in + 0.15)))
    w, h = side_in / width_in, side_in / height_in
    _plot_area(chart, (room_in / width_in - w) / 2, (1 - h) / 2, w, h)
    x = 1 - legend_in / width_in
    _manual_layout(chart.legend._element, "overlay", x, 0.04, legend_in / width_in, 0.92, inner=False)


def _dash(line: str):
    from pptx.enum.dml import MSO_LINE_DASH_STYLE

    return {
        "solid": None,
        "dashed": MSO_LINE_DASH_STYLE.DASH,
        "dotted": MSO_LINE_DASH_STYLE.ROUND_DOT,
        "dashdot": MSO_LINE_DASH_STYLE.DASH_DOT,
        "dashdotdot": MSO_LINE_DASH_STYLE.DASH_DOT_DOT,
    }[line]


def _marker(symbol: str):
    from pptx.enum.chart import XL_MARKER_STYLE

    return {
        "o": XL_MARKER_STYLE.CIRCLE,
        "s": XL_MARKER_STYLE.SQUARE,
        "t1": XL_MARKER_STYLE.TRIANGLE,
        "d": XL_MARKER_STYLE.DIAMOND,
    }[symbol]


PICTURE_DPI = 192  # twice a projector's resolution: sharp when zoomed


def _picture(slide, spec: ChartSpec, options: ExportOptions, left_in, top_in, width_in, height_in):
    """gapradar's own drawing, with text scaled so it reads at 14 pt or more on the slide."""
    from pptx.util import Inches

    from gapradar.chart.radar_scene import REFERENCE_PX

    w, h = round(width_in * PICTURE_DPI), round(height_in * PICTURE_DPI)
    scale = max(0.45, min(w, h) / REFERENCE_PX)
    need_px = BODY_PT / 72 * PICTURE_DPI
    sized = replace(
        options,
        width=w,
        height=h,
        dpi=PICTURE_DPI,
        title=False,
        font_scale=max(options.font_scale, need_px / (11.5 * scale)),  # level names, the smallest text
    )
    spec = replace(spec, chrome_scale=need_px / (13.5 * scale))  # the legend
    picture = io.BytesIO(png_bytes(chart_image(spec, sized)))
    slide.shapes.add_picture(picture, Inches(left_in), Inches(top_in), Inches(width_in), Inches(height_in))


# ---------------------------------------------------------------- slides


def _deck():
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    return deck, deck.slide_layouts[6]  # blank: no 4:3 placeholders


def _title_slide(deck, blank, a: Assessment, subtitle: str) -> None:
    from pptx.util import Inches

    slide = deck.slides.add_slide(blank)
    title = a.title or a.model.title
    width = Inches(SLIDE_W_IN - 2 * 1.0)
    box = _text_box(
        slide, title, Inches(1.0), Inches(1.6), width, Inches(2.4), _title_pt(title, 40), bold=True
    )
    box.name = "Title"
    sub = f"{a.model.title}\n{subtitle or date.today().isoformat()}"
    _text_box(slide, sub, Inches(1.0), Inches(4.3), width, Inches(1.3), 20, colour="505050").name = "Subtitle"


def _levels_key(slide, a: Assessment, left_in: float, top_in: float, width_in: float) -> None:
    from pptx.util import Inches

    text = "Levels: " + ", ".join(f"{lv.score} {lv.name}" for lv in a.model.levels)
    _text_box(
        slide,
        text,
        Inches(left_in),
        Inches(top_in),
        Inches(width_in),
        Inches(0.5),
        BODY_PT,
        colour="505050",
    ).name = "Levels"


def _overview(deck, blank, spec: ChartSpec, options: ExportOptions, deck_options: DeckOptions, theme: Theme):
    from pptx.util import Inches

    a = spec.assessment
    slide = deck.slides.add_slide(blank)
    _slide_title(slide, f"Overview: {a.systems_label}")
    spec = replace(spec, rollup=_rule_key(spec, deck_options), focus=None)
    names = [n for n in a.system_names() if n in spec.checked] or a.system_names()
    top, height = 1.3, SLIDE_H_IN - 1.3 - 0.8
    if spec.show_average and len(names) <= MAX_OVERLAID:  # the rule the dotted line is drawn by
        _text_box(
            slide,
            radar_rollup.subtitle(spec),
            Inches(MARGIN_IN),
            Inches(1.1),
            Inches(SLIDE_W_IN - 2 * MARGIN_IN),
            Inches(0.4),
            BODY_PT,
            colour="505050",
        ).name = "Subtitle"
        top, height = 1.5, SLIDE_H_IN - 1.5 - 0.8
    if len(names) > MAX_OVERLAID:  # no chart draws them legibly (PowerPoint's own holds 255 series)
        _text_box(
            slide,
            f"{len(names):,} {a.systems_label.lower()} are too many to overlay on one chart. "
            + (
                "Each has its own slide."
                if "systems" in deck_options.slides
                else "Export one chart per system, or the levels as a table (CSV or Excel)."
            ),
            Inches(MARGIN_IN),
            Inches(top),
            Inches(SLIDE_W_IN - 2 * MARGIN_IN),
            Inches(height),
            20,
            colour="505050",
        ).name = "Too many to overlay"
    elif deck_options.charts == "picture":
        _picture(
            slide, replace(spec, focus=None), options, MARGIN_IN, top, SLIDE_W_IN - 2 * MARGIN_IN, height
        )
    else:
        series: list[tuple[str, list[float | None], str, object, object]] = []
        for name in names:
            st = style_for(theme, a.index_of(name))
            values: list[float | None] = [a.system(name).rating(p.id).current for p in a.model.practices]
            series.append((name, values, st.colour, _dash(st.line), _marker(st.symbol)))
        if spec.show_average:  # the roll-up by the deck's rule, named as the window's radar names it
            rolled = [None if x.current is None else round(x.current, 2) for x in radar_rollup.values(spec)]
            series.append((_rollup_legend(spec), rolled, theme.average, _dash("dotted"), _marker("d")))
        _native_radar(
            slide,
            [p.name for p in a.model.practices],
            series,
            a.model.scores,
            Inches(MARGIN_IN),
            Inches(top),
            Inches(SLIDE_W_IN - 2 * MARGIN_IN),
            Inches(height),
        )
    _levels_key(slide, a, MARGIN_IN, SLIDE_H_IN - 0.7, SLIDE_W_IN - 2 * MARGIN_IN)
    summary = confidence_summary(a.model.confidence, confidence_count(a), unit="ratings")
    slide.notes_slide.notes_text_frame.text = (
        f"Current levels of {len(names)} {a.systems_label.lower()}; "
        f"the dotted line is the roll-up of all systems ({radar_rollup.rule_words(spec)}). Levels: "
        + ", ".join(f"{lv.score} {lv.name}" for lv in a.model.levels)
        + (f". Confidence: {summary}" if summary else "")
    )


def _rule_key(spec: ChartSpec, deck_options: DeckOptions) -> str:
    """The deck's roll-up rule: the one asked for (--rollup), else the chart's (the window's)."""
    return deck_options.rollup or spec.rollup


def _rollup_legend(spec: ChartSpec) -> str:
    """The roll-up's legend entry, word for word the window's radar legend ("… (dotted)")."""
    return radar_rollup.legend_rows(spec)[0][2]


def _system_slide(
    deck, blank, spec: ChartSpec, system: System, options, deck_options: DeckOptions, theme: Theme
):
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Inches

    a = spec.assessment
    model = a.model
    slide = deck.slides.add_slide(blank)
    _slide_title(slide, system.name)
    chart_w, top = 6.2, 1.3
    height = SLIDE_H_IN - top - 0.8
    colour = style_for(theme, a.index_of(system.name)).colour
    if deck_options.charts == "picture":
        focus = ChartSpec(a, checked=(system.name,), show_average=False, focus=system.name, theme=spec.theme)
        _picture(slide, focus, options, 0.3, top, chart_w, height)
    else:
        ratings = [system.rating(p.id) for p in model.practices]
        chart = _native_radar(
            slide,
            [p.name for p in model.practices],
            [
                ("Current", [r.current for r in ratings], colour, None, _marker("o")),
                ("Target (dashed)", [r.target for r in ratings], colour, _dash("dashed"), _marker("d")),
            ],
            model.scores,
            Inches(0.3),
            Inches(top),
            Inches(chart_w),
            Inches(height),
            legend_right=False,
        )
        _confidence_markers(chart, system, a, colour)
    left = 0.3 + chart_w + 0.1
    width = SLIDE_W_IN - left - MARGIN_IN
    gaps = largest_gaps(a, system, deck_options.gaps)
    tied = len(gaps) > deck_options.gaps > 0
    heading = "Largest gaps" + (" (ties at the cut included)" if tied else "")
    _text_box(
        slide, heading, Inches(left), Inches(top), Inches(width), Inches(0.45), 18, bold=True, centre=False
    )
    marks = _marks_text(a, system)
    widths = [(width - 0.65) * 0.4, (width - 0.65) * 0.3, (width - 0.65) * 0.3, 0.65]
    room = SLIDE_H_IN - 0.75 - (0.85 if marks else 0.0) - (top + 0.55)  # down to the key (and marks)

    def gap_rows(named: bool) -> list[list[str]]:
        level = model.level_label if named else str
        rows = [["Practice", "Current", "Target", "Gap"]]
        rows += [[g.practice.name, level(g.current), level(g.target), f"+{g.gap}"] for g in gaps]
        return rows if gaps else [*rows, ["No gaps to close", "", "", ""]]

    # Named levels while they fit; else scores (the levels key below names them); else smaller type.
    rows, pt = gap_rows(True), BODY_PT
    if table_height_in(rows, widths, pt) > room:
        rows = gap_rows(False)
    if table_height_in(rows, widths, pt) > room:
        pt = 12
    _table(slide, rows, Inches(left), Inches(top + 0.55), widths, pt)
    if marks:
        # Above the levels key, clear of the table however its rows wrap.
        box = _text_box(
            slide,
            marks,
            Inches(left),
            Inches(SLIDE_H_IN - 0.75 - 0.85),
            Inches(width),
            Inches(0.85),
            BODY_PT,
            centre=False,
            colour="303030",
        )
        box.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        box.name = "Confidence and n/a"
    _levels_key(slide, a, MARGIN_IN, SLIDE_H_IN - 0.7, SLIDE_W_IN - 2 * MARGIN_IN)
    if deck_options.notes:
        notes = [f"{p.name}: {system.rating(p.id).note}" for p in model.practices if system.rating(p.id).note]
        not_assessed = [
            p.name
            for p in model.practices
            if system.rating(p.id).current is None and not system.rating(p.id).not_applicable
        ]
        if not_assessed:
            notes.append("Not assessed (no gap shown): " + ", ".join(not_assessed))
        if marks:
            notes.append(marks)
        notes += [
            f"Room votes on {p.name}: {system.rating(p.id).spread()}"
            for p in model.practices
            if system.rating(p.id).spread()
        ]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes) or "No notes for this system."


def _marks_text(a: Assessment, system: System) -> str:
    """ "Confidence: 7 of 12 practices evidenced …" and "Not applicable: …", one line each ("" for neither)."""
    lines = []
    summary = confidence_summary(a.model.confidence, confidence_count(a, [system]))
    if summary:
        lines.append(f"Confidence: {summary}")
    na = [p.name for p in a.model.practices if system.rating(p.id).not_applicable]
    if na:
        lines.append("Not applicable (n/a): " + ", ".join(na))
    return "\n".join(lines)


def _confidence_markers(chart, system: System, a: Assessment, colour: str) -> None:
    """The current series' markers show each level's confidence, as the app's chart does."""
    from pptx.util import Pt

    series = chart.plots[0].series[0]
    for i, p in enumerate(a.model.practices):
        mark = system.rating(p.id).confidence
        if mark is None:
            continue
        marker = series.points[i].marker
        marker.style = _marker("o")
        marker.format.fill.solid()
        marker.format.fill.fore_color.rgb = _rgb("FFFFFF" if mark == 0 else colour)
        marker.format.line.color.rgb = _rgb("1A1A1A" if mark == 2 else colour)
        marker.size = 12 if mark == 2 else 8
        if mark == 2:
            marker.format.line.width = Pt(2.25)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _averages(deck, blank, a: Assessment) -> None:
    from pptx.util import Inches

    slide = deck.slides.add_slide(blank)
    _slide_title(slide, f"{AVERAGE_NAME}, per practice")
    rows = [["Practice", "Mean current", "Mean target", "Mean gap", "Systems assessed"]]
    rows += [
        [x.practice.name, _fmt(x.current), _fmt(x.target), _fmt(x.gap), str(x.assessed)]
        for x in practice_averages(a)
    ]
    pt = BODY_PT if len(rows) <= 12 else 12
    width = SLIDE_W_IN - 2 * 1.0
    _table(
        slide,
        rows,
        Inches(1.0),
        Inches(1.4),
        [width * 0.4, width * 0.15, width * 0.15, width * 0.15, width * 0.15],
        pt,
    )


def _view_slide(
    deck, blank, a: Assessment, view: str, options: ExportOptions, deck_options: DeckOptions
) -> None:
    """A gap-first view as gapradar draws it (the same scene as the window and every export)."""
    from gapradar.chart.view_spec import ViewSpec
    from gapradar.domain.rollup import DEFAULT_RULE, RULES

    rule = RULES.get(deck_options.rollup or "", RULES[DEFAULT_RULE])
    slide = deck.slides.add_slide(blank)
    if view == "heatmap":
        _slide_title(slide, "Every system, every practice")
        spec = ViewSpec(a, "heatmap", rollup=rule.key, rows="gap")
    else:
        _slide_title(slide, f"Gaps to close: {rule.series}")  # the chart's subtitle names the rule
        spec = ViewSpec(a, "gaps", rollup=rule.key)
    top = 1.3
    _picture(slide, spec, options, MARGIN_IN, top, SLIDE_W_IN - 2 * MARGIN_IN, SLIDE_H_IN - top - 0.3)  # type: ignore[arg-type]


def _since_slides(deck, blank, spec: ChartSpec, options: ExportOptions, deck_options: DeckOptions) -> None:
    """The "Since <baseline>" section: the roll-up's slope chart, then what moved in every system."""
    from gapradar.chart.change_rows import rounds_compared

    a = spec.assessment
    baseline = spec.baseline.id if spec.baseline is not None else None
    views = [
        ViewSpec(a, view, rollup=deck_options.rollup or spec.rollup, baseline=baseline)
        for view in ("slope", "moved")
    ]
    compared = rounds_compared(views[0])
    if compared.then is None or compared.now is None:
        return
    since = f"Since {compared.then.label}"
    titles = (f"{since}: every practice, then → now", f"{since}: what moved")
    top = 1.3
    for view, title in zip(views, titles, strict=True):
        slide = deck.slides.add_slide(blank)
        _slide_title(slide, title)
        _list_picture(
            slide, view, options, MARGIN_IN, top, SLIDE_W_IN - 2 * MARGIN_IN, SLIDE_H_IN - top - 0.3
        )


def _list_picture(
    slide, spec: ViewSpec, options: ExportOptions, left_in, top_in, width_in, height_in
) -> None:
    """A view whose smallest text is its labels (slope, what moved): labels at exactly BODY_PT."""
    from pptx.util import Inches

    from gapradar.chart.radar_scene import REFERENCE_PX

    w, h = round(width_in * PICTURE_DPI), round(height_in * PICTURE_DPI)
    scale = max(0.45, min(w, h) / REFERENCE_PX)
    need_px = BODY_PT / 72 * PICTURE_DPI
    sized = replace(
        options, width=w, height=h, dpi=PICTURE_DPI, title=False, font_scale=need_px / (14 * scale)
    )
    spec = replace(spec, chrome_scale=need_px / (13.5 * scale))
    picture = io.BytesIO(png_bytes(chart_image(spec, sized)))
    slide.shapes.add_picture(picture, Inches(left_in), Inches(top_in), Inches(width_in), Inches(height_in))


def deck_bytes(spec: ChartSpec, options: ExportOptions, deck_options: DeckOptions = DeckOptions()) -> bytes:
    a = spec.assessment
    theme = spec.theme if options.theme == "current" else THEMES[options.theme]
    deck, blank = _deck()
    order = ("title", "overview", "since", *GAP_FIRST_SLIDES, "systems", "averages")
    slides = set(deck_options.slides)
    if "overview" in slides and len(a.rounds) > 1:
        slides.add("since")
    for key in (k for k in order if k in slides):  # a deck's order, whatever order asked
        if key == "title":
            _title_slide(deck, blank, a, options.subtitle)
        elif key == "overview":
            _overview(deck, blank, spec, options, deck_options, theme)
        elif key == "systems":
            for system in a.systems:
                _system_slide(deck, blank, spec, system, options, deck_options, theme)
        elif key == "averages":
            _averages(deck, blank, a)
        elif key in GAP_FIRST_SLIDES:
            _view_slide(
                deck, blank, a, key, options, replace(deck_options, rollup=_rule_key(spec, deck_options))
            )
        elif key == "since":
            _since_slides(
                deck, blank, spec, options, replace(deck_options, rollup=_rule_key(spec, deck_options))
            )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def export_deck(
    spec: ChartSpec, path: str, options: ExportOptions, deck_options: DeckOptions = DeckOptions()
) -> None:
    write_bytes(path, deck_bytes(spec, options, deck_options))
