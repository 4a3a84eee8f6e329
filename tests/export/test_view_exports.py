"""Every view through the one scene-to-file path: PNG pixels, SVG parsed, CSV read back, CLI flags."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage

from gapradar.chart.heatmap_scene import level_colours
from gapradar.chart.view_spec import ViewSpec
from gapradar.cli import main
from gapradar.export.formats import FORMATS
from gapradar.export.render import ExportOptions
from gapradar.io import load


@pytest.fixture
def sample(sample_path):
    return load(sample_path)


@pytest.mark.parametrize("view", ["heatmap", "gaps", "multiples"])
@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
def test_views_export_png_and_svg_at_any_size(tmp_path, sample, view, size):
    w, h = size
    spec = ViewSpec(sample, view)
    png, svg = tmp_path / "v.png", tmp_path / "v.svg"
    FORMATS["png"].writer(spec, str(png), ExportOptions(width=w, height=h))
    FORMATS["svg"].writer(spec, str(svg), ExportOptions(width=w, height=h))
    image = QImage(str(png))
    assert (image.width(), image.height()) == (w, h)
    inked = sum(
        1 for x in range(0, w, 16) for y in range(0, h, 16) if QColor(image.pixel(x, y)).lightness() < 200
    )
    assert inked > 40  # something was drawn, not an empty page
    root = ET.parse(svg).getroot()
    texts = "".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert sample.title.split(":")[0] in texts
    if view == "heatmap":
        assert "Average – all systems" in texts and "Mean" in texts


def test_heatmap_cell_has_its_level_colour_at_both_sizes(tmp_path, sample):
    """The same cell is the same colour at 1280×720 and 3840×2160: the exports look alike."""
    from gapradar.chart.canvases import ViewCanvas
    from gapradar.export.render import chart_image

    system = sample.systems[0].name
    score = sample.systems[0].rating(sample.model.practices[0].id).current
    expected = QColor(level_colours(sample.model.scores)[score])
    for w, h in ((1280, 720), (3840, 2160)):
        spec = ViewSpec(sample, "heatmap", rows="file")
        image = chart_image(spec, ExportOptions(width=w, height=h))
        canvas = ViewCanvas(spec)
        canvas.set_spec(spec)
        canvas.lay_out(w, h)
        rect = canvas.scene_item.cell_rect(system, 0)
        canvas.close()
        # a point inside the cell, off its centred number
        got = QColor(
            image.pixel(int(rect.left() + rect.width() * 0.1), int(rect.top() + rect.height() * 0.2))
        )
        assert abs(got.red() - expected.red()) + abs(got.green() - expected.green()) < 12


def test_cli_view_and_rollup_flags(tmp_path, sample_path, capsys):
    out = tmp_path / "gaps.svg"
    assert (
        main(
            [
                "export",
                str(sample_path),
                "--view",
                "gaps",
                "--focus",
                "Average – all systems",
                "--rollup",
                "min",
                "--svg",
                str(out),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "Roll-up of all systems: minimum (weakest link)" in text
    assert "range of current levels" in text  # the roll-up's spread is drawn and explained
    assert main(["export", str(sample_path), "--csv", "-", "--table", "rollup", "--rollup", "median"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][3] == "Median current"
    assert len(rows) == 1 + len(load(sample_path).model.practices)


def test_deck_heatmap_and_gap_chart_slides_name_the_rule(tmp_path, sample_path):
    from pptx import Presentation

    out = tmp_path / "deck.pptx"
    args = [
        "export",
        str(sample_path),
        "--pptx",
        str(out),
        "--deck-slides",
        "gaps,heatmap",
        "--rollup",
        "min",
    ]
    assert main(args) == 0
    slides = list(Presentation(str(out)).slides)
    assert len(slides) == 2
    titles = [s.shapes[0].text_frame.text for s in slides]
    assert titles[0] == "Every system, every practice"  # the deck's order, not the order asked
    assert titles[1] == "Gaps to close: Minimum – all systems"  # the rule is the chart's subtitle
    assert all(any(sh.shape_type == 13 for sh in s.shapes) for s in slides)  # a picture on each
