"""The heatmap in the window: fixed-size cells that scroll, click to select, keys to edit.

Clicking a cell selects its system and practice in the workspace, so the
table, the level guide and the radar follow. The keyboard edits the selected
cell exactly as on the radar (the same Facilitator and undo commands). An
edit repaints one cell, its practice's roll-up and its system's mean; rows
keep their place while you edit, so the cell you work on never jumps away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsView, QScrollArea, QVBoxLayout, QWidget

from gapradar.chart.heatmap_scene import HeatmapScene, system_order
from gapradar.chart.pixel_scene import PixelCanvas
from gapradar.chart.view_spec import ViewSpec
from gapradar.chart.view_state import ViewState
from gapradar.chart.views import scene_spec
from gapradar.ui.facilitation import Facilitator
from gapradar.ui.keyboard import KeyboardEditing
from gapradar.ui.view_controls import ViewControls
from gapradar.ui.workspace import Workspace

_LAYOUT_FIELDS = (
    "rollup",
    "heatmap_colour",
    "heatmap_rows",
    "heatmap_columns",
    "editing",
    "targets_hidden",
    "theme",
)


# Past this many systems only the rows in and near sight are drawn, again as the view scrolls:
# every cell is an item, and thousands of rows took seconds (minutes at 10,000) to draw.
WINDOWED_ROWS = 300
ROWS_AROUND = 60  # drawn above and below what is in sight


class HeatmapCanvas(PixelCanvas):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmapCanvas")
        self.setAccessibleName("Heatmap of systems and practices")
        self.heatmap = HeatmapScene(self.view_box)
        # pyqtgraph caches the background as one image the size of the view: for a heatmap of
        # thousands of rows that image is as tall as all of them, seconds to fill at every paint.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setMouseTracking(True)
        self.on_click = lambda system, practice: None

    def show_spec(self, spec: ViewSpec) -> None:
        self.setBackground(spec.theme.background)
        w, h = self.heatmap.content_size(spec)
        self.setFixedSize(int(w) + 1, int(h) + 1)
        self.heatmap.size = (0.0, 0.0)
        self.heatmap.resize(int(w) + 1, int(h) + 1)

    def cell_centre(self, system: str, practice_index: int) -> QPointF | None:
        """Where a cell is, in widget pixels (tests click there; scrolling uses it)."""
        rect = self.heatmap.cell_rect(system, practice_index)
        return None if rect is None else rect.center()

    def mousePressEvent(self, ev: QMouseEvent) -> None:
        pos = ev.position()
        hit = self.heatmap.cell_at(pos.x(), pos.y())
        if hit is not None and ev.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.on_click(*hit)
            ev.accept()
            return
        super().mousePressEvent(ev)

    def resizeEvent(self, ev) -> None:  # the scene is sized by show_spec, not by the widget
        super().resizeEvent(ev)
        if not hasattr(self, "heatmap"):
            return  # pyqtgraph resizes once from its own constructor
        s = self.heatmap.size
        if s[0] > 1:
            self.heatmap.set_extent(*s)


class HeatmapView(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmapView")
        self.ws = workspace
        self.controls = ViewControls(
            workspace, ("rollup", "heatmap_colour", "heatmap_rows", "heatmap_columns")
        )
        self.canvas = HeatmapCanvas()
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.on_click = self._clicked
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("heatmapScroll")
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._scrolled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.controls)
        layout.addWidget(self.scroll_area, 1)
        # The same keys as on the radar, through the same facilitator's undo commands.
        self.facilitator = Facilitator(workspace, self)
        self.keyboard = KeyboardEditing(self.facilitator, lambda: self, self)
        self.canvas.installEventFilter(self.keyboard)
        # Installed last, so asked first: Up and Down move between rows, as in a spreadsheet
        # (on the radar they step the level; here the digits set it).
        self._rows = _RowKeys(self)
        self.canvas.installEventFilter(self._rows)
        self._layout_key: tuple | None = None
        self._cell_edit = False
        self._dirty = True
        workspace.document_replaced.connect(self._rebuild)
        workspace.document_changed.connect(self._document_changed)
        workspace.rating_changed.connect(self._rating_changed)
        workspace.state_changed.connect(self._state_changed)
        self._rebuild()

    # ------------------------------------------------------------ following the workspace

    def _showing(self) -> bool:
        return self.ws.state.view == "heatmap"

    def _rebuild(self, *_args: object) -> None:
        a = self.ws.assessment
        if a is None or not self._showing():
            self._dirty = True
            return
        spec = scene_spec(a, self.ws.state)
        assert isinstance(spec, ViewSpec)
        spec.cell_size = HeatmapScene.WINDOW_CELL
        spec.show_title = False  # the window's title bar names the file
        self._layout_key = tuple(getattr(self.ws.state, f) for f in _LAYOUT_FIELDS)
        heatmap = self.canvas.heatmap
        heatmap.row_window = None
        if len(a.systems) > WINDOWED_ROWS:
            heatmap.row_window = self._window_near(spec)
        self.canvas.show_spec(spec)
        self._dirty = False
        self._scroll_to_selection()

    def _window_near(self, spec: ViewSpec) -> tuple[int, int]:
        """The rows to draw: around the selected system's row, else those in sight now
        (the grid's header is a few rows tall: the rows around cover it)."""
        ch = HeatmapScene.WINDOW_CELL[1]
        state = self.ws.state
        rows = [s.name for s in system_order(spec.assessment, state.heatmap_rows)]
        if state.selected_system in rows:
            first = rows.index(state.selected_system)
        else:
            first = int(self.scroll_area.verticalScrollBar().value() // ch)
        last = first + int(self.scroll_area.viewport().height() // ch) + 1
        return max(0, first - ROWS_AROUND), min(len(rows), last + ROWS_AROUND)

    def _scrolled(self, value: int) -> None:
        """Scrolled near the edge of the rows drawn: draw the rows now in sight instead."""
        heatmap = self.canvas.heatmap
        if heatmap.row_window is None or self._dirty or not self._showing():
            return
        first, last = heatmap.rows_between(value, value + self.scroll_area.viewport().height())
        lo, hi = heatmap.row_window
        if (first >= lo + ROWS_AROUND // 3 or lo == 0) and (
            last <= hi - ROWS_AROUND // 3 or hi >= len(heatmap.rows)
        ):
            return
        heatmap.redraw_rows((max(0, first - ROWS_AROUND), min(len(heatmap.rows), last + ROWS_AROUND)))

    def _rating_changed(self, system: str, practice_id: str) -> None:
        if self._dirty or not self._showing():
            self._dirty = True
            return
        self._cell_edit = True
        self.canvas.heatmap.update_cell(system, practice_id)

    def _document_changed(self) -> None:
        if self._cell_edit:
            self._cell_edit = False  # the cell is repainted already
            return
        self._rebuild()

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        if not self._showing():
            return
        key = tuple(getattr(state, f) for f in _LAYOUT_FIELDS)
        if self._dirty or key != self._layout_key or state.view != before.view:
            self._rebuild()
            if state.view != before.view:
                self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if (state.selected_system, state.selected_practice) != (
            before.selected_system,
            before.selected_practice,
        ):
            self.canvas.heatmap.set_selection(state.selected_system, state.selected_practice)
            self._scroll_to_selection()

    def _scroll_to_selection(self) -> None:
        state = self.ws.state
        if state.selected_system is None:
            return
        c = self.canvas.cell_centre(state.selected_system, state.selected_practice)
        if c is not None:
            self.scroll_area.ensureVisible(int(c.x()), int(c.y()), 80, 40)

    def _clicked(self, system: str, practice_index: int) -> None:
        self.ws.select_system(system)
        self.ws.update(selected_practice=practice_index)


class _RowKeys(QObject):
    """Up/Down move the selection to the row above/below, in the order the rows are shown."""

    def __init__(self, view: HeatmapView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down) or event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        ws = self.view.ws
        a = ws.assessment
        if a is None or not a.systems:
            return True
        names = [s.name for s in system_order(a, ws.state.heatmap_rows)]
        current = ws.state.selected_system
        i = names.index(current) if current in names else -1
        step = -1 if event.key() == Qt.Key.Key_Up else 1
        ws.update(selected_system=names[max(0, min(len(names) - 1, i + step))])
        return True
