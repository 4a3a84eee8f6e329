"""SVG read back by a real consumer: librsvg's rendering compared with the PNG export.

Parsing the XML proves nothing about how it looks: a chart drawn in data units
with `non-scaling-stroke` parses fine and renders as a solid blob in librsvg.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage

from gapradar.chart.spec import ChartSpec
from gapradar.domain import Rating
from gapradar.export.batch import per_system_charts
from gapradar.export.render import ExportOptions, export_png, export_svg
from gapradar.io import load

ATM = "ATM Management Application"
SIZE = (1280, 720)
SAME = 0.02  # normalised RMSE (0..1) on a quarter-size, white-flattened image


def pixels(path) -> np.ndarray:
    """RGB in 0..1, alpha flattened on white, scaled to a quarter so antialiasing does not count."""
    image = (
        QImage(str(path))
        .convertToFormat(QImage.Format.Format_ARGB32)
        .scaled(
            SIZE[0] // 4,
            SIZE[1] // 4,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )
    w, h = image.width(), image.height()
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine() // 4, 4)[:, :w]
    bgra = raw.astype(float) / 255
    alpha = bgra[..., 3:4]
    return bgra[..., :3] * alpha + (1 - alpha)


def rmse(a, b) -> float:
    return float(np.sqrt(((pixels(a) - pixels(b)) ** 2).mean()))


def rsvg(svg, out) -> None:
    assert shutil.which("rsvg-convert"), (
        "rsvg-convert is needed to render SVG (Debian librsvg2-bin; .ci/run installs it)"
    )
    subprocess.run(
        ["rsvg-convert", "-w", str(SIZE[0]), "-h", str(SIZE[1]), str(svg), "-o", str(out)],
        check=True,
        timeout=60,
    )


@pytest.fixture
def bank(sample_path):
    return load(sample_path)


def both(spec: ChartSpec, options: ExportOptions, tmp_path, name: str):
    png, svg, drawn = tmp_path / f"{name}.png", tmp_path / f"{name}.svg", tmp_path / f"{name}-rsvg.png"
    export_png(spec, str(png), options)
    export_svg(spec, str(svg), options)
    rsvg(svg, drawn)
    return png, svg, drawn


@pytest.mark.parametrize(
    "kind, transparent, theme",
    [
        ("overlay", False, "print"),
        ("focus", False, "print"),
        ("overlay", True, "dark"),
        ("focus", True, "dark"),
    ],
)
def test_rsvg_draws_the_svg_like_the_png(qapp, bank, tmp_path, kind, transparent, theme):
    spec = ChartSpec(bank, checked=tuple(bank.system_names()[:4]), focus=ATM if kind == "focus" else None)
    options = ExportOptions(*SIZE, transparent=transparent, theme=theme)
    png, _, drawn = both(spec, options, tmp_path, kind)
    assert rmse(png, drawn) < SAME


def test_per_system_svgs_render_like_their_pngs(qapp, bank, tmp_path):
    spec = ChartSpec(bank, checked=tuple(bank.system_names()))
    options = ExportOptions(*SIZE)
    per_system_charts(spec, tmp_path / "svg", "svg", options)
    per_system_charts(spec, tmp_path / "png", "png", options)
    for name in ("ATM Management Application", "Mobile Banking Platform (iOS)"):
        drawn = tmp_path / f"{name}-rsvg.png"
        rsvg(tmp_path / "svg" / f"{name}.svg", drawn)
        assert rmse(tmp_path / "png" / f"{name}.png", drawn) < SAME, name


def test_the_comparison_notices_a_missing_hatch(qapp, bank, tmp_path):
    """The threshold is tight enough that an SVG without the gap hatch fails."""
    png, svg, drawn = both(ChartSpec(bank, focus=ATM), ExportOptions(*SIZE), tmp_path, "focus")
    lines = svg.read_text(encoding="utf-8").splitlines()
    # The hatch is the only path made of hundreds of strips.
    hatch = max(range(len(lines)), key=lambda i: lines[i].count("M"))
    assert lines[hatch].count("M") > 50
    stripped = tmp_path / "no-hatch.svg"
    stripped.write_text("\n".join(lines[:hatch] + lines[hatch + 1 :]), encoding="utf-8")
    rsvg(stripped, tmp_path / "no-hatch.png")
    assert rmse(png, tmp_path / "no-hatch.png") > SAME > rmse(png, drawn)


def test_svg_has_output_coordinates_and_real_font_families(qapp, bank, tmp_path):
    out = tmp_path / "c.svg"
    export_svg(ChartSpec(bank, focus=ATM), str(out), ExportOptions(*SIZE))
    text = out.read_text(encoding="utf-8")
    assert "non-scaling-stroke" not in text
    assert "transform=" not in text and "<pattern" not in text
    assert "Sans Serif" not in text
    families = set(re.findall(r'font-family="([^"]+)"', text))
    assert families and all(f.endswith("sans-serif") for f in families)
    # Labels on the left of the chart keep their right edge wherever another font ends them.
    assert 'text-anchor="end"' in text


def test_not_assessed_is_a_break_never_zero_and_never_a_gap(qapp, bank, tmp_path):
    """A practice without a current level: no point at the centre, no gap hatched on its spoke."""
    from gapradar.export.render import _Canvas

    system = bank.system(ATM)
    system.set_rating("testing", Rating(current=None, target=3))
    spec = ExportOptions(*SIZE).apply(ChartSpec(bank, focus=ATM))
    canvas = _Canvas(spec, *SIZE)
    try:
        radar = canvas.view.radar
        series = radar.series[ATM]
        # The fill dips to the centre there (no area claimed); the outline breaks.
        fill = series.polygon.polygon()
        assert fill.count() == len(bank.model.practices)
        assert fill.at(bank.model.practice_index("testing")).isNull()
        outline = series.polygon.outline
        assert outline.elementCount() > 0
        # No outline element at the centre: the line stops at the practices either side.
        assert all(
            abs(outline.elementAt(i).x) + abs(outline.elementAt(i).y) > 0.1
            for i in range(outline.elementCount())
        )
        # The hatched band leaves the unassessed spoke's tip alone.
        hatch = next(
            i
            for i in radar._built[ATM][1]
            if i.__class__.__name__ == "QGraphicsPathItem" and i.path().elementCount() > 50
        )
        tip = radar.vertex(ATM, "testing", "target")

        def near(p):
            return QRectF(p.x() - 0.04, p.y() - 0.04, 0.08, 0.08)

        assert not hatch.path().intersects(near(tip * 0.93))
        other = radar.vertex(ATM, "configuration", "target")
        assert hatch.path().intersects(near(other * 0.93))  # while a practice with a gap is hatched
    finally:
        canvas.close()
    # and the deck's table agrees: no gap for that practice
    from gapradar.domain import prioritised_gaps

    assert all(g.practice.id != "testing" for g in prioritised_gaps(bank, system))


def test_a_dark_transparent_export_has_light_text_and_no_boxes(qapp, bank, tmp_path):
    out = tmp_path / "d.svg"
    spec = ChartSpec(bank, focus=ATM)
    export_svg(spec, str(out), ExportOptions(*SIZE, transparent=True, theme="dark"))
    text = out.read_text(encoding="utf-8")
    assert "<rect" not in text  # no page background
    fills = re.findall(r'<path d="[^"]*Z" fill="(#[0-9a-f]+)"[^>]*stroke="none"/>', text)
    assert fills == []  # no boxes behind ring labels
    colours = set(re.findall(r'<tspan fill="(#[0-9a-f]+)"', text))
    assert "#ececec" in colours and "#000000" not in colours  # the dark theme's light text


def chromium(svg, out, window: tuple[int, int], profile) -> None:
    """The SVG opened as a page in headless Chromium, screenshot at `window`."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed (Debian chromium)")
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={out}",
            f"--window-size={window[0]},{window[1]}",
            svg.as_uri(),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )


def test_a_browser_scales_the_svg_to_its_window(qapp, sample_path, tmp_path):
    """Chromium in a window smaller than the SVG shows all of it, as librsvg does, not its top-left corner."""
    from gapradar.cli import main

    png, svg, shot = tmp_path / "gaps.png", tmp_path / "gaps.svg", tmp_path / "chromium.png"
    size = f"{SIZE[0]}x{SIZE[1]}"
    assert main(["export", str(sample_path), "--view", "gaps", "--png", str(png), "--size", size]) == 0
    assert main(["export", str(sample_path), "--view", "gaps", "--svg", str(svg), "--size", size]) == 0
    root = svg.read_text(encoding="utf-8").split("<svg", 1)[1].split(">", 1)[0]
    assert f'width="{SIZE[0]}" height="{SIZE[1]}" viewBox="0 0 {SIZE[0]} {SIZE[1]}"' in root
    chromium(svg, shot, (SIZE[0] * 3 // 4, SIZE[1] * 3 // 4), tmp_path / "profile")
    assert rmse(png, shot) < SAME
