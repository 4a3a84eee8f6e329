"""File ▸ Export chart…: format, size, DPI, background, contents, view, and a true preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gapradar.chart.radar_rollup import is_rollup_focus, series_name
from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_spec import ViewSpec
from gapradar.chart.view_state import ViewState
from gapradar.chart.views import VIEWS, scene_spec
from gapradar.export.formats import FORMATS as REGISTRY
from gapradar.export.formats import chart_formats
from gapradar.export.render import ExportOptions, chart_image
from gapradar.ui.paths import settings

if TYPE_CHECKING:  # python-pptx loads on first use, not with the window
    from gapradar.export.pptx_deck import DeckOptions

PRESETS = {
    "16:9 slide (1920 × 1080)": (1920, 1080, 96),
    "4:3 slide (1600 × 1200)": (1600, 1200, 96),
    "Square (1080 × 1080)": (1080, 1080, 96),
    "4K 16:9 (3840 × 2160)": (3840, 2160, 192),
    "A4 landscape, 300 dpi (3508 × 2480)": (3508, 2480, 300),
    "Custom": None,
}
FORMATS = {f.label: f.id for f in chart_formats()}
VIEW_PREFIX = "\0view:"  # the view combo's data for a view that is not a radar
ROLLUP_FOCUS = "\0rollup"  # … and for the roll-up in focus
THEMES = {"Print (light, for slides)": "print", "As on screen": "current"}


def _int_setting(s: QSettings, key: str, default: int) -> int:
    """A whole number from the settings: an ini file gives it back as text."""
    value = s.value(key, default)
    return int(value) if isinstance(value, (int, float, str)) else default


class ExportDialog(QDialog):
    def __init__(
        self,
        spec: ChartSpec,
        systems: list[str],
        start_dir: Path,
        parent: QWidget | None = None,
        state: ViewState | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export chart")
        self.setObjectName("exportDialog")
        self.base_spec = spec
        # The window's view state: the other views are exported as the window shows them.
        workspace_state = getattr(getattr(parent, "ws", None), "state", None)
        if state is None and isinstance(workspace_state, ViewState):
            state = workspace_state
        self.state = state or ViewState(rollup=spec.rollup, rollup_spread=spec.spread)
        self.start_dir = start_dir
        s = settings()

        self.format = self._combo(FORMATS, str(s.value("export/format", "PNG image")), "Format")
        self.preset = self._combo(
            PRESETS, str(s.value("export/preset", "16:9 slide (1920 × 1080)")), "Size preset"
        )
        # Not `width`/`height`: those are QWidget's own methods.
        self.width_px = self._spin(16, 20000, _int_setting(s, "export/width", 1920), "Width in pixels")
        self.height_px = self._spin(16, 20000, _int_setting(s, "export/height", 1080), "Height in pixels")
        self.dpi = self._spin(36, 2400, _int_setting(s, "export/dpi", 96), "Resolution in dots per inch")
        self.theme = self._combo(THEMES, str(s.value("export/theme", "Print (light, for slides)")), "Theme")
        self.transparent = self._check(
            "Transparent background", s.value("export/transparent", "false") == "true"
        )
        self.title = self._check("Title", s.value("export/title", "true") == "true")
        self.legend = self._check("Legend", s.value("export/legend", "true") == "true")
        self.average = self._check(series_name(spec), spec.show_average)  # named by the roll-up rule
        self.title_text = QLineEdit()
        self.title_text.setAccessibleName("Title text")
        self.title_text.setPlaceholderText("the file's title; a system's chart names the system")
        self.subtitle = QLineEdit(str(s.value("export/subtitle", "")))
        self.subtitle.setAccessibleName("Subtitle")
        self.subtitle.setPlaceholderText("e.g. the workshop's date")
        self.view = QComboBox()
        self.view.setAccessibleName("View")
        self.view.addItem("Overlay of the checked systems", None)
        for name in systems:
            self.view.addItem(f"Focus: {name}", name)
        self.view.addItem(f"Focus: {series_name(spec)} (the roll-up's current vs target)", ROLLUP_FOCUS)
        for kind in VIEWS.values():
            if kind.scene is not None:  # every other view of the registry, drawn by its own scene
                self.view.addItem(kind.label.replace("&", ""), VIEW_PREFIX + kind.key)
        if is_rollup_focus(spec):
            self.view.setCurrentIndex(self.view.findData(ROLLUP_FOCUS))
        elif spec.focus:
            self.view.setCurrentIndex(max(0, self.view.findData(spec.focus)))
        elif VIEWS.get(self.state.view) is not None and VIEWS[self.state.view].scene is not None:
            self.view.setCurrentIndex(max(0, self.view.findData(VIEW_PREFIX + self.state.view)))
        self.view.currentIndexChanged.connect(self._view_changed)
        self._view_changed()

        size_row = QHBoxLayout()
        size_row.addWidget(self.width_px)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_px)
        size_row.addWidget(QLabel("px at"))
        size_row.addWidget(self.dpi)
        size_row.addWidget(QLabel("dpi"))
        size_row.addStretch(1)
        include = QHBoxLayout()
        for box in (self.title, self.legend, self.average, self.transparent):
            include.addWidget(box)
        include.addStretch(1)

        form = QFormLayout()
        form.addRow("&Format:", self.format)
        form.addRow("&Size:", self.preset)
        form.addRow("", size_row)
        form.addRow("&View:", self.view)
        form.addRow("&Theme:", self.theme)
        form.addRow("Include:", include)
        form.addRow("T&itle text:", self.title_text)
        form.addRow("S&ubtitle:", self.subtitle)

        self.preview = QLabel()
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName("Preview of the exported chart")
        self.preview.setMinimumSize(480, 300)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #9a9a9a;")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Export…")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        for w in (self.width_px, self.height_px, self.dpi):
            w.valueChanged.connect(self._custom_size)
        for signal in (
            self.format.currentIndexChanged,
            self.theme.currentIndexChanged,
            self.view.currentIndexChanged,
            self.subtitle.textChanged,
            self.title_text.textChanged,
            self.title.toggled,
            self.legend.toggled,
            self.average.toggled,
            self.transparent.toggled,
        ):
            signal.connect(self._timer.start)
        self.resize(760, 720)
        self._preset_changed()
        self.update_preview()

    # ------------------------------------------------------------ widgets

    def _combo(self, items: Mapping[str, object], current: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItems(list(items))
        if current in items:
            combo.setCurrentText(current)
        return combo

    def _spin(self, low: int, high: int, value: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setAccessibleName(name)
        return spin

    def _check(self, text: str, on: bool) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(on)
        box.setAccessibleName(text)
        return box

    def _preset_changed(self) -> None:
        values = PRESETS[self.preset.currentText()]
        if values is not None:
            for spin, v in zip((self.width_px, self.height_px, self.dpi), values, strict=True):
                spin.blockSignals(True)
                spin.setValue(v)
                spin.blockSignals(False)
        self._timer.start()

    def _custom_size(self) -> None:
        size = (self.width_px.value(), self.height_px.value(), self.dpi.value())
        if PRESETS[self.preset.currentText()] != size:
            self.preset.blockSignals(True)
            self.preset.setCurrentText("Custom")
            self.preset.blockSignals(False)
        self._timer.start()

    # ------------------------------------------------------------ results

    def options(self) -> ExportOptions:
        return ExportOptions(
            width=self.width_px.value(),
            height=self.height_px.value(),
            dpi=self.dpi.value(),
            transparent=self.transparent.isChecked(),
            theme=THEMES[self.theme.currentText()],
            title=self.title.isChecked(),
            subtitle=self.subtitle.text().strip(),
            title_text=self.title_text.text().strip() or None,
            legend=self.legend.isChecked(),
        )

    def spec(self) -> ChartSpec | ViewSpec:
        chosen = self.view.currentData()
        if isinstance(chosen, str) and chosen.startswith(VIEW_PREFIX):
            key = chosen.removeprefix(VIEW_PREFIX)
            return scene_spec(self.base_spec.assessment, self.state.changed(view=key))
        if chosen == ROLLUP_FOCUS:
            chosen = series_name(self.base_spec)
        return replace(self.base_spec, focus=chosen, show_average=self.average.isChecked())

    def _view_changed(self) -> None:
        """The average's box means something only on the overlay radar."""
        chosen = self.view.currentData()
        self.average.setEnabled(chosen is None)

    def file_format(self) -> str:
        return FORMATS[self.format.currentText()]

    def update_preview(self) -> None:
        """The very image the export writes (PNG path), scaled down to fit: what you see is the file."""
        image = chart_image(self.spec(), self.options())
        pixmap = QPixmap.fromImage(image).scaled(
            self.preview.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.preview.setPixmap(pixmap)
        self.preview_image = image

    def _remember(self) -> None:
        s = settings()
        s.setValue("export/format", self.format.currentText())
        s.setValue("export/preset", self.preset.currentText())
        s.setValue("export/width", self.width_px.value())
        s.setValue("export/height", self.height_px.value())
        s.setValue("export/dpi", self.dpi.value())
        s.setValue("export/theme", self.theme.currentText())
        s.setValue("export/transparent", "true" if self.transparent.isChecked() else "false")
        s.setValue("export/title", "true" if self.title.isChecked() else "false")
        s.setValue("export/legend", "true" if self.legend.isChecked() else "false")
        s.setValue("export/subtitle", self.subtitle.text())

    def export(self, path: str | None = None) -> bool:
        fmt = REGISTRY[self.file_format()]
        if path is None:
            chosen = self.view.currentData()
            stem = (
                chosen.removeprefix(VIEW_PREFIX)
                if isinstance(chosen, str) and chosen[:1] == "\0"
                else "radar"
            )
            suggested = str(self.start_dir / f"{stem.strip(chr(0)) or 'radar'}.{fmt.extension}")
            path, _ = QFileDialog.getSaveFileName(self, "Export chart", suggested, fmt.file_filter)
            if not path:
                return False
            from gapradar.ui.paths import remember_export_folder

            remember_export_folder(Path(path).parent)
            path = fmt.with_extension(path)
        try:
            fmt.writer(self.spec(), path, self.options())
        except OSError as e:
            QMessageBox.critical(self, "Export failed", f"Could not write {path}:\n{e}")
            return False
        self._remember()
        self.written = path
        self.accept()
        return True


SLIDE_NAMES = {
    "title": "Title slide",
    "overview": "Overview of all systems",
    "systems": "One slide per system, with its largest gaps",
    "averages": "Averages per practice",
}


class DeckDialog(QDialog):
    """File ▸ Export PowerPoint deck…: which slides, native or picture charts, how many gaps."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from gapradar.export.pptx_deck import SLIDES, DeckOptions

        self.setWindowTitle("Export PowerPoint deck")
        self.setObjectName("deckDialog")
        s = settings()
        defaults = DeckOptions()
        chosen = str(s.value("deck/slides", ",".join(defaults.slides))).split(",")
        self.slides = {key: self._check(SLIDE_NAMES[key], key in chosen) for key in SLIDES}
        self.charts = QComboBox()
        self.charts.setAccessibleName("Charts")
        self.charts.addItem("Native PowerPoint charts (editable, Edit Data works)", "native")
        self.charts.addItem("Pictures (exactly as in gapradar)", "picture")
        self.charts.setCurrentIndex(max(0, self.charts.findData(s.value("deck/charts", defaults.charts))))
        self.gaps = QSpinBox()
        self.gaps.setRange(0, 50)
        self.gaps.setValue(_int_setting(s, "deck/gaps", defaults.gaps))
        self.gaps.setAccessibleName("Largest gaps per system")
        self.gaps.setSuffix("  (ties at the cut are kept)")
        self.notes = self._check(
            "Each rating's note in the speaker notes", s.value("deck/notes", "true") == "true"
        )

        slides = QVBoxLayout()
        for box in self.slides.values():
            slides.addWidget(box)
        form = QFormLayout()
        form.addRow("Slides:", slides)
        form.addRow("&Charts:", self.charts)
        form.addRow("&Largest gaps:", self.gaps)
        form.addRow("", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Export…")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check(self, text: str, on: bool) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(on)
        box.setAccessibleName(text)
        return box

    def deck_options(self) -> DeckOptions:
        from gapradar.export.pptx_deck import DeckOptions

        return DeckOptions(
            slides=tuple(key for key, box in self.slides.items() if box.isChecked()),
            charts=self.charts.currentData(),
            gaps=self.gaps.value(),
            notes=self.notes.isChecked(),
        )

    def _accept(self) -> None:
        options = self.deck_options()
        if not options.slides:
            QMessageBox.information(self, "Export PowerPoint deck", "Choose at least one kind of slide.")
            return
        s = settings()
        s.setValue("deck/slides", ",".join(options.slides))
        s.setValue("deck/charts", options.charts)
        s.setValue("deck/gaps", options.gaps)
        s.setValue("deck/notes", "true" if options.notes else "false")
        self.accept()
