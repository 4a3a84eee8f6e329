"""The interactive radar: the shared scene plus draggable level handles in focus view."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from gapradar.chart import geometry
from gapradar.chart.canvas import RadarCanvas
from gapradar.chart.radar_scene import _pen
from gapradar.chart.spec import ChartSpec

EditCallback = Callable[[str, str, int | None], None]  # practice id, "current"/"target", score


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
            else QPointF(args[0])
            if not isinstance(args[0], QPointF)
            else args[0]
        )
        if not hasattr(self, "scores"):
            super().setPos(pos)
            return
        r = geometry.project_to_spoke(pos.x(), pos.y(), self.theta)
        index = geometry.nearest_level(r, len(self.scores))
        self.score = None if index is None else self.scores[index]
        super().setPos(self._pos_for(self.score))


class RadarView(RadarCanvas):
    def __init__(self, on_edit: EditCallback, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("radarView")
        self.setAccessibleName("Radar chart")
        self.on_edit = on_edit
        self.radar.on_screen = True
        self.handles: dict[tuple[str, str], LevelHandle] = {}
        self.editable = True

    def set_spec(self, spec: ChartSpec) -> None:
        super().set_spec(spec)
        self._rebuild_handles()

    def refresh(self) -> None:
        super().refresh()
        self._rebuild_handles()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if hasattr(self, "handles"):
            self._rebuild_handles()

    def _rebuild_handles(self) -> None:
        for handle in self.handles.values():
            self.view_box.removeItem(handle)
        self.handles = {}
        spec = self.radar.spec
        if spec is None or spec.focus is None or not self.editable:
            return
        a = spec.assessment
        if spec.focus not in a.system_names():
            return
        system = a.system(spec.focus)
        colour = (
            QColor(self.radar.series[system.name].colour)
            if system.name in self.radar.series
            else QColor("#777")
        )
        size = self.radar.sizes.marker * 1.9
        model = a.model
        kinds = ["current", "target"] if spec.show_targets else ["current"]
        for i, p in enumerate(model.practices):
            for which in kinds:
                score = getattr(system.rating(p.id), which)
                hover = QColor(colour)
                hover.setAlphaF(0.35)
                handle = LevelHandle(
                    i,
                    len(model.practices),
                    model.scores,
                    score,
                    size=size,
                    symbol="o" if which == "current" else "d",
                    pen=pg.mkPen(None),
                    brush=pg.mkBrush(0, 0, 0, 0),
                    hoverPen=_pen(colour, 2),
                    hoverBrush=pg.mkBrush(hover),
                )
                handle.setToolTip(f"Drag along the spoke to set {p.name} {which} of {system.name}")
                handle.setZValue(40 if which == "current" else 39)
                handle.sigPositionChangeFinished.connect(
                    lambda h, pid=p.id, w=which, before=score: self._finished(h, pid, w, before)
                )
                self.view_box.addItem(handle, ignoreBounds=True)
                self.handles[(p.id, which)] = handle

    def _finished(self, handle: LevelHandle, practice_id: str, which: str, before: int | None) -> None:
        if handle.score != before:
            self.on_edit(practice_id, which, handle.score)
