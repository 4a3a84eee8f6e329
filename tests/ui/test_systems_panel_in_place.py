"""The systems list follows adds, removals, renames and undo in place: rows that stay are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gapradar.chart.style import style_for
from gapradar.domain import AVERAGE_NAME, System
from gapradar.ui.commands import AddSystemCommand, RemoveSystemCommand, RenameSystemCommand
from gapradar.ui.systems_panel import NAME_ROLE, SystemsPanel

KEPT = Qt.ItemDataRole.UserRole + 40  # a mark a recreated row would not carry


def rows(panel: SystemsPanel) -> list[str]:
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def mark_rows(panel: SystemsPanel) -> None:
    for i in range(panel.list.count()):
        panel.list.item(i).setData(KEPT, "kept")


def recreated(panel: SystemsPanel) -> list[str]:
    return [
        panel.list.item(i).text()
        for i in range(panel.list.count())
        if panel.list.item(i).data(KEPT) != "kept"
    ]


def assert_matches_the_file(panel: SystemsPanel) -> None:
    a = panel.ws.assessment
    names = a.system_names()
    assert rows(panel) == [*sorted(names, key=str.casefold), AVERAGE_NAME]
    theme = panel.ws.theme
    for i in range(panel.list.count() - 1):
        item = panel.list.item(i)
        style = style_for(theme, names.index(item.data(NAME_ROLE)))
        assert item.data(Qt.ItemDataRole.UserRole + 1) == f"{style.colour} {style.symbol}"
        on = item.data(NAME_ROLE) in panel.ws.state.checked
        assert (item.checkState() == Qt.CheckState.Checked) == on


def test_add_rename_remove_and_undo_touch_only_their_rows(window):
    panel, doc = window.panel, window.doc
    assert_matches_the_file(panel)
    mark_rows(panel)
    doc.undo_stack.push(AddSystemCommand(doc, System("Aardvark billing")))
    assert recreated(panel) == ["Aardvark billing"]
    assert_matches_the_file(panel)

    mark_rows(panel)
    old = doc.assessment.system_names()[3]
    doc.undo_stack.push(RenameSystemCommand(doc, old, "Zebra payments"))
    assert recreated(panel) == ["Zebra payments"]
    assert_matches_the_file(panel)

    mark_rows(panel)
    doc.undo_stack.push(RemoveSystemCommand(doc, doc.assessment.system_names()[0]))
    assert recreated(panel) == []
    assert_matches_the_file(panel)  # the systems after it took new colours, in place

    for _ in range(3):
        doc.undo_stack.undo()
        assert_matches_the_file(panel)


def test_a_theme_change_repaints_the_swatches_without_new_rows(window):
    panel = window.panel
    mark_rows(panel)
    other = next(name for name in ("dark", "print", "light") if name != window.ws.state.theme)
    window.ws.update(theme=other)
    assert recreated(window.panel) == []
    assert_matches_the_file(panel)
