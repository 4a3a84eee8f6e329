"""Exports checked by reading the files back: pixels, DPI, alpha, SVG XML, PDF text, PPTX slides."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import PRINT, colour_for
from gapradar.export.render import ExportOptions, _Canvas, export_pdf, export_png, export_svg
from gapradar.io import load

ATM = "ATM Management Application"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def bank(sample_path):
    return load(sample_path)


def test_png_has_the_exact_size_and_dpi(qapp, bank, tmp_path):
    out = tmp_path / "c.png"
    export_png(ChartSpec(bank, checked=(ATM,)), str(out), ExportOptions(1920, 1080, dpi=300))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert image.pixelColor(2, 2) == QColor("#ffffff")  # print theme: white, opaque


@pytest.mark.parametrize("size", [(1080, 1080), (1600, 1200), (800, 1400)])
def test_any_aspect_is_fitted_not_stretched(qapp, bank, tmp_path, size):
    out = tmp_path / "c.png"
    export_png(ChartSpec(bank, checked=(ATM,)), str(out), ExportOptions(*size))
    image = QImage(str(out))
    assert (image.width(), image.height()) == size


def test_transparent_background(qapp, bank, tmp_path):
    out = tmp_path / "t.png"
    export_png(ChartSpec(bank, checked=(ATM,)), str(out), ExportOptions(1280, 720, transparent=True))
    image = QImage(str(out))
    assert image.hasAlphaChannel()
    assert image.pixelColor(3, image.height() - 3).alpha() == 0
    assert any(image.pixelColor(x, image.height() // 2).alpha() == 255 for x in range(image.width()))


def test_system_colour_is_painted_at_its_points(qapp, bank, tmp_path):
    spec = ChartSpec(bank, checked=(ATM,), show_average=False)
    options = ExportOptions(1280, 720)
    out = tmp_path / "c.png"
    export_png(spec, str(out), options)
    image = QImage(str(out))
    canvas = _Canvas(options.apply(spec), 1280, 720)
    colour = QColor(colour_for(PRINT, bank.index_of(ATM)))
    try:
        for practice in bank.model.practices:
            p = canvas.view.radar.data_to_px(canvas.view.radar.vertex(ATM, practice.id))
            got = image.pixelColor(round(p.x()), round(p.y()))
            assert (
                abs(got.red() - colour.red())
                + abs(got.green() - colour.green())
                + abs(got.blue() - colour.blue())
                < 40
            ), practice.id
        # Inside the polygon (between the centre and a vertex) the fill is a tint of the colour.
        mid = canvas.view.radar.data_to_px(canvas.view.radar.vertex(ATM, "testing") * 0.6)
        tint = image.pixelColor(round(mid.x()), round(mid.y()))
        assert tint != QColor("#ffffff") and tint.red() > tint.green()
    finally:
        canvas.close()


def test_large_export_looks_like_a_sharp_small_one(qapp, bank, tmp_path):
    """3840 × 2160 scaled down equals 1280 × 720: same layout, proportionally thick lines."""
    spec = ChartSpec(bank, checked=(ATM, "Core Banking Application"))
    small, large = tmp_path / "s.png", tmp_path / "l.png"
    export_png(spec, str(small), ExportOptions(1280, 720))
    export_png(spec, str(large), ExportOptions(3840, 2160))
    a = QImage(str(small)).scaled(
        320, 180, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    b = QImage(str(large)).scaled(
        320, 180, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    diff = 0
    for y in range(180):
        for x in range(320):
            ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
            diff += abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
    mean = diff / (320 * 180 * 3)
    # Text is hinted per pixel size, so each line of it differs a little between the two sizes; the
    # subtitle naming the roll-up rule is one more line (3.9 without it). A moved layout costs > 10.
    assert mean < 4.3, mean


def svg_texts(path) -> list[str]:
    root = ET.parse(path).getroot()
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG_NS}text")]


def test_svg_keeps_text_as_text_and_has_no_bitmaps(qapp, bank, tmp_path):
    out = tmp_path / "c.svg"
    export_svg(ChartSpec(bank, checked=(ATM,)), str(out), ExportOptions(1280, 720))
    root = ET.parse(out).getroot()
    assert list(root.iter(f"{SVG_NS}image")) == []
    joined = " ".join(svg_texts(out))
    for practice in bank.model.practices:
        assert practice.name in joined
    assert root.get("viewBox") == "0 0 1280 720"


def test_svg_escapes_markup_and_keeps_other_scripts(qapp, bank, tmp_path):
    bank.system(ATM).name = "R&D <Core> 銀行 – Ünïcode"
    out = tmp_path / "c.svg"
    export_svg(ChartSpec(bank, checked=("R&D <Core> 銀行 – Ünïcode",)), str(out), ExportOptions(1280, 720))
    assert "R&D <Core> 銀行 – Ünïcode" in " ".join(svg_texts(out))


def test_pdf_is_a_pdf_with_the_practice_names(qapp, bank, tmp_path):
    out = tmp_path / "c.pdf"
    export_pdf(ChartSpec(bank, checked=(ATM,)), str(out), ExportOptions(3508, 2480, dpi=300))
    assert out.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), "poppler-utils is needed to read PDFs back (.ci/run installs it)"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(unicodedata.normalize("NFKC", text).split())
    for practice in bank.model.practices:
        assert practice.name in words, practice.name
    size = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    w_pt, h_pt = (float(v) for v in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", size).groups())
    assert (round(w_pt / 72 * 25.4), round(h_pt / 72 * 25.4)) == (297, 210)  # A4 landscape at 300 dpi


def test_cli_exports_without_a_display(tmp_path, sample_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "c.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gapradar",
            "export",
            str(sample_path),
            "--png",
            str(out),
            "--size",
            "1600x1200",
            "--dpi",
            "150",
            "--no-legend",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height(), round(image.dotsPerMeterX() * 0.0254)) == (1600, 1200, 150)


def test_cli_per_system_and_unknown_system(tmp_path, sample_path, capsys):
    from gapradar.cli import main

    folder = tmp_path / "charts"
    assert (
        main(
            ["export", str(sample_path), "--per-system", str(folder), "--format", "svg", "--size", "800x600"]
        )
        == 0
    )
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 10 and "Mobile Banking Platform (iOS).svg" in names
    assert main(["export", str(sample_path), "--png", str(tmp_path / "x.png"), "--systems", "Nope"]) == 2
    assert "no system named 'Nope'" in capsys.readouterr().err


def test_safe_file_names():
    from gapradar.export.files import safe_file_name

    taken: set[str] = set()
    assert safe_file_name('A/B: "C"?', "png", taken) == "A-B- -C.png"
    assert safe_file_name("CON", "png", taken) == "_CON.png"
    assert safe_file_name("a/b", "png", taken) == "a-b.png"
    assert safe_file_name("a:b", "png", taken) == "a-b (2).png"
