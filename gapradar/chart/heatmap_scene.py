"""The heatmap: systems × practices, one cell per rating, the level number in each cell.

Colours are lightness-ordered, colour-blind-safe scales (viridis for levels,
light blue → orange-red for gaps), so order survives greyscale and colour-vision
deficiency; the number in the cell carries the value anyway. "Not assessed" is
the background colour with a dash, never a level's colour; "not applicable" is
the theme's grey with "n/a", neither of them. The window gives
cells a fixed size and scrolls; an export fits every cell into the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import fmean

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsSimpleTextItem

from gapradar.chart.pixel_scene import PixelScene, elide, font, ink_on, pen, text_size
from gapradar.chart.radar_scene import sizes_for
from gapradar.chart.rating_marks import NOT_APPLICABLE
from gapradar.chart.titles import display_title, with_round
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment, Practice, System, gap
from gapradar.domain.rollup import DEFAULT_RULE, RULES, format_value, phrase, ratings_figure, rollup

# viridis, sampled: dark purple → yellow; perceptually even and safe for colour-vision deficiency
VIRIDIS = (
    "#440154",
    "#482878",
    "#3e4989",
    "#31688e",
    "#26828e",
    "#1f9e89",
    "#35b779",
    "#6ece58",
    "#b5de2b",
    "#fde725",
)
MET = "#c6dbef"  # at or above target
GAPS = ("#fdd49e", "#fc8d59", "#d7301f", "#7f0000")  # gap 1, 2, 3, 4 or more
ROW_ORDERS = {
    "file": "File order",
    "name": "Name",
    "mean": "Mean level (lowest first)",
    "gap": "Mean gap (largest first)",
}
COLUMN_ORDERS = {
    "group": "Practice group",
    "file": "File order",
    "mean": "Mean level (lowest first)",
    "gap": "Mean gap (largest first)",
}
COLOURINGS = {"level": "Level", "gap": "Gap to target"}
ROW_MAX = 4.0  # an export's tallest row, in label heights


def level_colours(scores: tuple[int, ...]) -> dict[int, str]:
    """One viridis colour per level, spread over the scale, lowest level darkest."""
    n = len(scores)
    if n == 1:
        return {scores[0]: VIRIDIS[4]}
    return {s: VIRIDIS[round(i * (len(VIRIDIS) - 1) / (n - 1))] for i, s in enumerate(scores)}


def gap_colour(g: int) -> str:
    return MET if g <= 0 else GAPS[min(g, len(GAPS)) - 1]


def _mean_or_none(values: list[int]) -> float | None:
    return fmean(values) if values else None


def system_order(a: Assessment, order: str) -> list[System]:
    systems = list(a.systems)
    if order == "name":
        return sorted(systems, key=lambda s: s.name.casefold())
    if order in ("mean", "gap"):
        ids = a.model.practice_ids

        def key(s: System) -> tuple[bool, float]:
            if order == "mean":
                v = _mean_or_none([c for c in (s.rating(p).current for p in ids) if c is not None])
                return (v is None, v if v is not None else 0)
            g = _mean_or_none([x for x in (gap(s.rating(p)) for p in ids) if x is not None])
            return (g is None, -g if g is not None else 0)

        return sorted(systems, key=key)  # stable: ties keep the file's order
    return systems


def practice_order(a: Assessment, order: str) -> list[int]:
    """Practice indexes in column order; the radar keeps the file's order whatever this says."""
    practices = a.model.practices
    indexes = list(range(len(practices)))
    if order == "group":
        first: dict[str, int] = {}
        for i, p in enumerate(practices):
            first.setdefault(p.group, i)
        return sorted(indexes, key=lambda i: first[practices[i].group])
    if order in ("mean", "gap"):

        def key(i: int) -> tuple[bool, float]:
            ratings = [s.rating(practices[i].id) for s in a.systems]
            if order == "mean":
                v = _mean_or_none([r.current for r in ratings if r.current is not None])
                return (v is None, v if v is not None else 0)
            g = _mean_or_none([x for x in (gap(r) for r in ratings) if x is not None])
            return (g is None, -g if g is not None else 0)

        return sorted(indexes, key=key)
    return indexes


