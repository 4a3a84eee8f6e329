"""The bar above the gap-first views: roll-up rule, colouring, sort orders, export.

Every control writes the view state through the workspace and follows it, so
the bar, the view and every export agree on what is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from gapradar.chart.heatmap_scene import COLOURINGS, COLUMN_ORDERS, ROW_ORDERS
from gapradar.chart.view_state import ViewState
from gapradar.domain.rollup import RULES
from gapradar.ui.workspace import Workspace


class ViewControls(QWidget):
    """Controls for one view; `fields` names the ViewState fields this view offers."""

    def __init__(self, workspace: Workspace, fields: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.combos: dict[str, QComboBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        choices: dict[str, tuple[str, dict[str, str]]] = {
            "rollup": ("Roll-up", {k: r.name for k, r in RULES.items()}),
            "heatmap_colour": ("Colour by", COLOURINGS),
            "heatmap_rows": ("Rows", ROW_ORDERS),
            "heatmap_columns": ("Columns", COLUMN_ORDERS),
        }
        self.rollup_check: QCheckBox | None = None
        for name in fields:
            if name == "gaps_of_rollup":
                box = QCheckBox("Show the roll-up, not the selected system")
                box.setObjectName("gapsOfRollup")
                box.toggled.connect(lambda on: self.ws.update(gaps_of_rollup=on))
                layout.addWidget(box)
                self.rollup_check = box
                continue
            text, options = choices[name]
            label = QLabel(f"{text}:")
            combo = QComboBox()
            combo.setObjectName(f"{name}Combo")
            combo.setAccessibleName(text)
            for key, shown in options.items():
                combo.addItem(shown, key)
                combo.setItemData(combo.count() - 1, shown, Qt.ItemDataRole.ToolTipRole)
            # Narrow windows: the combos give up width (their lists still show whole names),
            # so switching to this view never widens the window.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
            combo.activated.connect(lambda _i, n=name, c=combo: self.ws.update(**{n: c.currentData()}))
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
            self.combos[name] = combo
        layout.addStretch(1)
        copy = QPushButton("Copy view")
        copy.setObjectName("copyView")
        copy.setToolTip("Put this view on the clipboard as PNG and SVG, for slides")
        copy.clicked.connect(self.copy_view)
        layout.addWidget(copy)
        export = QPushButton("Export view…")
        export.setObjectName("exportView")
        export.setToolTip("Save this view as PNG, SVG or PDF, exactly as every export draws it")
        export.clicked.connect(self.export_view)
        layout.addWidget(export)
        workspace.state_changed.connect(self.follow)
        self.follow(workspace.state)

    def follow(self, state: ViewState, *_before: object) -> None:
        for name, combo in self.combos.items():
            i = combo.findData(getattr(state, name))
            if i >= 0 and i != combo.currentIndex():
                combo.setCurrentIndex(i)
        if self.rollup_check is not None and self.rollup_check.isChecked() != state.gaps_of_rollup:
            self.rollup_check.setChecked(state.gaps_of_rollup)

    def export_view(self) -> None:
        from gapradar.chart.views import scene_spec
        from gapradar.export.formats import chart_formats
        from gapradar.export.render import ExportOptions

        a = self.ws.assessment
        if a is None:
            return
        formats = chart_formats()
        from gapradar.ui.paths import export_folder, remember_export_folder

        doc = self.ws.document
        start = export_folder(doc.path if doc is not None else None) / f"{self.ws.state.view}.png"
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export view", str(start), ";;".join(f.file_filter for f in formats)
        )
        if not path:
            return
        remember_export_folder(Path(path).parent)
        # A typed extension wins over the filter left as it was ("chart.svg" is an SVG).
        typed = next((f for f in formats if any(path.lower().endswith(f".{e}") for e in f.extensions)), None)
        fmt = typed or next((f for f in formats if f.file_filter == chosen), formats[0])
        try:
            fmt.writer(scene_spec(a, self.ws.state), fmt.with_extension(path), ExportOptions())
        except OSError as e:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Export view", f"Could not export: {e}")

    def copy_view(self) -> None:
        from gapradar.chart.views import scene_spec
        from gapradar.ui.export_actions import copy_chart

        a = self.ws.assessment
        if a is not None:
            copy_chart(self.window(), scene_spec(a, self.ws.state))  # type: ignore[arg-type]  # any view's spec
