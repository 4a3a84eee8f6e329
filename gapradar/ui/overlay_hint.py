"""A hint over a crowded radar: past eight systems it draws outlines only, and says so.

Ten overlaid polygons are hard to read whatever their colours; the heatmap and
small multiples compare many systems better, so the hint offers them (one
click each) and can be dismissed until the number of systems changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gapradar.chart.radar_crowd import CROWD_LIMIT
from gapradar.chart.radar_scene import MAX_FILLED, MAX_MARKED
from gapradar.chart.view_state import ViewState
from gapradar.ui.workspace import Workspace

RADAR_LIMIT = MAX_MARKED  # beyond this many systems a radar shows a tangle, not a comparison


# Past this many systems in the file the heatmap and small multiples (an item per cell)
# take many seconds to draw, so the hint does not send anyone there.
OTHER_VIEWS_LIMIT = CROWD_LIMIT


def hint_text(checked: int, systems: int = 0) -> str:
    """What the radar does with `checked` systems, and where to look instead (`systems` in the file)."""
    if systems > OTHER_VIEWS_LIMIT:
        instead = (
            "The heatmap shows every system, one row each; to compare a few closely, "
            "filter the list and check them."
        )
    elif checked > RADAR_LIMIT:
        instead = "The heatmap shows every system at once, one row each."
    else:
        instead = "The heatmap or small multiples show many systems better."
    if checked > CROWD_LIMIT:
        return (
            f"{checked:,} systems overlaid: far more than a radar can show one by one, so it shows "
            "where they lie: the darker band holds the middle half of them on each practice, the "
            f"lighter one runs from the lowest to the highest. {instead}"
        )
    if checked > RADAR_LIMIT:
        return (
            f"{checked:,} systems overlaid: more than a radar can show (about {RADAR_LIMIT}), "
            f"so they are drawn as lines without points. {instead}"
        )
    return f"{checked:,} systems overlaid: drawn as outlines only, which is hard to compare. {instead}"


class OverlayHint(QFrame):
    def __init__(self, workspace: Workspace, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("overlayHint")
        self.ws = workspace
        self.dismissed_at: int | None = None  # the number of systems when the hint was dismissed
        self.setStyleSheet(
            "#overlayHint { background: #fff4cc; border: 1px solid #c9a300; border-radius: 6px; }"
            "#overlayHint QLabel { color: #1a1a1a; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.view_buttons: list[QPushButton] = []
        for text, view in (("Heatmap", "heatmap"), ("Small multiples", "multiples")):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, v=view: self.ws.update(view=v))
            buttons.addWidget(button)
            self.view_buttons.append(button)
        close = QPushButton("Dismiss")
        close.clicked.connect(self.dismiss)
        buttons.addWidget(close)
        self.hide()
        workspace.state_changed.connect(self.follow)
        workspace.document_replaced.connect(self.follow)
        self.follow()

    def follow(self, *_args: object) -> None:
        state: ViewState = self.ws.state
        checked = len(self.ws.checked_names())
        wanted = state.view == "overlay" and checked > MAX_FILLED and self.dismissed_at != checked
        if wanted:
            a = self.ws.assessment
            systems = len(a.systems) if a is not None else 0
            self.label.setText(hint_text(checked, systems))
            self.place()
            self.show()
            self.raise_()
        else:
            self.hide()

    def dismiss(self) -> None:
        self.dismissed_at = len(self.ws.checked_names())
        self.hide()

    def place(self) -> None:
        """Bottom right, where the radar (centred) and its legend (top right) leave room."""
        host = self.parentWidget()
        if host is None:
            return
        self.setFixedWidth(max(min(460, host.width() // 2 - 24), 220))
        self.adjustSize()
        self.move(host.width() - self.width() - 12, host.height() - self.height() - 12)
