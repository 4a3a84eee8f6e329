"""What moved since the baseline: the largest rises, the falls, and the practices that reached their target.

A list, drawn as a scene so it exports (PNG, SVG, PDF, the deck) like every
other view. Three lists in three columns when each fits its own; otherwise they
run on from column to column like a newspaper's, so a long list takes the room
a short one leaves, and the type gets smaller (down to 3/4, presentation's
larger type to 6/10) before any list says how many more it holds. Practice names wrap rather than lose their ends; a
system's name gives way from the middle, so "(Android)" and "(iOS)" stay. What
is not compared (a level in one round only) is counted, never left out silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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
from gapradar.chart.pixel_scene import PixelScene, text_size
from gapradar.chart.slope_scene import FALL, RISE
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment
from gapradar.domain.assessment import Round
from gapradar.domain.rounds import counted, paired

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
        sub = (
            spec.subtitle
            or f"{since_text(c.then)}: what moved for {_whose(spec, c.then, c.now)}, {c.then.label} → {c.now.label}"
        )
        self.text(sub, sub_px, theme.muted_text, m, y, width=w - 2 * m)
        y += text_size(sub, sub_px, width=w - 2 * m)[1] + 10 * s
        foot = _foot(spec, found, c.then, c.now, system)
        foot_h = text_size(foot, sub_px, width=w - 2 * m)[1]
        self.text(foot, sub_px, theme.muted_text, m, h - m - foot_h, width=w - 2 * m)
        sections = [
            _Section("Rose", found.rose, RISE),
            _Section("Fell", found.fell, FALL),
            _Section("Reached target", found.reached, REACHED),
        ]
        gap = 18 * s
        col_w = (w - 2 * m - 2 * gap) / 3
        layout = _Layout(a, sections, col_w, y, h - m - foot_h - 6 * s, s)
        # down to 3/4 of the labels' size; labels set well above the subtitle's (presentation's type)
        # to 6/10, still larger than its level guide, never below an export's smallest
        floor = 0.75 * label_px
        if label_px > 1.1 * sub_px:
            floor = min(floor, max(0.75 * 14 * s, 0.6 * label_px))
        placed, px = layout.best(label_px, floor)
        for col, items in enumerate(placed):
            x = m + col * (col_w + gap)
            for item in items:
                self._item(spec, layout, item, x, col_w, px, s)

    def _item(
        self, spec: ViewSpec, layout: _Layout, item: _Placed, x: float, width: float, px: float, s: float
    ) -> None:
        theme = spec.theme
        section = layout.sections[item.section]
        y = item.y
        if item.kind == "head":
            self.rect(QRectF(x, y, width, 4 * s), section.colour, z=1)
            title = f"{section.head} ({len(section.rows)})" + (", continued" if item.index else "")
            self.text(title, px * 1.15, theme.text, x, y + 8 * s, bold=True)
            return
        mark_w = layout.mark_width(px)
        if item.kind == "none":
            self.text("none", px, theme.muted_text, x, y)
            return
        if item.kind == "more":
            self.text(f"… and {item.index} more", px, theme.muted_text, x + mark_w, y)
            return
        r = section.rows[item.index]
        mark = "✓" if section.head == "Reached target" else delta_text(r.delta)
        self.text(mark, px, section.colour, x, y, bold=True)
        room = width - mark_w
        self.text(r.practice.name, px, theme.text, x + mark_w, y, bold=True, width=room)
        y += layout.name_height(r.practice.name, px)
        small = px * 0.95  # the detail in grey, barely smaller: a slide's smallest text stays legible
        self.text(layout.detail(r, px), small, theme.muted_text, x + mark_w, y, width=room)


@dataclass(frozen=True)
class _Section:
    head: str
    rows: list[ChangeRow]
    colour: str


@dataclass(frozen=True)
class _Placed:
    kind: str  # "head" (index 1: continued), "entry", "more" (index: how many), "none"
    section: int
    index: int
    y: float


class _Layout:
    """Where each list's entries go at a type size, and the largest size (or most entries) that fits."""

    def __init__(
        self, a: Assessment, sections: list[_Section], col_w: float, top: float, bottom: float, s: float
    ):
        self.a, self.sections, self.col_w, self.top, self.bottom, self.s = a, sections, col_w, top, bottom, s
        self._names: dict[tuple[str, float], float] = {}
        self._entries: dict[tuple[int, float], float] = {}

    @cache  # noqa: B019 - one layout per drawing: the cache goes with it
    def mark_width(self, px: float) -> float:
        marks = {"✓"} | {delta_text(r.delta) for sec in self.sections for r in sec.rows[:200]}
        return max(text_size(mk, px, True)[0] for mk in marks) + 4 * self.s

    @cache  # noqa: B019
    def line_height(self, px: float, bold: bool = False) -> float:
        return text_size("Ag", px, bold)[1]

    def name_height(self, name: str, px: float) -> float:
        key = (name, px)
        if key not in self._names:
            room = self.col_w - self.mark_width(px)
            self._names[key] = text_size(name, px, True, width=room)[1]
        return self._names[key]

    def head_height(self, px: float) -> float:
        return 8 * self.s + self.line_height(px * 1.15, True) + 4 * self.s

    def detail(self, row: ChangeRow, px: float) -> str:
        return _detail(self.a, row, px * 0.95, self.col_w - self.mark_width(px))

    def entry_height(self, row: ChangeRow, px: float) -> float:
        """The practice's name and the grey detail under it, each wrapped to the column."""
        key = (id(row), px)
        if key not in self._entries:
            room = self.col_w - self.mark_width(px)
            detail = text_size(self.detail(row, px), px * 0.95, width=room)[1]
            self._entries[key] = self.name_height(row.practice.name, px) + detail + 6 * self.s
        return self._entries[key]

    def place(self, px: float, caps: list[int], own_columns: bool) -> list[list[_Placed]] | None:
        """Each column's items, or None when they do not fit in three columns."""
        columns: list[list[_Placed]] = [[]]
        y, line = self.top, self.line_height(px)
        head_h = self.head_height(px)
        one_line = self.line_height(px, True) + self.line_height(px * 0.95) + 6 * self.s
        if sum(caps) > 3 * (self.bottom - self.top) / one_line:  # more than three columns could hold
            return None

        def next_column() -> bool:
            nonlocal y
            columns.append([])
            y = self.top
            return len(columns) <= 3

        for k, sec in enumerate(self.sections):
            shown = caps[k]
            more = len(sec.rows) - shown
            first = self.entry_height(sec.rows[0], px) if shown else line
            whole = head_h + sum(self.entry_height(r, px) for r in sec.rows[:shown]) + (line if more else 0)
            # a list starts a new column when it would break where a fresh column would hold it whole
            crowded = y > self.top and (
                y + head_h + first > self.bottom
                or (y + whole > self.bottom and self.top + whole <= self.bottom and len(columns) < 3)
                or len(columns) + len(self.sections) - k <= 3  # a column to spare for each list left
            )
            if k and (own_columns or crowded) and not next_column():
                return None
            columns[-1].append(_Placed("head", k, 0, y))
            y += head_h
            if not shown:
                columns[-1].append(_Placed("more" if more else "none", k, more, y))
                y += line
            for i in range(shown):
                need = self.entry_height(sec.rows[i], px) + (line if more and i == shown - 1 else 0)
                if y + need > self.bottom:
                    if own_columns or not next_column():
                        return None
                    columns[-1].append(_Placed("head", k, 1, y))
                    y += head_h
                    if y + need > self.bottom:
                        return None
                columns[-1].append(_Placed("entry", k, i, y))
                y += self.entry_height(sec.rows[i], px)
            if shown and more:
                columns[-1].append(_Placed("more", k, more, y))
                y += line
            y += 10 * self.s
        return columns

    def best(self, px: float, floor: float) -> tuple[list[list[_Placed]], float]:
        """Every entry, in own columns if they fit, else running on; smaller type (to `floor`) before any is cut."""
        full = [len(sec.rows) for sec in self.sections]
        smaller = [px * f for f in (1, 0.9, 0.82, 0.75, 0.68, 0.6) if px * f >= floor - 1e-6]
        tries = [(size, True) for size in smaller[:3]] + [(size, False) for size in [*smaller, floor]]
        for size, own in tries:  # a list in a column of its own reads best, if a little smaller
            placed = self.place(size, full, own)
            if placed is not None:
                return placed, size
        size = floor
        low, high = 1, max(full)  # the most entries every list may show: found by halving
        while low < high:
            mid = (low + high + 1) // 2
            if self.place(size, [min(n, mid) for n in full], False) is not None:
                low = mid
            else:
                high = mid - 1
        caps = [min(n, low) for n in full]
        grown = True
        while grown:  # the room a short list leaves goes to the longer ones, one entry at a time
            grown = False
            for k in sorted(range(len(caps)), key=lambda k: caps[k]):
                if caps[k] < full[k]:
                    trial = [*caps[:k], caps[k] + 1, *caps[k + 1 :]]
                    if self.place(size, trial, False) is not None:
                        caps, grown = trial, True
        placed = self.place(size, caps, False)
        if placed is None:  # not even one entry each: the heads alone
            placed = self.place(size, [0] * len(caps), False) or [[]]
        return placed, size


