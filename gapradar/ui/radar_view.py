"""The interactive radar: the shared scene plus draggable level handles for the selected system.

Handles sit on the selected system's points in every view. Dragging snaps to
the rings and edits live: each ring crossed is an undo command merged into one
step for the whole drag, so the polygon follows the mouse and one Ctrl+Z undoes
the drag.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from gapradar.chart import geometry
from gapradar.chart.canvas import RadarCanvas
from gapradar.chart.radar_scene import _pen
from gapradar.chart.spec import ChartSpec
from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.workspace import Workspace

SpecDecorator = Callable[[ChartSpec], ChartSpec]
_drags = itertools.count(1)


class LevelHandle(pg.TargetItem):
    """A point that only moves along its spoke and always rests on a level's ring."""

    def __init__(
        self, practice_index: int, practice_count: int, scores: tuple[int, ...], score: int | None, **kwargs
    ) -> None:
        self.theta = geometry.angle(practice_index, practice_count)
        self.scores = scores
        self.score = score
        super().__init__(pos=self._pos_for(score), movable=True, **kwargs)

    def _pos_for(self, score: int | None) -> QPointF:
        # Not assessed: just off the centre, so the handle can still be grabbed.
        r = geometry.NOT_ASSESSED_RADIUS if score is None else geometry.score_radius(score, self.scores)
        return QPointF(*geometry.point(r, self.theta))

    def setPos(self, *args) -> None:
        pos = (
            QPointF(*args)
            if len(args) == 2
            else args[0]
            if isinstance(args[0], QPointF)
            else QPointF(args[0])
        )
        if not hasattr(self, "scores"):
            super().setPos(pos)
            return
        r = geometry.project_to_spoke(pos.x(), pos.y(), self.theta)
        index = geometry.nearest_level(r, len(self.scores))
        self.score = None if index is None else self.scores[index]
        super().setPos(self._pos_for(self.score))

    def show_score(self, score: int | None) -> None:
        """Follow the document (undo, keyboard, table) unless the mouse holds it."""
        if not self.moving and score != self.score:
            self.setPos(self._pos_for(score))


class RadarView(RadarCanvas):
    def __init__(
        self, workspace: Workspace, decorate: SpecDecorator | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("radarView")
        self.setAccessibleName("Radar chart")
        self.ws = workspace
        self.decorate = decorate
        self.radar.on_screen = True
        self.handles: dict[tuple[str, str], LevelHandle] = {}
        self._handles_key: tuple | None = None
        # The next chart is built in two turns of the event loop (a file arriving from the start
        # page: the window answers in between; one turn took ~100 ms at 40 practices).
        self.in_two_turns = False
        self._drag: tuple[int, int | None] | None = None  # drag token, score before the drag
        workspace.document_replaced.connect(self.refresh_from_workspace)
        workspace.document_changed.connect(self.refresh_from_workspace)
        workspace.state_changed.connect(self.refresh_from_workspace)
        self.radar.hold()  # built when first shown, at its size (see showEvent)
        self.release_when_shown = True  # the main window releases it itself, once its table is fitted
        self.refresh_from_workspace()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.release_when_shown:
            self.release()

    def release(self) -> None:
        """The chart held back until shown is built, once, with its drag handles."""
        if self.radar.held:
            self.radar.release()
            self._update_handles()

    def refresh_from_workspace(self, *_args: object) -> None:
        spec = self.ws.chart_spec()
        if spec is None:
            self.clear_chart()
            return
        if self.decorate is not None:
            spec = self.decorate(spec)
        self.set_spec(spec)

    def clear_chart(self) -> None:
        """No document: nothing to drag (the window shows its start page instead of the chart)."""
        self._remove_handles()

    def set_spec(self, spec: ChartSpec) -> None:
        if self.in_two_turns:  # a file just arrived: the frame paints in this turn, its series next
            self.in_two_turns = False
            self.radar.frame_only = True
            try:
                super().set_spec(spec)
            finally:
                self.radar.frame_only = False
            QTimer.singleShot(5, self._finish)  # 0 would run in the same pass of due timers
            return
        super().set_spec(spec)
        self._update_handles()

    def _finish(self) -> None:
        """The series and drag handles of a chart whose frame was built a turn before."""
        if isValid(self):
            self.radar.rebuild()
            self._update_handles()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not hasattr(self, "handles"):
            return  # pyqtgraph resizes once from its own constructor
        if self.decorate is not None:
            self.refresh_from_workspace()  # sizes that depend on the view's size (presentation's type)
        else:
            self._update_handles()

    def _remove_handles(self) -> None:
        for handle in self.handles.values():
            self.view_box.removeItem(handle)
        self.handles = {}
        self._handles_key = None

    def _update_handles(self) -> None:
        spec = self.radar.spec
        state = self.ws.state
        name = state.selected_system
        if spec is None or name is None or name not in spec.assessment.system_names():
            self._remove_handles()
            return
        if (spec.focus is None and name not in spec.checked) or spec.focus not in (None, name):
            self._remove_handles()  # not drawn, or another series (the roll-up) in focus
            return
        a = spec.assessment
        system = a.system(name)
        kinds = ("current", "target") if spec.show_targets else ("current",)
        colour = self.radar.series[name].colour if name in self.radar.series else "#777777"
        key = (name, a.model.practices, a.model.scores, kinds, colour, self.radar.sizes.marker)
        if key == self._handles_key:
            for (pid, which), handle in self.handles.items():
                handle.show_score(getattr(system.rating(pid), which))
            return
        self._remove_handles()
        self._handles_key = key
        size = self.radar.sizes.marker * 1.9
        hover = QColor(colour)
        hover.setAlphaF(0.35)
        for i, p in enumerate(a.model.practices):
            for which in kinds:
                handle = LevelHandle(
                    i,
                    len(a.model.practices),
                    a.model.scores,
                    getattr(system.rating(p.id), which),
                    size=size,
                    symbol="o" if which == "current" else "d",
                    pen=pg.mkPen(None),
                    brush=pg.mkBrush(0, 0, 0, 0),
                    hoverPen=_pen(colour, 2),
                    hoverBrush=pg.mkBrush(hover),
                )
                handle.setToolTip(f"Drag along the spoke to set {p.name} {which} of {name}")
                handle.setCursor(Qt.CursorShape.SizeAllCursor)
                handle.setZValue(40 if which == "current" else 39)
                handle.sigPositionChanged.connect(lambda h, pid=p.id, w=which: self._moved(h, pid, w))
                handle.sigPositionChangeFinished.connect(lambda _h: self._finished())
                self.view_box.addItem(handle, ignoreBounds=True)
                self.handles[(p.id, which)] = handle

    def _moved(self, handle: LevelHandle, practice_id: str, which: str) -> None:
        doc, name = self.ws.document, self.ws.state.selected_system
        if not handle.moving or doc is None or name is None:
            return
        if self._drag is None:
            self._drag = (next(_drags), None)
            # The dragged point's practice becomes the selected one: guide, table and keys follow it.
            a = doc.assessment
            self.ws.update(selected_practice=a.model.practice_index(practice_id), editing=which)
        current = getattr(doc.assessment.system(name).rating(practice_id), which)
        if handle.score != current:
            self.ws.push(SetLevelCommand(doc, name, practice_id, which, handle.score, drag=self._drag[0]))

    def _finished(self) -> None:
        self._drag = None
        self._update_handles()  # a refused drag (a read-only round) puts its point back
