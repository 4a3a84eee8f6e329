"""The model editor, driven through its widgets: every change one undo step, ratings kept by id."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QListWidget, QMessageBox, QTableWidget

from gapradar import bundled
from gapradar.io import load
from gapradar.ui.levels_table import CURRENT

ATM = "ATM Management Application"


def practices(window) -> QListWidget:
    return window.model_editor.findChild(QListWidget, "modelPractices")


def test_build_a_model_in_the_editor_rate_save_and_reopen(window, qtbot, monkeypatch, answers, tmp_path):
    window.files.new_from_template(next(t for t in bundled.templates() if "samm" in t.name))
    window.actions_["edit_model"].trigger()
    assert window.model_dock.isVisible()
    editor = window.model_editor
    doc = window.doc
    start = len(doc.assessment.model.practices)
    typed = iter(["Threat Modelling", "Incident Drills", "Supplier Review", "Backups", "Chaos Days"])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (next(typed), True)))
    for _ in range(5):
        editor.add_practice()
    assert len(doc.assessment.model.practices) == start + 5
    assert len(window.radar.radar.practice_labels) == start + 5  # the chart follows live

    levels_before = len(doc.assessment.model.levels)
    names = iter(["Exemplary"])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (next(names), True)))
    editor.add_level()
    assert doc.assessment.model.levels[-1].name == "Exemplary"
    assert len(doc.assessment.model.levels) == levels_before + 1

    # Rate "Backups" for the template's system, then rename, move and check the rating stays.
    system = doc.assessment.systems[0].name
    window.ws.select_system(system)
    backups = next(p for p in doc.assessment.model.practices if p.name == "Backups")
    row = doc.assessment.model.practice_index(backups.id)
    window.ws.update(selected_practice=row)
    window.facilitator.set_level(doc.assessment.model.max_score)
    item = practices(window).item(row)
    item.setText("Backups and Restores")  # as if typed in place
    assert doc.assessment.model.practice(backups.id).name == "Backups and Restores"
    assert doc.assessment.system(system).rating(backups.id).current == doc.assessment.model.max_score
    practices(window).setCurrentRow(row)
    editor.move_practice(-1)
    assert doc.assessment.model.practice_index(backups.id) == row - 1
    table_row = window.findChild(type(window.table), "levelsTable").model().index(row - 1, CURRENT).data()
    assert "Exemplary" in table_row  # the table follows, rating and all

    # Remove a practice that has a rating: asked, then gone with its rating.
    practices(window).setCurrentRow(row - 1)
    asked = answers(QMessageBox.StandardButton.Yes)
    editor.remove_practice()
    assert "has ratings for 1 system" in asked.asked[0]
    assert backups.id not in doc.assessment.model.practice_ids

    steps = doc.undo_stack.count()
    out = tmp_path / "built.yaml"
    assert window.files.save_to(out)
    again = load(out)
    assert again.model == doc.assessment.model
    # Every step undoes, back to the template.
    for _ in range(steps):
        window.actions_["undo"].trigger()
    assert len(doc.assessment.model.practices) == start
    assert len(doc.assessment.model.levels) == levels_before


def test_a_level_removed_sends_its_ratings_where_asked(window, monkeypatch):
    doc = window.doc
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("1 – Consistent", True)))
    levels = window.model_editor.findChild(QTableWidget, "modelLevels")
    row = next(r for r in range(levels.rowCount()) if levels.item(r, 0).text() == "3")
    levels.setCurrentCell(row, 0)
    window.model_editor.remove_level()
    assert 3 not in doc.assessment.model.scores
    assert doc.assessment.system(ATM).rating("testing").target == 1
    window.actions_["undo"].trigger()
    assert doc.assessment.system(ATM).rating("testing").target == 3


def test_an_edit_breaking_a_rule_is_refused_with_its_reason(window, answers):
    told = answers(QMessageBox.StandardButton.Ok)
    levels = window.model_editor.findChild(QTableWidget, "modelLevels")
    levels.item(0, 1).setText("Repeatable")  # the name of another level
    assert "already a level named" in told.asked[0]
    assert window.doc.undo_stack.count() == 0
    assert levels.item(0, 1).text() != "Repeatable"  # the editor shows the model again


def test_title_and_systems_word_follow_into_chart_and_panel(window, qtbot):
    editor = window.model_editor
    editor.systems_label.setText("Applications")
    editor.systems_label.editingFinished.emit()
    assert window.panel.title.text() == "Applications"
    editor.title.setText("Bank CD review")
    editor.title.editingFinished.emit()
    assert window.radar.radar.spec.assessment.title == "Bank CD review"
    window.actions_["undo"].trigger()
    assert window.doc.assessment.title != "Bank CD review"


def test_new_assessment_from_a_blank_model_with_pasted_systems(window, qtbot, monkeypatch):
    from gapradar.ui.new_dialog import BLANK, NewAssessmentDialog

    def fill(dialog: NewAssessmentDialog) -> int:
        dialog.template.setCurrentIndex(dialog.template.findData(BLANK))
        dialog.levels.setValue(4)
        dialog.title.setText("Acme – platform teams")
        dialog.systems.setPlainText("Payments\tteam A\n\nLedger\nledger \nCards\n")  # pasted from a sheet
        dialog._accept()
        return dialog.result()

    monkeypatch.setattr(NewAssessmentDialog, "exec", fill)
    assert window.files.new_assessment()
    a = window.doc.assessment
    assert a.title == "Acme – platform teams" and window.doc.path is None
    assert a.system_names() == ["Payments", "Ledger", "Cards"]
    assert a.model.scores == (1, 2, 3, 4) and len(a.model.practices) == 3
    assert window.ws.state.selected_system == "Cards"  # ready to rate: the first by name
    window.facilitator.set_level(3)
    assert a.system("Cards").rating("practice-1").current == 3


def test_a_model_saved_as_template_is_offered_by_new(window, monkeypatch):
    from gapradar.ui.new_dialog import NewAssessmentDialog, templates

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Bank CD model", True)))
    window.files.save_model_as_template()
    label, path = templates()[-1]
    assert label == "Bank CD model (saved)"
    saved = load(path)
    assert saved.systems == [] and saved.model == window.doc.assessment.model
    dialog = NewAssessmentDialog(window)
    assert dialog.template.findText("Bank CD model (saved)") >= 0
    dialog.deleteLater()


def test_the_editor_selects_the_practice_the_chart_selects(window):
    window.facilitator.select_practice(+2)
    assert practices(window).currentRow() == 2
    practices(window).setCurrentRow(4)
    assert window.ws.state.selected_practice == 4


def test_removing_a_level_offers_the_level_below_first(window, monkeypatch):
    offered = []

    def choose(parent, title, label, items, current, editable):
        offered.append(items[current])
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    levels = window.model_editor.findChild(QTableWidget, "modelLevels")
    row = next(r for r in range(levels.rowCount()) if levels.item(r, 0).text() == "1")
    levels.setCurrentCell(row, 0)
    window.model_editor.remove_level()
    assert offered == ["0 – Repeatable"]


def test_a_practice_below_the_minimum_is_refused_before_anything_is_asked(window, answers):
    model = window.doc.assessment.model
    from gapradar.domain.model_edit import remove_practice

    told = answers(QMessageBox.StandardButton.Ok)
    # Down to three practices, through the domain, then ask the editor for one more removal.
    from gapradar.ui.model_commands import ModelCommand

    ratings = {s.name: dict(s.ratings) for s in window.doc.assessment.systems}
    for pid in model.practice_ids[3:]:
        edit = remove_practice(window.doc.assessment.model, ratings, pid)
        ratings = edit.ratings or ratings
        window.ws.push(ModelCommand(window.doc, edit, "remove"))
    practices(window).setCurrentRow(0)
    window.model_editor.remove_practice()
    assert len(told.asked) == 1 and "at least 3 practices" in told.asked[0]


def test_a_template_keeps_the_model_not_the_clients_title(window, monkeypatch):
    from gapradar.ui.new_dialog import templates

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Client-free", True)))
    window.files.save_model_as_template()
    saved = load(templates()[-1][1])
    assert saved.title == window.doc.assessment.model.title and saved.description == ""
