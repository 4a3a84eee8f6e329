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
    assert atm.value_axis.minimum_scale == -1 and atm.value_axis.maximum_scale == 3
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
