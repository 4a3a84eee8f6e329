"""The window's own colours follow the chart theme (light, dark, high contrast).

Dark and high contrast set a whole palette, disabled colours included (Qt's
default disabled colours are made for light backgrounds: on black, disabled
menu items looked enabled), and draw check boxes with an outline that shows
on a dark background.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gapradar import bundled
from gapradar.chart.style import Theme

_platform_palette: list[QPalette] = []

DISABLED_TEXT = {"dark": "#7c7e84", "high-contrast": "#8c8c8c"}
HIGHLIGHT = {"dark": ("#1f6fd1", "#ffffff"), "high-contrast": ("#ffd400", "#000000")}


def theme_palette(theme: Theme) -> QPalette:
    bg, text = QColor(theme.background), QColor(theme.text)
    base = bg.lighter(125) if theme.name == "dark" else bg
    highlight, highlighted_text = HIGHLIGHT.get(theme.name, ("#1f6fd1", "#ffffff"))
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, bg),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, base.lighter(115)),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, base),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, text),
        (QPalette.ColorRole.ToolTipBase, bg),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor(theme.muted_text)),
        (QPalette.ColorRole.Highlight, QColor(highlight)),
        (QPalette.ColorRole.HighlightedText, QColor(highlighted_text)),
        (QPalette.ColorRole.Light, base.lighter(150)),
        (QPalette.ColorRole.Midlight, base.lighter(125)),
        (QPalette.ColorRole.Mid, base.lighter(110)),
        (QPalette.ColorRole.Dark, bg.darker(150)),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
    ):
        palette.setColor(role, colour)
    disabled = QColor(DISABLED_TEXT.get(theme.name, theme.muted_text))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, bg)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, bg)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(theme.grid))
    return palette


def indicator_style(theme: Theme) -> str:
    """Check boxes outlined in the text colour, ticked on the highlight colour."""
    highlight = HIGHLIGHT.get(theme.name, ("#1f6fd1", "#ffffff"))[0]
    tick = (bundled.resources_dir() / "check-mark.svg").as_posix()
    indicator = "QCheckBox::indicator, QAbstractItemView::indicator"  # menus keep the style's own marks
    return (
        f"{indicator} {{ width: 14px; height: 14px; border: 2px solid {theme.text};"
        f" border-radius: 3px; background: {theme.background}; }}"
        f" QCheckBox::indicator:checked, QAbstractItemView::indicator:checked"
        f" {{ background: {highlight}; border-color: {highlight}; image: url({tick}); }}"
        f" QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled"
        f" {{ border-color: {DISABLED_TEXT.get(theme.name, theme.muted_text)}; }}"
    )


def frame_style(theme: Theme) -> str:
    """Outlines Fusion draws darker than the window, which on black is no outline at all."""
    edge = theme.text if theme.name == "high-contrast" else theme.grid
    disabled = DISABLED_TEXT.get(theme.name, theme.muted_text)
    return (
        f" QMenu {{ border: 2px solid {edge}; background: {theme.background}; padding: 2px; }}"
        f" QDialog {{ background: {theme.background}; }}"
        f" QMenu::separator {{ height: 1px; background: {edge}; margin: 4px 6px; }}"
        f" QLineEdit {{ border: 1px solid {edge}; border-radius: 3px; padding: 2px 4px; }}"
        f" QPushButton {{ border: 1px solid {edge}; border-radius: 3px; padding: 4px 10px; }}"
        f" QPushButton:disabled, QToolButton:disabled {{ border-color: {disabled}; }}"
        f" QPushButton:focus, QToolButton:focus, QLineEdit:focus {{ border: 2px solid"
        f" {HIGHLIGHT.get(theme.name, ('#1f6fd1', ''))[0]}; }}"
    )


def apply_window_theme(theme: Theme) -> None:
    """Light keeps the platform's own colours; dark and high contrast set a palette."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _platform_palette:
        _platform_palette.append(QPalette(app.palette()))
    if theme.name == "light":
        app.setPalette(_platform_palette[0])
        app.setStyleSheet("")
        return
    app.setPalette(theme_palette(theme))
    app.setStyleSheet(indicator_style(theme) + frame_style(theme))
