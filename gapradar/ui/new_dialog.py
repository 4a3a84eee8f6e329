"""File ▸ New…: a model (a bundled or saved template, or blank), a title and the systems to rate.

The result opens untitled and ready to rate. Templates the user saved with
File ▸ Save model as template are listed beside the bundled ones.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from gapradar import bundled
from gapradar.domain import Assessment, System
from gapradar.domain.assessment import ensure_unique_ids
from gapradar.domain.model_edit import ModelRuleError, blank_model, systems_from_text
from gapradar.io import LoadError, load
from gapradar.io.atomic import atomic_write_bytes
from gapradar.io.yaml_format import dumps
from gapradar.ui.paths import data_dir

BLANK = "blank"


def user_templates_dir() -> Path:
    return data_dir() / "templates"


def templates() -> list[tuple[str, Path]]:
    """(label, file) for every template: the bundled ones, then the user's own."""
    found = [(bundled.template_title(p), p) for p in bundled.templates()]
    folder = user_templates_dir()
    if folder.is_dir():
        found += [(f"{p.stem} (saved)", p) for p in sorted(folder.glob("*.yaml"))]
    return found


def save_model_as_template(a: Assessment, name: str) -> Path:
    """The model and the assessment's words, without systems or ratings, in the user's templates."""
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join(c if c.isalnum() or c in " -_" else "-" for c in name).strip() or "template"
    path = folder / f"{safe}.yaml"
    # The model and the word for the systems; not this client's title or description.
    empty = Assessment(a.model, title=a.model.title, systems=[], systems_label=a.systems_label)
    atomic_write_bytes(path, dumps(empty).encode("utf-8"))
    return path


class NewAssessmentDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New assessment")
        self.setMinimumWidth(520)
        self.template = QComboBox()
        self.template.setAccessibleName("Model")
        for label, path in templates():
            self.template.addItem(label, str(path))
        self.template.addItem("Blank model (shape it in the model editor)", BLANK)
        self.levels = QSpinBox()
        self.levels.setRange(2, 10)
        self.levels.setValue(5)
        self.levels.setAccessibleName("Number of levels of a blank model")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("e.g. Acme Bank – CD maturity, March workshop")
        self.systems = QPlainTextEdit()
        self.systems.setAccessibleName("Systems, one per line")
        self.systems.setPlaceholderText("One system per line (typed, or pasted from a spreadsheet column)")
        self.systems.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow("&Model", self.template)
        form.addRow("&Levels (blank model)", self.levels)
        form.addRow("&Title", self.title)
        form.addRow("&Systems", self.systems)
        hint = QLabel("Practices and levels can be changed afterwards in View ▸ Edit model.")
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.template.currentIndexChanged.connect(self._template_changed)
        self._template_changed()
        self.result_assessment: Assessment | None = None

    def _template_changed(self) -> None:
        self.levels.setEnabled(self.template.currentData() == BLANK)

    def build(self) -> Assessment:
        """The new assessment; ModelRuleError or LoadError says what is wrong."""
        choice = self.template.currentData()
        if choice == BLANK:
            a = Assessment(blank_model(self.levels.value()))
        else:
            a = load(Path(str(choice)))
            a.systems.clear()
        title = self.title.text().strip()
        if title:
            a.title = title
        names = systems_from_text(self.systems.toPlainText()) or ["System 1"]
        a.systems.extend(System(name) for name in names)
        ensure_unique_ids(a.systems)
        return a

    def _accept(self) -> None:
        try:
            self.result_assessment = self.build()
        except (ModelRuleError, LoadError) as e:
            QMessageBox.warning(self, "New assessment", str(e))
            return
        self.accept()
