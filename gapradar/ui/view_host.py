"""The window's chart area: one widget per family of views, the one for the current view in front.

Radar overlay and focus share the radar widget; a new view family (a heatmap, a
gap chart) is one entry in WIDGETS. Widgets are made when first shown, and all
of them take the workspace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from gapradar.chart.view_state import ViewState
from gapradar.chart.views import VIEWS
from gapradar.ui.gap_views import GapChartView, MovedView, MultiplesView, SlopeView
from gapradar.ui.heatmap_view import HeatmapView
from gapradar.ui.overlay_hint import OverlayHint
from gapradar.ui.radar_view import RadarView
from gapradar.ui.workspace import Workspace

WIDGETS: dict[str, Callable[[Workspace], QWidget]] = {
    "radar": RadarView,
    "heatmap": HeatmapView,
    "gaps": GapChartView,
    "multiples": MultiplesView,
    "slope": SlopeView,
    "moved": MovedView,
}


class ViewHost(QStackedWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewHost")
        self.ws = workspace
        self.pages: dict[str, QWidget] = {}
        workspace.state_changed.connect(self._state_changed)
        self.show_family(self.family(workspace.state))

    @staticmethod
    def family(state: ViewState) -> str:
        kind = VIEWS.get(state.view)
        return kind.family if kind is not None else "radar"

    def page(self, family: str) -> QWidget:
        if family not in self.pages:
            widget = WIDGETS[family](self.ws)
            self.pages[family] = widget
            self.addWidget(widget)
            if family == "radar":
                self.overlay_hint = OverlayHint(self.ws, widget)  # many systems: suggest another view
        return self.pages[family]

    def show_family(self, family: str) -> None:
        page = self.page(family)
        for other_family, other in self.pages.items():
            if other_family != family:
                self.pause(other)
        self.resume(page)
        self.setCurrentWidget(page)

    # A page out of sight does not redraw on every edit (the radar of 20 systems costs
    # more than the heatmap's whole edit); it catches up when it comes back.
    def _signals(self) -> tuple:
        return (self.ws.document_replaced, self.ws.document_changed, self.ws.state_changed)

    def pause(self, page: QWidget) -> None:
        """A view out of sight (or waiting for its size) stops following the workspace."""
        refresh = getattr(page, "refresh_from_workspace", None)
        if refresh is None or page.property("paused"):
            return
        for signal in self._signals():
            signal.disconnect(refresh)
        page.setProperty("paused", True)

    def resume(self, page: QWidget) -> None:
        """It follows again, catching up once."""
        refresh = getattr(page, "refresh_from_workspace", None)
        if refresh is None or not page.property("paused"):
            return
        for signal in self._signals():
            signal.connect(refresh)
        page.setProperty("paused", False)
        refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        hint = getattr(self, "overlay_hint", None)
        if hint is not None and hint.isVisible():
            hint.place()

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        if state.view != before.view:
            self.show_family(self.family(state))
