"""The systems list: check boxes with colour swatches, filter, and add/rename/duplicate/remove.

Checking a system overlays it on the chart; selecting it (the highlighted row)
picks the system the table, the level guide and the focus view show. Selecting
also checks it, so the chart always shows the system the table shows.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gapradar.chart.style import style_for
from gapradar.chart.view_state import ViewState
from gapradar.domain import System
from gapradar.domain.names import clean, name_key, name_problem
from gapradar.domain.rollup import RULES
from gapradar.ui.commands import AddSystemCommand, RemoveSystemCommand, RenameSystemCommand, duplicate_system
from gapradar.ui.workspace import Workspace

NAME_ROLE = Qt.ItemDataRole.UserRole
STYLE_ROLE = Qt.ItemDataRole.UserRole + 1  # "colour shape": the swatch the row shows
AVERAGE_ROLE_VALUE = "\0average"
MAX_PANEL_WIDTH = 440
FILL_AT_ONCE = 1000  # rows made in one go: a longer fresh list fills over the next moments
UNIFORM_FROM = 2000  # from here on rows share one height, so the list lays out what it shows only


@lru_cache(maxsize=256)
def swatch(colour: str, size: int = 14, shape: str = "o") -> QIcon:
    """The system's colour in the shape of its chart marker: once colours repeat (beyond the
    palette's ten), the shape still tells the 11th system from the 1st.

    One icon per colour and shape, shared by every row that shows it (a thousand systems
    need a few dozen)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor(colour).darker(130))
    h = size / 2
    if shape == "d":  # the average
        p.drawPolygon(QPolygonF([QPointF(h, 1), QPointF(size - 1, h), QPointF(h, size - 1), QPointF(1, h)]))
    elif shape == "s":
        p.drawRect(2, 2, size - 4, size - 4)
    elif shape == "t1":
        p.drawPolygon(QPolygonF([QPointF(h, 1), QPointF(size - 1, size - 2), QPointF(1, size - 2)]))
    else:
        p.drawEllipse(QPointF(h, h), h - 1.5, h - 1.5)
    p.end()
    return QIcon(pix)


