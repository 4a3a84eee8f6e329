"""Exports free what they paint: a long batch run in one process keeps no chart behind it."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsItem

from gapradar.chart.spec import ChartSpec
from gapradar.export.batch import per_system_charts
from gapradar.export.render import ExportOptions, export_pdf, export_png, export_svg
from gapradar.io import load


def live_qt_objects() -> tuple[int, int]:
    """Graphics items and QObjects Python can still reach, and QObjects whose C++ side is alive."""
    gc.collect()
    items = objects = 0
    for o in gc.get_objects():
        if isinstance(o, QGraphicsItem):
            items += 1
        elif isinstance(o, QObject) and shiboken6.isValid(o):
            objects += 1
    return items, objects


@pytest.mark.parametrize("writer", [export_png, export_svg, export_pdf], ids=["png", "svg", "pdf"])
def test_consecutive_exports_leave_no_items_behind(qapp, sample_path, tmp_path, writer):
    a = load(sample_path)
    options = ExportOptions(640, 360)
    names = a.system_names()

    def export(i: int) -> None:
        name = names[i % len(names)]
        spec = ChartSpec(a, checked=(name,), focus=name, show_average=False)
        writer(spec, str(tmp_path / f"chart-{i}"), options)

    export(0)  # first use: fonts, caches and the application itself
    before = live_qt_objects()
    for i in range(1, 8):
        export(i)
    assert live_qt_objects() == before


def test_a_per_system_batch_leaves_no_items_behind(qapp, sample_path, tmp_path):
    a = load(sample_path)
    options = ExportOptions(640, 360)
    per_system_charts(ChartSpec(a, checked=a.system_names()[:1]), tmp_path / "warm", "png", options)
    before = live_qt_objects()
    written = per_system_charts(ChartSpec(a), tmp_path / "charts", "png", options)
    assert written == len(a.system_names()) > 3
    assert live_qt_objects() == before
