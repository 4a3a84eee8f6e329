"""The radar's legend is laid out apart from its frame; it must still follow what it names."""

from __future__ import annotations

import pyqtgraph as pg

from gapradar.ui.commands import SetNotApplicableCommand


def _legend(window) -> str:
    radar = window.views.page("radar").radar
    return "\n".join(i.textItem.toPlainText() for i in radar._legend_items if isinstance(i, pg.TextItem))


def test_the_first_na_on_a_checked_system_adds_its_legend_row(window):
    ws = window.ws
    name = ws.document.assessment.systems[0].name
    ws.update(view="overlay", checked=frozenset({name}))
    assert "not applicable" not in _legend(window)
    practice = ws.document.assessment.model.practices[0].id
    ws.push(SetNotApplicableCommand(ws.document, name, practice, True))
    assert "not applicable" in _legend(window)
    ws.document.undo_stack.undo()
    assert "not applicable" not in _legend(window)


def test_rule_and_baseline_show_in_the_legend_as_soon_as_chosen(window):
    ws = window.ws
    ws.update(view="overlay", show_average=True)
    assert "Median" not in _legend(window)
    ws.update(rollup="median")
    assert "Median – all systems" in _legend(window)
