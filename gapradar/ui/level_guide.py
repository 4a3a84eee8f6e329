"""The level guide: what each level of the selected practice means, current and target marked.

The room agrees on a level by reading its description, so the guide shows all
of them, in order, with the selected system's current and target flagged, the
current level's confidence beside it, and "not applicable" said where it is so.
With the roll-up in focus the chart shows no system, so neither does the guide:
it gives the roll-up's levels and says how to edit a system's.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget
from shiboken6 import isValid

from gapradar.chart import radar_rollup
from gapradar.chart.style import Theme
from gapradar.domain import Assessment, Rating
from gapradar.domain.assessment import Round
from gapradar.domain.averages_memo import RollupMemo
from gapradar.domain.rollup import PracticeRollup, format_value
from gapradar.domain.rounds import Change, delta_mark, percent, system_progress
from gapradar.ui.commands import applies_again_words, levels_before_not_applicable
from gapradar.ui.facilitation import ROLLUP_REFUSAL, rollup_in_focus
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
    baseline: Round | None = None,
    rollup: tuple[str, PracticeRollup] | None = None,
    applies_again: str = "not assessed",
) -> str:
    """The guide's rich text; `applies_again` says what N brings back on a practice marked n/a."""
    model = a.model
    practice = model.practices[practice_index]
    if rollup is not None:
        return _rollup_html(a, practice_index, rollup, band, show_targets)
    rating = a.system(system).rating(practice.id) if system in a.system_names() else None
    head = f"<b>{html.escape(practice.name)}</b>"
    if system:
        head += f" &nbsp;·&nbsp; {html.escape(system)} &nbsp;·&nbsp; editing <b>{editing}</b>"
    if len(a.rounds) > 1:  # in the band (presentation), on the same line: the chart keeps its room
        shown = a.shown
        state = "" if a.is_editable() else " (read-only)"
        head += f"{' &nbsp;·&nbsp; ' if band else '<br>'}Round: {html.escape(shown.label)}{state}"
    then = None
    if baseline is not None and rating is not None and system is not None:
        sid = a.system(system).id
        then = a.rating_in(baseline, sid, practice.id)
        head += "<br>" + _since_html(a, baseline, sid, then, rating, show_targets, compact=band)
    rows = []
    for lv in reversed(model.levels):
        marks = []
        if then is not None and then.current == lv.score:
            marks.append("○ then")
        if rating is not None and rating.current == lv.score:
            word = model.confidence_word(rating.confidence)
            marks.append(f"● current ({html.escape(word)})" if word else "● current")
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
    if rating is not None and rating.not_applicable:
        head += (
            " &nbsp;<i>(n/a: not applicable to this system; N makes it apply again: "
            f"{html.escape(applies_again)})</i>"
        )
    elif rating is not None and getattr(rating, editing) is None:
        head += " &nbsp;<i>(not assessed)</i>"
    spread = rating.spread() if rating is not None and show_votes else ""
    if spread:
        head += f"<br>Room votes: {html.escape(spread)}"
    if band:
        cells = "".join(reversed(rows))
        return f"<div>{head}</div><table width='100%' cellspacing='6'><tr>{cells}</tr></table>"
    return f"<div>{head}</div><table width='100%' cellspacing='4' cellpadding='4'>{''.join(rows)}</table>"


def _rollup_html(
    a: Assessment, practice_index: int, rollup: tuple[str, PracticeRollup], band: bool, show_targets: bool
) -> str:
    """The roll-up in focus: its figures on this practice, the levels unmarked, and how to edit."""
    name, r = rollup
    practice = a.model.practices[practice_index]
    figures = [f"current {format_value(r)}"]
    if show_targets:
        target = "–" if r.target is None else f"{r.target:.1f}".removesuffix(".0")
        figures.append(f"target {target}")
    head = (
        f"<b>{html.escape(practice.name)}</b> &nbsp;·&nbsp; {html.escape(name)} (roll-up): "
        f"{', '.join(figures)} over {r.assessed} system{'s' if r.assessed != 1 else ''}"
        f"<br><i>{html.escape(ROLLUP_REFUSAL)}</i>"
    )
    rows = []
    for lv in reversed(a.model.levels):
        marks = []
        if r.current == lv.score:
            marks.append("◆ roll-up current")
        if show_targets and r.target == lv.score:
            marks.append("◇ roll-up target")
        mark = f" <b>{' '.join(marks)}</b>" if marks else ""
        desc = html.escape(lv.description) if lv.description else "<i>no description</i>"
        if band:
            rows.append(
                f"<td width='{100 // len(a.model.levels)}%' valign='top'><b>{lv.score} {html.escape(lv.name)}</b>{mark}<br>{desc}</td>"
            )
        else:
            rows.append(f"<tr><td><b>{lv.score} – {html.escape(lv.name)}</b>{mark}<br>{desc}</td></tr>")
    if band:
        cells = "".join(reversed(rows))
        return f"<div>{head}</div><table width='100%' cellspacing='6'><tr>{cells}</tr></table>"
    return f"<div>{head}</div><table width='100%' cellspacing='4' cellpadding='4'>{''.join(rows)}</table>"


