"""The window's export commands: chart dialog, clipboard, tables, one chart per system, deck."""

from __future__ import annotations

import atexit
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from gapradar.chart.spec import ChartSpec
from gapradar.export.batch import per_system_charts
from gapradar.export.formats import FORMATS
from gapradar.export.pptx_deck import DeckOptions
from gapradar.export.render import ExportOptions, chart_image, export_svg, png_bytes
from gapradar.io.csv_tables import TABLES, write_csv
from gapradar.ui.paths import export_folder, remember_export_folder

TABLE_NAMES = {
    "Scores: one row per system and practice": "scores",
    "Matrix: one row per system, a column per practice": "matrix",
    "Gaps: the prioritised gap list": "gaps",
    "Averages: per practice": "averages",
}
CLIPBOARD_OPTIONS = ExportOptions(width=1600, height=1000, dpi=144)


def _stem(window) -> str:
    """The open file's name for what is made from it ("client-q3.pptx"); untitled: "gap-analysis"."""
    path = window.doc.path
    return path.stem if path is not None else "gap-analysis"


def _start_dir(window) -> Path:
    return export_folder(window.doc.path)


def export_chart_dialog(window) -> None:
    from gapradar.ui.export_dialog import ExportDialog

    dialog = ExportDialog(
        window.chart_spec(), window.doc.assessment.system_names(), _start_dir(window), window
    )
    if dialog.exec() and getattr(dialog, "written", None):
        window.statusBar().showMessage(f"Exported {dialog.written}", 5000)


def copy_chart(window, spec: ChartSpec | None = None) -> QMimeData:
    """The chart on the clipboard as PNG and SVG, for PowerPoint, Keynote, LibreOffice, Google Slides."""
    spec = spec or window.chart_spec()
    image = chart_image(spec, CLIPBOARD_OPTIONS)
    png = QByteArray(png_bytes(image))
    with tempfile.TemporaryDirectory() as tmp:
        svg_path = Path(tmp) / "chart.svg"
        export_svg(spec, str(svg_path), CLIPBOARD_OPTIONS)
        svg = svg_path.read_bytes()
    mime = QMimeData()
    mime.setImageData(image)
    mime.setData("image/png", png)
    mime.setData("image/svg+xml", QByteArray(svg))
    QApplication.clipboard().setMimeData(mime)
    _keep_on_exit(image)
    window.statusBar().showMessage("Chart copied as PNG and SVG", 4000)
    return mime


_exit_image: list[QImage] = []


def _keep_on_exit(image: QImage) -> None:
    """Leave the chart on the clipboard after quitting, without a crash at exit.

    A QMimeData made in Python that Qt still holds when Python has shut down
    crashes the process (PySide calls back into a finalised interpreter). So at
    exit, while Python still runs, the clipboard gets a Qt-made copy of the image.
    """
    if not _exit_image:
        atexit.register(_hand_over_clipboard)
    _exit_image[:] = [image]


def _hand_over_clipboard() -> None:
    app = QApplication.instance()
    if app is None or not _exit_image:
        return
    clipboard = QApplication.clipboard()
    if clipboard.mimeData() is not None and clipboard.mimeData().hasFormat("image/svg+xml"):
        clipboard.setImage(_exit_image[0])


def export_table(window, table: str | None = None, path: str | None = None) -> bool:
    if table is None:
        label, ok = QInputDialog.getItem(window, "Export table", "Table:", list(TABLE_NAMES), 0, False)
        if not ok:
            return False
        table = TABLE_NAMES[label]
    if path is None:
        suggested = str(_start_dir(window) / f"{table}.csv")
        path, _ = QFileDialog.getSaveFileName(window, "Export table", suggested, "CSV (*.csv)")
        if not path:
            return False
        remember_export_folder(Path(path).parent)
    try:
        write_csv(TABLES[table](window.doc.assessment), path)
    except OSError as e:
        QMessageBox.critical(window, "Export failed", f"Could not write {path}:\n{e.strerror or e}")
        return False
    window.statusBar().showMessage(f"Exported the {table} table to {path}", 5000)
    return True


def export_per_system(window, folder: str | None = None, fmt: str = "png") -> int:
    """One focus chart per system into a folder, with a progress dialog that can be cancelled."""
    if folder is None:
        folder = QFileDialog.getExistingDirectory(
            window, "Export one chart per system", str(_start_dir(window))
        )
        if not folder:
            return 0
        remember_export_folder(folder)
    names = window.doc.assessment.system_names()
    progress = QProgressDialog("Exporting charts…", "Cancel", 0, len(names), window)
    progress.setWindowTitle("Export one chart per system")
    progress.setMinimumDuration(300)

    def before_each(i: int, name: str) -> bool:
        if progress.wasCanceled():
            return False
        progress.setLabelText(f"Exporting {name}…")
        progress.setValue(i)
        QApplication.processEvents()
        return True

    try:
        written = per_system_charts(window.chart_spec(), folder, fmt, ExportOptions(), before_each)
    except OSError as e:
        QMessageBox.critical(window, "Export failed", f"Could not write the charts:\n{e}")
        written = 0
    progress.setValue(len(names))
    window.statusBar().showMessage(f"Exported {written} charts to {folder}", 5000)
    return written


def _save_path(window, fmt_id: str, title: str, name: str) -> str | None:
    """Ask where to save, with the format's filter and extension from the export registry."""
    fmt = FORMATS[fmt_id]
    suggested = str(_start_dir(window) / f"{name}.{fmt.extension}")
    path, _ = QFileDialog.getSaveFileName(window, title, suggested, fmt.file_filter)
    if path:
        remember_export_folder(Path(path).parent)
    return fmt.with_extension(path) if path else None


def export_deck_dialog(window, path: str | None = None, deck: DeckOptions | None = None) -> bool:
    """The deck: options in a dialog (slides, native or picture charts, gaps), then where to save."""
    if deck is None and path is None:
        from gapradar.ui.export_dialog import DeckDialog

        dialog = DeckDialog(window)
        if not dialog.exec():
            return False
        deck = dialog.deck_options()
    if path is None:
        path = _save_path(window, "pptx", "Export PowerPoint deck", _stem(window))
        if not path:
            return False
    try:
        FORMATS["pptx"].writer(window.chart_spec(), path, ExportOptions(), deck=deck or DeckOptions())
    except OSError as e:
        QMessageBox.critical(window, "Export failed", f"Could not write {path}:\n{e}")
        return False
    window.statusBar().showMessage(f"Exported the deck to {path}", 5000)
    return True


def export_workbook_dialog(window, path: str | None = None) -> bool:
    """Every table in one Excel workbook, typed, with radar charts Excel draws itself."""
    if path is None:
        path = _save_path(window, "xlsx", "Export Excel workbook", _stem(window))
        if not path:
            return False
    try:
        FORMATS["xlsx"].writer(window.chart_spec(), path, ExportOptions())
    except OSError as e:
        QMessageBox.critical(window, "Export failed", f"Could not write {path}:\n{e}")
        return False
    window.statusBar().showMessage(f"Exported the workbook to {path}", 5000)
    return True
