"""Switching round and baseline reuses the chart's items, the table's widths and the guide's text:
after any path of switches the window must show exactly what a window opened on that state shows."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from gapradar import bundled
from gapradar.chart.radar_scene import SeriesPolygon
from gapradar.io import dumps, load

ATM = "ATM Management Application"
CORE = "Core Banking Application"


@pytest.fixture
def rounds_path():
    return bundled.datasets_dir() / "first-federated-bank-rounds.yaml"


def open_window(qtbot, path, **state):
    from tests.ui.conftest import shown_window

    w = shown_window(qtbot, load(path), path)
    settle(w)  # the table's height is fitted once the layout settles, as for the window switched
    if state:
        w.ws.update(**state)
    settle(w)
    return w


def settle(w) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    w.repaint()


def image(widget) -> QImage:
    return widget.grab().toImage()


def chart_items(w) -> list[tuple]:
    """The radar's items bottom up, with what each draws (points, markers and their tooltips)."""
    rows = []
    for item in w.radar.scene().items():
        if not item.isVisible():
            continue
        row: tuple = (type(item).__name__, round(item.zValue(), 4))
        if isinstance(item, SeriesPolygon):
            row += (tuple((round(p.x(), 6), round(p.y(), 6)) for p in item.polygon()),)
            row += (item.outline.elementCount(), item.pen().color().name(), item.brush().color().name())
        elif isinstance(item, pg.ScatterPlotItem):
            pts = item.points()
            row += tuple(
                (round(p.pos().x(), 6), round(p.pos().y(), 6), p.size(), p.symbol(), p.data()) for p in pts
            )
        rows.append(row)
    return sorted(rows, key=repr)


def same_as_fresh(qtbot, w, path) -> None:
    s = w.ws.state
    fresh = open_window(
        qtbot,
        path,
        view=s.view,
        checked=s.checked,
        selected_system=s.selected_system,
        selected_practice=s.selected_practice,
        editing=s.editing,
        rollup=s.rollup,
        rollup_spread=s.rollup_spread,
    )
    # The table's height is fitted when a system is chosen (main_window): as in the window
    # switched, the system comes first, the round and baseline after.
    fresh.ws.update(round=s.round, baseline=s.baseline)
    # That switch may have updated series in place too: laid out at another size and back, the
    # fresh window's chart is made anew from the state.
    scene = fresh.radar.radar
    width, height = scene._size
    scene.resize(width + 1, height)
    scene.resize(width, height)
    settle(fresh)
    assert fresh.ws.state == s
    assert chart_items(w) == chart_items(fresh)
    assert image(w.radar) == image(fresh.radar), "the chart differs from a freshly opened window's"
    assert image(w.table) == image(fresh.table), "the levels table differs from a freshly opened window's"
    assert w.guide.text() == fresh.guide.text()
    fresh.doc.undo_stack.setClean()
    fresh.close()


def test_switching_rounds_and_baselines_back_and_forth_draws_what_a_fresh_window_draws(qtbot, rounds_path):
    w = open_window(qtbot, rounds_path)
    a = w.doc.assessment
    first, latest = a.rounds[0].id, a.rounds[-1].id
    for changes in (
        {"round": first},
        {"baseline": first},
        {"round": None},
        {"baseline": None},
        {"round": first, "baseline": latest},
        {"round": None, "baseline": first},
    ):
        w.ws.update(**changes)
        settle(w)
        same_as_fresh(qtbot, w, rounds_path)


def test_the_same_holds_in_focus_with_another_system_and_a_banded_roll_up(qtbot, rounds_path):
    w = open_window(qtbot, rounds_path)
    first = w.doc.assessment.rounds[0].id
    w.ws.update(view="focus", baseline=first)
    settle(w)
    w.ws.update(round=first)
    settle(w)
    w.ws.update(round=None)
    settle(w)
    same_as_fresh(qtbot, w, rounds_path)
    w.ws.update(baseline=None)
    settle(w)
    w.ws.update(view="overlay", selected_system=CORE, editing="target")
    settle(w)
    w.ws.update(rollup="median", rollup_spread="range", round=first, baseline=w.doc.assessment.rounds[-1].id)
    settle(w)
    w.ws.update(baseline=None, round=None)
    settle(w)
    same_as_fresh(qtbot, w, rounds_path)


