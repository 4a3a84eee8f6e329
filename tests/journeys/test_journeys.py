"""A person's journeys through the window, in a real X server."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView, QToolBar

from gapradar import bundled
from gapradar.io import load
from gapradar.ui.levels_table import CURRENT, TARGET
from tests.journeys.conftest import show, type_into_file_dialog

ATM = "ATM Management Application"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def activate(qtbot, widget):
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)


def cell(window, row, col):
    return window.findChild(QTableView, "levelsTable").model().index(row, col).data()


def assert_table_tall_enough(window):
    QApplication.processEvents()
    table = window.findChild(QTableView, "levelsTable")
    rows = min(table.model().rowCount(), 8)
    assert rows > 0
    last_row_bottom = table.rowViewportPosition(rows - 1) + table.rowHeight(rows - 1)
    assert table.isVisible()
    # The first rows (up to 8) show in full, unless the table already has 40% of the height.
    assert (
        last_row_bottom <= table.viewport().height() + 1 or table.height() >= 0.4 * window.splitter.height()
    )


def test_open_another_file_by_typing_in_the_dialog_then_drop_one(window, qtbot, tmp_path, prompts):
    assert_table_tall_enough(window)
    other = tmp_path / "iac.yaml"
    other.write_bytes(
        (bundled.datasets_dir() / "first-federated-bank-iac.yaml").read_bytes()
        if (bundled.datasets_dir() / "first-federated-bank-iac.yaml").exists()
        else bundled.templates()[0].read_bytes()
    )
    seen = type_into_file_dialog(qtbot, str(other))
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: window.doc.path == other, timeout=10000)
    assert seen == ["Open"]
    activate(qtbot, window)
    assert window.windowTitle().startswith("iac.yaml")
    assert_table_tall_enough(window) if window.doc.assessment.systems else None
    # Drop the first file back onto the window.
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "bank.yaml"))])
    window.dropEvent(
        QDropEvent(
            QPointF(200, 200),
            Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    qtbot.waitUntil(lambda: window.doc.path == tmp_path / "bank.yaml", timeout=5000)
    assert_table_tall_enough(window)
    # And New from template, from the menu.
    window.actions_[f"new_{bundled.templates()[0].stem}"].trigger()
    assert window.doc.path is None
    assert_table_tall_enough(window)


def test_edit_undo_redo_with_every_key(window, qtbot):
    window.ws.select_system(ATM)
    window.radar.setFocus()
    qtbot.keyClick(window.radar, Qt.Key.Key_Up)  # current 2 -> 3 on the first practice
    assert cell(window, 0, CURRENT) == "3 – Optimizing"
    qtbot.keyClick(window.radar, Qt.Key.Key_Z, CTRL)
    assert cell(window, 0, CURRENT) == "2 – Quantitatively Managed"
    qtbot.keyClick(window.radar, Qt.Key.Key_Z, CTRL | SHIFT)
    assert cell(window, 0, CURRENT) == "3 – Optimizing"
    qtbot.keyClick(window.radar, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.radar, Qt.Key.Key_Y, CTRL)
    assert cell(window, 0, CURRENT) == "3 – Optimizing"
    # The digit is the level's number, in the chart and in the table alike.
    qtbot.keyClick(window.radar, Qt.Key.Key_1)
    assert cell(window, 0, CURRENT) == "1 – Consistent"
    table = window.findChild(QTableView, "levelsTable")
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, TARGET))
    qtbot.keyClick(table, Qt.Key.Key_1)
    assert cell(window, 0, TARGET) == "1 – Consistent"


def test_save_as_then_quit_then_start_again_offers_no_recovery(window, qtbot, tmp_path, prompts):
    from gapradar.ui.app import offer_recovery
    from gapradar.ui.main_window import MainWindow

    window.ws.select_system(ATM)
    window.radar.setFocus()
    qtbot.keyClick(window.radar, Qt.Key.Key_Up)
    window.files.recovery.write()  # as the 30-second timer would
    saved = tmp_path / "renamed.yaml"
    type_into_file_dialog(qtbot, str(saved))
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.doc.path == saved and not window.doc.modified, timeout=10000)
    asked = prompts(QMessageBox.StandardButton.Yes)
    activate(qtbot, window)  # the file dialog had the focus
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    again = show(qtbot, MainWindow(load(saved), saved))
    assert not offer_recovery(again)
    assert asked.asked == []


DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from gapradar.export.render import ensure_app
    app = ensure_app(headless=False)
    from gapradar.ui.app import open_window
    window, _ = open_window(sys.argv[1])
    window.show()
    def edit():
        window.activateWindow()
        window.ws.select_system("ATM Management Application")
        window.radar.setFocus()
        QTest.keyClick(window.radar, Qt.Key.Key_Up)
        window.files.recovery.written.connect(lambda _p: os.kill(os.getpid(), signal.SIGKILL))
    QTimer.singleShot(300, edit)
    app.exec()
    """
)


