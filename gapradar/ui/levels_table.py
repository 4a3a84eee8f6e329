"""The selected system's levels: one row per practice, Current and Target editable.

The table shows the workspace's selected system and follows its view state:
while targets are hidden for a workshop's first round, so are the Target and
Gap columns. Typing a digit on a level cell sets the level with that number,
as the chart's keyboard editing does; N marks the row's practice as not
applicable (both level cells then read "n/a") and C steps its confidence mark.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from gapradar.chart.view_state import ViewState
from gapradar.domain import Assessment, gap
from gapradar.domain.rounds import Change, delta_mark, percent
from gapradar.ui.commands import (
    SetConfidenceCommand,
    SetLevelCommand,
    SetNotApplicableCommand,
    SetNoteCommand,
    confidence_refusal,
    next_confidence,
    toggle_not_applicable,
)
from gapradar.ui.workspace import Workspace

PRACTICE, CURRENT, TARGET, GAP, CONFIDENCE, THEN, DELTA, PROGRESS, NOTE = range(9)
HEADERS = ("Practice", "Current", "Target", "Gap", "Confidence", "Then", "Δ", "Progress", "Note")
COMPARING = (THEN, DELTA, PROGRESS)  # shown only when a baseline round is chosen
LEVEL_COLUMNS = {CURRENT: "current", TARGET: "target"}
NOT_ASSESSED = "not assessed"
NOT_APPLICABLE = "n/a"  # a level cell's value (and text) for a practice that does not apply
NOT_APPLICABLE_ITEM = "n/a – not applicable"
NO_MARK = "no mark"
NOTE_ROOM = 160  # pixels the notes keep before the practice names start to wrap
MIN_PRACTICE_WIDTH = 140

Index = QModelIndex | QPersistentModelIndex

# The roles data() answers, as ints: a cell is asked for seven roles each time it is painted,
# three of which (check state, decoration, background) it never has.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = {_DISPLAY, _ACCESSIBLE, _EDIT, _TOOLTIP, _FOREGROUND, _FONT, _ALIGNMENT}
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)


class LevelsModel(QAbstractTableModel):
    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.system: str | None = None
        workspace.rating_changed.connect(self._rating_changed)
        workspace.systems_changed.connect(self._refresh)
        workspace.document_replaced.connect(self._reset)
        workspace.model_changed.connect(self._reset)
        workspace.state_changed.connect(self._state_changed)
        workspace.rounds_changed.connect(self._refresh)
        self._reset()

    @property
    def assessment(self) -> Assessment | None:
        return self.ws.assessment

    def _reset(self) -> None:
        self.beginResetModel()
        self.system = self.ws.state.selected_system
        self.endResetModel()

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        if state.selected_system != self.system:
            self._reset()
        elif (state.round, state.baseline, state.targets_hidden) != (
            before.round,
            before.baseline,
            before.targets_hidden,
        ):
            self._refresh()  # another round's levels, or another baseline's deltas

    def _rating_changed(self, system: str, practice_id: str) -> None:
        """One rating changed: refresh its row only (whole-table refreshes re-measure every cell)."""
        a = self.assessment
        if system == self.system and a is not None:
            row = a.model.practice_index(practice_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, NOTE))

    def _refresh(self) -> None:
        if self.system != self.ws.state.selected_system:
            self._reset()
            return
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, NOTE))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        a = self.assessment
        return 0 if parent.isValid() or self.system is None or a is None else len(a.model.practices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            baseline = self.ws.baseline_round()
            name = f"“{baseline.label}”" if baseline else "the baseline round"
            return {
                THEN: f"The current level in {name}",
                DELTA: f"How far the current level moved since {name}: ▲ up, ▼ down",
                PROGRESS: f"(now − then) / (target − then): the share of the way to target covered since {name}",
            }.get(section)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.FontRole:
            f = QFont()
            f.setBold(LEVEL_COLUMNS.get(section) == self.ws.state.editing)  # what the keys edit
            return f
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        a = self.assessment
        # An earlier round is read-only until unlocked: no editor opens on it at all.
        if index.column() in (CURRENT, TARGET, CONFIDENCE, NOTE) and (a is None or a.is_editable()):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        role = int(role)
        if role not in _ANSWERED:
            return None
        col = index.column()
        # Roles only some columns have, answered before any rating is looked up.
        if role == _ALIGNMENT:
            return _CENTRED if col in (GAP, DELTA, PROGRESS) else None
        if role == _FOREGROUND and col not in LEVEL_COLUMNS and col != DELTA:
            return None
        if role == _FONT and col not in LEVEL_COLUMNS and col != GAP:
            return None
        a = self.assessment
        if not index.isValid() or self.system is None or a is None:
            return None
        model = a.model
        practice = model.practices[index.row()]
        rating = a.system(self.system).rating(practice.id)
        if role in (_DISPLAY, _ACCESSIBLE):
            if col == PRACTICE:
                return practice.name
            if col in LEVEL_COLUMNS:
                if rating.not_applicable:
                    return NOT_APPLICABLE
                return model.level_label(getattr(rating, LEVEL_COLUMNS[col]))
            if col == GAP:
                g = gap(rating)
                return "–" if g is None else f"{g:+d}" if g else "0"
            if col == CONFIDENCE:
                return model.confidence_word(rating.confidence)
            if col in COMPARING:
                return self._compared(a, practice.id, col)
            return rating.note
        if role == _EDIT:
            if col in LEVEL_COLUMNS:
                return NOT_APPLICABLE if rating.not_applicable else getattr(rating, LEVEL_COLUMNS[col])
            if col == CONFIDENCE:
                return rating.confidence
            if col == NOTE:
                return rating.note
        if role == _TOOLTIP:
            if col == PRACTICE:
                return practice.description or practice.name
            if col in LEVEL_COLUMNS and rating.not_applicable:
                return f"{practice.name} does not apply to {self.system} (N: applies again with its earlier levels when known; Delete: not assessed)"
            if col == CONFIDENCE:
                words = ", ".join(model.confidence)
                return f"How well the current level is backed ({words}); C steps through them"
            if col in LEVEL_COLUMNS:
                level = model.level(getattr(rating, LEVEL_COLUMNS[col]))
                tip = f"{level.label}: {level.description}" if level and level.description else ""
                votes = rating.votes if LEVEL_COLUMNS[col] == "current" else rating.target_votes
                if votes is not None and self.ws.state.voting != "blind":
                    tip = f"{tip}\nRoom votes: {votes.summary()}".strip()
                return tip or None
            if col == NOTE and rating.note:
                return rating.note
            if col == THEN and (baseline := self.ws.baseline_round()) is not None:
                then = a.rating_in(baseline, a.system(self.system).id, practice.id)
                return f"{baseline.label}: {model.level_label(then.current)}"
            if col == PROGRESS and (baseline := self.ws.baseline_round()) is not None:
                c = Change(a.rating_in(baseline, a.system(self.system).id, practice.id), rating)
                if c.progress is not None and c.progress > 1:
                    return f"Past the target: {percent(c.progress)} of the way from {baseline.label}'s level to the target"
        if role == _FOREGROUND and col in LEVEL_COLUMNS and getattr(rating, LEVEL_COLUMNS[col]) is None:
            return QColor("#767676")
        if role == _FONT and col in LEVEL_COLUMNS and rating.not_applicable:
            f = QFont()
            f.setItalic(True)  # n/a reads apart from "not assessed" (plain grey) and from every level
            return f
        if role == _FONT and col == GAP:
            f = QFont()
            f.setBold((gap(rating) or 0) > 0)
            return f
        if role == _FOREGROUND and col == DELTA:
            text = self._compared(a, practice.id, DELTA)
            return (
                QColor("#1a7f37")
                if text.startswith("▲")
                else QColor("#b3261e")
                if text.startswith("▼")
                else None
            )
        return None

    def _compared(self, a: Assessment, practice_id: str, col: int) -> str:
        """Then, Δ and progress against the baseline round; "" without one, "–" where undefined."""
        baseline = self.ws.baseline_round()
        if baseline is None or self.system is None:
            return ""
        system = a.system(self.system)
        c = Change(a.rating_in(baseline, system.id, practice_id), system.rating(practice_id))
        if col == THEN:  # the score only: the column stays narrow beside Current and Target
            return "–" if c.then.current is None else str(c.then.current)
        if col == DELTA:
            return delta_mark(c.delta) or "–"
        if self.ws.state.targets_hidden:
            return ""
        return percent(c.progress) or "–"

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        a, doc = self.assessment, self.ws.document
        if role != Qt.ItemDataRole.EditRole or self.system is None or a is None or doc is None:
            return False
        practice_id = a.model.practices[index.row()].id
        rating = a.system(self.system).rating(practice_id)
        col = index.column()
        if col in LEVEL_COLUMNS:
            which = LEVEL_COLUMNS[col]
            if value == NOT_APPLICABLE:
                if not rating.not_applicable:
                    self.ws.push(SetNotApplicableCommand(doc, self.system, practice_id, True))
                return True
            if value is None and rating.not_applicable:
                self.ws.push(SetNotApplicableCommand(doc, self.system, practice_id, False))
                return True
            if value == getattr(rating, which):
                return True
            self.ws.push(SetLevelCommand(doc, self.system, practice_id, which, value))
            return True
        if col == CONFIDENCE:
            why = confidence_refusal(rating)
            if value is not None and why:
                self.ws.message.emit(why)  # a mark on no level would mean nothing
            elif value != rating.confidence and not rating.not_applicable:
                self.ws.push(SetConfidenceCommand(doc, self.system, practice_id, value))
            return True
        if col == NOTE and str(value) != rating.note:
            self.ws.push(SetNoteCommand(doc, self.system, practice_id, str(value)))
            return True
        return False


class LevelDelegate(QStyledItemDelegate):
    """A drop-down of the model's levels (with scores) plus "not assessed" and "n/a"; and of the
    confidence words plus "no mark"."""

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:
        if index.column() == CONFIDENCE:
            return self._confidence_editor(parent)
        if index.column() not in LEVEL_COLUMNS:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setAccessibleName(f"{HEADERS[index.column()]} level")
        # Choosing from the list commits at once: one choice, one undo step.
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        combo.addItem(NOT_ASSESSED, None)
        a = self.ws.assessment
        for level in a.model.levels if a else ():
            combo.addItem(level.label, level.score)
            if level.description:
                combo.setItemData(combo.count() - 1, level.description, Qt.ItemDataRole.ToolTipRole)
        combo.addItem(NOT_APPLICABLE_ITEM, NOT_APPLICABLE)
        combo.setItemData(
            combo.count() - 1,
            "The practice does not apply to this system: no current, no target, left out of every mean",
            Qt.ItemDataRole.ToolTipRole,
        )
        return combo

    def _confidence_editor(self, parent: QWidget) -> QComboBox:
        combo = QComboBox(parent)
        combo.setAccessibleName("Confidence in the current level")
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        combo.addItem(NO_MARK, None)
        a = self.ws.assessment
        for i, word in enumerate(a.model.confidence if a else ()):
            combo.addItem(word, i)
        return combo

    def _commit(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.SubmitModelCache)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (
            isinstance(editor, QComboBox)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            # Qt 6 lets a combo box swallow Return; Return means "take this level".
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editor.view().isVisible():
                self._commit(editor)
                return True
            # Digits are level numbers, "-" starts a negative one, as on the chart; the combo's own
            # type-ahead would take "-" as the first level starting with "-" and commit it at once.
            text = event.text()
            if text == "-":
                editor.setProperty("minus", True)
                return True
            if len(text) == 1 and text.isdigit():
                score = -int(text) if editor.property("minus") else int(text)
                editor.setProperty("minus", False)
                found = editor.findData(score)
                if found > 0:  # 0 is "not assessed", whose data is None
                    editor.setCurrentIndex(found)
                    self._commit(editor)
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                editor.setCurrentIndex(0)
                self._commit(editor)
                return True
            # N is n/a, as on the chart (the combo's type-ahead would stop at "not assessed").
            found = editor.findData(NOT_APPLICABLE)
            if event.key() == Qt.Key.Key_N and found >= 0:
                editor.setCurrentIndex(found)
                self._commit(editor)
                return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class LevelsTable(QTableView):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelsTable")
        self.setAccessibleName("Levels of the selected system")
        self.ws = workspace
        self.levels_model = LevelsModel(workspace, self)
        self.setModel(self.levels_model)
        self.setItemDelegate(LevelDelegate(workspace, self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Sized to their contents when the system changes, not on every edit:
        # ResizeToContents re-measures every cell each time one changes.
        for column in (PRACTICE, CURRENT, TARGET, GAP, CONFIDENCE, THEN, DELTA, PROGRESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.levels_model.modelReset.connect(self._fit)
        workspace.state_changed.connect(self._state_changed)
        self._minus = False
        self._compared_key: tuple | None = None  # what the comparing columns were last fitted to
        self._compared_widths: tuple[int, ...] = ()
        self._fit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on a level, confidence or note of a read-only round says why nothing opens."""
        index = self.indexAt(event.position().toPoint())
        if (
            index.isValid()
            and index.column() in (CURRENT, TARGET, CONFIDENCE, NOTE)
            and not self.ws.round_editable()
        ):
            self.setCurrentIndex(index)
            self.ws.refuse_edit()
            return
        super().mouseDoubleClickEvent(event)

    def _fit(self) -> None:
        self.fit_columns()
        self.resizeRowsToContents()
        self._show_targets(not self.ws.state.targets_hidden)
        self._show_comparison()

    def _show_comparison(self) -> None:
        comparing = self.ws.baseline_round() is not None
        header = self.horizontalHeader()
        columns = self._columns()
        # Hiding and sizing columns tells the view through the header's signals, and the view
        # repaints every row on the next turn of the event loop: a second paint of the table
        # after the frame. Told here at once instead, the table paints once.
        blocked = header.blockSignals(True)
        try:
            for column in COMPARING:
                self.setColumnHidden(column, not comparing)
            if comparing:
                self._fit_comparison()
                self.setColumnHidden(PROGRESS, self.ws.state.targets_hidden)
            header.length()  # the Note column's stretch, which the header would do while painting
        finally:
            header.blockSignals(blocked)
        if self._columns() != columns:
            self.updateGeometries()
            self.updateEditorGeometries()
            self.viewport().update()

    def _columns(self) -> tuple[tuple[bool, int], ...]:
        """Each column hidden or not, and its width: when none changed, nothing is laid out again."""
        return tuple((self.isColumnHidden(c), self.columnWidth(c)) for c in range(len(HEADERS)))

    def _fit_comparison(self) -> None:
        """Then, Δ and Progress as wide as their contents; measured again only when those changed.

        Switching the baseline off and on again shows the same texts: the widths they had
        are kept rather than every cell measured again (unless the columns were resized since).
        """
        model = self.levels_model
        texts = tuple(
            model.data(model.index(row, column)) for row in range(model.rowCount()) for column in COMPARING
        )
        key = (texts, self.font().key())
        widths = tuple(self.columnWidth(column) for column in COMPARING)
        if key == self._compared_key and widths == self._compared_widths:
            return
        for column in COMPARING:
            self.resizeColumnToContents(column)
        self._compared_key = key
        self._compared_widths = tuple(self.columnWidth(column) for column in COMPARING)

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        if state.targets_hidden != before.targets_hidden:
            self._show_targets(not state.targets_hidden)
        if (state.baseline, state.round, state.targets_hidden) != (
            before.baseline,
            before.round,
            before.targets_hidden,
        ):
            self._show_comparison()
        if state.editing != before.editing:
            self.levels_model.headerDataChanged.emit(Qt.Orientation.Horizontal, CURRENT, TARGET)
        if (
            state.selected_practice != before.selected_practice or state.editing != before.editing
        ) and self.levels_model.rowCount():
            current = self.currentIndex()
            column = current.column() if current.isValid() else CURRENT
            if column in LEVEL_COLUMNS or not current.isValid():
                column = CURRENT if state.editing == "current" else TARGET
            if not current.isValid() or (current.row(), current.column()) != (
                state.selected_practice,
                column,
            ):
                self.setCurrentIndex(self.levels_model.index(state.selected_practice, column))

    def _show_targets(self, show: bool) -> None:
        """Hidden targets stay hidden here too: no Target or Gap column to peek at."""
        self.setColumnHidden(TARGET, not show)
        self.setColumnHidden(GAP, not show)

    def currentChanged(self, current: Index, previous: Index) -> None:
        super().currentChanged(current, previous)
        if not current.isValid():
            return
        changes: dict[str, object] = {}
        if current.row() != self.ws.state.selected_practice:
            changes["selected_practice"] = current.row()
        which = LEVEL_COLUMNS.get(current.column())
        if which is not None and which != self.ws.state.editing:
            changes["editing"] = which  # the guide and the keys edit what the table edits
        if changes:
            self.ws.update(**changes)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Digits on a level cell set the level with that number, as on the chart; N and C as on the chart."""
        index = self.currentIndex()
        if (
            index.isValid()
            and index.column() != NOTE  # typing in a note is typing
            and event.key() in (Qt.Key.Key_N, Qt.Key.Key_C)
            and self.state() != QAbstractItemView.State.EditingState
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._rating_key(index.row(), event.key())
            return
        minus, self._minus = self._minus, False
        if (
            index.isValid()
            and index.column() in LEVEL_COLUMNS
            and self.state() != QAbstractItemView.State.EditingState
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            text = event.text()
            if text == "-":
                self._minus = True
                return
            if text.isdigit() and len(text) == 1:
                a = self.ws.assessment
                score = -int(text) if minus else int(text)
                if a is not None and score in a.model.scores:
                    self.levels_model.setData(index, score, Qt.ItemDataRole.EditRole)
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.levels_model.setData(index, None, Qt.ItemDataRole.EditRole)
                return
        super().keyPressEvent(event)

    def _rating_key(self, row: int, key: int) -> None:
        a, doc, system = self.ws.assessment, self.ws.document, self.levels_model.system
        if a is None or doc is None or system is None:
            return
        pid = a.model.practices[row].id
        command = (
            toggle_not_applicable(doc, system, pid)
            if key == Qt.Key.Key_N
            else next_confidence(doc, system, pid)
        )
        if command is not None:
            self.ws.push(command)
        elif key == Qt.Key.Key_C:
            self.ws.message.emit(confidence_refusal(doc.assessment.system(system).rating(pid)))

    def fit_columns(self) -> None:
        """Practice and level columns as wide as their longest entry (any level may be chosen)."""
        self.resizeColumnsToContents()
        a = self.ws.assessment
        widest_level = max(
            (self.fontMetrics().horizontalAdvance(lv.label) for lv in (a.model.levels if a else ())),
            default=0,
        )
        for column in (CURRENT, TARGET):
            self.setColumnWidth(column, max(self.columnWidth(column), widest_level + 36))
        widest_word = max(
            (self.fontMetrics().horizontalAdvance(w) for w in (*(a.model.confidence if a else ()), NO_MARK)),
            default=0,
        )
        self.setColumnWidth(CONFIDENCE, max(self.columnWidth(CONFIDENCE), widest_word + 36))
        self._practice_width = self.columnWidth(PRACTICE)
        self._keep_note_room()

    def _keep_note_room(self) -> None:
        """In a narrow table the practice names wrap before the notes shrink to a sliver."""
        natural = getattr(self, "_practice_width", 0)
        if not natural:
            return
        fixed = sum(
            self.columnWidth(c) for c in (CURRENT, TARGET, GAP, CONFIDENCE) if not self.isColumnHidden(c)
        )
        room = self.viewport().width() - fixed - NOTE_ROOM
        width = max(min(natural, room), min(natural, MIN_PRACTICE_WIDTH))
        if width != self.columnWidth(PRACTICE):
            self.setColumnWidth(PRACTICE, width)
            self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._keep_note_room()

    def full_height(self, max_rows: int) -> int:
        """Pixels needed to show up to `max_rows` rows without scrolling."""
        self.resizeRowsToContents()
        rows = min(self.levels_model.rowCount(), max_rows)
        body = (
            sum(self.rowHeight(r) for r in range(rows))
            or self.verticalHeader().defaultSectionSize() * max_rows
        )
        return self.horizontalHeader().height() + body + 2 * self.frameWidth() + 2
