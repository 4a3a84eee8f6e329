"""The roll-up on the radar in the window, every view in presentation mode and the export dialog."""

from __future__ import annotations

import pyqtgraph as pg
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from gapradar.chart.radar_scene import AVERAGE_KEY
from gapradar.chart.view_spec import ViewSpec
from gapradar.cli import main
from gapradar.ui.export_dialog import VIEW_PREFIX, ExportDialog
from gapradar.ui.systems_panel import AVERAGE_ROLE_VALUE, NAME_ROLE


def _average_row(window):
    rows = window.panel.list
    return next(
        rows.item(i) for i in range(rows.count()) if rows.item(i).data(NAME_ROLE) == AVERAGE_ROLE_VALUE
    )


def test_view_menu_focuses_the_rollup_and_a_system_takes_focus_back(window, qtbot):
    radar = window.views.page("radar").radar
    window.actions_["focus_rollup"].trigger()
    state = window.ws.state
    assert (state.view, state.focus_rollup) == ("focus", True)
    assert radar.spec.focus == "Average – all systems"
    assert radar.series[AVERAGE_KEY].target_markers is not None
    assert window.panel.list.currentItem() is _average_row(window)  # its row is the highlighted one
    assert not window.views.page("radar").handles  # no handles of a system that is not drawn
    window.actions_["rollup_median"].trigger()
    assert radar.spec.focus == "Median – all systems"
    assert _average_row(window).text() == "Median – all systems"  # the row names the rule
    other = next(n for n in window.doc.assessment.system_names() if n != state.selected_system)
    window.ws.select_system(other)
    assert window.ws.state.focus_rollup is False
    assert radar.spec.focus == other


def test_the_average_row_focuses_the_rollup(window, qtbot):
    window.ws.update(view="focus")
    window.panel.list.setCurrentItem(_average_row(window))
    assert window.ws.state.focus_rollup is True
    window.ws.update(view="overlay")
    window.panel.list.itemActivated.emit(_average_row(window))  # a double-click
    assert (window.ws.state.view, window.ws.state.focus_rollup) == ("focus", True)


def test_spread_band_toggle_follows_the_view_state(window):
    window.actions_["spread_range"].trigger()
    assert window.ws.state.rollup_spread == "range"
    radar = window.views.page("radar").radar
    assert radar.spec.spread == "range"
    legend = "\n".join(i.textItem.toPlainText() for i in radar._legend_items if isinstance(i, pg.TextItem))
    assert "Band: lowest to highest current level" in legend
    window.ws.update(rollup_spread="iqr")
    assert window.actions_["spread_iqr"].isChecked()
    window.actions_["spread_none"].trigger()
    assert window.ws.state.rollup_spread == ""


def test_export_dialog_offers_every_view_and_writes_it(window, qtbot, tmp_path):
    window.ws.update(heatmap_colour="gap")
    dialog = ExportDialog(window.chart_spec(), window.doc.assessment.system_names(), tmp_path, window)
    qtbot.addWidget(dialog)
    offered = [dialog.view.itemData(i) for i in range(dialog.view.count())]
    for key in ("heatmap", "gaps", "multiples"):
        assert VIEW_PREFIX + key in offered
    dialog.view.setCurrentIndex(dialog.view.findData(VIEW_PREFIX + "heatmap"))
    spec = dialog.spec()
    assert isinstance(spec, ViewSpec) and spec.view == "heatmap" and spec.colour_by == "gap"
    assert not dialog.average.isEnabled()
    out = tmp_path / "heatmap.png"
    assert dialog.export(str(out))
    dialog.update_preview()
    written = QImage(str(out))
    assert written == dialog.preview_image.convertToFormat(written.format())


def test_export_dialog_opens_on_the_windows_view(window, qtbot, tmp_path):
    window.ws.update(view="gaps")
    dialog = ExportDialog(window.chart_spec(), window.doc.assessment.system_names(), tmp_path, window)
    qtbot.addWidget(dialog)
    assert dialog.view.currentData() == VIEW_PREFIX + "gaps"


def test_presentation_shows_every_view(window, qtbot):
    window.enter_presentation()
    p = window.presentation
    assert p is not None
    qtbot.waitUntil(lambda: p.height() > 0)
    p.resize(1280, 720)
    for key in ("heatmap", "gaps", "multiples"):
        window.ws.update(view=key)
        shown = p.views.currentWidget()
        assert shown is p.canvases[key]
        assert shown.scene_item.spec.view == key
    qtbot.keyClick(p, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the registry's shortcut
    assert window.ws.state.view == "overlay"
    assert p.views.currentWidget() is p.radar
    qtbot.keyClick(p, Qt.Key.Key_Escape)


def test_workbook_roll_up_sheet_has_group_subtotals(tmp_path):
    out = tmp_path / "samm.xlsx"
    samm = "datasets/templates/owasp-samm-2.yaml"
    assert main(["export", samm, "--xlsx", str(out), "--rollup", "median"]) == 0
    ws = load_workbook(out)["Roll-up"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][3] == "Median current"
    subtotals = [r for r in rows if str(r[1]).startswith("Group subtotal:")]
    assert [r[2] for r in subtotals] == [
        "Governance",
        "Design",
        "Implementation",
        "Verification",
        "Operations",
    ]
    first = next(i for i, r in enumerate(rows, start=1) if str(r[1]).startswith("Group subtotal:"))
    assert ws.cell(first, 2).font.bold


def test_workbook_without_groups_has_no_subtotals(tmp_path, sample_path):
    out = tmp_path / "bank.xlsx"
    assert main(["export", str(sample_path), "--xlsx", str(out)]) == 0
    rows = list(load_workbook(out)["Roll-up"].iter_rows(values_only=True))
    assert rows[0][3] == "Mean current"
    assert not any(str(r[1]).startswith("Group subtotal:") for r in rows)


def test_the_window_starts_focused_on_the_rollup(qapp, tmp_path, sample_path):
    out = tmp_path / "start.png"
    args = [
        str(sample_path),
        "--focus",
        "Median - all systems",
        "--screenshot",
        str(out),
        "--size",
        "1280x720",
    ]
    assert main(args) == 0
    assert QImage(str(out)).size().width() == 1280
    assert main([str(sample_path), "--focus", "Nobody", "--screenshot", str(out)]) == 2


def test_the_roll_up_menu_has_a_distinct_access_key_for_every_item(window):
    """View ▸ Roll-up of all systems: each item reachable by keyboard, no two on the same letter."""
    import re

    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    rollup = next(a.menu() for a in view.actions() if a.text() == "&Roll-up of all systems")
    texts = [a.text() for a in rollup.actions() if not a.isSeparator()]
    assert len(texts) == 8  # four rules, focus, three bands
    keys = [re.search(r"&(\w)", t) for t in texts]
    assert all(keys), texts
    letters = [k.group(1).lower() for k in keys]
    assert len(set(letters)) == len(letters), texts
    assert window.actions_["rollup_median"].text() == "Me&dian"
