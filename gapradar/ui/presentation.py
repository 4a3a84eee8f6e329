"""Presentation mode: the radar full screen in large type, with the level guide as a caption band."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gapradar.chart.radar_scene import REFERENCE_PX
from gapradar.ui.level_guide import LevelGuide
from gapradar.ui.radar_view import RadarView

LABEL_SHARE = 0.032  # practice names: at least 3% of the screen's height
GUIDE_SHARE = 0.021


class PresentationWindow(QWidget):
    def __init__(self, window) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setAccessibleName("Presentation")
        self.setWindowTitle(f"{window.doc.display_name} — gapradar presentation")
        self.window_ = window
        self.radar = RadarView(window._edit_from_chart)
        self.radar.setObjectName("presentationRadar")
        self.radar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guide = LevelGuide(band=True)
        self.guide.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guide.setFrameShape(LevelGuide.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.radar, 1)
        layout.addWidget(self.guide)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.installEventFilter(window.keyboard)

    def font_scale(self) -> float:
        """So practice names are at least LABEL_SHARE of the height, whatever the screen."""
        size = self.radar.viewport().size()
        s = max(0.45, min(size.width(), size.height()) / REFERENCE_PX)
        return max(1.0, LABEL_SHARE * self.height() / (15 * s))

    def refresh(self) -> None:
        w = self.window_
        spec = w.chart_spec()
        system = w.focused_system()
        spec = replace(spec, font_scale=self.font_scale(), chrome_scale=1.2, subtitle=system or "")
        self.setStyleSheet(f"background: {spec.theme.background}; color: {spec.theme.text};")
        self.radar.set_spec(spec)
        self.guide.theme = spec.theme
        f = self.guide.label.font()
        f.setPixelSize(max(12, round(GUIDE_SHARE * self.height())))
        self.guide.label.setFont(f)
        if system is not None:
            self.guide.show_guide(w.doc.assessment, system, w.selected_practice, w.editing)
        needed = round(self.guide.label.heightForWidth(max(200, self.width() - 40)) * 1.12) + 28
        self.guide.setFixedHeight(min(round(self.height() * 0.34), max(120, needed)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.window_.leave_presentation()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self.window_.presentation is self:
            self.window_.presentation = None
        super().closeEvent(event)
