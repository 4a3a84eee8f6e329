"""The slope chart and what moved in the window, the View menu, presentation mode and the export dialog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gapradar import bundled
from gapradar.chart.view_spec import ViewSpec
from gapradar.io import load
from gapradar.ui.export_dialog import VIEW_PREFIX, ExportDialog


@pytest.fixture
def rounds_window(qtbot, tmp_path):
    from tests.ui.conftest import shown_window

    path = tmp_path / "rounds.yaml"
    shutil.copy(bundled.datasets_dir() / f"{bundled.ROUNDS_SAMPLE}.yaml", path)
    return shown_window(qtbot, load(path), path)


def _texts(scene) -> list[str]:
    return [i.toPlainText() for i in scene.items if hasattr(i, "toPlainText")]


@pytest.mark.parametrize("key", ["slope", "moved"])
def test_the_view_menu_shows_each_view_of_change(rounds_window, qtbot, key):
    w = rounds_window
    from gapradar.chart.views import VIEWS

    view_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "View")
    action = next(a for a in view_menu.actions() if a.text() == VIEWS[key].label)
    action.trigger()
    assert w.ws.state.view == key
    page = w.views.page(key)
    qtbot.waitUntil(lambda: w.views.currentWidget() is page, timeout=2000)
    texts = _texts(page.canvas.chart)
    assert any(t.startswith("Since 2026-03 baseline") for t in texts)


def test_the_slope_follows_the_selected_system_or_the_rollup(rounds_window, qtbot):
    w = rounds_window
    w.ws.update(view="slope")
    page = w.views.page("slope")
    w.ws.select_system("Mobile Banking Platform (Android)")
    assert any("Configuration Management  ▼1" in t for t in _texts(page.canvas.chart))
    page.controls.rollup_check.setChecked(True)
    assert any("Average – all systems" in t for t in _texts(page.canvas.chart))


def test_presentation_and_the_export_dialog_offer_both(rounds_window, qtbot, tmp_path):
    w = rounds_window
    dialog = ExportDialog(w.chart_spec(), w.doc.assessment.system_names(), tmp_path, w)
    qtbot.addWidget(dialog)
    offered = [dialog.view.itemData(i) for i in range(dialog.view.count())]
    assert VIEW_PREFIX + "slope" in offered and VIEW_PREFIX + "moved" in offered
    dialog.view.setCurrentIndex(dialog.view.findData(VIEW_PREFIX + "moved"))
    spec = dialog.spec()
    assert isinstance(spec, ViewSpec) and spec.view == "moved"
    out = tmp_path / "moved.png"
    assert dialog.export(str(out))
    assert not QImage(str(out)).isNull()
    w.enter_presentation()
    p = w.presentation
    assert p is not None
    qtbot.waitUntil(lambda: p.height() > 0)
    p.resize(1280, 720)
    for key in ("slope", "moved"):
        w.ws.update(view=key)
        assert p.views.currentWidget() is p.canvases[key]
        assert p.canvases[key].scene_item.spec.view == key
    p.close()


def test_the_sample_says_its_follow_up_is_illustrative():
    path = Path(bundled.datasets_dir()) / f"{bundled.ROUNDS_SAMPLE}.yaml"
    head = path.read_text().splitlines()[:4]
    assert any("illustrative" in line and line.startswith("#") for line in head)
    a = load(path)
    assert [r.label for r in a.rounds] == ["2026-03 baseline", "2026-09 follow-up"]
