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


def date_problem(a: Assessment, date: datetime.date | None, except_id: str | None = None) -> str | None:
    """Why `date` cannot date the round (a new one, last; or the round `except_id` where it stands).

    Rounds are kept oldest first, as the file lists them: a date before an earlier
    round's, or after a later round's, would make a file gapradar refuses to open.
    """
    if date is None:
        return None
    ids = [r.id for r in a.rounds]
    at = ids.index(except_id) if except_id in ids else len(ids)
    before = [(r.date, r.label) for r in a.rounds[:at] if r.date is not None]
    after = [(r.date, r.label) for r in a.rounds[at + 1 :] if r.date is not None]
    if before and date < before[-1][0]:
        day, label = before[-1]
        return f"Rounds go oldest first: the date can be {day:%Y-%m-%d} (“{label}”) or later."
    if after and date > after[0][0]:
        day, label = after[0]
        return f"Rounds go oldest first: the date can be {day:%Y-%m-%d} (“{label}”) or earlier."
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
        self.date_edit.dateChanged.connect(self._check)
        self.dated.toggled.connect(self._check)
        self._check()
        self.setMinimumWidth(420)

    def _check(self) -> None:
        problem = label_problem(self.a, self.label(), self.except_id) or date_problem(
            self.a, self.date(), self.except_id
        )
        self.problem.setText(problem or "")
        if self.problem.isVisibleTo(self) != (problem is not None):
            self.problem.setVisible(problem is not None)
            self.adjustSize()  # room for the message without squeezing the lines above it
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
    latest = max((r.date for r in a.rounds if r.date is not None), default=today)
    return RoundDialog(
        a,
        "New round",
        suggested_label(today, [r.label for r in a.rounds]),
        max(today, latest),
        f"The new round starts as a copy of “{a.latest.label}”: its levels, targets and notes. "
        "Earlier rounds become read-only until unlocked.",
        parent=parent,
    )
