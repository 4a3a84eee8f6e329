"""What the window shows when no file is open: ways to open or start one.

A file that failed to open leaves the window here, rather than showing some
other file that could be mistaken for the user's.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from gapradar import bundled

if TYPE_CHECKING:
    from gapradar.ui.file_session import FileSession


NO_FILE = "<h2>No file is open</h2>"


class StartPage(QWidget):
    def __init__(self, files: FileSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.files = files
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = heading = QLabel(NO_FILE)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        self.opening = QLabel("The file is being read; meanwhile you can still choose another.")
        self.opening.setObjectName("openingLabel")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.hide()
        layout.addWidget(self.opening)
        for text, slot in (
            ("New assessment…", files.new_assessment),
            ("Open a file…", files.open_dialog),
            ("Open the sample assessment", lambda: files.open_path(bundled.sample_path(), wait=False)),
            (
                "Open the sample with two rounds",
                lambda: files.open_path(bundled.datasets_dir() / f"{bundled.ROUNDS_SAMPLE}.yaml", wait=False),
            ),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(280)
            button.clicked.connect(slot)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        for template in bundled.templates()[:4]:
            button = QPushButton(f"New from template: {bundled.template_title(template)}")
            button.setMinimumWidth(280)
            button.clicked.connect(lambda _c=False, t=template: files.new_from_template(t))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.recent = QVBoxLayout()
        layout.addLayout(self.recent)

    def show_opening(self, name: str) -> None:
        """While a file is read: its name, and the buttons kept usable (another choice replaces it)."""
        self.heading.setText(f"<h2>Opening {escape(name)}…</h2>" if name else NO_FILE)
        self.opening.setVisible(bool(name))

    def show_recent(self, files: list[str]) -> None:
        while self.recent.count():
            item = self.recent.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not files:
            return
        self.recent.addWidget(QLabel("<b>Recent files</b>"), 0, Qt.AlignmentFlag.AlignHCenter)
        for f in files[:5]:
            button = QPushButton(f"{Path(f).name}  —  {Path(f).parent}")
            button.setToolTip(f)
            button.setMinimumWidth(280)
            button.clicked.connect(lambda _c=False, p=f: self.files.open_recent(Path(p)))
            self.recent.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
