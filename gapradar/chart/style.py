"""Themes and the categorical palette, as plain data so contrast can be tested.

The palette starts with Okabe–Ito's colours; the last ones were chosen by
search so all ten stay apart (CIE76 ΔE ≥ 12) for normal vision and simulated
deuteranopia, protanopia and tritanopia (tests/chart/test_style.py); current and target are never told
apart by colour alone (filled vs dashed outline, round vs diamond markers).
"""

from __future__ import annotations

from dataclasses import dataclass

PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#882255",  # wine
    "#999933",  # olive
    "#8800FF",  # violet
    "#553311",  # brown
)


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    muted_text: str
    grid: str
    spoke: str
    ring_label_background: str
    average: str
    highlight: str
    palette: tuple[str, ...] = PALETTE


LIGHT = Theme(
    name="light",
    background="#ffffff",
    text="#1a1a1a",
    muted_text="#505050",
    grid="#c8c8c8",
    spoke="#b0b0b0",
    ring_label_background="#ffffff",
    average="#1a1a1a",
    highlight="#fff2b3",
)

PRINT = Theme(
    name="print",
    background="#ffffff",
    text="#000000",
    muted_text="#404040",
    grid="#bdbdbd",
    spoke="#9e9e9e",
    ring_label_background="#ffffff",
    average="#000000",
    highlight="#fff2b3",
)

DARK = Theme(
    name="dark",
    background="#1e1f22",
    text="#ececec",
    muted_text="#b4b4b4",
    grid="#4a4c52",
    spoke="#5c5f66",
    ring_label_background="#1e1f22",
    average="#f0f0f0",
    highlight="#4a4220",
    palette=(
        "#56B4E9",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#F0E442",
        "#D55E00",
        "#AA4499",
        "#999933",
        "#8877FF",
        "#AAFF88",
    ),
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    background="#000000",
    text="#ffffff",
    muted_text="#ffffff",
    grid="#9a9a9a",
    spoke="#bdbdbd",
    ring_label_background="#000000",
    average="#ffffff",
    highlight="#5a4a00",
    palette=(
        "#56B4E9",
        "#F0E442",
        "#009E73",
        "#CC79A7",
        "#E69F00",
        "#88CCEE",
        "#99BB66",
        "#8888FF",
        "#BBFF88",
        "#00FFAA",
    ),
)

THEMES: dict[str, Theme] = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST, PRINT)}


def colour_for(theme: Theme, index: int) -> str:
    """A system's colour by its position in the assessment, so it never changes on check/uncheck."""
    return theme.palette[index % len(theme.palette)]


# Beyond the palette, colours repeat; each further round of systems gets its own line and marker.
# Solid, dashed (targets) and dotted (the average) are taken: extensions use dash-dot patterns.
LINES: tuple[str, ...] = ("solid", "dashdot", "dashdotdot")
SYMBOLS: tuple[str, ...] = ("o", "s", "t1")  # round, square, triangle (pyqtgraph's names)
GLYPHS: tuple[str, ...] = ("●", "■", "▲")  # the same shapes as text, for legends
LINE_WORDS: tuple[str, ...] = ("solid", "dash-dot", "dash-dot-dot")


@dataclass(frozen=True)
class SeriesStyle:
    """How one system is told apart: colour first, then line and marker once colours repeat."""

    colour: str
    line: str
    symbol: str
    glyph: str
    round: int  # 0 for the first len(palette) systems, 1 for the next ...


def style_for(theme: Theme, index: int) -> SeriesStyle:
    cycle = (index // len(theme.palette)) % len(LINES)
    return SeriesStyle(
        colour_for(theme, index), LINES[cycle], SYMBOLS[cycle], GLYPHS[cycle], index // len(theme.palette)
    )
