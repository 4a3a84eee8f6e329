"""Starting the app: the screenshot mode the README uses, and a bad file on the command line."""

import subprocess
import sys

from PySide6.QtGui import QImage


def run_gapradar(*args):
    return subprocess.run(
        [sys.executable, "-m", "gapradar", *args], capture_output=True, text=True, timeout=120
    )


def test_screenshot_of_the_sample(tmp_path):
    out = tmp_path / "w.png"
    done = run_gapradar("--screenshot", str(out), "--size", "1280x720")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)


def test_screenshot_of_a_broken_file_reports_located_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("gapradar: 1\nmodel: []\n")
    done = run_gapradar(str(bad), "--screenshot", str(tmp_path / "x.png"))
    assert done.returncode == 1
    assert f"{bad}:2:8:" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_size_is_a_usage_error(tmp_path):
    done = run_gapradar("--screenshot", str(tmp_path / "x.png"), "--size", "huge")
    assert done.returncode == 2
    assert "--size must look like 1280x720" in done.stderr


def test_broken_file_opens_the_start_page_and_lists_the_problems(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gapradar.ui import app as app_module

    bad = tmp_path / "bad.yaml"
    bad.write_text("gapradar: 1\nmodel: []\n")
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.informativeText()))
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    before = set(QApplication.topLevelWidgets())
    assert app_module.run(str(bad)) == 0
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)  # said once the file is read (in the background)
    assert f"{bad}:2:8:" in shown[0]
    window = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w not in before
    )
    # No other file that could pass for the broken one: the start page, no document.
    assert window.doc is None and window.pages.currentWidget() is window.start_page
    window.close()
