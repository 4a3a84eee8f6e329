"""The PowerPoint deck read back with python-pptx: 16:9, native radar charts, centred titles, notes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from gapradar.chart.spec import ChartSpec
from gapradar.domain import Rating
from gapradar.export.pptx_deck import DeckOptions, export_deck, largest_gaps
from gapradar.export.render import ExportOptions
from gapradar.io import load

ATM = "ATM Management Application"


@pytest.fixture
def bank(sample_path):
    return load(sample_path)


def deck_of(bank, tmp_path, deck_options: DeckOptions | None = None):
    out = tmp_path / "deck.pptx"
    export_deck(
        ChartSpec(bank, checked=tuple(bank.system_names())),
        str(out),
        ExportOptions(),
        deck_options or DeckOptions(),
    )
    return Presentation(str(out))


def title_of(slide) -> str:
    return next(s for s in slide.shapes if s.name == "Title").text_frame.text


def test_deck_is_16_9_with_centred_titles_and_native_radar_charts(qapp, bank, tmp_path):
    deck = deck_of(bank, tmp_path)
    assert deck.slide_width / deck.slide_height == pytest.approx(16 / 9, abs=0.01)
    slides = list(deck.slides)
    assert len(slides) == 1 + 1 + 10 + 1
    assert title_of(slides[0]) == bank.title
    for slide in slides:
        title = next(s for s in slide.shapes if s.name == "Title")
        centre = title.left + title.width / 2
        assert abs(centre - deck.slide_width / 2) < Emu(deck.slide_width * 0.01)
        assert all(p.alignment == PP_ALIGN.CENTER for p in title.text_frame.paragraphs)
        # no placeholder of the 4:3 template anywhere
        assert not any(s.is_placeholder for s in slide.shapes)
    charts = {title_of(s): next(sh for sh in s.shapes if sh.has_chart).chart for s in slides[1:12]}
    assert all(c.chart_type == XL_CHART_TYPE.RADAR_MARKERS for c in charts.values())
    overview = charts[f"Overview: {bank.systems_label}"]
    assert len(list(overview.plots[0].series)) == 11  # ten systems and the average
    atm = charts[ATM]
    current, target = atm.plots[0].series
    practices = bank.model.practices
    assert list(current.values) == [bank.system(ATM).rating(p.id).current for p in practices]
    assert list(target.values) == [bank.system(ATM).rating(p.id).target for p in practices]
    assert atm.font.size >= Pt(14) and atm.value_axis.tick_labels.font.size >= Pt(14)
    # the lowest level (-1) is a ring of its own, as in the app: the centre is one below, unlabelled
    assert atm.value_axis.minimum_scale == -2 and atm.value_axis.maximum_scale == 3
    assert atm.value_axis.tick_labels.number_format == '[<-1]"";[<0]-0;0'  # -1 keeps its minus
    assert not atm.value_axis.tick_labels.number_format_is_linked
    # data embedded, so "Edit Data" opens a workbook
    assert atm.part.chart_workbook.xlsx_part is not None


def test_text_on_slides_is_14_pt_or_more(qapp, bank, tmp_path):
    for slide in deck_of(bank, tmp_path).slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size >= Pt(14), run.text


def test_gap_table_and_the_sample_notes_in_speaker_notes(qapp, bank, tmp_path):
    system = bank.system(ATM)
    # The sample's own notes, and one written in the workshop.
    system.set_rating("data", replace(system.rating("data"), note="DBA owns schema changes"))
    assert system.rating("testing").note  # the bundled sample has notes of its own
    noted = [(p.name, system.rating(p.id).note) for p in bank.model.practices if system.rating(p.id).note]
    atm = next(s for s in deck_of(bank, tmp_path).slides if title_of(s) == ATM)
    table = next(s for s in atm.shapes if s.has_table).table
    assert [table.cell(0, c).text for c in range(4)] == ["Practice", "Current", "Target", "Gap"]
    assert table.cell(1, 0).text == "Configuration Management" and table.cell(1, 3).text == "+3"
    notes = atm.notes_slide.notes_text_frame.text
    for name, note in noted:
        assert f"{name}: {note}" in notes


def test_ties_at_the_cut_are_kept(bank):
    system = bank.system("Mobile Banking Platform (iOS)")
    gaps = largest_gaps(bank, system, 5)
    assert len(gaps) > 5 and gaps[5].gap == gaps[4].gap
    assert largest_gaps(bank, system, 0) == largest_gaps(bank, system, 99)


def test_not_assessed_has_no_gap_row(qapp, bank, tmp_path):
    bank.system(ATM).set_rating("configuration", Rating(current=None, target=2))
    atm = next(s for s in deck_of(bank, tmp_path).slides if title_of(s) == ATM)
    table = next(s for s in atm.shapes if s.has_table).table
    assert "Configuration Management" not in [table.cell(r, 0).text for r in range(len(table.rows))]
    assert "Not assessed (no gap shown): Configuration Management" in atm.notes_slide.notes_text_frame.text


def test_picture_charts_and_chosen_slides(qapp, bank, tmp_path):
    deck = deck_of(bank, tmp_path, replace(DeckOptions(), charts="picture", slides=("overview", "systems")))
    slides = list(deck.slides)
    assert len(slides) == 11
    for slide in slides:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and not any(s.has_chart for s in slide.shapes)


def test_cli_deck_flags(tmp_path, sample_path, capsys):
    from gapradar.cli import main

    out = tmp_path / "d.pptx"
    argv = [
        "export",
        str(sample_path),
        "--pptx",
        str(out),
        "--deck-slides",
        "title,averages",
        "--deck-gaps",
        "3",
    ]
    assert main(argv) == 0
    assert len(Presentation(str(out)).slides) == 2
    assert main(["export", str(sample_path), "--pptx", str(out), "--deck-slides", "cover"]) == 2
    assert "--deck-slides" in capsys.readouterr().err


def _overview_chart(deck):
    return next(sh for sh in deck.slides[0].shapes if sh.has_chart).chart


@pytest.mark.parametrize(
    ("rule", "legend", "figure"),
    [
        ("min", "Minimum – all systems", min),
        ("median", "Median – all systems", None),
        ("at-target", "Average – all systems", None),  # a share is no level: the radar keeps the mean
    ],
)
def test_overview_rolls_up_by_the_decks_rule(qapp, bank, tmp_path, rule, legend, figure):
    from gapradar.chart import radar_rollup

    deck = deck_of(bank, tmp_path, DeckOptions(slides=("overview",), rollup=rule))
    rolled = list(_overview_chart(deck).plots[0].series)[-1]
    assert rolled.name.startswith(legend) and rolled.name.endswith("dotted)")
    practices = bank.model.practices
    if figure is min:
        assert list(rolled.values) == [
            min(s.rating(p.id).current for s in bank.systems if s.rating(p.id).current is not None)
            for p in practices
        ]
    subtitle = next(s for s in deck.slides[0].shapes if s.name == "Subtitle").text_frame.text
    spec = ChartSpec(bank, rollup=rule)
    assert subtitle == radar_rollup.subtitle(spec)
    assert "minimum" in subtitle if rule == "min" else "mean" in subtitle or "median" in subtitle


def test_overview_rule_defaults_to_the_charts(qapp, bank, tmp_path):
    out = tmp_path / "deck.pptx"
    spec = ChartSpec(bank, checked=tuple(bank.system_names()), rollup="min")
    export_deck(spec, str(out), ExportOptions(), DeckOptions(slides=("overview",)))
    rolled = list(_overview_chart(Presentation(str(out))).plots[0].series)[-1]
    assert rolled.name.startswith("Minimum – all systems")


def test_overview_legend_clear_of_the_practice_names(qapp, bank, tmp_path):
    """The radar's square plus the widest practice name on each side ends before the legend starts."""
    from gapradar.export.pptx_deck import _text_in

    deck = deck_of(bank, tmp_path, DeckOptions(slides=("overview",)))
    frame = next(sh for sh in deck.slides[0].shapes if sh.has_chart)
    chart, width_in = frame.chart, frame.width / 914400
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}

    def layout(el):
        m = el.find("c:layout/c:manualLayout", ns)
        return {k: float(m.find(f"c:{k}", ns).get("val")) * width_in for k in ("x", "w")}

    plot, legend = layout(chart._chartSpace.chart.plotArea), layout(chart.legend._element)
    labels = [str(c) for c in chart.plots[0].categories]
    longest = max(_text_in(line) for c in labels for line in c.split("\n"))
    assert plot["x"] >= longest
    assert plot["x"] + plot["w"] + longest <= legend["x"]
    assert legend["x"] + legend["w"] <= width_in + 1e-6
    assert legend["w"] >= max(_text_in(s.name) for s in chart.plots[0].series)
    assert plot["w"] >= 3.0  # inches: the radar is still the slide's main thing