def test_a_series_switched_back_and_forth_keeps_no_stale_point(qtbot, rounds_path, tmp_path):
    """ATM moves between the rounds: its outline, markers and tooltips follow the round shown,
    from either of its two sets of items, and only one set is ever visible."""
    import datetime

    from gapradar.ui.commands import SetLevelCommand
    from gapradar.ui.round_commands import NewRoundCommand

    w = open_window(qtbot, rounds_path)
    a = w.doc.assessment
    first = a.rounds[0].id
    scene = w.radar.radar

    def drawn_as_now():
        series = scene.series[ATM]
        system = a.system(ATM)
        for i, p in enumerate(a.model.practices):
            current = system.rating(p.id).current
            if current is None:
                continue
            expected = scene.vertex(ATM, p.id)
            spot = series.markers.points()[i]
            assert (spot.pos().x(), spot.pos().y()) == pytest.approx((expected.x(), expected.y()))
            assert series.polygon.polygon()[i] == expected
            assert f"current: {a.model.level_label(current)}" in spot.data()
        visible = [i for i in w.radar.scene().items() if isinstance(i, SeriesPolygon) and i.isVisible()]
        assert len(visible) == len(scene.series)  # one set of items per series on show
        return series.polygon

    latest = drawn_as_now()
    w.ws.update(round=first)
    settle(w)
    earlier = drawn_as_now()
    assert earlier is not latest  # a second set of items, the first kept hidden
    same_as_fresh(qtbot, w, rounds_path)
    w.ws.update(round=None)
    settle(w)
    assert drawn_as_now() is latest  # shown again as it was
    w.ws.update(round=first)
    settle(w)
    assert drawn_as_now() is earlier
    # A third round's levels: the hidden set is moved to them.
    w.ws.update(round=None)
    settle(w)
    w.ws.push(NewRoundCommand(w.doc, "2027-03 follow-up", datetime.date(2027, 3, 1)))
    pid = a.model.practices[1].id
    now = a.system(ATM).rating(pid).current
    w.ws.push(SetLevelCommand(w.doc, ATM, pid, "current", 3 if now != 3 else 1))
    settle(w)
    drawn_as_now()
    w.ws.update(round=first)
    settle(w)
    drawn_as_now()
    w.ws.update(round=None)  # the third round again, its levels now in the set that was hidden
    settle(w)
    drawn_as_now()
    three = tmp_path / "three-rounds.yaml"
    three.write_text(dumps(a), encoding="utf-8")
    same_as_fresh(qtbot, w, three)


@pytest.mark.parametrize("height", range(240, 560, 9))
def test_the_level_guide_scrolls_after_a_switch_exactly_when_a_fresh_guide_would(qtbot, rounds_path, height):
    """The guide keeps its scroll bar while its text is replaced: at every height it must end
    with the bar, the layout and the pixels a guide given that text afresh has."""
    from gapradar.ui.document import Document
    from gapradar.ui.level_guide import LevelGuide
    from gapradar.ui.workspace import Workspace

    def guide(**state):
        ws = Workspace()
        ws.set_document(Document(load(rounds_path), rounds_path))
        ws.update(selected_system=ATM, **state)
        g = LevelGuide(ws)
        qtbot.addWidget(g)
        g.resize(300, height)
        g.show()
        qtbot.waitExposed(g)
        return ws, g

    first = load(rounds_path).rounds[0].id
    ws, switched = guide()
    for changes in ({"baseline": first}, {"round": first}, {"round": None}, {"selected_practice": 3}):
        ws.update(**changes)
        _, fresh = guide(
            **{k: v for k, v in ws.state.__dict__.items() if k in ("baseline", "round", "selected_practice")}
        )
        assert switched.text() == fresh.text()
        a, b = switched.browser, fresh.browser
        assert a.verticalScrollBar().isVisible() == b.verticalScrollBar().isVisible()
        assert a.verticalScrollBar().maximum() == b.verticalScrollBar().maximum()
        assert a.document().size() == b.document().size()
        assert a.document().toHtml() == b.document().toHtml()  # replaced in place, as setHtml makes it
        assert image(switched) == image(fresh)


@pytest.mark.parametrize("view", ["overlay", "focus"])
def test_the_baseline_drawn_from_its_kept_images_is_the_baseline_drawn(qtbot, rounds_path, view):
    """On screen the dashed outlines are painted once and kept as images: the same pixels."""
    w = open_window(qtbot, rounds_path)
    a = w.doc.assessment
    w.ws.set_checked(set(a.system_names()), True)  # many outlines, crossing one another
    w.ws.update(view=view, baseline=a.rounds[0].id)
    settle(w)
    (layer,) = w.radar.radar._baseline.items
    kept = image(w.radar)
    assert layer._images  # drawn from the images
    layer._keep_images = False
    layer.update()
    settle(w)
    assert image(w.radar) == kept
    layer._keep_images = True
    # Choosing no baseline and the same one again shows the same layer, its images kept.
    w.ws.update(baseline=None)
    settle(w)
    assert not w.radar.radar._baseline.items and not layer.isVisible()
    images = layer._images
    w.ws.update(baseline=a.rounds[0].id)
    settle(w)
    assert w.radar.radar._baseline.items == [layer] and layer._images is images
    assert image(w.radar) == kept
