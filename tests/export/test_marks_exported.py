"""n/a and confidence in every chart format (PNG, SVG read by librsvg, PDF) and in the deck."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from pptx import Presentation

from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Rating
from gapradar.export.formats import FORMATS
from gapradar.export.pptx_deck import export_deck
from gapradar.export.render import ExportOptions, export_pdf, export_png, export_svg
from gapradar.io import load
from tests.export.test_svg_render import SAME, rmse, rsvg

CORE = "Core Banking Application"
SIZE = (1280, 720)


@pytest.fixture
def marked(sample_path):
    a = load(sample_path)
    core = a.system(CORE)
    core.set_rating("build-ci", core.rating("build-ci").marked_not_applicable())
    core.set_rating("environments", replace(core.rating("environments"), confidence=0))
    core.set_rating("testing", replace(core.rating("testing"), confidence=2))
    core.set_rating("data", replace(core.rating("data"), confidence=1))
    return a


def svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("theme", ["print", "dark", "high-contrast"])
def test_focus_radar_svg_draws_n_a_and_rings_like_the_png(qapp, marked, tmp_path, theme):
    spec = ChartSpec(marked, checked=(CORE,), focus=CORE)
    options = ExportOptions(*SIZE, theme=theme)
    png, svg, drawn = tmp_path / "f.png", tmp_path / "f.svg", tmp_path / "f-rsvg.png"
    export_png(spec, str(png), options)
    export_svg(spec, str(svg), options)
    rsvg(svg, drawn)
    assert rmse(png, drawn) < SAME
    texts = svg_texts(svg)
    assert "n/a" in texts
    assert "2 of 5 practices evidenced" in " ".join(texts)  # data and testing (verified) of the 5 rated
    text = svg.read_text(encoding="utf-8")
    assert len(re.findall(r'<circle [^>]*fill-opacity="0" stroke="#', text)) == 1  # the verified ring


def test_n_a_is_drawn_unlike_not_assessed(qapp, marked, tmp_path):
    spec = ChartSpec(marked, checked=(CORE,), focus=CORE)
    options = ExportOptions(*SIZE)
    export_png(spec, str(tmp_path / "na.png"), options)
    unrated = replace(spec, assessment=marked)
    core = marked.system(CORE)
    core.set_rating("build-ci", Rating())
    export_png(unrated, str(tmp_path / "unrated.png"), options)
    assert rmse(tmp_path / "na.png", tmp_path / "unrated.png") > 0.002


def test_pdf_has_the_n_a_mark_as_text(qapp, marked, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) reads the PDF back")
    pdf = tmp_path / "c.pdf"
    export_pdf(ChartSpec(marked, checked=tuple(marked.system_names())), str(pdf), ExportOptions(*SIZE))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert out.count("n/a") >= 2 and "claimed" in out  # the spoke's mark and the legend's


@pytest.mark.parametrize("view", ["heatmap", "multiples"])
def test_views_show_n_a(qapp, marked, tmp_path, view):
    svg = tmp_path / "v.svg"
    FORMATS["svg"].writer(ViewSpec(marked, view), str(svg), ExportOptions(*SIZE))
    texts = svg_texts(svg)
    assert "n/a" in texts
    if view == "heatmap":
        assert "n/a not applicable" in texts


def test_gap_chart_lists_n_a_apart(qapp, marked, tmp_path):
    svg = tmp_path / "g.svg"
    FORMATS["svg"].writer(ViewSpec(marked, "gaps", focus=CORE), str(svg), ExportOptions(*SIZE))
    joined = " ".join(svg_texts(svg))
    assert "Not applicable (n/a): Build Management and Continuous Integration" in joined


def test_deck_counts_confidence_and_lists_n_a(qapp, marked, tmp_path):
    out = tmp_path / "d.pptx"
    export_deck(ChartSpec(marked, checked=tuple(marked.system_names())), str(out), ExportOptions())
    deck = Presentation(str(out))
    slide = next(
        s for s in deck.slides if any(sh.name == "Title" and sh.text_frame.text == CORE for sh in s.shapes)
    )
    box = next(sh for sh in slide.shapes if sh.name == "Confidence and n/a")
    assert "2 of 5 practices evidenced, 1 of them verified; 1 claimed" in box.text_frame.text
    assert "Not applicable (n/a): Build Management and Continuous Integration" in box.text_frame.text
    chart = next(sh for sh in slide.shapes if sh.has_chart).chart
    current = chart.plots[0].series[0]
    assert current.values[0] is None  # n/a: a break in the native chart's line
    claimed = current.points[1].marker.format.fill.fore_color.rgb
    assert str(claimed) == "FFFFFF"  # hollow
    assert current.points[3].marker.size == 12  # verified: larger and ringed
    notes = slide.notes_slide.notes_text_frame.text
    assert "Confidence: 2 of 5" in notes