def test_a_gap_table_that_would_run_into_the_levels_key_gives_scores_instead_of_names(qapp, bank, tmp_path):
    """A two-line system name and six gaps whose level names wrap: the key below names the levels."""
    from pptx.util import Inches

    from gapradar.export.pptx_deck import SLIDE_H_IN, table_height_in

    long = "Enterprise Customer Relationship Management and Omnichannel Marketing Platform (EMEA and APAC)"
    bank.system(ATM).name = long
    bank.systems[:] = list(bank.systems)  # the name index follows the list
    system = bank.system(long)
    for p, (current, target) in zip(
        bank.model.practices, [(-1, 2), (1, 3), (0, 2), (2, 3), (1, 2), (2, 3)], strict=True
    ):
        system.set_rating(p.id, Rating(current, target))
    deck = deck_of(bank, tmp_path)
    slide = next(s for s in deck.slides if title_of(s) == long)
    table = next(sh for sh in slide.shapes if sh.has_table)
    cells = [[c.text for c in row.cells] for row in table.table.rows]
    assert cells[1][1:] == ["-1", "2", "+3"]  # scores; the levels key spells them out
    widths = [c.width / Inches(1) for c in table.table.columns]
    bottom = table.top / Inches(1) + table_height_in(cells, widths, body_pt_of(table))
    key = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("Levels: "))
    assert bottom <= key.top / Inches(1) + 0.05 <= SLIDE_H_IN
    # the sample's own ATM slide keeps the level names
    plain = deck_of(load_sample(), tmp_path)
    atm = next(s for s in plain.slides if title_of(s) == ATM)
    named = [[c.text for c in row.cells] for row in next(sh for sh in atm.shapes if sh.has_table).table.rows]
    assert " – " in named[1][1]


def body_pt_of(table) -> int:
    return int(table.table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size.pt)


def load_sample():
    from gapradar import bundled

    return load(bundled.sample_path())