def _whose(spec: ViewSpec, then: Round, now: Round) -> str:
    """Whose ratings are compared: one system, every system, or those assessed in both rounds."""
    a = spec.assessment
    if spec.focus in a.system_names():
        return who(spec)
    label = a.systems_label.lower() or "systems"
    found = paired(a, then, now)
    compared = {sid for rows in found.both.values() for sid, _, _ in rows}
    if len(compared) == len(a.systems):
        return f"every one of the {len(a.systems)} {label}"
    return f"the {len(compared)} {label} assessed in both rounds"


def _foot(spec: ViewSpec, found: Moved, then: Round, now: Round, system: bool) -> str:
    """What was compared and did not move, and what could not be compared: every rating is counted."""
    a = spec.assessment
    what = "practice" if system else "rating"
    text = f"Unchanged: {counted(len(found.unchanged), what)}"
    if system:
        not_compared = change_rows(spec, then, now)[1]
        if not_compared:
            text += f" · not compared: {counted(len(not_compared), 'practice')} not assessed in both rounds"
        return text
    pairs = paired(a, then, now)
    missing = [
        f"{counted(len(pairs.only_now), 'rating')} not in {then.label}" if pairs.only_now else "",
        f"{counted(len(pairs.only_then), 'rating')} not in {now.label}" if pairs.only_then else "",
    ]
    missing = [x for x in missing if x]
    if missing:
        text += " · not compared: " + ", ".join(missing)
    return text


def _detail(a: Assessment, r: ChangeRow, px: float, width: float) -> str:
    """[system: ]then → now (target), with the levels' names when they fit one line, else their numbers.

    Never shortened: a long system name wraps (the drawing gives the detail its width), so
    "Mobile Banking Platform (Android)" and "(iOS)" stay apart.
    """
    for named in (True, False):
        then, now = (value_text(a, v, True) if named else _score(v) for v in (r.then, r.now))
        text = f"{then} → {now}"
        if r.target is not None:
            text += f"  (target\u00a0{value_text(a, r.target, True) if named else _score(r.target)})"  # kept together
        if r.system:
            text = f"{r.system}: {text}"
        if not named or text_size(text, px)[0] <= width:
            return text
    return text


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"
