"""gapradar import-table: a spreadsheet's ratings into a gapradar file, or a located list of what is wrong."""

from __future__ import annotations

from gapradar.cli import main
from gapradar.io import load


def export(kind, out, *extra):
    assert main(["export", "--sample", *extra, kind, str(out)]) == 0


def test_an_exported_workbook_imports_into_a_fresh_copy_of_the_model(tmp_path, sample_path, capsys):
    book, out = tmp_path / "book.xlsx", tmp_path / "out.yaml"
    export("--xlsx", book)
    assert main(["import-table", str(book), "-o", str(out), "--model", str(sample_path)]) == 0
    assert "read the sheet Scores of 5 (--sheet chooses another)" in capsys.readouterr().err
    original, back = load(sample_path), load(out)
    assert back.model == original.model
    assert {s.name: s.ratings for s in back.systems} == {s.name: s.ratings for s in original.systems}


def test_a_matrix_imports_into_an_existing_file(tmp_path, sample_path, capsys):
    matrix, out = tmp_path / "m.csv", tmp_path / "out.yaml"
    export("--csv", matrix, "--table", "matrix")
    text = matrix.read_text(encoding="utf-8-sig").replace("Core Banking Application", "Core Banking II")
    matrix.write_text(text, encoding="utf-8-sig")
    out.write_bytes(sample_path.read_bytes())
    assert main(["import-table", str(matrix), "-o", str(out)]) == 0
    assert "new systems: Core Banking II" in capsys.readouterr().err
    a = load(out)
    core = {pid: r.current for pid, r in a.system("Core Banking Application").ratings.items()}
    assert {pid: r.current for pid, r in a.system("Core Banking II").ratings.items()} == core


def test_problems_are_listed_and_nothing_is_written(tmp_path, sample_path, capsys):
    table, out = tmp_path / "t.csv", tmp_path / "out.yaml"
    table.write_text("System,Practice,Current\nA,Testing,Wizard\nB,Nope,1\nC,Testing,2\n", encoding="utf-8")
    assert main(["import-table", str(table), "-o", str(out), "--model", str(sample_path)]) == 1
    err = capsys.readouterr().err
    assert f"{table}:2:3: column C (Current): no level is named 'Wizard'" in err
    assert f"{table}:3:2: column B (Practice): the model has no practice 'Nope'" in err
    assert "nothing written" in err
    assert not out.exists()
    assert (
        main(["import-table", str(table), "-o", str(out), "--model", str(sample_path), "--skip-problems"])
        == 0
    )
    assert load(out).system_names() == ["C"]


def test_without_a_model_it_says_what_is_missing(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("System,Practice,Current\n", encoding="utf-8")
    assert main(["import-table", str(table), "-o", str(tmp_path / "new.yaml")]) == 2
    assert "the ratings need a model: name one with --model" in capsys.readouterr().err


def test_an_existing_output_is_not_replaced_by_a_model_without_force(tmp_path, sample_path, capsys):
    table, out = tmp_path / "t.csv", tmp_path / "out.yaml"
    table.write_text("System,Practice,Current\nC,Testing,2\n", encoding="utf-8")
    out.write_bytes(sample_path.read_bytes())
    assert main(["import-table", str(table), "-o", str(out), "--model", str(sample_path)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert out.read_bytes() == sample_path.read_bytes()