class SystemsPanel(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("systemsPanel")
        self.setAccessibleName("Systems")
        self.ws = workspace
        self._updating = False
        self._rows: dict[str, QListWidgetItem] = {}  # each name's row (and the average's)
        self._fill: list[tuple[int, str]] = []  # rows still to make, (index in the file, name)

        self.title = QLabel()
        self.title.setObjectName("systemsTitle")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)
        self.hint = QLabel("☑ shows a system on the chart · the highlighted row is the one being edited")
        self.hint.setObjectName("systemsHint")
        self.hint.setWordWrap(True)
        hint_font = self.hint.font()
        hint_font.setPointSizeF(hint_font.pointSizeF() * 0.9)
        self.hint.setFont(hint_font)
        self.hint.setForegroundRole(self.hint.foregroundRole())

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter systems…")
        self.filter.setAccessibleName("Filter systems")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.textChanged.connect(self._name_check_buttons)

        self.list = QListWidget()
        self.list.setObjectName("systemsList")
        self.list.setAccessibleName("Systems list")
        # Long names wrap rather than being cut in the middle.
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentItemChanged.connect(self._current_item_changed)
        self.list.itemActivated.connect(self._item_activated)

        self.check_all = QPushButton("Check &all")
        self.check_all.setAccessibleName("Check all systems")
        self.check_all.clicked.connect(lambda: self.set_all(True))
        self.check_none = QPushButton("Check &none")
        self.check_none.setAccessibleName("Check no system")
        self.check_none.clicked.connect(lambda: self.set_all(False))

        buttons = QHBoxLayout()
        self.tool_buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("add", "Add", "Add a system", self.add_system),
            ("rename", "Rename", "Rename the selected system", self.rename_system),
            (
                "duplicate",
                "Duplicate",
                "Duplicate the selected system with its ratings",
                self.duplicate_system,
            ),
            ("remove", "Remove", "Remove the selected system", self.remove_system),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.tool_buttons[key] = b
        buttons.addStretch(1)

        checks = QHBoxLayout()
        checks.addWidget(self.check_all)
        checks.addWidget(self.check_none)
        checks.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(checks)
        layout.addLayout(buttons)

        workspace.document_replaced.connect(self.rebuild)
        workspace.systems_changed.connect(self.rebuild)
        workspace.model_changed.connect(self.rebuild)  # the word for the systems may have changed
        workspace.state_changed.connect(self._state_changed)
        self.rebuild()

    # ---------------------------------------------------------------- state

    def set_all(self, on: bool) -> None:
        """Check or uncheck every system the filter shows (all of them when there is no filter)."""
        self._finish_fill()
        filtered = bool(self.filter.text().strip())
        a = self.ws.assessment
        if not filtered and a is not None:
            shown = set(a.system_names())  # every row shows: no need to ask 10,000 of them
        else:
            shown = {
                item.data(NAME_ROLE)
                for item in (self.list.item(i) for i in range(self.list.count()))
                if not item.isHidden() and item.data(NAME_ROLE) != AVERAGE_ROLE_VALUE
            }
        checked = self.ws.state.checked | shown if on else self.ws.state.checked - shown
        self.ws.set_checked(checked, None if filtered else on)

    def checked_names(self) -> tuple[str, ...]:
        return self.ws.checked_names()

    def current_name(self) -> str | None:
        return self.ws.state.selected_system

    def select(self, name: str) -> None:
        self.ws.select_system(name)

    def preferred_width(self) -> int:
        """Wide enough for the longest name without wrapping, within reason."""
        fm = self.list.fontMetrics()
        a = self.ws.assessment
        names = a.system_names() if a else []
        if len(names) > UNIFORM_FROM:  # the longest hundred by characters hold the widest one
            names = sorted(names, key=len)[-100:]
        widest = max((fm.horizontalAdvance(n) for n in names), default=0)
        chrome = (
            14 + 24 + 8 + self.list.verticalScrollBar().sizeHint().width() + 16 + 2 * self.list.frameWidth()
        )
        layout = self.layout()
        buttons = layout.sizeHint().width() if layout is not None else 0
        return min(MAX_PANEL_WIDTH, max(buttons, widest + chrome))

    # ---------------------------------------------------------------- list

    def rebuild(self) -> None:
        """Bring the list in line with the systems, in place: rows that stay are kept.

        Adding, removing or renaming one of a thousand systems touches a row or two
        (and the swatches of systems whose colour moved), not every row.
        """
        a = self.ws.assessment
        state = self.ws.state
        self.title.setText(a.systems_label if a else "Systems")
        self._updating = True
        self._fill = []
        if a is None:
            self.list.clear()
            self._rows = {}
        else:
            names = a.system_names()
            self.list.setUniformItemSizes(len(names) >= UNIFORM_FROM)
            wanted = sorted(enumerate(names), key=lambda t: t[1].casefold())
            if len(wanted) > FILL_AT_ONCE and self._rows.keys().isdisjoint(names):
                self._start_fill(wanted, state)  # another file: thousands of new rows
            else:
                self._sync_rows(wanted, state)
        self._show_selected(state.selected_system)
        self._updating = False
        self._apply_filter(self.filter.text())
        self._update_buttons()

    def _sync_rows(self, wanted: list[tuple[int, str]], state: ViewState) -> None:
        """Rows for `wanted` ((index in the file, name), in display order), then the average's row."""
        names = {name for _, name in wanted}
        average = None
        for row in range(self.list.count() - 1, -1, -1):
            item = self.list.item(row)
            name = item.data(NAME_ROLE)
            if name == AVERAGE_ROLE_VALUE:
                average = item
            elif name not in names:
                self.list.takeItem(row)  # handed back to Python, and dropped
        # Rows that stay keep their order (names sort the same way), so what is left to do is
        # to insert the new names where they belong.
        theme = self.ws.theme
        checked = Qt.CheckState.Checked
        unchecked = Qt.CheckState.Unchecked
        for row, (index, name) in enumerate(wanted):
            item = self.list.item(row)
            if item is None or item.data(NAME_ROLE) != name:
                item = self._new_row(name)
                self.list.insertItem(row, item)
            style = style_for(theme, index)
            self._set_swatch(item, style.colour, style.symbol)
            want = checked if name in state.checked else unchecked
            if item.checkState() != want:
                item.setCheckState(want)
        self._rows = {self.list.item(row).data(NAME_ROLE): self.list.item(row) for row in range(len(wanted))}
        if average is None:
            average = self._average_row(state)
            self.list.addItem(average)
        average.setText(_rollup_label(state))
        self._set_swatch(average, theme.average, "d")
        want = checked if state.show_average else unchecked
        if average.checkState() != want:
            average.setCheckState(want)
        self._rows[AVERAGE_ROLE_VALUE] = average

    def _start_fill(self, wanted: list[tuple[int, str]], state: ViewState) -> None:
        """A fresh list of thousands: the first rows now, the rest a batch per turn of the event loop.

        10,000 rows take ~0.3 s to make; made at once they would freeze the window
        as the file opens. Whatever needs every row (Check all) finishes the list
        first; a row not made yet is selected when its batch is made.
        """
        self.list.clear()
        self._rows = {}
        average = self._average_row(state)
        self.list.addItem(average)
        self._rows[AVERAGE_ROLE_VALUE] = average
        self._fill = wanted
        QTimer.singleShot(0, self._fill_soon)  # after what the file's arrival left for the next turn

    def _fill_soon(self) -> None:
        QTimer.singleShot(0, self._fill_batch)  # a timer set now waits for the next turn

    def _fill_batch(self) -> None:
        if not self._fill:
            return
        batch, self._fill = self._fill[:FILL_AT_ONCE], self._fill[FILL_AT_ONCE:]
        was, self._updating = self._updating, True
        state, theme = self.ws.state, self.ws.theme
        needle = self.filter.text().strip().casefold()
        row = self.list.count() - 1  # before the roll-up's row
        for index, name in batch:
            item = self._new_row(name)
            style = style_for(theme, index)
            self._set_swatch(item, style.colour, style.symbol)
            item.setCheckState(Qt.CheckState.Checked if name in state.checked else Qt.CheckState.Unchecked)
            self.list.insertItem(row, item)
            if needle and needle not in name.casefold():
                item.setHidden(True)
            self._rows[name] = item
            row += 1
        self._updating = was
        self._show_selected(self.ws.state.selected_system)  # once its row is made
        if self._fill:
            QTimer.singleShot(1, self._fill_batch)  # the next turn, after what waits to be drawn

    def _finish_fill(self) -> None:
        while self._fill:
            self._fill_batch()

    @staticmethod
    def _new_row(name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(NAME_ROLE, name)
        item.setToolTip(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)  # without a state set, no box is drawn to click
        return item

    def _average_row(self, state: ViewState) -> QListWidgetItem:
        average = QListWidgetItem(_rollup_label(state))
        average.setData(NAME_ROLE, AVERAGE_ROLE_VALUE)
        average.setToolTip("Double-click (or select it in the focus view): the roll-up's current vs target")
        average.setFlags(average.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        f = average.font()
        f.setItalic(True)
        average.setFont(f)
        self._set_swatch(average, self.ws.theme.average, "d")
        average.setCheckState(Qt.CheckState.Checked if state.show_average else Qt.CheckState.Unchecked)
        return average

    @staticmethod
    def _set_swatch(item: QListWidgetItem, colour: str, shape: str) -> None:
        key = f"{colour} {shape}"
        if item.data(STYLE_ROLE) != key:
            item.setIcon(swatch(colour, shape=shape))
            item.setData(STYLE_ROLE, key)

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        if state.theme != before.theme:
            self.rebuild()
            return
        if state.rollup != before.rollup:
            for i in range(self.list.count() - 1, -1, -1):  # the roll-up's row is the last
                if self.list.item(i).data(NAME_ROLE) == AVERAGE_ROLE_VALUE:
                    self.list.item(i).setText(_rollup_label(state))
                    break
        if (state.checked, state.show_average, state.selected_system, _rollup_focused(state)) == (
            before.checked,
            before.show_average,
            before.selected_system,
            _rollup_focused(before),
        ):
            return
        self._updating = True
        # Only the rows whose check changed: one check among a thousand rows touches one row.
        changed = {name: name in state.checked for name in state.checked ^ before.checked}
        changed[AVERAGE_ROLE_VALUE] = state.show_average
        checked, unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        self.list.blockSignals(True)  # itemChanged would call back into Python once per row
        try:
            for name, on in changed.items():
                item = self._rows.get(name)
                want = checked if on else unchecked
                if item is not None and item.checkState() != want:
                    item.setCheckState(want)
        finally:
            self.list.blockSignals(False)
        self._show_selected(state.selected_system)
        self._updating = False
        self._update_buttons()

    def _show_selected(self, name: str | None) -> None:
        was = self._updating
        self._updating = True
        if _rollup_focused(self.ws.state):
            name = AVERAGE_ROLE_VALUE  # the roll-up is in focus: its row is the highlighted one
        item = self._rows.get(name) if name is not None else None
        if item is not None and self.list.currentItem() is not item:
            self.list.setCurrentItem(item)
        self._updating = was

    def _name_check_buttons(self, text: str) -> None:
        filtered = bool(text.strip())
        self.check_all.setText("Check &shown" if filtered else "Check &all")
        self.check_none.setText("Uncheck s&hown" if filtered else "Check &none")

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._updating:
            return
        on = item.checkState() == Qt.CheckState.Checked
        name = item.data(NAME_ROLE)
        if name == AVERAGE_ROLE_VALUE:
            self.ws.update(show_average=on)
        elif on:
            self.ws.set_checked(self.ws.state.checked | {name})
        else:
            self.ws.set_checked(self.ws.state.checked - {name})

    def _current_item_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._updating or item is None:
            return
        name = item.data(NAME_ROLE)
        if name == AVERAGE_ROLE_VALUE:
            if self.ws.state.view == "focus":
                self.ws.update(focus_rollup=True)  # focus the roll-up like a system
            self._show_selected(self.ws.state.selected_system)  # the average is not editable
            return
        self.ws.update(focus_rollup=False)
        self.ws.select_system(name)

    def _item_activated(self, item: QListWidgetItem) -> None:
        if item.data(NAME_ROLE) == AVERAGE_ROLE_VALUE:
            self.ws.update(view="focus", focus_rollup=True)

    def _update_buttons(self) -> None:
        has = self.current_name() is not None
        for key in ("rename", "duplicate", "remove"):
            self.tool_buttons[key].setEnabled(has)
        self.tool_buttons["add"].setEnabled(self.ws.document is not None)
        for b in (self.check_all, self.check_none):
            b.setEnabled(self.ws.document is not None)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.preferred_width()), hint.height())

    # ---------------------------------------------------------------- editing

    def add_system(self) -> None:
        doc, a = self.ws.document, self.ws.assessment
        if doc is None or a is None:
            return
        name = self._ask_name(
            "Add system", f"Name of the new system ({a.systems_label}):", a.unique_name("New system"), None
        )
        if name is None:
            return
        self.ws.push(AddSystemCommand(doc, System(name)))
        self.ws.select_system(name)

    def rename_system(self) -> None:
        doc, a, old = self.ws.document, self.ws.assessment, self.current_name()
        if doc is None or a is None or old is None:
            return
        name = self._ask_name("Rename system", "New name:", old, old)
        if name is None or name == old:
            return
        self.ws.push(RenameSystemCommand(doc, old, name))

    def _ask_name(self, title: str, label: str, text: str, old: str | None) -> str | None:
        """A name that follows the rules, asked again (with what was typed) until it does; None: cancelled."""
        while True:
            typed, ok = QInputDialog.getText(self, title, label, text=text)
            name = clean(typed)
            if not ok or not name:
                return None
            if name == old or self._acceptable(name, title, old):
                return name
            text = typed

    def _acceptable(self, name: str, title: str, old: str | None) -> bool:
        """The file format's rules for names, told before anything changes."""
        a = self.ws.assessment
        problem = name_problem(name)
        if problem is None and a is not None:
            key = name_key(name)
            clash = next((n for n in a.system_names() if n != old and name_key(n) == key), None)
            if clash is not None:
                problem = (
                    f"looks the same as the system “{clash}”: names must differ in more than "
                    "upper and lower case and spacing"
                )
        if problem is not None:
            QMessageBox.warning(self, title, f"The name “{name}” {problem}.")
            return False
        return True

    def duplicate_system(self) -> None:
        doc, name = self.ws.document, self.current_name()
        if doc is None or name is None:
            return
        command = duplicate_system(doc, name)
        self.ws.push(command)
        self.ws.select_system(command.system.name)

    def remove_system(self) -> None:
        doc, a, name = self.ws.document, self.ws.assessment, self.current_name()
        if doc is None or a is None or name is None:
            return
        system = a.system(name)
        others = [r for r in a.rounds if r is not a.shown and any(r.ratings.get(system.id, {}).values())]
        if system.has_ratings() or others:
            in_others = (
                f" It leaves every round: its ratings in {len(others)} other round"
                f"{'s' if len(others) != 1 else ''} ({', '.join(f'“{r.label}”' for r in others[:3])}"
                f"{' …' if len(others) > 3 else ''}) go too."
                if others
                else ""
            )
            answer = QMessageBox.question(
                self,
                "Remove system",
                f"“{name}” has ratings.{in_others} Remove it? (Edit ▸ Undo brings it back.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ws.push(RemoveSystemCommand(doc, name))


def _rollup_focused(state: ViewState) -> bool:
    return state.view == "focus" and state.focus_rollup


def _rollup_label(state: ViewState) -> str:
    """The roll-up row says which rule draws it, as the radar's legend does."""
    rule = RULES.get("mean" if state.rollup == "at-target" else state.rollup, RULES["mean"])
    return rule.series
