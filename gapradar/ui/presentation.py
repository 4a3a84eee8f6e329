"""Presentation mode: the current view full screen in large type, with the level guide as a caption band.

Every view of the registry presents: the radar (overlay or focus) with its
handles and votes, and the heatmap, gap chart and small multiples drawn by the
scene every export uses, fitted to the screen. Ctrl+1 … Ctrl+5 switch views here too.

It shows the same workspace as the window and edits through the same
facilitator and undo stack; the window's undo and redo actions work here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from gapradar.chart import radar_rollup
from gapradar.chart.canvases import ViewCanvas
from gapradar.chart.radar_scene import REFERENCE_PX
from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_spec import ViewSpec
from gapradar.chart.views import ONE_SYSTEM, VIEWS, scene_spec
from gapradar.ui.facilitation import rollup_in_focus
from gapradar.ui.level_guide import LevelGuide, guide_html
from gapradar.ui.radar_view import RadarView
from gapradar.ui.workspace import Workspace

LABEL_SHARE = 0.032  # practice names: at least 3% of the screen's height
GUIDE_SHARE = 0.021
LEGEND_SHARE = 0.021  # legend, subtitle and notes: readable from the room, as the caption band is


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(
        self,
        workspace: Workspace,
        keyboard: QObject,
        actions: list[QAction] | None = None,
        title: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setAccessibleName("Presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ws = workspace
        self._title = title
        self.radar = RadarView(workspace, self._decorate)
        self.radar.setObjectName("presentationRadar")
        self.radar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guide = LevelGuide(workspace, band=True)
        self.guide.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.guide.setFrameShape(LevelGuide.Shape.NoFrame)
        self.views = QStackedWidget()
        self.views.addWidget(self.radar)
        self.canvases: dict[str, PresentedView] = {}  # the other views' scenes, made when first shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.guide)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.installEventFilter(keyboard)
        # Undo, redo and the other window shortcuts work while presenting.
        self.addActions(actions or [])
        self.addActions(self._view_actions())
        workspace.state_changed.connect(self.refresh)
        workspace.document_changed.connect(self._fit_guide)  # a renamed level may need more room
        workspace.rounds_changed.connect(self._fit_guide)
        workspace.state_changed.connect(self._rounds_moved)
        workspace.document_replaced.connect(self.refresh)
        workspace.document_changed.connect(self._edited)
        self.refresh()

    def add_band(self, band: QWidget) -> None:
        """A band between the radar and the level guide (the revealed votes' histogram)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, band)

    def _scale(self) -> float:
        """The scenes' own size factor at the chart area's size (as radar_scene.sizes_for has it)."""
        radar = getattr(self, "radar", None)
        size = radar.viewport().size() if radar is not None else self.size()
        return max(0.45, min(size.width(), size.height()) / REFERENCE_PX)

    def font_scale(self) -> float:
        """So practice names are at least LABEL_SHARE of the height, whatever the screen."""
        return max(1.0, LABEL_SHARE * self.height() / (15 * self._scale()))

    def chrome_scale(self) -> float:
        """So the legend (13.5 px at the reference size) is at least LEGEND_SHARE of the height."""
        return max(1.2, LEGEND_SHARE * self.height() / (13.5 * self._scale()))

    def _decorate(self, spec: ChartSpec) -> ChartSpec:
        """Projection sizes; the overlay's subtitle also names the system the keys edit, after
        the window's own (the round shown, the roll-up's rule). A system in focus is named by
        the title already, and the roll-up in focus is no system's chart."""
        spec = replace(spec, font_scale=self.font_scale(), chrome_scale=self.chrome_scale())
        system = self.ws.state.selected_system
        if spec.focus is not None or system is None or rollup_in_focus(self.ws.state):
            return spec
        words = radar_rollup.subtitle(spec)
        return replace(spec, subtitle=f"{words} · Editing {system}" if words else f"Editing {system}")

    def refresh(self, *_args: object) -> None:
        if not hasattr(self, "guide"):
            return  # still being built
        theme = self.ws.theme
        self.setWindowTitle(self._title() if self._title else "gapradar presentation")
        self.setStyleSheet(f"background: {theme.background}; color: {theme.text};")
        self._show_view()
        # A change view or gap chart of the roll-up is no system's: a caption about the selected
        # system's levels would describe something the room does not see.
        state = self.ws.state
        self.guide.setVisible(not (state.view in ONE_SYSTEM and state.gaps_of_rollup))
        f = self.guide.label.font()
        f.setPixelSize(max(12, round(GUIDE_SHARE * self.height())))
        self.guide.label.setFont(f)
        self._fit_guide()

    def _rounds_moved(self, state: object, before: object) -> None:
        """Another round or baseline: the guide's "since" line comes or goes, so it is measured again."""
        if (getattr(state, "round", None), getattr(state, "baseline", None)) != (
            getattr(before, "round", None),
            getattr(before, "baseline", None),
        ):
            self._fit_guide()

    def _fit_guide(self) -> None:
        """The band is as tall as the longest practice's descriptions need, targets shown: walking
        the practices or revealing the targets never resizes the chart above it."""
        a, state = self.ws.assessment, self.ws.state
        if a is None:
            return
        probe = QLabel()
        probe.setWordWrap(True)
        probe.setTextFormat(Qt.TextFormat.RichText)
        probe.setFont(self.guide.label.font())
        width = max(200, self.width() - 40)
        tallest = 0
        for i in range(len(a.model.practices)):
            probe.setText(
                guide_html(
                    a,
                    state.selected_system,
                    i,
                    state.editing,
                    self.ws.theme,
                    band=True,
                    show_targets=True,
                    baseline=self.ws.baseline_round(),
                    rollup=self.guide.rollup_on(i),
                )
            )
            tallest = max(tallest, probe.heightForWidth(width))
        needed = round(tallest * 1.12) + 28
        self.guide.setFixedHeight(min(round(self.height() * 0.34), max(120, needed)))

    def _view_actions(self) -> list[QAction]:
        """The registry's views on their window shortcuts, so the presenter can switch views here."""
        actions = []
        for kind in VIEWS.values():
            action = QAction(kind.label.replace("&", ""), self)
            action.setShortcut(kind.shortcut)
            action.triggered.connect(lambda _c=False, k=kind.key: self.ws.update(view=k))
            actions.append(action)
        return actions

    def _edited(self) -> None:
        if self.views.currentWidget() is not self.radar:
            self._show_view()  # the radar follows edits by itself

    def _show_view(self) -> None:
        """The current view in front: the radar, or another view's scene at the screen's size."""
        a, state = self.ws.assessment, self.ws.state
        kind = VIEWS.get(state.view, VIEWS["overlay"])
        if a is None or kind.scene is None:
            self.views.setCurrentWidget(self.radar)
            self.radar.refresh_from_workspace()
            return
        if state.view not in self.canvases:
            canvas = PresentedView(scene_spec(a, state))  # type: ignore[arg-type]
            canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            canvas.setObjectName(f"presentation_{state.view}")
            self.canvases[state.view] = canvas
            self.views.addWidget(canvas)
        canvas = self.canvases[state.view]
        spec = scene_spec(a, state)
        assert isinstance(spec, ViewSpec)
        canvas.present(replace(spec, font_scale=self.font_scale() * 0.8, chrome_scale=self.chrome_scale()))
        self.views.setCurrentWidget(canvas)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            keys = self.findChild(QLabel, "keysOverlay")
            if event.key() == Qt.Key.Key_Escape and keys is not None and keys.isVisible():
                keys.hide()  # Esc closes the key list first, then presentation mode
                return
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


class PresentedView(ViewCanvas):
    """A gap-first view's scene fitted to the presentation's chart area, as an export lays it out."""

    def present(self, spec: ViewSpec) -> None:
        self.set_spec(spec)
        self._fit()

    def _fit(self) -> None:
        size = self.viewport().size()
        if size.width() > 1 and size.height() > 1:
            self.lay_out(size.width(), size.height())

    def resizeEvent(self, ev: QResizeEvent) -> None:
        super().resizeEvent(ev)
        if hasattr(self, "scene_item"):
            self._fit()
