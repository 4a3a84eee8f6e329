"""A plain view of the radar scene: what exports and screenshots paint.

The interactive window view (ui/radar_view.py) extends it with handles; both
show the same RadarScene, so what you see is what you export.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from gapradar.chart.pixel_scene import still_view_box
from gapradar.chart.radar_scene import RadarScene
from gapradar.chart.spec import ChartSpec


class RadarCanvas(pg.GraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background=None)
        self.view_box = still_view_box(self)
        self.radar = RadarScene(self.view_box)

    def set_spec(self, spec: ChartSpec) -> None:
        self.setBackground(None if spec.transparent else spec.theme.background)
        self.radar.set_spec(spec)

    def refresh(self) -> None:
        """Redraw after the document changed (same spec object, new values)."""
        self.radar.rebuild()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not hasattr(self, "radar"):
            return  # pyqtgraph resizes once from its own constructor
        size = self.viewport().size()
        self.radar.resize(size.width(), size.height())
