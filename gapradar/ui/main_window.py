"""The workspace window: systems panel, radar, levels table, menus and file handling."""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gapradar import bundled
from gapradar.chart.spec import ChartSpec
from gapradar.chart.style import LIGHT, THEMES
from gapradar.domain import Assessment, System
from gapradar.io import LoadError, load
from gapradar.io.yaml_format import load_with_bytes
from gapradar.ui.commands import SetLevelCommand
from gapradar.ui.document import Document
from gapradar.ui.facilitation import FacilitationMixin
from gapradar.ui.files import FileWatcher, Recovery, save_document
from gapradar.ui.keyboard import KeyboardEditing
from gapradar.ui.level_guide import LevelGuide
from gapradar.ui.levels_table import LevelsTable
from gapradar.ui.paths import settings
from gapradar.ui.radar_view import RadarView
from gapradar.ui.systems_panel import SystemsPanel
from gapradar.ui.themes import apply_window_theme

FILE_FILTER = "gapradar files (*.yaml *.yml);;All files (*)"
MAX_RECENT = 8
WINDOW_THEMES = {
    "light": "&Light",
    "dark": "&Dark",
    "high-contrast": "&High contrast",
}  # print is for exports


class MainWindow(FacilitationMixin, QMainWindow):
    def __init__(self, assessment: Assessment, path: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(bundled.resources_dir() / "gapradar.svg")))
        self.setAcceptDrops(True)
        saved = str(settings().value("theme", "light"))
        self.theme = THEMES[saved] if saved in WINDOW_THEMES else LIGHT
        apply_window_theme(self.theme)
        self.focus_view = False
        self.doc: Document | None = None
        self.recovery: Recovery | None = None
        self.watcher = FileWatcher(self)
        self.watcher.changed_on_disk.connect(self._changed_on_disk)

        self.presentation = None
        self.keyboard = KeyboardEditing(self)
        self.radar = RadarView(self._edit_from_chart)
        self.radar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.radar.installEventFilter(self.keyboard)
        self.guide = LevelGuide()
        self.guide_dock = QDockWidget("Level guide", self)
        self.guide_dock.setObjectName("guideDock")
        self.guide_dock.setWidget(self.guide)
        self.guide_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.guide_dock)
        self.guide.setMinimumWidth(220)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.radar)
        self.setCentralWidget(self.splitter)
        self.systems_dock = QDockWidget("Systems", self)
        self.systems_dock.setObjectName("systemsDock")
        self.systems_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.systems_dock.setTitleBarWidget(QWidget())  # the panel shows its own title
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.systems_dock)
        # The level guide sits under the systems list: the chart keeps the width.
        self.splitDockWidget(self.systems_dock, self.guide_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.systems_dock, self.guide_dock], [330, 400], Qt.Orientation.Vertical)
        self._build_actions()
        self.set_document(Document(assessment, path))
        self._restore_settings()

    # ---------------------------------------------------------------- document

    def set_document(self, doc: Document, contents: bytes | None = None) -> None:
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        if old is not None:
            self.recovery.discard()
            self.recovery.deleteLater()
            old.deleteLater()
        self.recovery = Recovery(doc, parent=self)
        self.panel = SystemsPanel(doc, self.theme)
        self.panel.checked_changed.connect(self._update_chart)
        self.panel.current_changed.connect(self._current_system_changed)
        self.systems_dock.setWidget(self.panel)
        self.panel.addAction(self.rename_action)
        table = LevelsTable(doc)
        table.clicked.connect(self._table_row_chosen)
        if self.splitter.count() > 1:
            self.splitter.widget(1).deleteLater()
        self.table = table
        self.table_title = QLabel()
        self.table_title.setObjectName("levelsTitle")
        bold = self.table_title.font()
        bold.setBold(True)
        self.table_title.setFont(bold)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(6, 4, 6, 6)
        box_layout.setSpacing(4)
        box_layout.addWidget(self.table_title)
        box_layout.addWidget(table)
        self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        doc.changed.connect(self._document_changed)
        doc.modified_changed.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        self._wire_undo(doc)
        names = sorted(doc.assessment.system_names(), key=str.casefold)
        self.panel.set_checked(set(names if len(names) <= 4 else names[:3]), True)
        if doc.assessment.systems:
            self.panel.select(sorted(doc.assessment.system_names(), key=str.casefold)[0])
        if contents is None and doc.path is not None and doc.path.exists():
            contents = doc.path.read_bytes()
        self.watcher.watch(doc.path, contents)
        self._update_title()
        self._update_chart()
        self._fit_table()

    def _wire_undo(self, doc: Document) -> None:
        for action in (getattr(self, "undo_action", None), getattr(self, "redo_action", None)):
            if action is not None:
                self.edit_menu.removeAction(action)
                self.toolbar.removeAction(action)
        self.undo_action = doc.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = doc.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertActions(first, [self.undo_action, self.redo_action])
        self.toolbar.insertActions(
            self.toolbar.actions()[0] if self.toolbar.actions() else None,
            [self.undo_action, self.redo_action],
        )

    def _table_row_chosen(self, index) -> None:
        if index.row() != self.selected_practice:
            self.selected_practice = index.row()
            self._update_chart()
            self.update_guide()

    def focused_system(self) -> str | None:
        name = self.panel.current_name()
        if name is None and self.doc.assessment.systems:
            name = self.doc.assessment.systems[0].name
        return name

    def chart_spec(self) -> ChartSpec:
        return ChartSpec(
            self.doc.assessment,
            checked=self.panel.checked_names(),
            show_average=self.panel.show_average,
            focus=self.focused_system() if self.focus_view else None,
            theme=self.theme,
            selected_practice=self.selected_practice,
            show_targets=not self.targets_hidden,
        )

    def _update_chart(self) -> None:
        self.radar.set_spec(self.chart_spec())
        if self.presentation is not None:
            self.presentation.refresh()

    def update_guide(self) -> None:
        practices = self.doc.assessment.model.practices
        self.selected_practice = min(self.selected_practice, len(practices) - 1)
        self.guide.theme = self.theme
        self.guide.show_guide(
            self.doc.assessment, self.focused_system(), self.selected_practice, self.editing
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_table()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_table()

    def _fit_table(self) -> None:
        """Give the table the height of its rows (up to 8), the chart the rest."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = min(self.table.full_height(8) + self.table_title.sizeHint().height() + 14, int(total * 0.45))
        self.splitter.setSizes([total - wanted, wanted])

    def _document_changed(self) -> None:
        self._update_chart()
        self.update_guide()

    def _current_system_changed(self, name: str) -> None:
        focused = self.focused_system()
        self.table.set_system(focused)
        self.update_guide()
        self.table_title.setText(f"Levels of {focused}" if focused else "No system selected")
        if self.focus_view:
            self._update_chart()

    def _edit_from_chart(self, practice_id: str, which: str, score: int | None) -> None:
        system = self.focused_system()
        if system is not None:
            self.doc.undo_stack.push(SetLevelCommand(self.doc, system, practice_id, which, score))

    def _update_title(self, *_args) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — gapradar")
        self.setWindowModified(self.doc.modified)

    # ---------------------------------------------------------------- actions

    def _action(
        self, menu, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", ""))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        self.toolbar = self.addToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        file_menu = bar.addMenu("&File")
        self.new_menu = file_menu.addMenu("&New from template")
        for template in bundled.templates():
            title = (
                template.stem.replace("-", " ")
                .title()
                .replace("Cd ", "CD ")
                .replace("Iac ", "IaC ")
                .replace("Owasp Samm 2", "OWASP SAMM 2.0")
                .replace("Infoq", "InfoQ")
            )
            self._action(self.new_menu, title, lambda _c=False, t=template: self.new_from_template(t))
        self.open_action = self._action(
            file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open, "Open a gapradar file"
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._action(
            file_menu,
            "Open &sample",
            lambda: self.open_path(bundled.sample_path()),
            tip="Open the bundled First Federated Bank sample",
        )
        file_menu.addSeparator()
        self.save_action = self._action(
            file_menu, "&Save", self.save, QKeySequence.StandardKey.Save, "Save the file"
        )
        self.save_as_action = self._action(
            file_menu, "Save &As…", self.save_as, QKeySequence.StandardKey.SaveAs, "Save under a new name"
        )
        file_menu.addSeparator()
        from gapradar.ui import export_actions as ex

        self.export_action = self._action(
            file_menu,
            "&Export chart…",
            lambda: ex.export_chart_dialog(self),
            "Ctrl+E",
            "Export the chart as PNG, SVG or PDF",
        )
        self.copy_chart_action = self._action(
            file_menu,
            "&Copy chart",
            lambda: ex.copy_chart(self),
            "Ctrl+Shift+C",
            "Copy the chart as PNG and SVG, ready to paste into slides",
        )
        self._action(
            file_menu,
            "Export one chart &per system…",
            lambda: ex.export_per_system(self),
            None,
            "One focus chart per system into a folder",
        )
        self._action(
            file_menu,
            "Export Power&Point deck…",
            lambda: ex.export_deck_dialog(self),
            None,
            "A slide deck: overview, one slide per system, averages",
        )
        self._action(
            file_menu,
            "Export &table…",
            lambda: ex.export_table(self),
            None,
            "Export a table as CSV for spreadsheets",
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit gapradar")

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addSeparator()
        self._action(
            self.edit_menu, "&Add system…", lambda: self.panel.add_system(), "Ctrl+Shift+N", "Add a system"
        )
        self.rename_action = self._action(
            self.edit_menu,
            "Re&name system…",
            lambda: self.panel.rename_system(),
            "F2",
            "Rename the selected system",
        )
        # F2 renames in the systems list only; in the levels table it edits the cell.
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._action(
            self.edit_menu,
            "&Duplicate system",
            lambda: self.panel.duplicate_system(),
            "Ctrl+D",
            "Duplicate the selected system",
        )
        self._action(
            self.edit_menu,
            "Re&move system",
            lambda: self.panel.remove_system(),
            None,
            "Remove the selected system",
        )

        view_menu = bar.addMenu("&View")
        group = QActionGroup(self)
        self.overlay_action = self._action(
            view_menu,
            "&Overlay of checked systems",
            lambda: self.set_focus_view(False),
            "Ctrl+1",
            "Show every checked system",
            checkable=True,
        )
        self.focus_action = self._action(
            view_menu,
            "&Focus on selected system",
            lambda: self.set_focus_view(True),
            "Ctrl+2",
            "Current against target for the selected system",
            checkable=True,
        )
        group.addAction(self.overlay_action)
        group.addAction(self.focus_action)
        self.overlay_action.setChecked(True)

        view_menu.addSeparator()
        self.presentation_action = self._action(
            view_menu,
            "&Presentation mode",
            self.enter_presentation,
            "F5",
            "Full screen, large type, keyboard editing",
        )
        self.hide_targets_action = self._action(
            view_menu,
            "&Hide targets until revealed (R)",
            lambda on: self.set_targets_hidden(on),
            None,
            "Show current levels first; R reveals the targets",
            checkable=True,
        )
        theme_menu = view_menu.addMenu("&Theme")
        theme_group = QActionGroup(self)
        self.theme_actions = {}
        for key, label in WINDOW_THEMES.items():
            action = self._action(
                theme_menu,
                label,
                lambda _c=False, k=key: self.set_theme(k),
                None,
                f"{label.replace('&', '')} theme",
                checkable=True,
            )
            theme_group.addAction(action)
            self.theme_actions[key] = action
        view_menu.addAction(self.guide_dock.toggleViewAction())

        help_menu = bar.addMenu("&Help")
        self._action(
            help_menu,
            "&Keyboard shortcuts",
            self.toggle_keys_help,
            "?",
            "List the keys for editing without a mouse",
        )
        self._action(help_menu, "&About gapradar", self.about, tip="About gapradar")

        self.toolbar.addSeparator()
        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.save_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.overlay_action)
        self.toolbar.addAction(self.focus_action)
        self.toolbar.addAction(self.presentation_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.copy_chart_action)
        for action in self.findChildren(QAction):
            if not action.toolTip():
                action.setToolTip(action.text().replace("&", ""))

    def set_focus_view(self, on: bool) -> None:
        self.focus_view = on
        (self.focus_action if on else self.overlay_action).setChecked(True)
        self._update_chart()

    def enter_presentation(self) -> None:
        from gapradar.ui.presentation import PresentationWindow

        if self.presentation is None:
            self.presentation = PresentationWindow(self)
        screen = self.screen()
        self.presentation.setGeometry(screen.geometry())
        self.presentation.showFullScreen()
        self.presentation.activateWindow()
        self.presentation.setFocus()
        self.presentation.refresh()

    def leave_presentation(self) -> None:
        if self.presentation is not None:
            p, self.presentation = self.presentation, None
            p.close()
            p.deleteLater()
        self.activateWindow()

    def set_theme(self, name: str) -> None:
        self.theme = THEMES[name]
        self.theme_actions[name].setChecked(True)
        apply_window_theme(self.theme)
        self.panel.theme = self.theme
        self.panel.rebuild()
        settings().setValue("theme", name)
        self._update_chart()
        self.update_guide()

    def about(self) -> None:
        from gapradar import __version__

        QMessageBox.about(
            self,
            "About gapradar",
            f"<b>gapradar {__version__}</b><p>Maturity gap analysis on an editable radar.</p>",
        )

    # ---------------------------------------------------------------- files

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved edits; True to go on."""
        if not self.doc.modified:
            return True
        answer = QMessageBox.warning(
            self,
            "Unsaved changes",
            f"Save the changes to {self.doc.display_name} before closing it?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.recovery.discard()
            return True
        return False

    def save(self) -> bool:
        if self.doc.path is None or bundled.is_bundled(self.doc.path):
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path.with_suffix("").name + ".yaml") if self.doc.path else "assessment.yaml"
        name, _ = QFileDialog.getSaveFileName(self, "Save as", start, FILE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (".yaml", ".yml"):
            path = path.with_suffix(".yaml")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        try:
            data = save_document(self.doc, path)
        except OSError as e:
            QMessageBox.critical(
                self,
                "Could not save",
                f"Could not save {path}:\n{e}\n\nYour changes are still here, unsaved. Try Save As… to another place.",
            )
            return False
        self.watcher.watch(path, data)
        self._add_recent(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.doc.path.parent) if self.doc.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open", start, FILE_FILTER)
        if name:
            self.open_path(Path(name), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            assessment, data = load_with_bytes(path)
        except LoadError as e:
            show_problems(self, path, e)
            return False
        self.set_document(Document(assessment, path), data)
        self._add_recent(path)
        return True

    def new_from_template(self, template: Path) -> None:
        if not self.maybe_save():
            return
        assessment = load(template)
        if not assessment.systems:
            assessment.systems.append(System(assessment.unique_name("System 1")))
        self.set_document(Document(assessment, None))

    def _changed_on_disk(self, path: Path) -> None:
        if not path.exists():
            self.statusBar().showMessage(
                f"{path.name} was deleted or moved on disk; Save will write it again.", 8000
            )
            return
        mine = " and discard your unsaved changes" if self.doc.modified else ""
        answer = QMessageBox.question(
            self,
            "File changed on disk",
            f"{path.name} was changed by another program.\n\nReload it{mine}, or keep the version shown here?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_path(path, ask=False)
        else:
            self.doc.undo_stack.resetClean()  # what is shown now differs from the file

    # ---------------------------------------------------------------- recent files and settings

    def recent_files(self) -> list[str]:
        value = settings().value("recentFiles", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _add_recent(self, path: Path) -> None:
        if bundled.is_bundled(path):
            return
        files = [str(path.resolve())] + [f for f in self.recent_files() if f != str(path.resolve())]
        settings().setValue("recentFiles", files[:MAX_RECENT])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, f in enumerate(files, start=1):
            self._action(
                self.recent_menu, f"&{i} {Path(f).name}", lambda _c=False, p=f: self.open_path(Path(p)), tip=f
            )
        self.recent_menu.setEnabled(bool(files))

    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self._fill_recent_menu()
        self.theme_actions[self.theme.name].setChecked(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.leave_presentation()
        self.recovery.discard()
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        event.accept()

    # ---------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if (
            len(urls) == 1
            and urls[0].isLocalFile()
            and urls[0].toLocalFile().lower().endswith((".yaml", ".yml"))
        ):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = Path(event.mimeData().urls()[0].toLocalFile())
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_path(path))

    # ---------------------------------------------------------------- errors

    def handle_unexpected(self, exc: BaseException) -> None:
        """An error nobody expected: keep the window, save a recovery copy, tell the user."""
        copy = self.recovery.write() if self.recovery else None
        where = f"\n\nA recovery copy of your work was written to {copy}." if copy else ""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Unexpected error",
            f"Something went wrong: {exc}{where}\n\nYour work is still open.",
            parent=self,
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
        box.exec()


def show_problems(parent, path: Path, error: LoadError) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Cannot open file",
        f"{path.name} has problems and was not opened:",
        parent=parent,
    )
    lines = [str(p) for p in error.problems]
    box.setInformativeText(
        "\n".join(lines[:12]) + (f"\n… and {len(lines) - 12} more" if len(lines) > 12 else "")
    )
    box.setDetailedText("\n".join(lines))
    box.exec()
