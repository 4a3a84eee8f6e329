"""The window's own colours follow the chart theme (light, dark, high contrast)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gapradar.chart.style import Theme

_platform_palette: list[QPalette] = []


def apply_window_theme(theme: Theme) -> None:
    """Light keeps the platform's own colours; dark and high contrast set a palette."""
    app = QApplication.instance()
    if app is None:
        return
    if not _platform_palette:
        _platform_palette.append(QPalette(app.palette()))
    if theme.name == "light":
        app.setPalette(_platform_palette[0])
        return
    bg, text = QColor(theme.background), QColor(theme.text)
    base = bg.lighter(125) if theme.name == "dark" else bg
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, bg),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, base.lighter(115)),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, base),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, bg),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor(theme.muted_text)),
        (QPalette.ColorRole.Highlight, QColor("#1f6fd1" if theme.name == "dark" else "#ffd400")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff" if theme.name == "dark" else "#000000")),
    ):
        palette.setColor(role, colour)
    app.setPalette(palette)
