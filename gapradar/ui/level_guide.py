"""The level guide: what each level of the selected practice means, current and target marked.

The room agrees on a level by reading its description, so the guide shows all
of them, in order, with the selected system's current and target flagged.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from gapradar.chart.style import Theme
from gapradar.domain import Assessment
from gapradar.ui.workspace import Workspace


def guide_html(
    a: Assessment,
    system: str | None,
    practice_index: int,
    editing: str,
    theme: Theme,
    band: bool = False,
    show_targets: bool = True,
    show_votes: bool = True,
) -> str:
    model = a.model
    practice = model.practices[practice_index]
    rating = a.system(system).rating(practice.id) if system in a.system_names() else None
    head = f"<b>{html.escape(practice.name)}</b>"
    if system:
        head += f" &nbsp;·&nbsp; {html.escape(system)} &nbsp;·&nbsp; editing <b>{editing}</b>"
    rows = []
    for lv in reversed(model.levels):
        marks = []
        if rating is not None and rating.current == lv.score:
            marks.append("● current")
        if show_targets and rating is not None and rating.target == lv.score:
            marks.append("◇ target")
        mark = f" <b>{' '.join(marks)}</b>" if marks else ""
        editing_here = rating is not None and getattr(rating, editing) == lv.score
        style = f" style='background:{theme.highlight}'" if editing_here else ""
        desc = html.escape(lv.description) if lv.description else "<i>no description</i>"
        if band:
            rows.append(
                f"<td{style} width='{100 // len(model.levels)}%' valign='top'><b>{lv.score} {html.escape(lv.name)}</b>{mark}<br>{desc}</td>"
            )
        else:
            rows.append(
                f"<tr><td{style}><b>{lv.score} – {html.escape(lv.name)}</b>{mark}<br>{desc}</td></tr>"
            )
    if rating is not None and getattr(rating, editing) is None:
        head += " &nbsp;<i>(not assessed)</i>"
    spread = rating.spread() if rating is not None and show_votes else ""
    if spread:
        head += f"<br>Room votes: {html.escape(spread)}"
    if band:
        cells = "".join(reversed(rows))
        return f"<div>{head}</div><table width='100%' cellspacing='6'><tr>{cells}</tr></table>"
    return f"<div>{head}</div><table width='100%' cellspacing='4' cellpadding='4'>{''.join(rows)}</table>"


class LevelGuide(QScrollArea):
    """Follows the workspace: the selected practice of the selected system."""

    def __init__(self, workspace: Workspace, band: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelGuide")
        self.setAccessibleName("Level guide")
        self.ws = workspace
        self.band = band
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setAccessibleName("Level descriptions")
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.label)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if band:  # the band is sized to its text; a scroll bar would only add noise
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        workspace.document_replaced.connect(self.refresh)
        workspace.document_changed.connect(self.refresh)
        workspace.state_changed.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(280, 300) if not self.band else super().sizeHint()

    def refresh(self, *_args: object) -> None:
        a, state = self.ws.assessment, self.ws.state
        if a is None or not a.model.practices:
            self.label.setText("")
            return
        self.label.setText(
            guide_html(
                a,
                state.selected_system,
                state.selected_practice,
                state.editing,
                self.ws.theme,
                self.band,
                show_targets=not state.targets_hidden,
                show_votes=state.voting != "blind",  # the room sees no spread before the reveal
            )
        )

    def text(self) -> str:
        return self.label.text()
