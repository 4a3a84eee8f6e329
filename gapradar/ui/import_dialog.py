"""File ▸ Import ratings…: choose a spreadsheet, see what would change and what cannot be placed, then accept.

Nothing changes until Import is pressed; then the whole import is one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gapradar.chart.view_state import initial_checked
from gapradar.domain import MaturityModel, Rating
from gapradar.io import LoadError
from gapradar.io.table_import import Change, TableImport, column_letter, import_table
from gapradar.ui.import_commands import ImportRatingsCommand
from gapradar.ui.workspace import Workspace

FILE_FILTER = "Spreadsheets (*.csv *.xlsx *.tsv *.txt);;All files (*)"
LAYOUTS = {"matrix": "a row per system, a column per practice", "long": "a row per rating"}


def _level(model: MaturityModel, rating: Rating, which: str) -> str:
    """A level as the preview shows it: "n/a" for a practice that does not apply, the confidence mark after a current level."""
    if rating.not_applicable:
        return "n/a"
    text = model.level_label(getattr(rating, which))
    mark = model.confidence_word(rating.confidence) if which == "current" else ""
    return f"{text} ({mark})" if mark else text


def _cell(before: str, after: str) -> QTableWidgetItem:
    item = QTableWidgetItem(after if before in (after, "") else f"{before} → {after}")
    if before != after:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _table(object_name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(object_name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.horizontalHeader().setStretchLastSection(True)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


def _fit_columns(table: QTableWidget, widest: int = 360) -> int:
    """Columns as wide as their text, none wider than `widest` (its tooltip has the rest); the total."""
    table.resizeColumnsToContents()
    for col in range(table.columnCount()):
        table.setColumnWidth(col, min(table.columnWidth(col) + 12, widest))
    return sum(table.columnWidth(c) for c in range(table.columnCount()))


class ImportDialog(QDialog):
    """The preview: every rating that changes (before → after) and every cell left out, with why.

    A workbook's other sheets can be chosen here; the preview follows.
    """

    def __init__(
        self, workspace: Workspace, result: TableImport, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        assert workspace.document is not None
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import ratings from {path.name}")
        self.ws, self.path, self.doc = workspace, path, workspace.document

        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        sheet_row = QHBoxLayout()
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.sheet.addItems(list(result.sheets))
        self.sheet.setCurrentText(result.sheet)
        label = QLabel("&Sheet:")
        label.setBuddy(self.sheet)
        sheet_row.addWidget(label)
        sheet_row.addWidget(self.sheet)
        sheet_row.addStretch(1)
        if len(result.sheets) > 1:
            layout.addLayout(sheet_row)
        else:
            label.hide()
            self.sheet.hide()
        self.sheet.currentTextChanged.connect(self._sheet_chosen)

        self.preview = _table("importPreview", ["System", "Practice", "Current", "Target", "Note"])
        layout.addWidget(self.preview, 1)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("importProblemsLabel")
        self.problems_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        self.problems = _table("importProblems", ["Row", "Column", "Heading", "Why it is left out"])
        layout.addWidget(self.problems, 1)

        buttons = QDialogButtonBox()
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("importAccept")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("importCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        wide = self.show_result(result)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(
            max(720, min(wide + 60, int(screen.width() * 0.9))),
            max(480, min(int(screen.height() * 0.8), 760)),
        )

    def show_result(self, result: TableImport) -> int:
        """Show what `result` would change and leave out; the width its columns want."""
        self.imported = result
        self.command: ImportRatingsCommand | None = ImportRatingsCommand(self.doc, result, self.path.name)
        model = self.doc.assessment.model
        changes = result.changes(self.doc.assessment)
        self.summary.setText(self._summary(changes))
        self.preview.setRowCount(0)
        new = set(result.new_systems)
        for c in changes:
            self._add_change(model, c, c.system in new)
        wide = _fit_columns(self.preview)
        self.problems_label.setText(self._problems_text())
        self.problems.setRowCount(0)
        for p in result.problems:
            row = self.problems.rowCount()
            self.problems.insertRow(row)
            for col, text in enumerate((str(p.row), column_letter(p.column), p.header, p.reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.problems.setItem(row, col, item)
        wide = max(wide, _fit_columns(self.problems, 720))
        self.problems.setVisible(bool(result.problems))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setStretchFactor(self.preview, max(2, min(self.preview.rowCount(), 12)))
        layout.setStretchFactor(self.problems, max(2, min(self.problems.rowCount(), 12)))
        self._enable(self.command.changes_anything)
        return wide

    def _enable(self, can_import: bool) -> None:
        self.import_button.setEnabled(can_import)
        self.import_button.setDefault(can_import)

    def _sheet_chosen(self, sheet: str) -> None:
        try:
            result = import_table(self.path, self.doc.assessment, sheet)
        except LoadError as e:
            self.command = None
            self.summary.setText(
                _escape(
                    f"The sheet {sheet} holds nothing to import: {'; '.join(p.message for p in e.problems)}"
                )
            )
            self.preview.setRowCount(0)
            self.problems.setRowCount(0)
            self.problems.hide()
            self.problems_label.setText("")
            self._enable(False)
            return
        wide = self.show_result(result) + 60
        if wide > self.width():
            self.resize(min(wide, int(self.screen().availableGeometry().width() * 0.9)), self.height())

    def _summary(self, changes: list[Change]) -> str:
        r = self.imported
        systems = {c.system for c in changes}
        parts = [f"<b>{_escape(r.source)}</b> — {LAYOUTS.get(r.layout, r.layout)}."]
        if changes:
            parts.append(
                f"{len(changes)} rating{'s' if len(changes) != 1 else ''} change for "
                f"{len(systems)} system{'s' if len(systems) != 1 else ''}."
            )
        elif r.ratings:
            parts.append("No rating changes: the table says what the assessment says already.")
        else:
            parts.append("No rating in the table can be placed.")
        if r.new_systems:
            parts.append(f"New systems: {', '.join(r.new_systems)}.")
        parts.append("Blank cells leave a rating as it is. Nothing changes until you press Import.")
        parts.extend(r.notes)
        return " ".join(_escape(p) if not p.startswith("<b>") else p for p in parts)

    def _problems_text(self) -> str:
        r = self.imported
        if not r.total_problems:
            return "Every filled cell has a place."
        n = r.total_problems
        text = f"{n} cell{'s' if n != 1 else ''} cannot be placed and will be left out:"
        if n > len(r.problems):
            text += f" (the first {len(r.problems)} are listed)"
        return text

    def _add_change(self, model: MaturityModel, c: Change, new: bool) -> None:
        row = self.preview.rowCount()
        self.preview.insertRow(row)
        b, a = c.before, c.after
        cells = [
            QTableWidgetItem(f"{c.system} (new)" if new else c.system),
            QTableWidgetItem(c.practice.name),
            _cell(_level(model, b, "current"), _level(model, a, "current")),
            _cell(_level(model, b, "target"), _level(model, a, "target")),
            _cell(_note(b), _note(a)),
        ]
        for col, item in enumerate(cells):
            item.setToolTip(item.text())
            self.preview.setItem(row, col, item)

    def accept(self) -> None:
        if self.command is not None and self.command.changes_anything:
            shown = self.ws.state.checked
            self.ws.push(self.command)
            names = self.ws.assessment.system_names() if self.ws.assessment else []
            if not shown & set(names):  # a fresh assessment: show what came in, not an empty chart
                self.ws.set_checked(initial_checked(names))
        super().accept()


def _note(rating: Rating) -> str:
    return rating.note.replace("\n", " ⏎ ")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def preview_import(workspace: Workspace, path: Path, parent: QWidget | None = None) -> ImportDialog | None:
    """The preview dialog for `path`, or None after saying why the file cannot be read."""
    doc = workspace.document
    if doc is None:
        return None
    try:
        result = import_table(path, doc.assessment)
    except LoadError as e:
        lines = "\n".join(p.message for p in e.problems[:10])
        QMessageBox.warning(parent, "Cannot import ratings", f"{path.name} cannot be imported:\n\n{lines}")
        return None
    return ImportDialog(workspace, result, path, parent)


def import_ratings(workspace: Workspace, parent: QWidget | None = None) -> None:
    """Ask for a spreadsheet, preview it, and import on Import."""
    doc = workspace.document
    if doc is None:
        QMessageBox.information(
            parent, "Import ratings", "Open or start an assessment first: imported ratings need its model."
        )
        return
    start = str(doc.path.parent if doc.path else Path.home())
    name, _ = QFileDialog.getOpenFileName(parent, "Import ratings", start, FILE_FILTER)
    if not name:
        return
    dialog = preview_import(workspace, Path(name), parent)
    if dialog is not None:
        dialog.exec()
        dialog.deleteLater()
