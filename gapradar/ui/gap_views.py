"""The gap chart and small multiples in the window: the export's scene, fitted to the chart area.

Both redraw from the workspace on every change (they are small: one row per
practice, one radar per system). Clicking a gap chart row selects that
practice; clicking a small radar selects that system, as the table would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gapradar.chart.gap_scene import GapScene
from gapradar.chart.moved_scene import MovedScene
from gapradar.chart.multiples_scene import MultiplesScene
from gapradar.chart.pixel_scene import PixelCanvas, PixelScene
from gapradar.chart.slope_scene import SlopeScene
from gapradar.chart.view_spec import ViewSpec
from gapradar.chart.views import scene_spec
from gapradar.ui.view_controls import ViewControls
from gapradar.ui.workspace import Workspace


class FittedCanvas(PixelCanvas):
    def __init__(self, scene_class: type[PixelScene], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = scene_class(self.view_box)
        self.on_click: Callable[[float, float], None] = lambda x, y: None

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            self.on_click(ev.position().x(), ev.position().y())
            ev.accept()
            return
        super().mousePressEvent(ev)

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        if hasattr(self, "chart"):
            size = self.viewport().size()
            self.chart.resize(size.width(), size.height())


class SceneView(QWidget):
    """Controls above a canvas showing the current view's scene at the widget's size."""

    view_key = ""
    scene_class: type[PixelScene] = GapScene
    fields: tuple[str, ...] = ("rollup",)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{self.view_key}View")
        self.ws = workspace
        self.controls = ViewControls(workspace, self.fields)
        self.canvas = FittedCanvas(self.scene_class)
        self.canvas.setObjectName(f"{self.view_key}Canvas")
        self.canvas.on_click = self.clicked
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.controls)
        layout.addWidget(self.canvas, 1)
        workspace.document_replaced.connect(self.refresh)
        workspace.document_changed.connect(self.refresh)
        workspace.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        a = self.ws.assessment
        if a is None or self.ws.state.view != self.view_key:
            return
        spec = scene_spec(a, self.ws.state)
        assert isinstance(spec, ViewSpec)
        spec.show_title = False  # the window's title bar names the file
        self.canvas.setBackground(spec.theme.background)
        self.canvas.chart.set_spec(spec)

    def clicked(self, x: float, y: float) -> None:
        pass


class GapChartView(SceneView):
    view_key = "gaps"
    scene_class = GapScene
    fields = ("rollup", "gaps_of_rollup")

    def clicked(self, x: float, y: float) -> None:
        a = self.ws.assessment
        chart = self.canvas.chart
        if a is None or not isinstance(chart, GapScene):
            return
        pid = chart.practice_at(x, y)
        if pid is not None:
            self.ws.update(selected_practice=a.model.practice_index(pid))


class MultiplesView(SceneView):
    view_key = "multiples"
    scene_class = MultiplesScene
    fields = ("rollup",)

    def clicked(self, x: float, y: float) -> None:
        chart = self.canvas.chart
        name = chart.system_at(x, y) if isinstance(chart, MultiplesScene) else None
        if self.ws.assessment is not None and name in self.ws.assessment.system_names():
            self.ws.select_system(name)


class SlopeView(SceneView):
    """The slope chart since the baseline, for the selected system or the roll-up."""

    view_key = "slope"
    scene_class = SlopeScene
    fields = ("rollup", "gaps_of_rollup")


class MovedView(SceneView):
    """What moved since the baseline, for the selected system or the roll-up."""

    view_key = "moved"
    scene_class = MovedScene
    fields = ("rollup", "gaps_of_rollup")
