"""pyqtgraph imported through gapradar: the same PySide6 classes, made only when used."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = r"""
import json, sys
import gapradar
import PySide6.QtCore as C, PySide6.QtGui as G, PySide6.QtWidgets as W
made_before = len(C.__dict__) + len(G.__dict__) + len(W.__dict__)
import pyqtgraph as pg
from pyqtgraph.Qt import QtCore, QtGui, QtWidgets
made_after = len(C.__dict__) + len(G.__dict__) + len(W.__dict__)
same = all(
    getattr(mine, name) is getattr(real, name)
    for mine, real, names in (
        (QtCore, C, ("QPointF", "QRectF", "Signal", "Qt", "QTimer")),
        (QtGui, G, ("QPen", "QBrush", "QColor", "QPainterPath", "QTransform")),
        (QtWidgets, W, ("QGraphicsItem", "QGraphicsView", "QApplication", "QGraphicsPathItem")),
    )
    for name in names
)
from gapradar import bundled
from gapradar.chart.spec import ChartSpec
from gapradar.export.render import ExportOptions, ensure_app, export_png
from gapradar.io import load
ensure_app(headless=True)
a = load(bundled.sample_path())
export_png(ChartSpec(a, tuple(a.system_names()[:2])), sys.argv[1], ExportOptions(width=640, height=480))
print(json.dumps({
    "forwarding": type(QtCore).__name__,
    "same": same,
    "full_dir": len(dir(C)) > 200 and len(dir(W)) > 200,
    "fewer_made": made_after < 0.6 * (len(dir(C)) + len(dir(G)) + len(dir(W))),
    "mkpen": pg.mkPen("r").color().red(),
}))
"""


def test_pyqtgraph_gets_pyside_classes_lazily_and_draws(tmp_path) -> None:
    out = tmp_path / "chart.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["forwarding"] == "_Forwarding"  # the shortcut was taken
    assert found["same"]  # every class pyqtgraph sees is PySide6's own
    assert found["full_dir"]  # PySide6's listing is whole again afterwards
    assert found["fewer_made"]  # not every class was forced into existence
    assert found["mkpen"] == 255
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (640, 480)
    colours = {image.pixel(x, y) for x in range(0, 640, 16) for y in range(0, 480, 16)}
    assert len(colours) > 3  # a chart, not a blank page


def test_pyqtgraph_imported_first_is_left_alone() -> None:
    code = "import pyqtgraph, gapradar; from pyqtgraph.Qt import QtCore; print(type(QtCore).__name__)"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "module"
