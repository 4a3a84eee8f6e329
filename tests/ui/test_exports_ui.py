"""Exports from the window: dialog with a true preview, clipboard, tables, per system, deck."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from gapradar.ui import export_actions as ex
from gapradar.ui.export_dialog import ExportDialog


def test_copy_chart_puts_png_and_svg_on_the_clipboard(window):
    ex.copy_chart(window)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasImage()
    image = QImage.fromData(bytes(mime.data("image/png")), "PNG")
    assert (image.width(), image.height()) == (1600, 1000)
    root = ET.fromstring(bytes(mime.data("image/svg+xml")))
    assert root.tag.endswith("svg")


def test_export_dialog_preview_is_the_file(window, qtbot, tmp_path):
    dialog = ExportDialog(window.chart_spec(), window.doc.assessment.system_names(), tmp_path, window)
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentText("Square (1080 × 1080)")
    dialog.update_preview()
    assert (dialog.width_px.value(), dialog.height_px.value()) == (1080, 1080)
    assert (dialog.preview_image.width(), dialog.preview_image.height()) == (1080, 1080)
    dialog.width_px.setValue(1000)
    assert dialog.preset.currentText() == "Custom"
    out = tmp_path / "radar.png"
    assert dialog.export(str(out))
    written = QImage(str(out))
    dialog.update_preview()
    assert written == dialog.preview_image.convertToFormat(written.format())
    again = ExportDialog(window.chart_spec(), window.doc.assessment.system_names(), tmp_path, window)
    qtbot.addWidget(again)
    assert again.width_px.value() == 1000  # the last choices are remembered


def test_export_table_from_the_window(window, tmp_path):
    out = tmp_path / "gaps.csv"
    assert ex.export_table(window, "gaps", str(out))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][0] == "Rank" and rows[1][-1] == "4"


def test_one_chart_per_system(window, tmp_path):
    assert ex.export_per_system(window, str(tmp_path), "svg") == 10
    assert len(list(tmp_path.glob("*.svg"))) == 10


def test_deck_from_the_window(window, tmp_path):
    from pptx import Presentation

    out = tmp_path / "d.pptx"
    assert ex.export_deck_dialog(window, str(out))
    assert len(Presentation(str(out)).slides) == 13


def test_deck_dialog_options_reach_the_deck(window, qtbot, tmp_path):
    from pptx import Presentation

    from gapradar.ui.export_dialog import DeckDialog

    dialog = DeckDialog(window)
    qtbot.addWidget(dialog)
    dialog.slides["title"].setChecked(False)
    dialog.slides["averages"].setChecked(False)
    dialog.charts.setCurrentIndex(dialog.charts.findData("picture"))
    options = dialog.deck_options()
    assert options.slides == ("overview", "systems") and options.charts == "picture"
    out = tmp_path / "d.pptx"
    assert ex.export_deck_dialog(window, str(out), options)
    slides = list(Presentation(str(out)).slides)
    assert len(slides) == 11 and not any(s.has_chart for sl in slides for s in sl.shapes)


def test_workbook_from_the_window(window, tmp_path):
    from openpyxl import load_workbook

    assert window.actions_["export_workbook"].text() == "Export E&xcel workbook…"
    out = tmp_path / "w.xlsx"
    assert ex.export_workbook_dialog(window, str(out))
    assert load_workbook(out).sheetnames == ["Scores", "Matrix", "Gaps", "Averages", "Roll-up"]


def test_export_dialog_formats_come_from_the_registry(window, qtbot, tmp_path):
    from gapradar.export.formats import chart_formats

    dialog = ExportDialog(window.chart_spec(), window.doc.assessment.system_names(), tmp_path, window)
    qtbot.addWidget(dialog)
    labels = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    assert labels == [f.label for f in chart_formats()]
    dialog.format.setCurrentText("SVG vector")
    dialog.title_text.setText("Board, 3 May")
    out = tmp_path / "radar"
    assert dialog.export(str(out) + ".svg")
    assert "Board, 3 May" in (tmp_path / "radar.svg").read_text(encoding="utf-8")


def test_every_export_action_names_a_handler_that_exists() -> None:
    """The action table loads the export handlers on first use, by name: each name must be there."""
    import inspect

    from gapradar.ui import actions, export_actions

    names = set(re.findall(r'_export\("(\w+)", w\)', inspect.getsource(actions.build_actions)))
    assert len(names) == 6
    for name in names:
        assert callable(getattr(export_actions, name)), name


def test_exports_of_a_bundled_sample_start_in_documents_or_the_last_export_folder(tmp_path, monkeypatch):
    """Never in gapradar's own install folder; beside a user's own file; else where the user last exported."""
    from gapradar import bundled
    from gapradar.ui.paths import export_folder, remember_export_folder

    sample = bundled.sample_path()
    first = export_folder(sample)
    assert bundled.datasets_dir() not in (first, *first.parents)
    own = tmp_path / "client" / "workshop.yaml"
    own.parent.mkdir()
    own.write_text("x", encoding="utf-8")
    assert export_folder(own) == own.parent
    exports = tmp_path / "exports"
    exports.mkdir()
    remember_export_folder(exports)
    assert export_folder(sample) == exports and export_folder(None) == exports
    assert export_folder(own) == own.parent  # a user's file keeps its exports beside it


def test_the_deck_and_workbook_are_named_after_the_open_file(window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from gapradar.ui import export_actions

    offered = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (offered.append(a[2]) or "", ""))
    )
    export_actions._save_path(window, "pptx", "Export PowerPoint deck", export_actions._stem(window))
    assert offered[-1].endswith(f"{window.doc.path.stem}.pptx")


def test_views_are_offered_only_with_a_file_open(qtbot):
    from gapradar.chart.views import VIEWS
    from gapradar.ui.main_window import MainWindow

    w = MainWindow(None, None)
    qtbot.addWidget(w)
    assert not any(w.actions_[f"view_{key}"].isEnabled() for key in VIEWS)