def practice_key(a: Assessment, columns: list[int]) -> str:
    """ "1 Name   2 Name …" in column order, names kept on one line each."""
    nbsp = "\u00a0"
    return "   ".join(f"{i + 1}{nbsp}{a.model.practices[i].name.replace(' ', nbsp)}" for i in columns)


@dataclass
class Cell:
    rect: QRectF
    item: QGraphicsPathItem | None  # None: drawn in one path with every cell of its colour (exports)
    text: pg.TextItem | CellNumber | None


class CellNumber(QGraphicsSimpleTextItem):
    """The window's number in a cell: light enough for 8,000 cells (exports use text the SVG keeps)."""

    def __init__(self, px: float) -> None:
        super().__init__()
        self.setFont(font(px))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)

    def show_text(self, text: str, ink: str) -> None:
        self.setText(text)
        self.setBrush(QColor(ink))
        r = self.boundingRect()
        self.setTransform(QTransform.fromTranslate(-r.width() / 2, -r.height() / 2))


def set_number(item: pg.TextItem | CellNumber, text: str, ink: str) -> None:
    if isinstance(item, CellNumber):
        item.show_text(text, ink)
    else:
        item.setText(text, color=ink)


class HeatmapScene(PixelScene):
    WINDOW_CELL = (84.0, 26.0)

    def __init__(self, view_box: pg.ViewBox) -> None:
        super().__init__(view_box)
        self.cells: dict[tuple[str, str], Cell] = {}
        self.rows: list[System] = []
        self.columns: list[int] = []
        self.rollup_cells: dict[str, Cell] = {}
        self.mean_cells: dict[str, pg.TextItem] = {}
        self.overall_cell: pg.TextItem | None = None
        self.highlight: QGraphicsPathItem | None = None
        self.number_px = 12.0
        self.content = (0.0, 0.0)
        self._s = 1.0
        self._merged: dict[str, QPainterPath] = {}
        self._level_colours: dict[int, str] = {}
        self._legend_na = False
        # Rows drawn, [first, last) in shown order; None draws every row (exports). The window
        # sets it for thousands of systems: only the rows in and near sight are made.
        self.row_window: tuple[int, int] | None = None
        self._label_w: tuple[tuple, float] = ((), 0.0)  # the widest row name, for these names
        self._figures: dict[str, str] = {}  # the roll-up row's figures by practice id ("": overall)
        self._same_figures = False  # see redraw_rows
        self._grid: tuple[float, float, float, float, dict[str, int], dict[str, int]] | None = None

    # ------------------------------------------------------------ public

    def content_size(self, spec: ViewSpec) -> tuple[float, float]:
        """The size the window needs for `spec` at fixed cell sizes (it scrolls when larger)."""
        self.spec = spec
        return self._layout(0, 0)[0]

    def cell_at(self, x: float, y: float) -> tuple[str, int] | None:
        """The (system, practice index) under pixel (x, y), or None."""
        for (name, pid), cell in self.cells.items():
            if cell.rect.contains(x, y):
                assert self.spec is not None
                return name, self.spec.assessment.model.practice_index(pid)
        return None

    def cell_rect(self, system: str, practice_index: int) -> QRectF | None:
        if self.spec is None:
            return None
        pid = self.spec.assessment.model.practices[practice_index].id
        cell = self.cells.get((system, pid))
        if cell is not None:
            return QRectF(cell.rect)
        if self._grid is None:  # a row not drawn (outside the row window): where it would be
            return None
        left, top, cw, ch, row_of, column_of = self._grid
        if system not in row_of or pid not in column_of:
            return None
        return QRectF(left + column_of[pid] * cw, top + row_of[system] * ch, cw, ch)

    def redraw_rows(self, window: tuple[int, int]) -> None:
        """Other rows scrolled into sight: drawn, with the roll-up row's figures kept as they are
        (nothing changed; over 10,000 systems they took most of a second to work out again)."""
        self.row_window = window
        self._same_figures = True
        try:
            self.rebuild()
        finally:
            self._same_figures = False

    def rows_between(self, y0: float, y1: float) -> tuple[int, int]:
        """The rows (in shown order) that pixels y0 to y1 show, as [first, last)."""
        if self._grid is None:
            return (0, len(self.rows))
        _, top, _, ch, row_of, _ = self._grid
        first = max(0, int((y0 - top) // ch))
        return first, min(len(row_of), max(first, int((y1 - top) // ch) + 1))

    # ------------------------------------------------------------ layout

    def _layout(self, width: float, height: float) -> tuple[tuple[float, float], dict]:
        spec = self.spec
        assert spec is not None
        a = spec.assessment
        fixed = spec.cell_size
        s = 1.0 if fixed else sizes_for(width, height).scale
        fs, cs = s * spec.font_scale, s * spec.chrome_scale
        m = 14 * s
        label_px = 13 * fs
        title_px, sub_px = 21 * cs, 13.5 * cs
        rows = system_order(a, spec.rows)
        columns = practice_order(a, spec.columns)
        names = tuple(s_.name for s_ in rows)
        names_key = (names, label_px, spec.rollup_series)
        if self._label_w[0] != names_key:  # measuring 10,000 names took half a second a layout
            widest = max([text_size(n, label_px)[0] for n in names], default=0.0)
            self._label_w = (names_key, max(widest, text_size(spec.rollup_series, label_px, True)[0]))
        label_w = self._label_w[1]
        label_w += 4 * s
        top = m
        if spec.show_title:
            top += text_size("Ag", title_px, True)[1]
        top += text_size("Ag", sub_px)[1]
        if spec.show_legend:
            top += text_size("Ag", sub_px)[1] + 4 * s
        groups = any(a.model.practices[i].group for i in columns)
        group_h = text_size("Ag", label_px * 0.9, True)[1] if groups else 0.0
        mean_w = max(  # the rule's column: its figure for each system, and for all of them
            text_size("Mean 0.0", label_px, True)[0], text_size(_column(spec) + "  ", 12 * fs, True)[0]
        )
        n_rows, n_cols = len(rows) + 1, max(len(columns), 1)
        if fixed:
            cell_w, cell_h = fixed
            label_w = min(label_w, 360)
        else:
            # names take up to 28% of the page, more (up to 45%) while every column keeps room for a figure
            least_cell = max(3.4 * 12 * fs, 2.5 * label_px)
            spare = width - 2 * m - mean_w - n_cols * least_cell
            label_w = min(label_w, max(0.28 * width, min(0.45 * width, spare)))
            cell_w = max(2.0, (width - 2 * m - label_w - mean_w) / n_cols)
        header_px = 12 * fs
        words = [a.model.practices[i].name for i in columns]
        longest_word = max((text_size(x, header_px)[0] for w in words for x in w.split()), default=0.0)
        if fixed:
            cell_w = max(cell_w, min(longest_word + 8 * s, 160.0))  # the window widens columns to fit a word
        use_numbers = cell_w < header_px * 3.2 or longest_word > cell_w
        header_h = text_size("40", header_px)[1]
        if not use_numbers:
            names_h = max((text_size(w, header_px, width=cell_w)[1] for w in words), default=20)
            room = 0.3 * (height if not fixed else 1e9)
            if names_h <= max(room, header_h):
                header_h = names_h
            else:
                use_numbers = True  # names would not fit above narrow columns: number them
        grid_top = top + group_h + header_h + 4 * s
        # numbered columns get a key under the grid, so the names are never lost
        key = practice_key(a, columns) if use_numbers else ""
        key_h = (
            text_size(key, header_px, width=max(width - 2 * m, 100))[1] + 4 * s if key and not fixed else 0.0
        )
        # the roll-up row is never thinner than its (bold) name, however many systems follow
        rollup_min = text_size("Ag", 8.0, True)[1]
        if not fixed:
            # rows grow with the page up to a comfortable height (never taller than a cell is wide)
            cell_h = min(max(1.0, (height - grid_top - m - key_h) / n_rows), ROW_MAX * label_px, cell_w)
            if cell_h < rollup_min:
                cell_h = max(1.0, (height - grid_top - m - key_h - rollup_min) / (n_rows - 1))
        rollup_h = max(cell_h, rollup_min)
        total_w = max(2 * m + label_w + n_cols * cell_w + mean_w, 2 * m + self._legend_width(sub_px, s))
        total_h = grid_top + rollup_h + (n_rows - 1) * cell_h + m
        if not fixed and height > total_h + key_h:  # what is left centres the grid under its legend
            shift = (height - total_h - key_h) / 3  # a little above centre, near its legend
            top, grid_top, total_h = top + shift, grid_top + shift, total_h + shift
        geometry = dict(
            s=s,
            m=m,
            label_px=label_px,
            title_px=title_px,
            sub_px=sub_px,
            rows=rows,
            columns=columns,
            label_w=label_w,
            cell_w=cell_w,
            cell_h=cell_h,
            header_px=header_px,
            header_h=header_h,
            use_numbers=use_numbers,
            group_h=group_h,
            top=top,
            grid_top=grid_top,
            rollup_h=rollup_h,
            key=key,
            mean_w=mean_w,
        )
        return (total_w, total_h), geometry

    def rebuild(self) -> None:
        spec = self.spec
        w, h = self.size
        if spec is None or w < 2 or h < 2:
            return
        self.clear()
        self.cells, self.rollup_cells, self.mean_cells, self.highlight = {}, {}, {}, None
        _, g = self._layout(w, h)
        self._level_colours = level_colours(spec.assessment.model.scores)
        self._legend_na = _any_not_applicable(spec.assessment)
        self._s = g["s"]
        self.rows, self.columns = g["rows"], g["columns"]
        self.set_extent(w, h)
        theme = spec.theme
        a = spec.assessment
        m, s = g["m"], g["s"]
        y = m
        if spec.show_title:
            title = display_title(spec)
            self.text(title, g["title_px"], theme.text, m, y, bold=True)
            y += text_size("Ag", g["title_px"], True)[1]
        shown = "current" if spec.editing == "current" or not spec.show_targets else "target"
        sub = with_round(
            (
                f"{shown.capitalize()} levels · colour: {COLOURINGS.get(spec.colour_by, 'level').lower()}"
                f" · {phrase(spec.rollup, start=False)}"
            ),
            spec,
        )
        self.text(sub, g["sub_px"], theme.muted_text, m, y)
        y += text_size("Ag", g["sub_px"])[1]
        if spec.show_legend:
            self._legend(m, y, g["sub_px"], s)
        left = m + g["label_w"]
        cw, ch = g["cell_w"], g["cell_h"]
        # practice groups, then practice names (or their numbers when columns are narrow)
        header_top = g["top"]
        if g["group_h"]:
            run_start = 0
            cols = g["columns"]
            for k in range(1, len(cols) + 1):
                if (
                    k == len(cols)
                    or a.model.practices[cols[k]].group != a.model.practices[cols[run_start]].group
                ):
                    name = a.model.practices[cols[run_start]].group
                    x0, x1 = left + run_start * cw, left + k * cw
                    if name:
                        self.rect(
                            QRectF(x0 + 1, header_top + g["group_h"] - 2, x1 - x0 - 2, 1.5 * s), theme.grid
                        )
                        self.text(
                            name,
                            g["label_px"] * 0.9,
                            theme.text,
                            (x0 + x1) / 2,
                            header_top,
                            anchor=(0.5, 0),
                            bold=True,
                            width=x1 - x0,
                            align=Qt.AlignmentFlag.AlignHCenter,
                        )
                    run_start = k
        header_top += g["group_h"]
        for k, i in enumerate(g["columns"]):
            p = a.model.practices[i]
            label = str(i + 1) if g["use_numbers"] else p.name
            item = self.text(
                label,
                g["header_px"],
                theme.text,
                left + (k + 0.5) * cw,
                header_top + g["header_h"],
                anchor=(0.5, 1),
                width=None if g["use_numbers"] else cw,
                align=Qt.AlignmentFlag.AlignHCenter,
            )
            item.setToolTip(p.name)
        self.text(
            _column(spec),
            g["header_px"],
            theme.text,
            left + len(g["columns"]) * cw + g["mean_w"] / 2,
            header_top + g["header_h"],
            anchor=(0.5, 1),
            bold=True,
        )
        # rows: the roll-up first, then every system
        self.number_px = min(0.62 * ch, 0.42 * cw, 14 * s * spec.font_scale)
        row_px = min(g["label_px"], ch * 0.8)
        step = 1 if row_px >= 8 else math.ceil(9 / max(ch, 0.1))
        row_px = max(row_px, 8.0)
        top = g["grid_top"]
        rh = g["rollup_h"]
        self._rollup_row(left, top, cw, rh, row_px)
        self._overall_cell(left + len(g["columns"]) * cw, top, g["mean_w"], rh)
        self._merged = {}
        self._grid = (
            left,
            top + rh,
            cw,
            ch,
            {system.name: r for r, system in enumerate(g["rows"])},
            {a.model.practices[i].id: k for k, i in enumerate(g["columns"])},
        )
        first, last = self.row_window or (0, len(g["rows"]))
        for r, system in enumerate(g["rows"]):
            if not first <= r < last:
                continue
            ry = top + rh + r * ch
            if r % step == 0:
                name = elide(system.name, row_px, g["label_w"] - 4 * s)
                item = self.text(name, row_px, theme.text, left - 2 * s, ry + ch / 2, anchor=(1, 0.5))
                if name != system.name:
                    item.setToolTip(system.name)
            for k, i in enumerate(g["columns"]):
                p = a.model.practices[i]
                rect = QRectF(left + k * cw, ry, cw, ch)
                self._cell(system, p, rect)
            self._mean_cell(system, left + len(g["columns"]) * cw, ry, g["mean_w"], ch, row_px)
        for colour, path in self._merged.items():
            self.path(path, colour, z=1)
        self._merged = {}
        self._grid_lines(left, top, cw, ch, rh, len(g["columns"]), len(g["rows"]))
        if g["key"] and spec.cell_size is None:
            y_key = top + rh + len(g["rows"]) * ch + 4 * s
            self.text(g["key"], g["header_px"], theme.muted_text, m, y_key, width=w - 2 * m)
        self.set_selection(spec.selected_system, spec.selected_practice)

    def _legend_entries(self) -> list[tuple[str, str]]:
        spec = self.spec
        assert spec is not None
        theme, model = spec.theme, spec.assessment.model
        if spec.colour_by == "gap":
            entries = [(MET, "at or above target")] + [
                (c, f"gap {k + 1}{'+' if k == len(GAPS) - 1 else ''}") for k, c in enumerate(GAPS)
            ]
        else:
            colours = level_colours(model.scores)
            entries = [(colours[lv.score], lv.label) for lv in model.levels]
        entries.append((theme.background, "– not assessed"))
        if _any_not_applicable(spec.assessment):
            entries.append((theme.grid, f"{NOT_APPLICABLE} not applicable"))
        return entries

    def _legend_width(self, px: float, s: float) -> float:
        box = px * 0.9
        return sum(box + 10 * s + text_size(label, px)[0] for _, label in self._legend_entries())

    def _legend(self, x: float, y: float, px: float, s: float) -> None:
        theme = self.spec.theme  # type: ignore[union-attr]
        box = px * 0.9
        entries = self._legend_entries()
        for colour, label in entries:
            self.rect(QRectF(x, y + (text_size("Ag", px)[1] - box) / 2, box, box), colour, pen(theme.grid))
            self.text(label, px, theme.text, x + box + 2 * s, y)
            x += box + 2 * s + text_size(label, px)[0] + 8 * s

    def _fill(self, system: System, p: Practice) -> tuple[str, str]:
        """(cell colour, text) for one rating."""
        spec = self.spec
        assert spec is not None
        r = system.rating(p.id)
        if r.not_applicable:
            return spec.theme.grid, NOT_APPLICABLE
        shown = r.target if spec.editing == "target" and spec.show_targets else r.current
        if spec.colour_by == "gap":
            g = gap(r)
            colour = spec.theme.background if g is None or not spec.show_targets else gap_colour(g)
        else:
            colour = (
                self._level_colours.get(shown, spec.theme.background)
                if shown is not None
                else spec.theme.background
            )
        return colour, "–" if shown is None else str(shown)

    def _cell(self, system: System, p: Practice, rect: QRectF) -> None:
        spec = self.spec
        assert spec is not None
        colour, label = self._fill(system, p)
        if spec.cell_size is None and self.number_px < 7:
            # An export too small for numbers: one path per colour, not one item per cell.
            self._merged.setdefault(colour, QPainterPath()).addRect(rect)
            self.cells[(system.name, p.id)] = Cell(rect, None, None)
            return
        item = self.rect(rect, colour, z=1)
        text: pg.TextItem | CellNumber | None = None
        if self.number_px >= 7:
            ink = ink_on(colour) if colour != spec.theme.background else spec.theme.text
            if spec.cell_size is not None:
                text = CellNumber(self.number_px)
                text.setPos(rect.center())
                text.show_text(label, ink)
                self.add(text, 3)
            else:
                text = self.text(
                    label, self.number_px, ink, rect.center().x(), rect.center().y(), anchor=(0.5, 0.5), z=3
                )
        self.cells[(system.name, p.id)] = Cell(rect, item, text)

    def update_cell(self, system_name: str, practice_id: str) -> None:
        """Show one edited rating: its cell, its practice's roll-up and its system's mean; nothing else moves."""
        spec = self.spec
        cell = self.cells.get((system_name, practice_id))
        if spec is None or cell is None:
            return
        a = spec.assessment
        if spec.show_legend and self._legend_na != _any_not_applicable(a):
            self.rebuild()  # the first n/a (or the last) adds (or drops) its legend entry
            return
        system = a.system(system_name)
        colour, label = self._fill(system, a.model.practice(practice_id))
        if cell.item is not None:
            cell.item.setBrush(pg.mkBrush(colour))
        if cell.text is not None:
            ink = ink_on(colour) if colour != spec.theme.background else spec.theme.text
            set_number(cell.text, label, ink)
        self._update_rollup(practice_id)
        self._update_mean(system)
        self._update_overall()

    def _rollup_row(self, left: float, top: float, cw: float, ch: float, row_px: float) -> None:
        spec = self.spec
        assert spec is not None
        theme = spec.theme
        self.text(
            elide(spec.rollup_series, row_px, left - self._s * 14, bold=True),
            row_px,
            theme.text,
            left - 2 * self._s,
            top + ch / 2,
            anchor=(1, 0.5),
            bold=True,
        )
        for k, i in enumerate(self.columns):
            p = spec.assessment.model.practices[i]
            rect = QRectF(left + k * cw, top, cw, ch)
            item = self.rect(rect, theme.highlight, z=1)
            text = None
            if self.number_px >= 7:
                text = self.text(
                    "",
                    self.number_px * 0.9,
                    theme.text,
                    rect.center().x(),
                    rect.center().y(),
                    anchor=(0.5, 0.5),
                    bold=True,
                    z=3,
                )
            self.rollup_cells[p.id] = Cell(rect, item, text)
        for p in spec.assessment.model.practices:
            self._update_rollup(p.id)

    def _update_rollup(self, practice_id: str) -> None:
        spec = self.spec
        cell = self.rollup_cells.get(practice_id)
        if spec is None or cell is None or cell.text is None:
            return
        figure = self._figures.get(practice_id) if self._same_figures else None
        if figure is None:
            a = spec.assessment
            one = rollup(_one_practice(a, a.model.practice_index(practice_id)), spec.rollup)[0]
            applies_to_none = a.systems and one.not_applicable == len(a.systems)
            figure = NOT_APPLICABLE if applies_to_none else format_value(one)
            self._figures[practice_id] = figure
        set_number(cell.text, figure, spec.theme.text)

    def _mean_cell(self, system: System, x: float, y: float, w: float, h: float, px: float) -> None:
        if self.number_px < 7:
            return  # rows too thin for a readable figure
        item = self.text(
            "",
            min(px, self.number_px if self.number_px >= 7 else px),
            self.spec.theme.text,  # type: ignore[union-attr]
            x + w / 2,
            y + h / 2,
            anchor=(0.5, 0.5),
        )
        self.mean_cells[system.name] = item
        self._update_mean(system)

    def _update_mean(self, system: System) -> None:
        """A system's figure by the rule: its mean (median, lowest) level, or its share at target."""
        spec = self.spec
        item = self.mean_cells.get(system.name)
        if spec is None or item is None:
            return
        ids = spec.assessment.model.practice_ids
        item.setText(ratings_figure(spec.rollup, (system.rating(p) for p in ids)), color=spec.theme.text)

    def _overall_cell(self, x: float, y: float, w: float, h: float) -> None:
        """The roll-up row's figure in the rule's column: the rule over every rating of every system."""
        self.overall_cell = None
        if self.spec is None or self.number_px < 7:
            return
        ink = self.spec.theme.text
        self.overall_cell = self.text("", self.number_px * 0.9, ink, x + w / 2, y + h / 2, (0.5, 0.5), True)
        self._update_overall()

    def _update_overall(self) -> None:
        spec, item = self.spec, self.overall_cell
        if spec is None or item is None:
            return
        figure = self._figures.get("") if self._same_figures else None
        if figure is None:
            a = spec.assessment
            figure = ratings_figure(
                spec.rollup, (s.rating(p) for s in a.systems for p in a.model.practice_ids)
            )
            self._figures[""] = figure
        item.setText(figure, color=spec.theme.text)

    def _grid_lines(
        self, left: float, top: float, cw: float, ch: float, rh: float, cols: int, rows: int
    ) -> None:
        """White lines between cells when they are big enough, and a frame around the roll-up row."""
        spec = self.spec
        assert spec is not None
        self.rect(QRectF(left, top, cols * cw, rh), None, pen(spec.theme.text, max(1.0, rh / 14)), z=2)
        if min(cw, ch) < 8:
            return  # too small for lines: they would hide the colours
        path = QPainterPath()
        first, last = self.row_window or (0, rows)  # only where rows are drawn: stroking 10,000
        upper = top if first == 0 else top + rh + first * ch  # lines took seconds a paint
        bottom = top + rh + last * ch
        for k in range(cols + 1):
            path.moveTo(left + k * cw, upper)
            path.lineTo(left + k * cw, bottom)
        for r in range(first, last + 1):
            path.moveTo(left, top + rh + r * ch)
            path.lineTo(left + cols * cw, top + rh + r * ch)
        self.path(path, None, pen(spec.theme.background, max(1.0, ch / 20)), z=2)

    def set_selection(self, system: str | None, practice_index: int | None) -> None:
        """Outline the selected cell (the window only: exports carry no selection)."""
        spec = self.spec
        if self.highlight is not None:
            self.remove(self.highlight)
            self.highlight = None
        if spec is None or system is None or practice_index is None or spec.cell_size is None:
            return
        rect = self.cell_rect(system, practice_index)
        if rect is None:
            return
        self.highlight = self.rect(rect.adjusted(1, 1, -1, -1), None, pen(spec.theme.text, 3), z=4)


def _column(spec: ViewSpec) -> str:
    """The rule's column header: "Mean", "Median", "Minimum", "At target"."""
    return RULES.get(spec.rollup, RULES[DEFAULT_RULE]).column


def _any_not_applicable(a: Assessment) -> bool:
    return any(r.not_applicable for s in a.systems for r in s.ratings.values())


def _one_practice(a: Assessment, index: int) -> Assessment:
    """The assessment seen through one practice: a roll-up of one column costs one column."""
    from dataclasses import replace

    model = replace(a.model, practices=(a.model.practices[index],))
    return Assessment(model, a.title, a.systems, a.systems_label, a.description)
