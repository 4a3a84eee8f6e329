"""What the room sees of a vote: the join panel, then the revealed spread on the radar.

Kept apart from the radar scene: these items are added to a radar view's
ViewBox on top of the shared scene and removed when voting stops, so exports
and the scene itself never change. While blind, only counts show; on reveal a
dot per vote (stacked across the practice's spoke), the range as a band along
it and the median as a bar, plus a histogram over the level names.
"""

from __future__ import annotations

import html
import io
import math

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QDockWidget, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gapradar.chart import geometry
from gapradar.chart.style import Theme
from gapradar.domain import Assessment
from gapradar.room.protocol import Tally
from gapradar.ui.radar_view import RadarView
from gapradar.ui.voting import VotingSession

VOTE_COLOUR = "#455a64"  # histogram bars: a neutral slate no system colour uses
MEDIAN_COLOUR = "#b00020"


def qr_pixmap(url: str, size_px: int) -> QPixmap:
    """The join link as a QR code, black on white whatever the theme (phones read that best)."""
    import segno  # with its URL and e-mail modules, ~50 ms: loaded when voting starts, not at start-up

    qr = segno.make(url, error="m")
    modules = qr.symbol_size(scale=1)[0]
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=max(1, size_px // modules), border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def histogram_html(a: Assessment, tally: Tally, theme: Theme, bar_px: int = 220) -> str:
    """One row per level (and "not sure"): its name, a bar as long as its share, the count."""
    rows = [(lv.label, dict(tally.counts).get(lv.score, 0)) for lv in a.model.levels]
    if tally.unsure:
        rows.append(("Not sure", tally.unsure))
    most = max([n for _, n in rows] + [1])
    median = tally.median()
    lines = []
    for label, n in rows:
        width = max(2, round(bar_px * n / most)) if n else 0
        bar = f"<td bgcolor='{VOTE_COLOUR}' width='{width}'></td>" if n else ""
        lines.append(
            f"<tr><td>{html.escape(label)}&nbsp;</td><td><table cellspacing='0' cellpadding='0'><tr>{bar}"
            f"<td>&nbsp;<b>{n}</b></td></tr></table></td></tr>"
        )
    head = f"<b>{tally.total} vote{'s' if tally.total != 1 else ''}</b>"
    if median is not None:
        span = (tally.counts[0][0], tally.counts[-1][0])
        head += f" · median {median:g} · range {span[0]}–{span[1]}"
    named = ", ".join(
        f"{html.escape(name)}: {'not sure' if level is None else level}" for name, level in tally.names
    )
    who = f"<div>{named}</div>" if named else ""  # only those who gave a name, only after the reveal
    return f"<div style='color:{theme.text}'>{head}</div><table cellspacing='2'>{''.join(lines)}</table>{who}"


def band_html(a: Assessment, tally: Tally, theme: Theme, bar_px: int) -> str:
    """The histogram as one row, a column per level (as the level guide below it): bar, count, name."""
    rows = [(f"{lv.score} {lv.name}", dict(tally.counts).get(lv.score, 0)) for lv in a.model.levels]
    if tally.unsure:
        rows.append(("not sure", tally.unsure))
    most = max([n for _, n in rows] + [1])
    cells = []
    for label, n in rows:
        width = max(3, round(bar_px * n / most)) if n else 0
        bar = (
            f"<table cellspacing='0' cellpadding='0'><tr><td bgcolor='{VOTE_COLOUR}' width='{width}' "
            f"height='14'></td><td>&nbsp;<b>{n}</b></td></tr></table>"
            if n
            else "<b>0</b><br>"
        )
        cells.append(f"<td valign='bottom'>{bar}{html.escape(label)}</td>")
    head = f"<b>{tally.total} vote{'s' if tally.total != 1 else ''}</b>"
    median = tally.median()
    if median is not None:
        head += f"<br>median <b>{median:g}</b><br>range {tally.counts[0][0]}–{tally.counts[-1][0]}"
    return (
        f"<table width='100%' cellspacing='8' style='color:{theme.text}'><tr>"
        f"<td valign='bottom'>{head}</td>{''.join(cells)}</tr></table>"
    )


class VotingPanel(QFrame):
    """The join panel: QR code, link, short code, how many joined and voted; the buttons.

    Over a view's corner (`host`: presentation mode, where the chart leaves the corners free), or
    as an ordinary widget (no host: the window puts it in a dock beside the chart, covering nothing).
    """

    def __init__(self, session: VotingSession, host: QWidget | None = None, large: bool = False) -> None:
        super().__init__(host)
        self.overlay = host is not None
        self.setObjectName("votingPanel")
        self.setAccessibleName("Room voting")
        self.session = session
        self.large = large
        self.qr = QLabel()
        self.qr.setObjectName("votingQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.link = QLabel()
        self.link.setObjectName("votingLink")
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("votingCounts")
        self.histogram = QLabel()
        self.histogram.setObjectName("votingHistogram")
        self.histogram.setTextFormat(Qt.TextFormat.RichText)
        self.reveal_button = QPushButton("Reveal votes (R)")
        self.reveal_button.setObjectName("revealVotes")
        self.reveal_button.clicked.connect(session.reveal)
        self.stop_button = QPushButton("Stop voting (V)")
        self.stop_button.setObjectName("stopVoting")
        self.stop_button.clicked.connect(session.stop)
        for b in (self.reveal_button, self.stop_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys keep going to the chart
        buttons = QHBoxLayout()
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.qr)
        layout.addWidget(self.link)
        layout.addWidget(self.counts)
        layout.addWidget(self.histogram)
        layout.addLayout(buttons)
        if host is None:
            layout.addStretch(1)  # in a dock: stacked at the top, not spread over its height
        self._url = ""
        session.changed.connect(self.refresh)
        session.ws.state_changed.connect(self.refresh)
        if host is not None:
            host.installEventFilter(self)
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parent() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None or not self.overlay:
            return
        self.adjustSize()
        self.move(host.width() - self.width() - 12, 12)

    def refresh(self, *_args: object) -> None:
        s, ws = self.session, self.session.ws
        server = s.server
        if self.overlay:
            self.setVisible(server is not None)
        if server is None:
            return
        theme = ws.theme
        self.setStyleSheet(
            f"#votingPanel {{ background: {theme.background}; border: 2px solid {theme.grid}; border-radius: 10px; }}"
            f" QLabel {{ color: {theme.text}; }}"
        )
        f = self.font()
        f.setPixelSize(20 if self.large else 13)
        for w in (self.link, self.counts, self.histogram, self.reveal_button, self.stop_button):
            w.setFont(f)
        revealed = ws.state.voting == "revealed"
        side = (260 if self.large else 170) if not revealed else (120 if self.large else 90)
        if server.url != self._url or self.qr.pixmap().width() != side:
            self._url = server.url
            self.qr.setPixmap(qr_pixmap(server.url, side))
        self.link.setText(
            f"Scan, or open <b>{html.escape(server.code_url)}</b> and type <b>{server.room.code}</b>"
        )
        phase = "revealed" if revealed else "blind: votes hidden until R"
        self.counts.setText(f"<b>{s.joined}</b> joined · <b>{s.voted}</b> voted · {phase}")
        a = ws.assessment
        # In presentation mode the caption band shows the histogram, wide and large.
        show = revealed and s.tally is not None and a is not None and not self.large
        self.histogram.setVisible(show)
        if show and a is not None and s.tally is not None:
            self.histogram.setText(histogram_html(a, s.tally, theme, 240 if self.large else 140))
        self.reveal_button.setEnabled(ws.state.voting == "blind")
        if self.overlay:
            self._place()
            self.raise_()


class VoteDots(QObject):
    """The revealed votes drawn on a radar view's spoke: dots, range band and median bar."""

    def __init__(self, session: VotingSession, view: RadarView) -> None:
        super().__init__(view)
        self.session, self.view = session, view
        self.items: list[pg.GraphicsObject] = []
        session.changed.connect(self.refresh)
        session.ws.state_changed.connect(self.refresh)
        session.ws.document_changed.connect(self.refresh)
        view.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Resize and self.items:
            QTimer.singleShot(0, self, self.refresh)  # after the scene has its new size (not if gone)
        return False

    def clear(self) -> None:
        for item in self.items:
            self.view.view_box.removeItem(item)
        self.items = []

    def refresh(self, *_args: object) -> None:
        self.clear()
        s, ws = self.session, self.session.ws
        a, tally = ws.assessment, s.tally
        if (
            s.server is None
            or ws.state.voting != "revealed"
            or a is None
            or tally is None
            or not tally.counts
        ):
            return
        if ws.state.view not in ("overlay", "focus") or self.view.radar.spec is None:
            return
        model, theme = a.model, ws.theme
        i = ws.state.selected_practice
        theta = geometry.angle(i, len(model.practices))
        px = 1.0 / max(self.view.radar.radius_px, 1.0)  # one pixel in data units
        size = max(12.0, self.view.radar.sizes.marker * 1.5)
        across = (math.cos(theta), -math.sin(theta))  # perpendicular to the spoke
        step = size * 1.1 * px
        xs, ys = [], []
        for score, n in tally.counts:
            # A dot plot beside the spoke: one dot per vote, stacked away from it on one side.
            bx, by = geometry.point(geometry.score_radius(score, model.scores), theta)
            for k in range(n):
                xs.append(bx + across[0] * (k + 0.6) * step)
                ys.append(by + across[1] * (k + 0.6) * step)
        low, high = tally.counts[0][0], tally.counts[-1][0]
        p0 = geometry.point(geometry.score_radius(low, model.scores), theta)
        p1 = geometry.point(geometry.score_radius(high, model.scores), theta)
        band_colour = QColor(theme.highlight)
        band = pg.PlotCurveItem(
            [p0[0], p1[0]],
            [p0[1], p1[1]],
            pen=pg.mkPen(band_colour, width=size * 1.4, cap=Qt.PenCapStyle.RoundCap),
        )
        self._add(band, 50)
        dots = pg.ScatterPlotItem(
            xs,
            ys,
            size=size,
            pen=pg.mkPen(theme.background, width=1.5),
            brush=pg.mkBrush(theme.text),
            pxMode=True,
        )
        self._add(dots, 52)
        median = tally.median()
        if median is not None:
            # The median: a bar across the spoke on the other side from the dots.
            mx, my = geometry.point(geometry.score_radius(median, model.scores), theta)
            bar = pg.PlotCurveItem(
                [mx + across[0] * 0.3 * step, mx - across[0] * 2.6 * step],
                [my + across[1] * 0.3 * step, my - across[1] * 2.6 * step],
                pen=pg.mkPen(MEDIAN_COLOUR, width=max(4.0, size / 2.5)),
            )
            self._add(bar, 53)

    def _add(self, item: pg.GraphicsObject, z: float) -> None:
        item.setZValue(z)
        self.view.view_box.addItem(item, ignoreBounds=True)
        self.items.append(item)

    def points(self) -> list[QPointF]:
        """Where the vote dots are, in data coordinates (for tests and the benchmark)."""
        for item in self.items:
            if isinstance(item, pg.ScatterPlotItem):
                return [QPointF(p.pos()) for p in item.points()]
        return []


class VoteBand(QLabel):
    """The caption band's histogram in presentation mode: shown once the votes are revealed."""

    def __init__(self, session: VotingSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voteBand")
        self.setAccessibleName("Votes per level")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setContentsMargins(20, 6, 20, 6)
        self.session = session
        session.changed.connect(self.refresh)
        session.ws.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        s, ws = self.session, self.session.ws
        a = ws.assessment
        show = (
            s.server is not None and ws.state.voting == "revealed" and s.tally is not None and a is not None
        )
        self.setVisible(show)
        if show and a is not None and s.tally is not None:
            f = self.font()
            f.setPixelSize(max(14, round((self.window().height() or 800) * 0.02)))
            self.setFont(f)
            self.setText(band_html(a, s.tally, ws.theme, max(60, (self.window().width() or 1200) // 8)))


def attach_voting(
    session: VotingSession, view: RadarView, large: bool = False
) -> tuple[VotingPanel, VoteDots]:
    """Show voting on a radar view: the join panel in its corner and, once revealed, the votes."""
    return VotingPanel(session, view, large), VoteDots(session, view)


class VotingDock(QDockWidget):
    """The window's voting panel, beside the chart; there while voting is on, gone when it stops."""

    def __init__(self, session: VotingSession, parent: QWidget) -> None:
        super().__init__("Room voting", parent)
        self.setObjectName("votingDock")
        self.panel = VotingPanel(session)
        self.setWidget(self.panel)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.session = session
        session.changed.connect(self._follow)
        self.hide()

    def _follow(self) -> None:
        self.setVisible(self.session.active)
