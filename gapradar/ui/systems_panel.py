"""The systems list: check boxes with colour swatches, filter, and add/rename/duplicate/remove."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
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

from gapradar.chart.style import Theme, colour_for
from gapradar.domain import AVERAGE_NAME, System
from gapradar.ui.commands import AddSystemCommand, RemoveSystemCommand, RenameSystemCommand, duplicate_system
from gapradar.ui.document import Document

NAME_ROLE = Qt.ItemDataRole.UserRole
AVERAGE_ROLE_VALUE = "\0average"


def swatch(colour: str, size: int = 14, diamond: bool = False) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor(colour).darker(130))
    if diamond:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QPolygonF

        h = size / 2
        p.drawPolygon(QPolygonF([QPointF(h, 1), QPointF(size - 1, h), QPointF(h, size - 1), QPointF(1, h)]))
    else:
        p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pix)


class SystemsPanel(QWidget):
    """Emits `checked_changed` with the checked names and whether the average shows."""

    checked_changed = Signal()
    current_changed = Signal(str)  # the selected system's name ("" for none)

    def __init__(self, doc: Document, theme: Theme, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("systemsPanel")
        self.setAccessibleName("Systems")
        self.doc = doc
        self.theme = theme
        self.checked: set[str] = set()
        self.show_average = True
        self._updating = False

        self.title = QLabel()
        self.title.setObjectName("systemsTitle")
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.title.setFont(f)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter systems…")
        self.filter.setAccessibleName("Filter systems")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)

        self.list = QListWidget()
        self.list.setObjectName("systemsList")
        self.list.setAccessibleName("Systems list")
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentItemChanged.connect(self._current_item_changed)

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
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(checks)
        layout.addLayout(buttons)

        doc.systems_changed.connect(self.rebuild)
        doc.system_renamed.connect(self._renamed)
        self.rebuild()

    # ---------------------------------------------------------------- state

    def set_checked(self, names: set[str], show_average: bool | None = None) -> None:
        self.checked = set(names)
        if show_average is not None:
            self.show_average = show_average
        self.rebuild()
        self.checked_changed.emit()

    def set_all(self, on: bool) -> None:
        names = set(self.doc.assessment.system_names()) if on else set()
        self.set_checked(names, on)

    def checked_names(self) -> tuple[str, ...]:
        return tuple(n for n in self.doc.assessment.system_names() if n in self.checked)

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        if item is None or item.data(NAME_ROLE) == AVERAGE_ROLE_VALUE:
            return None
        return item.data(NAME_ROLE)

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NAME_ROLE) == name:
                self.list.setCurrentRow(i)
                return

    def _renamed(self, old: str, new: str) -> None:
        if old in self.checked:
            self.checked.discard(old)
            self.checked.add(new)

    # ---------------------------------------------------------------- list

    def rebuild(self) -> None:
        a = self.doc.assessment
        self.title.setText(a.systems_label)
        self.checked &= set(a.system_names())
        current = self.list.currentItem().data(NAME_ROLE) if self.list.currentItem() else None
        self._updating = True
        self.list.clear()
        for index, name in sorted(enumerate(a.system_names()), key=lambda t: t[1].casefold()):
            item = QListWidgetItem(swatch(colour_for(self.theme, index)), name)
            item.setData(NAME_ROLE, name)
            item.setToolTip(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in self.checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        avg = QListWidgetItem(swatch(self.theme.average, diamond=True), AVERAGE_NAME)
        avg.setData(NAME_ROLE, AVERAGE_ROLE_VALUE)
        avg.setFlags(avg.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        avg.setCheckState(Qt.CheckState.Checked if self.show_average else Qt.CheckState.Unchecked)
        f = avg.font()
        f.setItalic(True)
        avg.setFont(f)
        self.list.addItem(avg)
        self._updating = False
        if current is not None:
            self.select(current)
        self._apply_filter(self.filter.text())
        self._update_buttons()

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
            self.show_average = on
        elif on:
            self.checked.add(name)
        else:
            self.checked.discard(name)
        self.checked_changed.emit()

    def _current_item_changed(self, *_args) -> None:
        self._update_buttons()
        self.current_changed.emit(self.current_name() or "")

    def _update_buttons(self) -> None:
        has = self.current_name() is not None
        for key in ("rename", "duplicate", "remove"):
            self.tool_buttons[key].setEnabled(has)

    # ---------------------------------------------------------------- editing

    def add_system(self) -> None:
        a = self.doc.assessment
        name, ok = QInputDialog.getText(
            self,
            "Add system",
            f"Name of the new system ({a.systems_label}):",
            text=a.unique_name("New system"),
        )
        name = name.strip()
        if not ok or not name:
            return
        if name.casefold() in (n.casefold() for n in a.system_names()):
            QMessageBox.warning(self, "Add system", f"There is already a system named “{name}”.")
            return
        self.checked.add(name)
        self.doc.undo_stack.push(AddSystemCommand(self.doc, System(name)))
        self.select(name)

    def rename_system(self) -> None:
        old = self.current_name()
        if old is None:
            return
        name, ok = QInputDialog.getText(self, "Rename system", "New name:", text=old)
        name = name.strip()
        if not ok or not name or name == old:
            return
        if name.casefold() in (n.casefold() for n in self.doc.assessment.system_names() if n != old):
            QMessageBox.warning(self, "Rename system", f"There is already a system named “{name}”.")
            return
        self.doc.undo_stack.push(RenameSystemCommand(self.doc, old, name))
        self.select(name)

    def duplicate_system(self) -> None:
        name = self.current_name()
        if name is None:
            return
        command = duplicate_system(self.doc, name)
        self.checked.add(command.system.name)
        self.doc.undo_stack.push(command)
        self.select(command.system.name)

    def remove_system(self) -> None:
        name = self.current_name()
        if name is None:
            return
        if self.doc.assessment.system(name).has_ratings():
            answer = QMessageBox.question(
                self,
                "Remove system",
                f"“{name}” has ratings. Remove it? (Edit ▸ Undo brings it back.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.doc.undo_stack.push(RemoveSystemCommand(self.doc, name))
