"""The "n/a" on a spoke: on a plate of the theme's background, its text readable (WCAG 4.5:1)."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from gapradar.chart.colour import contrast
from gapradar.chart.rating_marks import NA_CONTRAST, NOT_APPLICABLE, readable_on
from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import THEMES
from gapradar.export.render import ExportOptions, _Canvas
from gapradar.io import load

ATM = "ATM Management Application"
SHOWN = (ATM, "Core Banking Application", "Equity Trading and Analytics Platform")


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_every_series_colour_reads_on_its_plate(theme):
    for colour in (*theme.palette, theme.average):
        text = readable_on(colour, theme.background)
        assert contrast(text, theme.background) >= NA_CONTRAST, (theme.name, colour, text)
        if contrast(colour, theme.background) >= NA_CONTRAST:
            assert text.lower() == colour.lower()  # already readable: the series' own colour


def _image(canvas: _Canvas, background: str) -> QImage:
    image = QImage(canvas.width, canvas.height, QImage.Format.Format_RGB32)
    image.fill(QColor(background))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    canvas.paint(painter)
    painter.end()
    return image


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast", "print"])
def test_n_a_over_filled_polygons_sits_on_an_opaque_plate_in_a_readable_colour(qapp, sample_path, theme):
    a = load(sample_path)
    atm = a.system(ATM)
    atm.set_rating("environments", atm.rating("environments").marked_not_applicable())
    options = ExportOptions(1280, 720, theme=theme)
    spec = options.apply(ChartSpec(a, checked=SHOWN, show_average=True))
    canvas = _Canvas(spec, options.width, options.height)
    try:
        label = next(
            i
            for i in canvas.items_bottom_up()
            if isinstance(i, pg.TextItem) and i.textItem.toPlainText() == NOT_APPLICABLE
        )
        background = spec.theme.background
        assert label.fill.color() == QColor(background) and label.fill.color().alpha() == 255
        assert contrast(label.color.name(), background) >= NA_CONTRAST
        rect = canvas.to_output().mapRect(label.mapRectToScene(label.boundingRect()))
        image = _image(canvas, background)
    finally:
        canvas.close()
    inner = QRectF(rect).adjusted(2, 2, -2, -2).toRect()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(inner.left(), inner.right())
        for y in range(inner.top(), inner.bottom())
    }
    # Only the plate and the text's own (antialiased) colours: no fill or line shows through.
    text = QColor(label.color)
    for name in colours:
        c = QColor(name)
        bg = QColor(background)
        # every pixel lies between the plate's and the text's colour, channel by channel
        for channel in ("red", "green", "blue"):
            lo, hi = sorted((getattr(bg, channel)(), getattr(text, channel)()))
            assert lo - 6 <= getattr(c, channel)() <= hi + 6, (theme, name)
    strongest = max(contrast(name, background) for name in colours)
    assert strongest >= NA_CONTRAST