def _since_html(
    a: Assessment,
    baseline: Round,
    sid: str,
    then: Rating,
    now: Rating,
    show_targets: bool,
    compact: bool = False,
) -> str:
    """ "Since 2026-03 baseline: then 0 → now 1 → target 2 (▲1, 50% of the way)" and the system's line.

    `compact` (the presentation band): scores only and no system line, so it stays one line.
    """
    model = a.model
    change = Change(then, now)

    def level(score: int | None) -> str:
        if compact:
            return "not assessed" if score is None else str(score)
        return model.level_label(score)

    steps = [f"then {level(then.current)}", f"now {level(now.current)}"]
    if show_targets:
        steps.append(f"target {level(change.target)}")
    notes = [m for m in (delta_mark(change.delta),) if m]
    if show_targets and change.progress is not None:
        past = change.progress > 1  # beyond the target since then: not an error, say so
        notes.append(f"{percent(change.progress)} of the way" + (", past the target" if past else ""))
    line = f"Since {html.escape(baseline.label)}: " + " → ".join(html.escape(s) for s in steps)
    if notes:
        line += f" <b>({', '.join(notes)})</b>"
    if compact:
        return line
    whole = system_progress(a, baseline, a.shown, sid)
    moved = f"{whole.moved_up} practice{'s' if whole.moved_up != 1 else ''} up, {whole.moved_down} down"
    if show_targets and whole.progress is not None:
        moved += f"; {percent(whole.progress)} of the way to target"
    return f"{line}<br>This system: {moved}"