def test_killed_after_an_edit_then_started_again_restores_it(qtbot, sample_copy, tmp_path, prompts):
    from gapradar.ui.app import offer_recovery
    from gapradar.ui.main_window import MainWindow

    env = dict(os.environ, GAPRADAR_RECOVERY_INTERVAL_MS="200")
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, str(sample_copy)], env=env, timeout=60, capture_output=True, text=True
    )
    assert run.returncode == -9, run.stderr  # killed, as by a crash or a power cut
    asked = prompts(QMessageBox.StandardButton.Yes)
    window = show(qtbot, MainWindow(load(sample_copy), sample_copy))
    assert offer_recovery(window)
    assert len(asked.asked) == 1 and "Restore" in asked.asked[0]
    window.ws.select_system(ATM)
    assert cell(window, 0, CURRENT) == "3 – Optimizing"
    assert window.doc.modified


def test_presentation_walk_edit_undo_hide_and_reveal(window, qtbot):
    window.ws.select_system(ATM)
    window.actions_["hide_targets"].trigger()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    p = window.presentation
    assert p is not None
    qtbot.waitExposed(p)
    p.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is p, timeout=5000)
    assert "target" not in p.guide.text().replace("editing <b>current", "")
    assert p.radar.radar.spec.show_targets is False
    qtbot.keyClick(p, Qt.Key.Key_Right)
    qtbot.keyClick(p, Qt.Key.Key_Up)
    assert cell(window, 1, CURRENT) == "1 – Consistent"
    qtbot.keyClick(p, Qt.Key.Key_Z, CTRL)  # undo works while presenting
    assert cell(window, 1, CURRENT) == "0 – Repeatable"
    qtbot.keyClick(p, Qt.Key.Key_Y, CTRL)
    assert cell(window, 1, CURRENT) == "1 – Consistent"
    qtbot.keyClick(p, Qt.Key.Key_R)
    assert p.radar.radar.spec.show_targets is True
    assert "◇ target" in p.guide.text()
    qtbot.keyClick(p, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presentation is None, timeout=5000)


def _text_contrast(image: QImage) -> float:
    """The largest lightness difference from the button's background (its most common colour)."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = QColor(max(counts, key=lambda k: counts[k])).lightness()
    return max(abs(QColor(rgb).lightness() - background) for rgb in counts)


def test_disabled_actions_look_disabled_in_every_theme(window, qtbot):
    bar = window.findChild(QToolBar, "mainToolbar")
    for theme in ("light", "dark", "high-contrast"):
        window.set_theme(theme)
        QApplication.processEvents()
        assert not window.actions_["undo_button"].isEnabled()
        disabled = _text_contrast(bar.widgetForAction(window.actions_["undo_button"]).grab().toImage())
        enabled = _text_contrast(bar.widgetForAction(window.actions_["open"]).grab().toImage())
        assert disabled < enabled - 40, (theme, disabled, enabled)
        assert disabled > 25, theme  # still readable
    window.set_theme("light")
