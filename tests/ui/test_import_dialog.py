"""File ▸ Import ratings…: a preview that lists every cell left out, nothing changed until Import, one undo step."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QTableWidget

from gapradar.domain import Rating
from gapradar.io.csv_tables import TABLES, write_csv
from gapradar.ui import import_dialog
from gapradar.ui.import_dialog import ImportDialog, preview_import

CORE = "Core Banking Application"


def bad_table(path, practices):
    names = [p.name for p in practices]
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, delimiter=";").writerows(
            [
                ["System", "Practice", "Current", "Target", "Note"],
                [CORE, names[0], "Optimizing", "3", "agreed in the workshop"],
                [CORE, "Unicorn Husbandry", "1", "2", ""],
                ["", names[1], "1", "1", ""],
                ["Payments Hub", names[2], "Wizard", "2", ""],
                ["Payments Hub", names[3], "9", "", ""],
                [CORE.lower(), names[0].upper(), "1", "1", ""],
            ]
        )


def cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_preview_lists_every_bad_cell_and_changes_nothing_until_import(window, qtbot, tmp_path):
    doc = window.doc
    model = doc.assessment.model
    path = tmp_path / "workshop.csv"
    bad_table(path, model.practices)
    before = {s.name: dict(s.ratings) for s in doc.assessment.systems}
    steps = doc.undo_stack.count()

    dialog = preview_import(window.ws, path, window)
    assert isinstance(dialog, ImportDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    problems = cells(dialog.findChild(QTableWidget, "importProblems"))
    assert [row[:3] for row in problems] == [
        ["3", "B", "Practice"],
        ["4", "A", "System"],
        ["5", "C", "Current"],
        ["6", "C", "Current"],
        ["7", "B", "Practice"],
    ]
    assert "no practice 'Unicorn Husbandry'" in problems[0][3]
    assert "no system named" in problems[1][3]
    assert "no level is named 'Wizard'" in problems[2][3]
    assert "no level has the score 9" in problems[3][3]
    assert "second row" in problems[4][3]
    assert "5 cells cannot be placed" in dialog.problems_label.text()

    preview = cells(dialog.findChild(QTableWidget, "importPreview"))
    first = doc.assessment.system(CORE).rating(model.practices[0].id)
    assert preview[0][:3] == [
        CORE,
        model.practices[0].name,
        f"{model.level_label(first.current)} → 3 – Optimizing",
    ]
    assert preview[1][0] == "Payments Hub (new)"
    assert "New systems: Payments Hub" in dialog.summary.text()

    # Shown, not applied.
    assert {s.name: dict(s.ratings) for s in doc.assessment.systems} == before
    assert doc.undo_stack.count() == steps
    assert not doc.modified

    qtbot.mouseClick(dialog.findChild(QPushButton, "importAccept"), Qt.MouseButton.LeftButton)
    assert doc.assessment.system(CORE).rating(model.practices[0].id) == Rating(3, 3, "agreed in the workshop")
    assert doc.assessment.system("Payments Hub").rating(model.practices[2].id) == Rating(None, 2)
    assert doc.undo_stack.count() == steps + 1
    assert window.actions_["undo"].text() == "&Undo Import ratings from workshop.csv"
    assert "Payments Hub" in [window.panel.list.item(i).text() for i in range(window.panel.list.count())]

    window.actions_["undo"].trigger()  # one step takes it all back, the new system too
    assert {s.name: dict(s.ratings) for s in doc.assessment.systems} == before
    assert not doc.modified
    window.actions_["redo"].trigger()
    assert doc.assessment.system("Payments Hub").rating(model.practices[2].id) == Rating(None, 2)


def test_cancel_changes_nothing(window, qtbot, tmp_path):
    doc = window.doc
    path = tmp_path / "workshop.csv"
    bad_table(path, doc.assessment.model.practices)
    dialog = preview_import(window.ws, path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.findChild(QPushButton, "importCancel"), Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 0
    assert "Payments Hub" not in doc.assessment.system_names()


def test_file_menu_imports_an_exported_matrix_as_one_undo_step(window, monkeypatch, tmp_path):
    doc = window.doc
    a = doc.assessment
    # The matrix as exported, with every current level one lower: the import puts the levels back.
    exported = TABLES["matrix"](a)
    original = {s.name: dict(s.ratings) for s in a.systems}
    path = tmp_path / "matrix.csv"
    write_csv(exported, path)
    for s in a.systems:
        for pid, r in list(s.ratings.items()):
            s.set_rating(pid, Rating(a.model.step(r.current, -1), r.target, r.note))
    assert {s.name: dict(s.ratings) for s in a.systems} != original

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kw: (str(path), "")))
    shown = []

    def accept(dialog):
        shown.append(dialog.findChild(QTableWidget, "importProblems").rowCount())
        dialog.import_button.click()
        return 1

    monkeypatch.setattr(import_dialog.ImportDialog, "exec", accept)
    window.actions_["import_ratings"].trigger()
    assert shown == [0]
    assert {s.name: dict(s.ratings) for s in a.systems} == original
    assert doc.undo_stack.count() == 1
    window.actions_["undo"].trigger()
    assert {s.name: dict(s.ratings) for s in a.systems} != original


def test_a_file_that_is_no_table_is_a_message_and_no_dialog(window, answers, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    told = answers(None)
    assert preview_import(window.ws, path, window) is None
    assert told.asked == [
        "Cannot import ratings: photo.csv cannot be imported:\n\nthis is not a CSV or XLSX file (it holds binary data)"
    ]
    assert window.doc.undo_stack.count() == 0


def test_an_exported_workbook_imports_into_a_fresh_copy_of_the_model_in_the_window(window, qtbot, tmp_path):
    from gapradar.domain import Assessment
    from gapradar.export.xlsx_workbook import workbook_bytes
    from gapradar.ui.document import Document

    original = window.doc.assessment
    book = tmp_path / "book.xlsx"
    book.write_bytes(workbook_bytes(original))
    fresh = Assessment(original.model, original.title, [], original.systems_label)
    window.files.show(Document(fresh))
    assert window.ws.state.checked == frozenset()

    dialog = preview_import(window.ws, book, window)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QTableWidget, "importProblems").rowCount() == 0
    dialog.import_button.click()
    a = window.doc.assessment
    assert {s.name: s.ratings for s in a.systems} == {s.name: s.ratings for s in original.systems}
    assert len(window.ws.state.checked) == 3  # the chart shows what came in
    assert window.doc.undo_stack.count() == 1
    window.actions_["undo"].trigger()
    assert a.systems == []


def test_another_sheet_of_a_workbook_can_be_chosen(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QComboBox

    from gapradar.export.xlsx_workbook import workbook_bytes

    a = window.doc.assessment
    for s in a.systems:  # the workbook has levels the document no longer has
        s.ratings = {pid: Rating(None, r.target, r.note) for pid, r in s.ratings.items()}
    original = window.doc.assessment
    book = tmp_path / "book.xlsx"
    book.write_bytes(workbook_bytes(load_sample()))
    dialog = preview_import(window.ws, book, window)
    qtbot.addWidget(dialog)
    sheets = dialog.findChild(QComboBox, "importSheet")
    assert [sheets.itemText(i) for i in range(sheets.count())] == [
        "Scores",
        "Matrix",
        "Gaps",
        "Averages",
        "Roll-up",
    ]
    assert sheets.currentText() == "Scores"
    assert "a row per rating" in dialog.summary.text()

    sheets.setCurrentText("Averages")  # its radar data reads as a matrix of means: nothing to import
    assert not dialog.import_button.isEnabled()
    assert dialog.findChild(QTableWidget, "importPreview").rowCount() == 0
    assert dialog.findChild(QTableWidget, "importProblems").rowCount() > 0

    sheets.setCurrentText("Matrix")
    assert "a row per system, a column per practice" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    sample = load_sample()
    assert {s.name: {p: r.current for p, r in s.ratings.items()} for s in original.systems} == {
        s.name: {p: r.current for p, r in s.ratings.items()} for s in sample.systems
    }


def load_sample():
    from gapradar import bundled
    from gapradar.io import load

    return load(bundled.sample_path())


def test_a_workbook_opens_on_its_first_sheet_with_ratings(window, qtbot, tmp_path):
    from openpyxl import Workbook
    from PySide6.QtWidgets import QComboBox

    wb = Workbook()
    wb.active.title = "Read me"
    wb.active.append(["Ratings from the 3 May workshop; see the next sheet"])
    wb.create_sheet("Ratings").append(["System", "Practice", "Current"])
    wb["Ratings"].append([CORE, "testing", "optimizing"])
    book = tmp_path / "workshop.xlsx"
    wb.save(book)
    dialog = preview_import(window.ws, book, window)
    qtbot.addWidget(dialog)
    sheets = dialog.findChild(QComboBox, "importSheet")
    assert sheets.currentText() == "Ratings"
    assert "sheet Ratings" in dialog.summary.text()
    assert dialog.findChild(QTableWidget, "importPreview").rowCount() == 1
    sheets.setCurrentText("Read me")
    assert "The sheet Read me holds nothing to import: no table of ratings found" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.findChild(QTableWidget, "importPreview").rowCount() == 0


def test_names_in_the_summary_are_text_not_markup(window, qtbot, tmp_path):
    path = tmp_path / "<b>odd & co.csv"
    practice = window.doc.assessment.model.practices[0].name
    path.write_text(f"System,Practice,Current\n<i>Ops</i> & Co,{practice},1\n", encoding="utf-8")
    dialog = preview_import(window.ws, path, window)
    qtbot.addWidget(dialog)
    shown = dialog.summary.text()
    assert "&lt;b&gt;odd &amp; co.csv" in shown
    assert "New systems: &lt;i&gt;Ops&lt;/i&gt; &amp; Co." in shown
    dialog.import_button.click()
    assert "<i>Ops</i> & Co" in window.doc.assessment.system_names()