class LevelGuide(QFrame):
    """Follows the workspace: the selected practice of the selected system.

    In the window a QTextBrowser shows it (it lays rich text out once per change; a
    word-wrapped QLabel in a scroll area measured it several times per edit, most of
    an edit's cost); the presentation band keeps a label sized to its text.
    """

    def __init__(self, workspace: Workspace, band: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelGuide")
        self.setAccessibleName("Level guide")
        self.ws = workspace
        self.band = band
        self._html = ""
        self._overflow: dict[tuple[str, int, int], bool] = {}  # see _overflows
        self._shown = False  # the browser holds a text (set by setHtml): later ones replace it
        self._rollups = RollupMemo()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setAccessibleName("Level descriptions")
        self.browser: QTextBrowser | None = None
        if band:
            self.label.setContentsMargins(8, 8, 8, 8)
            layout.addWidget(self.label)
        else:
            self.browser = QTextBrowser()
            self.browser.setObjectName("levelGuideText")
            self.browser.setAccessibleName("Level descriptions")
            self.browser.setFrameShape(QFrame.Shape.NoFrame)
            self.browser.setOpenLinks(False)
            self.browser.document().setDocumentMargin(8)
            layout.addWidget(self.browser)
        workspace.document_replaced.connect(self.refresh)
        workspace.document_replaced.connect(self._follow_undo_stack)
        workspace.document_changed.connect(self.refresh)
        workspace.state_changed.connect(self.refresh)
        workspace.rounds_changed.connect(self.refresh)
        self._follow_undo_stack()
        self.refresh()

    def _follow_undo_stack(self) -> None:
        """What N brings back depends on the undo stack, which takes a command after doing it."""
        doc = self.ws.document
        if doc is not None:
            doc.undo_stack.indexChanged.connect(self._undo_stack_moved, Qt.ConnectionType.UniqueConnection)

    def _undo_stack_moved(self, _index: int) -> None:
        doc = self.ws.document
        # A stack being destroyed clears itself (and says so): only the open document's living one counts.
        if doc is not None and self.sender() is doc.undo_stack and isValid(doc.undo_stack):
            self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(280, 300) if not self.band else super().sizeHint()

    def refresh(self, *_args: object) -> None:
        a, state = self.ws.assessment, self.ws.state
        if a is None or not a.model.practices:
            self._show("")
            return
        self._show(
            guide_html(
                a,
                state.selected_system,
                state.selected_practice,
                state.editing,
                self.ws.theme,
                self.band,
                show_targets=not state.targets_hidden,
                show_votes=state.voting != "blind",  # the room sees no spread before the reveal
                baseline=self.ws.baseline_round(),
                rollup=self.rollup_on(state.selected_practice),
                applies_again=self._applies_again(),
            )
        )

    def rollup_on(self, practice_index: int) -> tuple[str, PracticeRollup] | None:
        """The roll-up's name and figures on a practice while it is in focus, else None.

        Kept by a memo: walking the practices or editing one system reads no other rating again.
        """
        a, state = self.ws.assessment, self.ws.state
        spec = self.ws.chart_spec() if rollup_in_focus(state) else None
        if a is None or spec is None:
            return None
        rollups = radar_rollup.values(spec, self._rollups)
        return radar_rollup.series_name(spec), rollups[practice_index]

    def _applies_again(self) -> str:
        """What N would bring back on the selected rating, if it is marked n/a."""
        doc, state = self.ws.document, self.ws.state
        if doc is None or state.selected_system not in doc.assessment.system_names():
            return "not assessed"
        if not isValid(doc.undo_stack):
            return "not assessed"  # the document is being closed
        pid = doc.assessment.model.practices[state.selected_practice].id
        return applies_again_words(doc, levels_before_not_applicable(doc, state.selected_system, pid))

    def _show(self, html: str) -> None:
        if html == self._html:
            return
        self._html = html
        if self.browser is not None:
            bar = self.browser.verticalScrollBar()
            keep = bar.value()
            as_needed = self.browser.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if bar.isVisible() and as_needed:
                self._replace_scrolled(html)
            else:
                self.browser.setHtml(html)
            bar.setValue(keep)  # an edit does not scroll the guide back to the top
            self._shown = bool(html)
        else:
            self.label.setText(html)

    def _replace_scrolled(self, html: str) -> None:
        """New text in a guide that scrolls, without its scroll bar going and coming back.

        setHtml first empties the document: the scroll bar went, the text was laid out at
        the full width, the bar came back and the text was laid out again (and the bar and
        the text painted twice). Here the text is replaced in one edit while the bar stays,
        so the bar's range changes once, if at all; the bar goes only where a fresh setHtml
        would have ended without it: where the text fits the full width.
        """
        browser = self.browser
        assert browser is not None
        on, off = Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        policy = browser.verticalScrollBarPolicy()
        room = browser.maximumViewportSize()  # the viewport without the bar (asked while it may go)
        browser.setVerticalScrollBarPolicy(on)
        doc = browser.document()
        if self._shown:
            # The document a setHtml makes (a test compares them), laid out once, at the end.
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertHtml(html)
            cursor.endEditBlock()
        else:
            browser.setHtml(html)
        if doc.size().height() > browser.viewport().height() and not self._overflows(html, room):
            browser.setVerticalScrollBarPolicy(off)  # fits without the bar: laid out without it
        browser.setVerticalScrollBarPolicy(policy)

    def _overflows(self, html: str, room: QSize) -> bool:
        """Whether the guide's text is taller than `room` when laid out at its full width."""
        key = (html, room.width(), room.height())
        if key not in self._overflow:
            browser = self.browser
            assert browser is not None
            doc = browser.document().clone()
            doc.setDocumentMargin(browser.document().documentMargin())
            doc.setTextWidth(room.width())
            if len(self._overflow) >= 8:
                self._overflow.clear()
            self._overflow[key] = doc.size().height() > room.height()
        return self._overflow[key]

    def text(self) -> str:
        return self._html
