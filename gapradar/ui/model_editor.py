"""The model editor: the assessment's details, its practices and its levels, edited in the app.

Every change is one undo command on the document's stack (ui/model_commands.py);
the domain's rules (at least 3 practices, 2 levels, unique names and scores)
refuse an edit with their own words, so no edit can leave a broken file.
The chart, table and guide follow each change because they follow the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gapradar.chart.view_state import ViewState
from gapradar.domain.model import MIN_PRACTICES, MaturityModel, confidence_problems
from gapradar.domain.model_edit import (
    ModelEdit,
    ModelRuleError,
    add_level,
    add_practice,
    change_level,
    change_practice,
    change_score,
    move_practice,
    ratings_at_level,
    ratings_of,
    ratings_on_practice,
    remove_level,
    remove_practice,
)
from gapradar.domain.names import clean
from gapradar.ui.model_commands import DetailsCommand, ModelCommand
from gapradar.ui.workspace import Workspace

ID_ROLE = Qt.ItemDataRole.UserRole
SCORE, NAME, DESCRIPTION = range(3)


class ModelEditor(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelEditor")
        self.setAccessibleName("Model editor")
        self.ws = workspace
        self._filling = False

        self.title = QLineEdit()
        self.title.setAccessibleName("Assessment title")
        self.systems_label = QLineEdit()
        self.systems_label.setAccessibleName("Word for the systems")
        self.systems_label.setPlaceholderText("Systems, Teams, Business units…")
        self.description = QLineEdit()
        self.description.setAccessibleName("Assessment description")
        for edit in (self.title, self.systems_label, self.description):
            edit.editingFinished.connect(self._details_edited)
        self.confidence = QLineEdit()
        self.confidence.setObjectName("modelConfidence")
        self.confidence.setAccessibleName("Confidence words, weakest first, separated by commas")
        self.confidence.setToolTip(
            "How well a current level is backed, weakest first: drawn hollow, filled and ringed "
            "on the chart (C steps through them)"
        )
        self.confidence.editingFinished.connect(self._confidence_edited)
        details = QFormLayout()
        details.addRow("&Title", self.title)
        details.addRow("&Description", self.description)
        details.addRow("&Systems are", self.systems_label)
        details.addRow("&Confidence", self.confidence)

        self.practices = QListWidget()
        self.practices.setObjectName("modelPractices")
        self.practices.setAccessibleName("Practices, in the radar's order")
        self.practices.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.practices.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.practices.itemChanged.connect(self._practice_renamed)
        self.practices.model().rowsMoved.connect(self._practice_dropped)
        self.practices.currentRowChanged.connect(self._practice_selected)
        self.practice_description = QLineEdit()
        self.practice_description.setAccessibleName("Description of the selected practice")
        self.practice_description.setPlaceholderText("What this practice covers")
        self.practice_description.editingFinished.connect(self._practice_described)
        self.practice_group = QLineEdit()
        self.practice_group.setAccessibleName("Group of the selected practice")
        self.practice_group.setPlaceholderText("Group (optional)")
        self.practice_group.editingFinished.connect(self._practice_grouped)
        practice_buttons = self._buttons(
            ("Add…", "Add a practice", self.add_practice),
            ("Remove", "Remove the selected practice", self.remove_practice),
            ("Up", "Move the selected practice earlier (Ctrl+Up)", lambda: self.move_practice(-1)),
            ("Down", "Move the selected practice later (Ctrl+Down)", lambda: self.move_practice(+1)),
        )
        for keys, delta in (("Ctrl+Up", -1), ("Ctrl+Down", +1)):
            shortcut = QShortcut(QKeySequence(keys), self.practices)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda d=delta: self.move_practice(d))
        practices_box = QGroupBox("&Practices (the radar's axes, clockwise from the top)")
        pl = QVBoxLayout(practices_box)
        pl.addWidget(self.practices, 1)
        pl.addWidget(self.practice_description)
        pl.addWidget(self.practice_group)
        pl.addLayout(practice_buttons)

        self.levels = QTableWidget(0, 3)
        self.levels.setObjectName("modelLevels")
        self.levels.setAccessibleName("Levels")
        self.levels.setHorizontalHeaderLabels(["Score", "Name", "Description"])
        self.levels.verticalHeader().setVisible(False)
        self.levels.horizontalHeader().setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.levels.itemChanged.connect(self._level_edited)
        level_buttons = self._buttons(
            ("Add…", "Add a level above the highest", self.add_level),
            ("Remove…", "Remove the selected level", self.remove_level),
        )
        levels_box = QGroupBox("&Levels")
        ll = QVBoxLayout(levels_box)
        ll.addWidget(self.levels, 1)
        ll.addLayout(level_buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(details)
        layout.addWidget(practices_box, 3)
        layout.addWidget(levels_box, 2)

        workspace.document_replaced.connect(self.fill)
        workspace.model_changed.connect(self.fill)
        workspace.state_changed.connect(self._state_changed)
        self.fill()

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        """The practice selected on the chart or in the table is the one selected here."""
        if (
            state.selected_practice != self.practices.currentRow()
            and state.selected_practice < self.practices.count()
        ):
            self.practices.setCurrentRow(state.selected_practice)

    def _buttons(self, *specs: tuple[str, str, Callable[[], object]]) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, tip, slot in specs:
            b = QPushButton(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        return row

    # ---------------------------------------------------------------- showing the model

    def fill(self) -> None:
        a = self.ws.assessment
        self.setEnabled(a is not None)
        if a is None:
            return
        self._filling = True
        current = self.selected_practice_id()
        self.title.setText(a.title)
        self.description.setText(a.description)
        self.systems_label.setText(a.systems_label)
        self.confidence.setText(", ".join(a.model.confidence))
        for edit in (self.title, self.description, self.systems_label):
            edit.setCursorPosition(0)  # long texts show their beginning
            edit.setToolTip(edit.text())
        self.practices.clear()
        for p in a.model.practices:
            item = QListWidgetItem(p.name)
            item.setData(ID_ROLE, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(p.description or p.name)
            self.practices.addItem(item)
        ids = [p.id for p in a.model.practices]
        self.practices.setCurrentRow(
            ids.index(current) if current in ids else self.ws.state.selected_practice
        )
        self.levels.setRowCount(len(a.model.levels))
        for row, lv in enumerate(reversed(a.model.levels)):  # highest first, as on the guide
            for col, value in ((SCORE, str(lv.score)), (NAME, lv.name), (DESCRIPTION, lv.description)):
                cell = QTableWidgetItem(value)
                cell.setData(ID_ROLE, lv.score)
                self.levels.setItem(row, col, cell)
        self.levels.resizeColumnToContents(SCORE)
        self.levels.resizeColumnToContents(NAME)
        self._filling = False
        self._practice_selected(self.practices.currentRow())

    def selected_practice_id(self) -> str | None:
        item = self.practices.currentItem()
        return None if item is None else str(item.data(ID_ROLE))

    def _practice_selected(self, row: int) -> None:
        a = self.ws.assessment
        if a is None or not 0 <= row < len(a.model.practices):
            return
        if not self._filling and row != self.ws.state.selected_practice:
            self.ws.update(selected_practice=row)
        p = a.model.practices[row]
        self.practice_description.setText(p.description)
        self.practice_description.setCursorPosition(0)
        self.practice_description.setToolTip(p.description)
        self.practice_group.setText(p.group)

    # ---------------------------------------------------------------- editing

    def _push(self, make: Callable[[], ModelEdit], text: str) -> bool:
        doc = self.ws.document
        if doc is None:
            return False
        try:
            edit = make()
        except ModelRuleError as e:
            QMessageBox.warning(self, "Model editor", f"That change was not made: {e}.")
            self.fill()
            return False
        self.ws.push(ModelCommand(doc, edit, text))
        return True

    def _details_edited(self) -> None:
        doc, a = self.ws.document, self.ws.assessment
        if self._filling or doc is None or a is None:
            return
        title, description = clean(self.title.text()), self.description.text().strip()
        label = clean(self.systems_label.text()) or "Systems"
        if (title, description, label) != (a.title, a.description, a.systems_label):
            self.ws.push(DetailsCommand(doc, title, description, label))

    def _confidence_edited(self) -> None:
        a = self.ws.assessment
        if self._filling or a is None:
            return
        text = self.confidence.text()
        if tuple(clean(w) for w in text.split(",")) != a.model.confidence:
            self._push(lambda: confidence_edit(a.model, text), "Change the confidence words")

    def add_practice(self) -> None:
        a = self.ws.assessment
        if a is None:
            return
        name, ok = QInputDialog.getText(self, "Add practice", "Name of the new practice:")
        if ok and name.strip():
            row = self.practices.currentRow()
            index = row + 1 if row >= 0 else None
            if self._push(lambda: add_practice(a.model, name, index), f"Add practice {clean(name)}"):
                self.practices.setCurrentRow(index if index is not None else self.practices.count() - 1)

    def _practice_renamed(self, item: QListWidgetItem) -> None:
        a = self.ws.assessment
        if self._filling or a is None:
            return
        pid, name = str(item.data(ID_ROLE)), item.text()
        old = a.model.practice(pid).name
        if clean(name) != old:
            self._push(
                lambda: change_practice(a.model, pid, name=name), f"Rename practice {old} to {clean(name)}"
            )

    def _practice_described(self) -> None:
        a, pid = self.ws.assessment, self.selected_practice_id()
        if self._filling or a is None or pid is None:
            return
        text = self.practice_description.text().strip()
        if text != a.model.practice(pid).description:
            name = a.model.practice(pid).name
            self._push(lambda: change_practice(a.model, pid, description=text), f"Describe practice {name}")

    def _practice_grouped(self) -> None:
        a, pid = self.ws.assessment, self.selected_practice_id()
        if self._filling or a is None or pid is None:
            return
        group = clean(self.practice_group.text())
        if group != a.model.practice(pid).group:
            name = a.model.practice(pid).name
            self._push(lambda: change_practice(a.model, pid, group=group), f"Group practice {name}")

    def move_practice(self, delta: int) -> None:
        a, pid = self.ws.assessment, self.selected_practice_id()
        if a is None or pid is None:
            return
        to = a.model.practice_index(pid) + delta
        if 0 <= to < len(a.model.practices):
            name = a.model.practice(pid).name
            if self._push(lambda: move_practice(a.model, pid, to), f"Move practice {name}"):
                self.practices.setCurrentRow(to)

    def _practice_dropped(
        self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int
    ) -> None:
        a = self.ws.assessment
        if self._filling or a is None:
            return
        pid = a.model.practices[start].id
        to = row if row < start else row - 1
        name = a.model.practices[start].name
        # After the drop has finished: the list is rebuilt from the model.
        self._push(lambda: move_practice(a.model, pid, to), f"Move practice {name}")

    def remove_practice(self) -> None:
        doc, a, pid = self.ws.document, self.ws.assessment, self.selected_practice_id()
        if doc is None or a is None or pid is None:
            return
        ratings = ratings_of(a)
        count = ratings_on_practice(ratings, pid)
        name = a.model.practice(pid).name
        if len(a.model.practices) <= MIN_PRACTICES:
            QMessageBox.information(
                self,
                "Remove practice",
                f"A radar needs at least {MIN_PRACTICES} practices; add another before removing “{name}”.",
            )
            return
        if count:
            answer = QMessageBox.question(
                self,
                "Remove practice",
                f"“{name}” has ratings for {count} system{'s' if count != 1 else ''}. "
                "Remove the practice and its ratings? (Edit ▸ Undo brings them back.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._push(lambda: remove_practice(a.model, ratings, pid), f"Remove practice {name}")

    def add_level(self) -> None:
        a = self.ws.assessment
        if a is None:
            return
        name, ok = QInputDialog.getText(
            self, "Add level", f"Name of the new level (its score will be {a.model.max_score + 1}):"
        )
        if ok and name.strip():
            self._push(lambda: add_level(a.model, name), f"Add level {clean(name)}")

    def _level_edited(self, cell: QTableWidgetItem) -> None:
        a = self.ws.assessment
        if self._filling or a is None:
            return
        score = int(cell.data(ID_ROLE))
        level = a.model.level(score)
        if level is None:
            return
        text = cell.text()
        if cell.column() == SCORE:
            try:
                new_score = int(text.strip())
            except ValueError:
                QMessageBox.warning(self, "Model editor", f"A score is a whole number, not “{text}”.")
                self.fill()
                return
            ratings = ratings_of(a)
            self._push(
                lambda: change_score(a.model, ratings, score, new_score),
                f"Change the score of {level.name} to {new_score}",
            )
        elif cell.column() == NAME and clean(text) != level.name:
            self._push(
                lambda: change_level(a.model, score, name=text), f"Rename level {level.name} to {clean(text)}"
            )
        elif cell.column() == DESCRIPTION and text.strip() != level.description:
            self._push(lambda: change_level(a.model, score, description=text), f"Describe level {level.name}")

    def remove_level(self) -> None:
        a = self.ws.assessment
        row = self.levels.currentRow()
        if a is None or row < 0:
            return
        cell = self.levels.item(row, SCORE)
        if cell is None:
            return
        score = int(cell.data(ID_ROLE))
        level = a.model.level(score)
        if level is None:
            return
        ratings = ratings_of(a)
        count = ratings_at_level(ratings, score)
        move_to: int | None = None
        if count:
            others = [lv for lv in reversed(a.model.levels) if lv.score != score]
            choices = [lv.label for lv in others] + ["not assessed"]
            # Offered first: the level just below (nobody's rating rises by accident), else just above.
            below = [i for i, lv in enumerate(others) if lv.score < score]
            default = below[0] if below else len(others) - 1
            choice, ok = QInputDialog.getItem(
                self,
                "Remove level",
                f"{count} rating{'s' if count != 1 else ''} use “{level.label}”. Where do they go?",
                choices,
                default,
                False,
            )
            if not ok:
                return
            move_to = next((lv.score for lv in others if lv.label == choice), None)
        self._push(lambda: remove_level(a.model, ratings, score, move_to), f"Remove level {level.name}")


def confidence_edit(model: MaturityModel, text: str) -> ModelEdit:
    """The model with the confidence words typed ("claimed, evidenced, verified"); ratings keep their marks."""
    words = tuple(clean(w) for w in text.split(","))
    problems = confidence_problems(words)
    if problems:
        raise ModelRuleError(problems[0].message)
    return ModelEdit(replace(model, confidence=words))
