"""The room's votes reach the workbook and the deck's speaker notes."""

from __future__ import annotations

import io

import openpyxl

from tests.io.test_votes_in_file import _with_votes


def test_the_workbook_and_the_deck_carry_the_spread(tmp_path) -> None:
    from pptx import Presentation

    from gapradar.chart.view_state import ViewState
    from gapradar.chart.views import chart_spec
    from gapradar.export.pptx_deck import deck_bytes
    from gapradar.export.render import ExportOptions
    from gapradar.export.xlsx_workbook import workbook_bytes

    a, name, _ = _with_votes()
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(a)))
    cells = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert "8 votes, median 1, range 0–2, 1 not sure" in cells
    spec = chart_spec(a, ViewState(checked=frozenset(a.system_names()), selected_system=name))
    deck = Presentation(io.BytesIO(deck_bytes(spec, ExportOptions())))
    notes = [s.notes_slide.notes_text_frame.text for s in deck.slides if s.has_notes_slide]
    assert any("current: 8 votes, median 1, range 0–2" in n for n in notes)
