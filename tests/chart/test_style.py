"""Themes and palettes checked as data: text contrast (WCAG) and colours apart under colour-vision deficiencies."""

import itertools

import pytest

from gapradar.chart.colour import CVD_MATRICES, contrast, delta_e, rgb, simulate
from gapradar.chart.style import THEMES


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_text_contrast(theme):
    need = 7.0 if theme.name == "high-contrast" else 4.5
    assert contrast(theme.text, theme.background) >= need
    assert contrast(theme.muted_text, theme.background) >= need
    assert contrast(theme.text, theme.ring_label_background) >= need


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
@pytest.mark.parametrize("vision", ["normal", *CVD_MATRICES])
def test_palette_stays_distinguishable(theme, vision):
    colours = [rgb(c) if vision == "normal" else simulate(c, vision) for c in theme.palette]
    assert len(colours) == 10
    closest = min(delta_e(a, b) for a, b in itertools.combinations(colours, 2))
    need = 9.0 if theme.name == "high-contrast" else 12.0
    assert closest >= need, f"{theme.name} under {vision}: two colours only ΔE {closest:.1f} apart"


def test_average_is_apart_from_every_system_colour():
    for theme in THEMES.values():
        for c in theme.palette:
            assert delta_e(rgb(c), rgb(theme.average)) >= 20


def test_contrast_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
