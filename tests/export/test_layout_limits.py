"""Hostile sizes on the page: long titles and names, legends longer than the page, thousands overlaid.

Each case is checked in the exported file: the PNG's pixels at the page's edges,
the SVG's text and where it sits.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from pptx import Presentation
from PySide6.QtGui import QImage

from gapradar.chart.spec import ChartSpec
from gapradar.cli import main
from gapradar.domain import Assessment, Level, MaturityModel, Practice, Rating, System
from gapradar.export.render import MAX_OVERLAID, ExportOptions, export_png, export_svg
from gapradar.io import save

SVG = "{http://www.w3.org/2000/svg}"
TITLE_WORDS = " ".join(["Enterprise-wide digital maturity self-assessment"] * 7)[:330]
TITLE_ONE_WORD = "X" * 330


def generated(systems: int, practices: int = 6, title: str = "Generated") -> Assessment:
    """An assessment of `systems` systems, made here rather than kept as a big file."""
    model = MaturityModel(
        "Generated model",
        tuple(Practice(f"p{i}", f"Practice {i}") for i in range(practices)),
        tuple(Level(s, f"Level {s}") for s in range(5)),
    )
    rows = [
        System(f"System {j:04d}", {f"p{i}": Rating((i + j) % 5, (i * j + 3) % 5) for i in range(practices)})
        for j in range(systems)
    ]
    return Assessment(model, title, rows, "Systems")


def renamed(a: Assessment, index: int, name: str) -> Assessment:
    a.systems[index] = System(name, a.systems[index].ratings)
    return a


def png(spec: ChartSpec, tmp_path, size=(1280, 720)) -> QImage:
    out = tmp_path / "chart.png"
    export_png(spec, str(out), ExportOptions(*size))
    return QImage(str(out))


def svg_lines(spec: ChartSpec, tmp_path, size=(1280, 720)) -> list[tuple[str, float, float, bool]]:
    """Each <text> of the SVG export: its text, x, y and whether it is bold."""
    out = tmp_path / "chart.svg"
    export_svg(spec, str(out), ExportOptions(*size))
    return [
        (
            "".join(t.itertext()).replace("\xa0", " "),
            float(t.get("x")),
            float(t.get("y")),
            t.get("font-weight") == "bold",
        )
        for t in ET.parse(out).getroot().iter(f"{SVG}text")
    ]


def ink_at_edges(image: QImage, band: int = 4) -> list[tuple[int, int]]:
    """Dark (text) pixels in the outermost columns and rows: what a clipped label leaves there."""
    w, h = image.width(), image.height()
    edges = [(x, y) for y in range(h) for x in (*range(band), *range(w - band, w))]
    edges += [(x, y) for x in range(w) for y in (*range(band), *range(h - band, h))]
    return [(x, y) for x, y in edges if image.pixelColor(x, y).lightness() < 110]


def title_lines(lines: list[tuple[str, float, float, bool]], height: int) -> list[str]:
    return [
        text for text, _, y, bold in lines if bold and y < height * 0.25 and not text.startswith("System")
    ]


@pytest.mark.parametrize("title", [TITLE_WORDS, TITLE_ONE_WORD], ids=["words", "one-word"])
def test_a_330_character_title_takes_two_lines_at_most_and_ends_in_an_ellipsis(qapp, tmp_path, title):
    spec = ChartSpec(generated(3, title=title), checked=("System 0000", "System 0001"))
    assert not ink_at_edges(png(spec, tmp_path))  # not clipped at either side
    shown = title_lines(svg_lines(spec, tmp_path), 720)
    assert 1 <= len(shown) <= 2
    assert shown[-1].endswith("…")
    assert title.startswith(shown[0].rstrip("…"))


def test_a_title_that_fits_is_shown_whole(qapp, tmp_path):
    spec = ChartSpec(generated(3, title="Regional banks, spring review"), checked=("System 0000",))
    assert title_lines(svg_lines(spec, tmp_path), 720) == ["Regional banks, spring review"]


def test_a_long_system_name_ends_in_an_ellipsis_in_the_legend_and_the_focus_title(qapp, tmp_path):
    name = "Core banking ledger reconciliation and settlement platform " * 5
    a = renamed(generated(4), 1, name.strip())
    overlay = ChartSpec(a, checked=tuple(a.system_names()))
    assert not ink_at_edges(png(overlay, tmp_path))
    lines = svg_lines(overlay, tmp_path)
    first = next(k for k, (text, *_) in enumerate(lines) if text.startswith("● Core banking"))
    row = lines[first : first + 3]  # a long name wraps to three lines at most, then ends in "…"
    assert row[-1][0].rstrip().endswith("…")
    assert all(x > row[0][1] for _, x, _, _ in row[1:])  # its lines hang under the name, not the symbol

    focus = ChartSpec(a, checked=(name.strip(),), focus=name.strip(), show_average=False)
    for size in ((1280, 720), (1080, 1080)):
        assert not ink_at_edges(png(focus, tmp_path, size)), size
        lines = svg_lines(focus, tmp_path, size)
        assert all(0 < x < size[0] and 0 < y < size[1] for _, x, y, _ in lines)
        assert title_lines(lines, size[1])[-1].endswith("…")


def test_a_long_practice_name_takes_three_lines_at_most_and_ends_in_an_ellipsis(qapp, tmp_path):
    a = generated(3)
    practices = list(a.model.practices)
    practices[0] = Practice("p0", "Q" * 200)  # above the chart: one word wider than the page
    practices[2] = Practice("p2", "Identity and access management for privileged operators " * 4)
    a.model = replace(a.model, practices=tuple(practices))
    spec = ChartSpec(a, checked=tuple(a.system_names()))
    assert not ink_at_edges(png(spec, tmp_path))
    lines = [text for text, *_ in svg_lines(spec, tmp_path)]
    for start in ("QQQ", "Identity"):
        i = next(k for k, text in enumerate(lines) if text.startswith(start))
        name = lines[i : i + 3]
        assert name[-1].endswith("…"), name
        assert not lines[i + 3].startswith(("Q", "Identity", "management", "privileged"))


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1350)], ids=["column", "band"])
def test_a_legend_longer_than_the_page_says_how_many_more(qapp, tmp_path, size):
    a = generated(60)
    spec = ChartSpec(a, checked=tuple(a.system_names()))
    lines = svg_lines(spec, tmp_path, size)
    assert all(0 < y < size[1] for _, _, y, _ in lines)  # nothing placed past the page
    text = "\n".join(t for t, *_ in lines)
    more = re.findall(r"… and (\d+) more", text)
    assert len(more) == 1
    listed = len(re.findall(r"System \d{4}", text))
    assert listed > 5 and listed + int(more[0]) == 60
    image = png(spec, tmp_path, size)
    assert not ink_at_edges(image)


def test_a_legend_that_fits_lists_every_system(qapp, tmp_path):
    a = generated(6)
    text = "\n".join(t for t, *_ in svg_lines(ChartSpec(a, checked=tuple(a.system_names())), tmp_path))
    assert "more" not in text
    assert len(re.findall(r"System \d{4}", text)) == 6


def test_the_cli_refuses_thousands_overlaid_and_points_elsewhere(tmp_path, capsys):
    source = tmp_path / "many.yaml"
    save(generated(MAX_OVERLAID + 1), source)
    out = tmp_path / "chart.png"
    assert main(["export", str(source), "--png", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{MAX_OVERLAID + 1:,} systems are too many to overlay" in err
    assert "--per-system DIR" in err and "--csv" in err and "--systems" in err
    assert "Traceback" not in err and not out.exists()
    # A chosen few from the same file draw as usual.
    assert main(["export", str(source), "--png", str(out), "--systems", "System 0001,System 0002"]) == 0
    assert QImage(str(out)).width() == 1920


def test_a_deck_of_thousands_says_so_on_the_overview_instead_of_overlaying(qapp, tmp_path, capsys):
    source = tmp_path / "many.yaml"
    save(generated(MAX_OVERLAID + 1), source)
    deck = tmp_path / "deck.pptx"
    assert main(["export", str(source), "--pptx", str(deck), "--deck-slides", "overview"]) == 0
    overview = Presentation(str(deck)).slides[0]
    assert not any(shape.has_chart for shape in overview.shapes)
    said = " ".join(shape.text_frame.text for shape in overview.shapes if shape.has_text_frame)
    assert f"{MAX_OVERLAID + 1:,} systems are too many to overlay on one chart" in said
