"""The action table: every menu entry and toolbar button, its text, shortcut and handler.

Built once per window. Undo and redo come from a QUndoGroup, so they follow
whichever document is open without being rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMenuBar, QMessageBox, QToolBar, QWidget
from shiboken6 import isValid

from gapradar import bundled
from gapradar.chart.view_state import ViewState
from gapradar.chart.views import VIEWS
from gapradar.domain.rollup import RULES
from gapradar.ui.facilitation import Facilitator
from gapradar.ui.file_session import FileSession
from gapradar.ui.round_actions import RoundActions
from gapradar.ui.round_bar import RoundBar
from gapradar.ui.systems_panel import SystemsPanel
from gapradar.ui.workspace import Workspace

WINDOW_THEMES = {
    "light": "&Light",
    "dark": "&Dark",
    "high-contrast": "&High contrast",
}  # print is for exports


def _export(handler: str, window: Window) -> None:
    """Run an export handler; the export machinery (deck, workbook, batch) loads on first use, not at start-up."""
    from gapradar.ui import export_actions

    getattr(export_actions, handler)(window)


def _import_ratings(ws: Workspace, parent: QWidget | None) -> None:
    from gapradar.ui.import_dialog import import_ratings

    import_ratings(ws, parent)


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's redo keys plus Ctrl+Y and Ctrl+Shift+Z, each once (twice makes both ambiguous)."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
        if all(k.toString() != extra for k in keys):
            keys.append(QKeySequence(extra))
    return keys


MENU_TEXT_MAX = 72  # characters: a long system's name must not stretch the Edit menu across the screen


def short_menu_text(text: str) -> str:
    """`text` cut in the middle with "…" past MENU_TEXT_MAX characters; its start and end stay readable."""
    if len(text) <= MENU_TEXT_MAX:
        return text
    tail = MENU_TEXT_MAX * 3 // 10
    return f"{text[: MENU_TEXT_MAX - tail - 1].rstrip()}…{text[-tail:].lstrip()}"


class _Mirror(QObject):
    """Keeps a short toolbar twin of an undo/redo action enabled like it, the step's full text as tooltip;
    the menu entry itself is shortened in the middle when the step's text is long.

    Parented to the twin so the connection ends with it.
    """

    def __init__(self, source: QAction, twin: QAction, label: str, full_text: Callable[[], str]) -> None:
        super().__init__(twin)
        self.source, self.twin, self.label, self.full_text = source, twin, label, full_text
        source.changed.connect(self.follow)
        self.follow()

    def follow(self) -> None:
        if not (isValid(self.source) and isValid(self.twin)):
            return  # the window is being destroyed
        self.twin.setEnabled(self.source.isEnabled())
        step = self.full_text()
        self.twin.setToolTip(f"{self.label} {step}" if step else self.label)
        short = f"&{self.label} {short_menu_text(step)}" if step else f"&{self.label}"
        if step and self.source.text() != short:
            self.source.setText(short)  # emits changed: this runs again, and finds nothing to do


class Window(Protocol):
    """What the action table needs of the window it is built for."""

    ws: Workspace
    files: FileSession
    facilitator: Facilitator
    panel: SystemsPanel
    guide_dock: QDockWidget
    model_dock: QDockWidget
    recent_menu: QMenu
    toolbar: QToolBar

    def menuBar(self) -> QMenuBar: ...
    def addToolBar(self, title: str) -> QToolBar: ...
    def close(self) -> bool: ...
    def enter_presentation(self) -> None: ...
    def set_theme(self, name: str) -> None: ...
    def toggle_keys_help(self) -> None: ...


@dataclass
class Actions:
    window: QMainWindow
    by_id: dict[str, QAction] = field(default_factory=dict)
    rounds: RoundActions | None = None

    def add(
        self,
        key: str,
        menu: QMenu | None,
        text: str,
        slot: Callable[..., object],
        shortcut: str | QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None = None,
        tip: str = "",
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{key}")
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip or text.replace("&", ""))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.by_id[key] = action
        return action

    def __getitem__(self, key: str) -> QAction:
        return self.by_id[key]


def about(parent: QMainWindow) -> None:
    from gapradar import __version__

    QMessageBox.about(
        parent,
        "About gapradar",
        f"<b>gapradar {__version__}</b><p>Maturity gap analysis on an editable radar.</p>",
    )


def build_actions(w: Window, undo_group: QUndoGroup) -> Actions:
    assert isinstance(w, QMainWindow)
    acts = Actions(w)
    bar = w.menuBar()
    files, fac = w.files, w.facilitator

    file_menu = bar.addMenu("&File")
    acts.add(
        "new",
        file_menu,
        "&New…",
        files.new_assessment,
        QKeySequence.StandardKey.New,
        "A new assessment: a model (template or blank), a title and the systems to rate",
    )
    new_menu = file_menu.addMenu("New from temp&late")
    for template in bundled.templates():
        acts.add(
            f"new_{template.stem}",
            new_menu,
            bundled.template_title(template),
            lambda _c=False, t=template: files.new_from_template(t),
            tip=f"Start a new assessment with the {bundled.template_title(template)} model",
        )
    acts.add(
        "open", file_menu, "&Open…", files.open_dialog, QKeySequence.StandardKey.Open, "Open a gapradar file"
    )
    w.recent_menu = file_menu.addMenu("Open &Recent")
    acts.add(
        "sample",
        file_menu,
        "Open sa&mple",
        lambda: files.open_path(bundled.sample_path()),
        tip="Open the bundled First Federated Bank sample",
    )
    acts.add(
        "sample_rounds",
        file_menu,
        "Open sample &with two rounds",
        lambda: files.open_path(bundled.datasets_dir() / f"{bundled.ROUNDS_SAMPLE}.yaml"),
        tip="Open the First Federated Bank sample with an illustrative follow-up round, to compare",
    )
    acts.add(
        "import_ratings",
        file_menu,
        "&Import ratings…",
        lambda: _import_ratings(w.ws, w),
        tip="Bring in ratings from a spreadsheet (CSV or Excel): preview, then one undo step",
    )
    file_menu.addSeparator()
    acts.add(
        "save", file_menu, "&Save", files.save_in_background, QKeySequence.StandardKey.Save, "Save the file"
    )
    acts.add(
        "save_as",
        file_menu,
        "Save &As…",
        files.save_as,
        QKeySequence.StandardKey.SaveAs,
        "Save under a new name",
    )
    file_menu.addSeparator()
    acts.add(
        "export",
        file_menu,
        "&Export chart…",
        lambda: _export("export_chart_dialog", w),
        "Ctrl+E",
        "Export the chart as PNG, SVG or PDF",
    )
    acts.add(
        "copy_chart",
        file_menu,
        "&Copy chart",
        lambda: _export("copy_chart", w),
        "Ctrl+Shift+C",
        "Copy the chart as PNG and SVG, ready to paste into slides",
    )
    acts.add(
        "export_per_system",
        file_menu,
        "Export one chart per s&ystem…",
        lambda: _export("export_per_system", w),
        None,
        "One focus chart per system into a folder",
    )
    acts.add(
        "export_deck",
        file_menu,
        "Export Power&Point deck…",
        lambda: _export("export_deck_dialog", w),
        None,
        "A slide deck: overview, one slide per system, averages",
    )
    acts.add(
        "export_workbook",
        file_menu,
        "Export E&xcel workbook…",
        lambda: _export("export_workbook_dialog", w),
        None,
        "Scores, matrix, gaps and averages in one workbook, with radar charts",
    )
    acts.add(
        "export_table",
        file_menu,
        "Export &table…",
        lambda: _export("export_table", w),
        None,
        "Export a table as CSV for spreadsheets",
    )
    acts.add(
        "save_template",
        file_menu,
        "Save mo&del as template…",
        files.save_model_as_template,
        None,
        "Keep this model, without systems or ratings, for File ▸ New…",
    )
    file_menu.addSeparator()
    acts.add("quit", file_menu, "&Quit", w.close, QKeySequence.StandardKey.Quit, "Quit gapradar")

    edit_menu = bar.addMenu("&Edit")
    undo = undo_group.createUndoAction(w, "&Undo")
    undo.setObjectName("action_undo")
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    redo = undo_group.createRedoAction(w, "&Redo")
    redo.setObjectName("action_redo")
    redo.setShortcuts(redo_shortcuts())
    edit_menu.addActions([undo, redo])
    acts.by_id["undo"], acts.by_id["redo"] = undo, redo
    # The toolbar's buttons keep short labels; the full "Undo Set …" text is their tooltip.
    for key, label, source, step, full_text in (
        ("undo_button", "Undo", undo, undo_group.undo, undo_group.undoText),
        ("redo_button", "Redo", redo, undo_group.redo, undo_group.redoText),
    ):
        button = acts.add(key, None, label, step, tip=f"{label} the last change")
        _Mirror(source, button, label, full_text)
    edit_menu.addSeparator()
    panel = w.panel
    acts.add("add_system", edit_menu, "&Add system…", panel.add_system, "Ctrl+Shift+N", "Add a system")
    rename = acts.add(
        "rename_system", edit_menu, "Re&name system…", panel.rename_system, "F2", "Rename the selected system"
    )
    # F2 renames in the systems list only; in the levels table it edits the cell.
    rename.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    panel.addAction(rename)
    acts.add(
        "duplicate_system",
        edit_menu,
        "&Duplicate system",
        panel.duplicate_system,
        "Ctrl+D",
        "Duplicate the selected system",
    )
    acts.add(
        "remove_system", edit_menu, "Re&move system", panel.remove_system, None, "Remove the selected system"
    )

    view_menu = bar.addMenu("&View")
    views = QActionGroup(w)
    for kind in VIEWS.values():
        action = acts.add(
            f"view_{kind.key}",
            view_menu,
            kind.label,
            lambda _c=False, k=kind.key: w.ws.update(view=k),
            kind.shortcut,
            kind.tip,
            checkable=True,
        )
        views.addAction(action)
    view_menu.addSeparator()
    acts.add(
        "presentation",
        view_menu,
        "&Presentation mode",
        w.enter_presentation,
        "F5",
        "Full screen, large type, keyboard editing",
    )
    acts.add(
        "hide_targets",
        view_menu,
        "Hi&de targets until revealed (R)",
        fac.set_targets_hidden,
        None,
        "Show current levels first; R reveals the targets",
        checkable=True,
    )
    rollup_menu = view_menu.addMenu("&Roll-up of all systems")
    rules = QActionGroup(w)
    for rule in RULES.values():
        action = acts.add(
            f"rollup_{rule.key}",
            rollup_menu,
            with_mnemonic(rule.name, _RULE_KEYS[rule.key]),
            lambda _c=False, k=rule.key: w.ws.update(rollup=k),
            None,
            f"Roll the systems up by {rule.help} (radar, heatmap, gap chart, small multiples, tables)",
            checkable=True,
        )
        rules.addAction(action)
    _rollup_radar_actions(w, acts, rollup_menu)
    acts.add(
        "voting",
        view_menu,
        "Room &voting: start or stop (V)",
        fac.toggle_voting,
        None,
        "Everyone rates the practice on screen from their phone, on this computer's network",
    )
    theme_menu = view_menu.addMenu("&Theme")
    themes = QActionGroup(w)
    for key, label in WINDOW_THEMES.items():
        action = acts.add(
            f"theme_{key}",
            theme_menu,
            label,
            lambda _c=False, k=key: w.set_theme(k),
            None,
            f"{label.replace('&', '')} theme",
            checkable=True,
        )
        themes.addAction(action)
    view_menu.addAction(w.guide_dock.toggleViewAction())
    model = w.model_dock.toggleViewAction()
    model.setText("&Edit model (practices, levels, title)")
    model.setShortcut(QKeySequence("Ctrl+M"))
    model.setStatusTip("Rename, add, reorder or remove practices and levels; every change can be undone")
    view_menu.addAction(model)
    acts.by_id["edit_model"] = model

    help_menu = bar.addMenu("&Help")
    acts.rounds = RoundActions(w.ws, w, file_menu, bar, help_menu.menuAction())
    acts.by_id["new_round"] = acts.rounds.new_round
    acts.add(
        "keys_help",
        help_menu,
        "&Keyboard shortcuts",
        w.toggle_keys_help,
        "?",
        "List the keys for editing without a mouse",
    )
    acts.add(
        "about",
        help_menu,
        "&About gapradar",
        lambda: about(w),
        tip="The version of gapradar and what it is for",
    )

    toolbar: QToolBar = w.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar_keys: tuple[str | None, ...] = (
        "undo_button",
        "redo_button",
        None,
        "open",
        "save",
        None,
        "view_overlay",
        "view_focus",
        "presentation",
        None,
        "export",
        "copy_chart",
    )
    for entry in toolbar_keys:
        if entry is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(acts[entry])
    toolbar.addSeparator()
    toolbar.addWidget(RoundBar(w.ws, toolbar))
    w.toolbar = toolbar
    return acts


# The Roll-up menu's access keys, one letter each: Mean, meDian, mInimum, Share, Focus (its own),
# No band, Lowest to highest, middle Half.
_RULE_KEYS = {"mean": "M", "median": "d", "min": "i", "at-target": "S"}
_SPREAD_KEYS = {"": "N", "range": "l", "iqr": "h"}


def with_mnemonic(text: str, key: str) -> str:
    """`text` with "&" before the first `key` (the letter Alt+key chooses); unchanged if it has none."""
    at = text.find(key)
    return text if at < 0 else f"{text[:at]}&{text[at:]}"


def _rollup_radar_actions(w: Window, acts: Actions, menu: QMenu) -> None:
    """The roll-up on the radar: focus it like a system, and a band showing its spread."""
    from gapradar.chart.radar_rollup import SPREADS

    menu.addSeparator()
    focus = acts.add(
        "focus_rollup",
        menu,
        "&Focus the roll-up (current vs target)",
        lambda on: w.ws.update(view="focus", focus_rollup=True) if on else w.ws.update(focus_rollup=False),
        "Ctrl+Shift+2",
        "The radar's focus view for the roll-up of all systems instead of the selected system",
        checkable=True,
    )
    menu.addSeparator()
    spreads = QActionGroup(menu)
    for key, text in SPREADS.items():
        action = acts.add(
            f"spread_{key or 'none'}",
            menu,
            with_mnemonic(
                f"Band: {text[0].lower()}{text[1:]}" if key else "No spread band", _SPREAD_KEYS[key]
            ),
            lambda _c=False, k=key: w.ws.update(rollup_spread=k),
            None,
            "A translucent band around the roll-up on the radar: the spread a single figure hides",
            checkable=True,
        )
        spreads.addAction(action)

    def follow(state: ViewState, *_before: object) -> None:
        focus.setChecked(state.view == "focus" and state.focus_rollup)
        acts[f"spread_{state.rollup_spread or 'none'}"].setChecked(True)

    w.ws.state_changed.connect(follow)
    follow(w.ws.state)
