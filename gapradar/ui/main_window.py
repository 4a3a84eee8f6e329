"""The main window: assembles the workspace's widgets, menus and docks.

State lives in the workspace (document + view state); files in the file
session; edits in undo commands; keys in the facilitator. This module only
puts them together and follows the state for what the window itself shows.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QResizeEvent,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gapradar import bundled
from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_state import ViewState
from gapradar.chart.views import VIEWS
from gapradar.domain import Assessment
from gapradar.ui.actions import WINDOW_THEMES, build_actions
from gapradar.ui.document import Document
from gapradar.ui.facilitation import Facilitator
from gapradar.ui.file_session import FileSession
from gapradar.ui.keyboard import KeyboardEditing, toggle_keys_help
from gapradar.ui.level_guide import LevelGuide
from gapradar.ui.levels_table import LevelsTable
from gapradar.ui.model_editor import ModelEditor
from gapradar.ui.paths import settings
from gapradar.ui.presentation import PresentationWindow
from gapradar.ui.radar_view import RadarView
from gapradar.ui.start_page import StartPage
from gapradar.ui.systems_panel import SystemsPanel
from gapradar.ui.themes import apply_window_theme
from gapradar.ui.view_host import ViewHost
from gapradar.ui.vote_overlay import VoteBand, VoteDots, VotingDock, attach_voting
from gapradar.ui.window_layout import fit_levels_table, place_on_screen, short_toolbar_labels
from gapradar.ui.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, assessment: Assessment | None, path: Path | None = None) -> None:
        super().__init__()
        self._fit_pending = False  # the levels table is fitted once per turn of the event loop
        self._unfitted = False  # the chart's page has just come out from behind the start page
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(bundled.resources_dir() / "gapradar.svg")))
        self.setAcceptDrops(True)
        saved = str(settings().value("theme", "light"))
        self.ws = Workspace(ViewState(theme=saved if saved in WINDOW_THEMES else "light"), self)
        apply_window_theme(self.ws.theme)
        self.presentation: PresentationWindow | None = None
        self.recent_menu: QMenu  # made by the action table
        self.toolbar: QToolBar
        self.undo_group = QUndoGroup(self)
        self.files = FileSession(self.ws, self)
        self.facilitator = Facilitator(self.ws, self)
        self.keyboard = KeyboardEditing(self.facilitator, self._keys_help_host, self)
        self.facilitator.voting.chooser = self._choose_address

        self.views = ViewHost(self.ws)
        radar = self.views.page("radar")
        assert isinstance(radar, RadarView)
        self.radar = radar
        self.radar.release_when_shown = False  # showEvent releases it, after fitting the table
        self.radar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.radar.installEventFilter(self.keyboard)
        VoteDots(self.facilitator.voting, self.radar)
        self.table_title = QLabel()
        self.table_title.setObjectName("levelsTitle")
        bold = self.table_title.font()
        bold.setBold(True)
        self.table_title.setFont(bold)
        self.table = LevelsTable(self.ws)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(6, 4, 6, 6)
        box_layout.setSpacing(4)
        box_layout.addWidget(self.table_title)
        box_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.start_page = StartPage(self.files)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.start_page)
        self.setCentralWidget(self.pages)

        self.panel = SystemsPanel(self.ws)
        self.systems_dock = self._dock("Systems", "systemsDock", self.panel, closable=False)
        self.systems_dock.setTitleBarWidget(QWidget())  # the panel shows its own title
        self.guide = LevelGuide(self.ws)
        self.guide.setMinimumWidth(220)
        self.guide_dock = self._dock("Level guide", "guideDock", self.guide, closable=True)
        self.model_editor = ModelEditor(self.ws)
        self.model_dock = self._dock("Model", "modelDock", self.model_editor, closable=True)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.model_dock)
        self.model_dock.hide()  # View ▸ Edit model opens it
        self.voting_dock = VotingDock(self.facilitator.voting, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.voting_dock)
        # The level guide sits under the systems list: the chart keeps the width.
        self.splitDockWidget(self.systems_dock, self.guide_dock, Qt.Orientation.Vertical)
        self.resizeDocks([self.systems_dock, self.guide_dock], [330, 400], Qt.Orientation.Vertical)

        self.actions_ = build_actions(self, self.undo_group)
        short_toolbar_labels(self.actions_)
        self.files.status.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.facilitator.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self.ws.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.statusBar().setSizeGripEnabled(True)  # there from the start: the chart never jumps
        self.files.title_changed.connect(self._update_title)
        self.busy = QProgressBar()  # a file being read in the background: moving, with its name beside
        self.busy.setObjectName("openingProgress")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self._busy_cursor = False
        self.statusBar().addPermanentWidget(self.busy)
        self.files.loading.connect(self._loading)
        # The chart's page shows before the document arrives, so the chart is built once, at its size.
        self.files.arriving.connect(self._arriving)
        self.files.recent_changed.connect(self._fill_recent_menu)
        self.ws.document_replaced.connect(self._document_replaced)
        self.ws.state_changed.connect(self._state_changed)
        self.files.show(Document(assessment, path) if assessment is not None else None)
        self._restore_settings()
        self.voting_dock.hide()  # whatever the saved layout says: no server runs yet

    def _dock(self, title: str, name: str, widget: QWidget, closable: bool) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        features = QDockWidget.DockWidgetFeature.DockWidgetMovable
        if closable:
            features |= QDockWidget.DockWidgetFeature.DockWidgetClosable
        dock.setFeatures(features)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        return dock

    # ---------------------------------------------------------------- following the workspace

    @property
    def doc(self) -> Document | None:
        return self.ws.document

    def chart_spec(self) -> ChartSpec | None:
        return self.ws.chart_spec()

    def _document_replaced(self) -> None:
        doc = self.ws.document
        if doc is not None:
            self.undo_group.addStack(doc.undo_stack)
            self.undo_group.setActiveStack(doc.undo_stack)
        has = doc is not None
        for key in (
            "save",
            "save_as",
            "save_template",
            "import_ratings",
            "edit_model",
            "export",
            "copy_chart",
            "export_per_system",
            "export_deck",
            "export_workbook",
            "export_table",
            "add_system",
            "duplicate_system",
            "remove_system",
            "rename_system",
            "presentation",
            *(f"view_{key}" for key in VIEWS),  # nothing to show on the start page
            "hide_targets",
            "voting",
        ):
            self.actions_[key].setEnabled(has)
        self.pages.setCurrentWidget(self.splitter if has else self.start_page)
        self.systems_dock.setMinimumWidth(0)
        self.resizeDocks([self.systems_dock], [self.panel.preferred_width()], Qt.Orientation.Horizontal)
        self._update_title()
        if not self._unfitted:  # (from the start page it is fitted when the system shown is known)
            self._fit_table_soon()  # after layout settles (another number of practices)

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        self.actions_[f"view_{state.view}"].setChecked(True)
        self.actions_["hide_targets"].setChecked(state.targets_hidden)
        self.actions_[f"theme_{state.theme}"].setChecked(True)
        if f"rollup_{state.rollup}" in self.actions_.by_id:
            self.actions_[f"rollup_{state.rollup}"].setChecked(True)
        name = state.selected_system
        self.table_title.setText(f"Levels of {name}" if name else "No system selected")
        if self._unfitted:  # from the start page: the table is fitted to the rows of the system
            self._unfitted = False  # shown, then the chart is drawn, once, at its size: in the
            self._fit_table()  # next turn, so neither half freezes the window for long
            QTimer.singleShot(5, self._show_chart)
        elif state.selected_system != before.selected_system:
            self._fit_table_soon()  # after the chart has drawn: one rebuild per turn, not two
        if state.baseline is not None and (state.round, state.baseline) != (before.round, before.baseline):
            a = self.ws.assessment
            if a is not None and a.shown.id == state.baseline:  # say why Then, Δ and the outline went
                self.statusBar().showMessage(
                    f"Showing “{a.shown.label}”, the round compared with: nothing to compare. "
                    "Show a later round, or choose another in Compare with.",
                    8000,
                )

    def _choose_address(self) -> tuple[str, int] | None:
        from gapradar.ui.voting_dialog import choose_address  # QtNetwork: loaded when voting starts

        return choose_address(self)

    def _update_title(self) -> None:
        doc = self.ws.document
        self.setWindowTitle(f"{doc.display_name}[*] — gapradar" if doc else "gapradar")
        self.setWindowModified(bool(doc and doc.modified))

    def _loading(self, name: str) -> None:
        """A file is read in the background: say so where the eye goes, and keep answering."""
        self.busy.setVisible(bool(name))
        self.start_page.show_opening(name)
        if name:
            self.statusBar().showMessage(f"Opening {name}…")
        else:
            self.statusBar().clearMessage()
        if bool(name) != self._busy_cursor:
            self._busy_cursor = bool(name)
            if name:
                QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            else:
                QGuiApplication.restoreOverrideCursor()

    def _arriving(self, has: bool) -> None:
        """From the start page to a document: the chart's page shows first and the chart waits
        (paused, like a view out of sight) until the table is fitted to the document's rows,
        so it is built once, at its size (in _state_changed, which follows document_replaced)."""
        fresh = has and self.pages.currentWidget() is not self.splitter
        self.pages.setCurrentWidget(self.splitter if has else self.start_page)
        if fresh and not self.radar.property("paused"):
            self.views.pause(self.radar)
            self._unfitted = True

    def _show_chart(self) -> None:
        """The chart held back while a file arrived catches up (unless another view is shown now)."""
        if self.views.family(self.ws.state) == "radar":
            self.radar.in_two_turns = True
            self.views.resume(self.radar)

    def _fit_table_soon(self) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_table)

    def _fit_table(self) -> None:
        self._fit_pending = False
        fit_levels_table(self.splitter, self.table, self.table_title)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_table()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_table()
        self.radar.release()  # built once, at the size the fitted table leaves it

    # ---------------------------------------------------------------- view

    def set_focus_view(self, on: bool) -> None:
        self.ws.update(view="focus" if on else "overlay")

    def set_theme(self, name: str) -> None:
        self.ws.update(theme=name)
        apply_window_theme(self.ws.theme)
        settings().setValue("theme", name)

    def enter_presentation(self) -> None:
        if self.ws.document is None:
            return
        if self.presentation is None:
            keep = [self.actions_[k] for k in ("undo", "redo", "save", "quit")]
            self.presentation = PresentationWindow(self.ws, self.keyboard, keep, self._presentation_title)
            self.presentation.closed.connect(self._presentation_closed)
            attach_voting(self.facilitator.voting, self.presentation.radar, large=True)
            self.presentation.add_band(VoteBand(self.facilitator.voting))
        self.presentation.setGeometry(self.screen().geometry())
        self.presentation.showFullScreen()
        self.presentation.activateWindow()
        self.presentation.setFocus()

    def _presentation_title(self) -> str:
        doc = self.ws.document
        return f"{doc.display_name if doc else 'gapradar'} — gapradar presentation"

    def _presentation_closed(self) -> None:
        self.presentation = None
        self.activateWindow()

    def leave_presentation(self) -> None:
        if self.presentation is not None:
            self.presentation.close()

    def _keys_help_host(self) -> QWidget:
        return self.presentation if self.presentation is not None else self.radar

    def toggle_keys_help(self) -> None:
        toggle_keys_help(self._keys_help_host())

    # ---------------------------------------------------------------- settings, closing, dropping

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.files.recent_files()
        for i, f in enumerate(files, start=1):
            path = Path(f)
            action = self.recent_menu.addAction(f"&{i} {path.name}  —  {path.parent}")
            action.setToolTip(f)
            action.setStatusTip(f)
            action.triggered.connect(lambda _c=False, p=path: self.files.open_recent(p))
        self.recent_menu.setEnabled(bool(files))
        self.start_page.show_recent(files)

    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            place_on_screen(self)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
            # Docks come back where they were, but the systems panel fits this file's names.
            self.resizeDocks([self.systems_dock], [self.panel.preferred_width()], Qt.Orientation.Horizontal)
        self._fill_recent_menu()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.leave_presentation()
        self.facilitator.voting.stop()  # no server outlives the window
        self.files.close()
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if (
            len(urls) == 1
            and urls[0].isLocalFile()
            and urls[0].toLocalFile().lower().endswith((".yaml", ".yml"))
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = Path(event.mimeData().urls()[0].toLocalFile())
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.files.open_path(path, wait=False))

    def handle_unexpected(self, exc: BaseException) -> None:
        """An error nobody expected: keep the window, save a recovery copy, tell the user."""
        recovery = self.files.recovery
        copy = recovery.write() if recovery is not None else None
        where = f"\n\nA recovery copy of your work was written to {copy}." if copy else ""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Unexpected error",
            f"Something went wrong: {exc}{where}\n\nYour work is still open.",
            parent=self,
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
        box.exec()
