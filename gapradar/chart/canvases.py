"""Which canvas paints a spec: the radar's for a ChartSpec, a pixel scene's for the other views.

Exports lay any of them out at the output's size through `lay_out`, so every
view goes through the one scene-to-file path (export/render.py).
"""

from __future__ import annotations

from typing import Any

from gapradar.chart.canvas import RadarCanvas
from gapradar.chart.pixel_scene import PixelCanvas
from gapradar.chart.view_spec import ViewSpec


class ExportRadarCanvas(RadarCanvas):
    def lay_out(self, width: int, height: int) -> None:
        self.radar.resize(width, height)


class ViewCanvas(PixelCanvas):
    """A plain canvas for one ViewSpec; the scene class follows the spec's view."""

    def __init__(self, spec: ViewSpec) -> None:
        super().__init__()
        self.scene_item = scene_for(spec.view, self.view_box)

    def set_spec(self, spec: ViewSpec) -> None:
        self.setBackground(None if spec.transparent else spec.theme.background)
        self.scene_item.set_spec(spec)

    def lay_out(self, width: int, height: int) -> None:
        self.scene_item.resize(width, height)


def scene_for(view: str, view_box: Any) -> Any:
    from gapradar.chart.gap_scene import GapScene
    from gapradar.chart.heatmap_scene import HeatmapScene
    from gapradar.chart.moved_scene import MovedScene
    from gapradar.chart.multiples_scene import MultiplesScene
    from gapradar.chart.slope_scene import SlopeScene

    scenes = {
        "heatmap": HeatmapScene,
        "gaps": GapScene,
        "multiples": MultiplesScene,
        "slope": SlopeScene,
        "moved": MovedScene,
    }
    return scenes[view](view_box)


def canvas_for(spec: Any) -> Any:
    """A canvas that can draw `spec`, not yet sized or shown."""
    return ViewCanvas(spec) if isinstance(spec, ViewSpec) else ExportRadarCanvas()
