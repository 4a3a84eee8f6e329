"""What moved since the baseline: the largest rises, the falls, and the practices that reached their target.

A list, drawn as a scene so it exports (PNG, SVG, PDF, the deck) like every
other view. Three columns side by side; a column that runs out of room says
how many more it holds rather than cutting silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from gapradar.chart.change_rows import (
    ChangeRow,
    change_rows,
    delta_text,
    every_system_rows,
    rounds_compared,
    since_text,
    value_text,
    who,
)
from gapradar.chart.pixel_scene import PixelScene, elide, text_size
from gapradar.chart.slope_scene import FALL, RISE
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment

REACHED = "#009E73"  # Okabe–Ito bluish green


@dataclass(frozen=True)
class Moved:
    rose: list[ChangeRow]  # largest rise first
    fell: list[ChangeRow]  # largest fall first
    reached: list[ChangeRow]  # below target at the baseline, at or above it now; the file's order
    unchanged: list[ChangeRow]


def moved(spec: ViewSpec) -> Moved | None:
    """What moved between the compared rounds, or None when there is nothing to compare with."""
    c = rounds_compared(spec)
    if c.then is None or c.now is None:
        return None
    a = spec.assessment
    if spec.focus in a.system_names():
        rows = change_rows(spec, c.then, c.now)[0]  # largest rise first, ties in the file's order
    else:
        rows = every_system_rows(spec, c.then, c.now)
    order = {id(r): i for i, r in enumerate(rows)}  # the file's order among equal changes
    fell = sorted((r for r in rows if (r.delta or 0) < 0), key=lambda r: (r.delta, order[id(r)]))
    reached = [r for r in rows if r.reached_target]
    reached.sort(
        key=lambda r: (a.index_of(r.system) if r.system else 0, a.model.practice_index(r.practice.id))
    )
    return Moved(
        rose=[r for r in rows if (r.delta or 0) > 0],
        fell=fell,
        reached=reached,
        unchanged=[r for r in rows if r.delta == 0],
    )


class MovedScene(PixelScene):
    def draw(self, spec: ViewSpec, w: float, h: float) -> None:
        a, theme = spec.assessment, spec.theme
        s, m, label_px, sub_px, y = self.heading(spec, w, h)
        c = rounds_compared(spec)
        found = moved(spec)
        if found is None or c.then is None or c.now is None:
            self.message(c.problem, label_px * 1.2, theme.muted_text, w, h, m)  # wrapped: presentation's type
            return
        system = spec.focus in a.system_names()
        whose = (
            who(spec)
            if system
            else f"every one of the {len(a.systems)} {a.systems_label.lower() or 'systems'}"
        )
        sub = spec.subtitle or f"{since_text(c.then)}: what moved for {whose}, {c.then.label} → {c.now.label}"
        self.text(sub, sub_px, theme.muted_text, m, y, width=w - 2 * m)
        y += text_size(sub, sub_px, width=w - 2 * m)[1] + 10 * s
        n = len(found.unchanged)
        what = "practice" if system else "rating"
        foot = f"Unchanged: {n} {what}{'s' if n != 1 else ''}"
        foot_h = text_size(foot, sub_px)[1]
        self.text(foot, sub_px, theme.muted_text, m, h - m - foot_h)
        gap = 18 * s
        col_w = (w - 2 * m - 2 * gap) / 3
        columns = (
            ("Rose", found.rose, RISE),
            ("Fell", found.fell, FALL),
            ("Reached target", found.reached, REACHED),
        )
        # One type size for all three columns: smaller (down to 3/4) before any says "… and N more"
        bottom = h - m - foot_h - 6 * s
        longest = max(len(rows) for _, rows, _ in columns)
        room = bottom - y - 12 * s - text_size("Ag", label_px * 1.15, True)[1]
        if longest and longest * _entry_height(label_px, s) > room:
            label_px = max(label_px * 0.75, label_px * room / (longest * _entry_height(label_px, s)))
        for k, (head, rows, colour) in enumerate(columns):
            x = m + k * (col_w + gap)
            self._column(spec, head, rows, colour, system, x, y, col_w, h - m - foot_h - 6 * s, label_px, s)

    def _column(
        self,
        spec: ViewSpec,
        head: str,
        rows: list[ChangeRow],
        colour: str,
        system: bool,
        x: float,
        top: float,
        width: float,
        bottom: float,
        px: float,
        s: float,
    ) -> None:
        a, theme = spec.assessment, spec.theme
        head_px = px * 1.15
        self.rect(QRectF(x, top, width, 4 * s), colour, z=1)
        y = top + 8 * s
        title = f"{head} ({len(rows)})"
        self.text(title, head_px, theme.text, x, y, bold=True)
        y += text_size(title, head_px, True)[1] + 4 * s
        if not rows:
            self.text("none", px, theme.muted_text, x, y)
            return

        small = px * 0.95  # the detail in grey, barely smaller: a slide's smallest text stays legible
        mark_w = text_size("▲0.0", px, True)[0] + 6 * s
        entry_h = _entry_height(px, s)
        room = int((bottom - y) // entry_h)
        more_h = text_size("Ag", px)[1]  # the "… and N more" line
        shown = rows if len(rows) <= room else rows[: max(1, int((bottom - y - more_h) // entry_h))]
        for r in shown:
            mark = delta_text(r.delta) if head != "Reached target" else "✓"
            self.text(mark, px, colour, x, y, bold=True)
            self.text(
                elide(r.practice.name, px, width - mark_w, True), px, theme.text, x + mark_w, y, bold=True
            )
            y += text_size("Ag", px, True)[1]
            detail = _detail(a, r, small, width - mark_w)
            self.text(elide(detail, small, width - mark_w), small, theme.muted_text, x + mark_w, y)
            y += text_size("Ag", small)[1] + 6 * s
        if len(shown) < len(rows):
            self.text(f"… and {len(rows) - len(shown)} more", px, theme.muted_text, x + mark_w, y)


def _entry_height(px: float, s: float) -> float:
    """One entry of a column: the practice's line and the grey detail under it."""
    return text_size("Ag", px, True)[1] + text_size("Ag", px * 0.95)[1] + 6 * s


def _detail(a: Assessment, r: ChangeRow, px: float, width: float) -> str:
    """then → now (target), with the levels' names when they fit, else their numbers."""
    for named in (True, False):
        then, now = (value_text(a, v, True) if named else _score(v) for v in (r.then, r.now))
        text = f"{then} → {now}"
        if r.target is not None:
            text += f"  (target {value_text(a, r.target, True) if named else _score(r.target)})"
        if r.system:
            figures = text
            text = f"{r.system}: {figures}"
            if not named and text_size(text, px)[0] > width:  # the system's name gives way, never the figures
                room = width - text_size(f": {figures}", px)[0]
                text = f"{elide(r.system, px, max(room, px))}: {figures}"
        if text_size(text, px)[0] <= width or not named:
            return text
    return text


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"
