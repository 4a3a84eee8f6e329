"""The round selector: "Round: 2026-09 follow-up ▾" and "Compare with: none ▾", in the toolbar.

Both combos write the view state through the workspace and follow it, so the
window, presentation mode and the exports show the same round and baseline.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from gapradar.chart.view_state import ViewState
from gapradar.ui.workspace import Workspace

NO_BASELINE = "none"


def round_text(label: str, latest: bool, locked: bool) -> str:
    if latest:
        return f"{label} (latest)"
    return f"{label} (read-only)" if locked else f"{label} (unlocked)"


class RoundBar(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundBar")
        self.ws = workspace
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 4, 0)
        self.rounds = QComboBox()
        self.rounds.setObjectName("roundCombo")
        self.rounds.setAccessibleName("Round shown")
        self.rounds.setToolTip("The round shown and edited; earlier rounds are read-only until unlocked")
        self.baseline = QComboBox()
        self.baseline.setObjectName("baselineCombo")
        self.baseline.setAccessibleName("Compare with")
        self.baseline.setToolTip("A baseline round: drawn as a faint dashed outline, with Δ and progress")
        for combo in (self.rounds, self.baseline):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, combo in (("Ro&und:", self.rounds), ("Com&pare with:", self.baseline)):
            label = QLabel(text)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
        self.rounds.activated.connect(lambda _i: self.ws.update(round=self.rounds.currentData()))
        self.baseline.activated.connect(lambda _i: self._compare(self.baseline.currentData()))
        workspace.state_changed.connect(self.follow)
        workspace.document_replaced.connect(self.rebuild)
        workspace.rounds_changed.connect(self.rebuild)
        self.rebuild()

    def _compare(self, data: object) -> None:
        self.ws.update(baseline=None if data == NO_BASELINE else data)

    def rebuild(self) -> None:
        a = self.ws.assessment
        for combo in (self.rounds, self.baseline):
            combo.blockSignals(True)
            combo.clear()
        if a is not None:
            for r in a.rounds:
                self.rounds.addItem(round_text(r.label, r is a.latest, not r.unlocked), r.id)
            self.baseline.addItem(NO_BASELINE, NO_BASELINE)
            for r in a.rounds:
                self.baseline.addItem(r.label, r.id)
        for combo in (self.rounds, self.baseline):
            combo.blockSignals(False)
        several = a is not None and len(a.rounds) > 1
        self.baseline.setEnabled(several)
        self.rounds.setEnabled(several)
        self.follow(self.ws.state)

    def follow(self, state: ViewState, *_before: object) -> None:
        a = self.ws.assessment
        if a is None:
            return
        shown = state.round or a.latest.id
        i = self.rounds.findData(shown)
        if i >= 0 and i != self.rounds.currentIndex():
            self.rounds.setCurrentIndex(i)
        # The shown round cannot be its own baseline: greyed in the list (a baseline that is
        # shown stays chosen while stepping through the rounds, and compares nothing meanwhile).
        items = self.baseline.model()
        for k in range(self.baseline.count()):
            item = items.item(k) if isinstance(items, QStandardItemModel) else None
            if item is not None:
                item.setEnabled(self.baseline.itemData(k) != shown)
        j = self.baseline.findData(state.baseline or NO_BASELINE)
        if j >= 0 and j != self.baseline.currentIndex():
            self.baseline.setCurrentIndex(j)
