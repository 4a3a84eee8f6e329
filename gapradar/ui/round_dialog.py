"""Asking for a round's label and date: File ▸ New round… and Round ▸ Rename round…"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from gapradar.domain.assessment import Assessment
from gapradar.domain.names import clean, name_key, name_problem


def suggested_label(today: datetime.date, taken: list[str]) -> str:
    """ "2026-09 follow-up", made unique ("… (2)") among the labels already taken."""
    base = f"{today:%Y-%m} follow-up"
    keys = {name_key(t) for t in taken}
    label, n = base, 2
    while name_key(label) in keys:
        label, n = f"{base} ({n})", n + 1
    return label


def label_problem(a: Assessment, label: str, except_id: str | None = None) -> str | None:
    """Why `label` cannot name a round, in the user's words; None when it can."""
    if not label:
        return "A round needs a label."
    problem = name_problem(label)
    if problem is not None:
        return f"The label {problem}."
    for r in a.rounds:
        if r.id != except_id and name_key(r.label) == name_key(label):
            return f"There is already a round labelled “{r.label}”."
    return None


class RoundDialog(QDialog):
    """A label and an optional date, checked before OK is allowed."""

    def __init__(
        self,
        a: Assessment,
        title: str,
        label: str,
        date: datetime.date | None,
        explanation: str = "",
        except_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.a, self.except_id = a, except_id
        form = QFormLayout(self)
        if explanation:
            note = QLabel(explanation)
            note.setWordWrap(True)
            form.addRow(note)
        self.label_edit = QLineEdit(label)
        self.label_edit.setObjectName("roundLabel")
        self.label_edit.selectAll()
        form.addRow("&Label:", self.label_edit)
        self.dated = QCheckBox("&Dated")
        self.dated.setChecked(date is not None)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("roundDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        when = date or datetime.date.today()
        self.date_edit.setDate(QDate(when.year, when.month, when.day))
        self.date_edit.setEnabled(date is not None)
        self.dated.toggled.connect(self.date_edit.setEnabled)
        form.addRow(self.dated, self.date_edit)
        self.problem = QLabel()
        self.problem.setObjectName("roundProblem")
        self.problem.setWordWrap(True)
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.label_edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(420)

    def _check(self) -> None:
        problem = label_problem(self.a, self.label(), self.except_id)
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def label(self) -> str:
        return clean(self.label_edit.text())

    def date(self) -> datetime.date | None:
        if not self.dated.isChecked():
            return None
        d = self.date_edit.date()
        return datetime.date(d.year(), d.month(), d.day())


def new_round_dialog(a: Assessment, parent: QWidget | None = None) -> RoundDialog:
    today = datetime.date.today()
    return RoundDialog(
        a,
        "New round",
        suggested_label(today, [r.label for r in a.rounds]),
        today,
        f"The new round starts as a copy of “{a.latest.label}”: its levels, targets and notes. "
        "Earlier rounds become read-only until unlocked.",
        parent=parent,
    )
