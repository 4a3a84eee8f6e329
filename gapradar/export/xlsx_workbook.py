"""An Excel workbook: the tables as typed sheets (a Rounds sheet with two or more rounds), a colour-scaled matrix and native radar charts.

A CSV's numbers are text until the spreadsheet guesses the locale (a German
LibreOffice reads "0.83" as text); a workbook's cells carry their type, so
levels sort, sum and chart everywhere. The radar charts are Excel's own, so they
stay editable and follow the data if someone corrects a level. A practice
that does not apply is the text "n/a" in the tables (the import reads it back);
a chart would draw text as zero, so with n/a in the file the matrix's chart reads
a "Chart data" sheet of the same levels with those cells blank (a break in the
line). With confidence marks, the Scores sheet names each one and the Matrix
counts them per system ("7 of 12 practices evidenced").
"""

from __future__ import annotations

import io

from gapradar.chart.style import PRINT, Theme, colour_for
from gapradar.domain import AVERAGE_NAME, Assessment
from gapradar.domain.assessment import Round
from gapradar.io.csv_tables import NOT_APPLICABLE, TABLES

SHEETS = (("Scores", "scores"), ("Matrix", "matrix"), ("Gaps", "gaps"), ("Averages", "averages"))
HEADER_FILL = "1F3B57"
MAX_WIDTH = 48


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _fill_sheet(ws, rows: list[list]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for row in rows:
        ws.append(row)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a name like "=Ops" is text, never a formula
            if isinstance(value, float):
                cell.number_format = "0.00"
            if value == NOT_APPLICABLE:
                cell.alignment = Alignment(horizontal="center")  # apart from the numbers, as a mark
            elif rows[0][c - 1] == "Confidence" and r > 1:
                # clear of the right-aligned means beside it
                cell.alignment = Alignment(horizontal="left", indent=1)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
    for c in range(1, len(rows[0]) + 1):
        longest = max(
            len(str(row[c - 1])) if row[c - 1] is not None else 0
            for row in rows[1:] or [[None] * len(rows[0])]
        )
        header = len(str(rows[0][c - 1]))
        width = max(8, min(MAX_WIDTH, max(longest, min(header, 24)) + 2))
        ws.column_dimensions[ws.cell(1, c).column_letter].width = width
    ws.row_dimensions[1].height = 32
    # Printed or turned into PDF: landscape, as wide as one page.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _matrix_scale(ws, assessment: Assessment) -> None:
    """Levels coloured low (warm) to high (cool), so weak practices stand out at a glance."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    scores = assessment.model.scores
    last_col = get_column_letter(1 + len(assessment.model.practices))
    last_row = 1 + len(assessment.systems)
    if last_row < 2:
        return
    ws.conditional_formatting.add(
        f"B2:{last_col}{last_row}",
        ColorScaleRule(
            start_type="num",
            start_value=min(scores),
            start_color="F8696B",
            mid_type="num",
            mid_value=(min(scores) + max(scores)) / 2,
            mid_color="FFEB84",
            end_type="num",
            end_value=max(scores),
            end_color="63BE7B",
        ),
    )


def _radar(
    title: str, ws, rows: range, first_col: int, last_col: int, name_col: int, scores: tuple[int, ...]
):
    """A native radar: one series per row, practices along the columns of row 1."""
    from openpyxl.chart import RadarChart, Reference, Series
    from openpyxl.chart.data_source import NumFmt, StrRef
    from openpyxl.chart.series import SeriesLabel
    from openpyxl.utils import get_column_letter

    from gapradar.export.pptx_deck import centre_blank_format

    chart = RadarChart()
    chart.type = "marker"
    chart.style = 2
    chart.title = title
    chart.height, chart.width = 14, 26
    # The rings are the model's levels, lowest to highest, one per level; as on gapradar's own
    # radar the centre is below the lowest level, its number left blank.
    chart.y_axis.scaling.min = min(scores) - 1
    chart.y_axis.scaling.max = max(scores)
    chart.y_axis.majorUnit = 1
    chart.y_axis.numFmt = NumFmt(formatCode=centre_blank_format(scores), sourceLinked=False)
    chart.y_axis.delete = False
    name_letter = get_column_letter(name_col)
    for row in rows:
        values = Reference(ws, min_col=first_col, max_col=last_col, min_row=row, max_row=row)
        series = Series(values, title_from_data=False)
        series.tx = SeriesLabel(strRef=StrRef(f"'{ws.title}'!${name_letter}${row}"))
        chart.series.append(series)
    chart.set_categories(Reference(ws, min_col=first_col, max_col=last_col, min_row=1, max_row=1))
    return chart


def _style_series(chart, colours: list[str], dashed: frozenset[int] | set[int] = frozenset()) -> None:
    from openpyxl.chart.marker import Marker

    for i, (series, colour) in enumerate(zip(chart.series, colours, strict=False)):
        series.graphicalProperties.line.solidFill = _hex(colour)
        series.graphicalProperties.line.width = 22000  # EMU: about 1.75 pt
        if i in dashed:
            series.graphicalProperties.line.dashStyle = "dash"
        series.marker = Marker(symbol="circle", size=6)
        series.marker.graphicalProperties = None
        series.smooth = False


def _chart_data(wb, assessment: Assessment):
    """The matrix's levels with n/a cells blank: a chart breaks its line at a blank, not at text."""
    ws = wb.create_sheet("Chart data")
    practices = assessment.model.practices
    ws.append([assessment.systems_label or "System", *(p.name for p in practices)])
    for s in assessment.systems:
        ws.append([s.name, *(s.rating(p.id).current for p in practices)])
    ws.column_dimensions["A"].width = 32
    return ws


def _rounds_sheet(wb, assessment: Assessment, baseline: Round | None) -> None:
    """A row per round, system and practice with Δ and progress since the baseline (the CSV's rounds table).

    Δ gets ▲/▼ colours; progress is a percentage, blank where undefined, never zero.
    """
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font

    from gapradar.io.csv_tables import ROUNDS_HEADER, rounds_table

    rows = rounds_table(assessment, baseline)
    ws = wb.create_sheet("Rounds")
    _fill_sheet(ws, rows)
    delta = ROUNDS_HEADER.index("Δ current") + 1
    progress = ROUNDS_HEADER.index("Progress to target") + 1
    baseline_col = ROUNDS_HEADER.index("Baseline round") + 1
    for r in range(2, len(rows) + 1):
        ws.cell(r, baseline_col).alignment = Alignment(horizontal="left", indent=1)  # clear of the target
        ws.cell(r, progress).number_format = "0%"
        ws.cell(r, delta).number_format = '"▲"0;"▼"0;"="'
    letter = ws.cell(1, delta).column_letter
    cells = f"{letter}2:{letter}{len(rows)}"
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="greaterThan", formula=["0"], font=Font(color="0072B2"))
    )
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="lessThan", formula=["0"], font=Font(color="D55E00"))
    )


def workbook_bytes(
    assessment: Assessment, theme: Theme = PRINT, rollup_rule: str = "mean", baseline: Round | None = None
) -> bytes:
    """The workbook as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, table in SHEETS:
        _fill_sheet(wb.create_sheet(title), TABLES[table](assessment))
    _matrix_scale(wb["Matrix"], assessment)

    practices = assessment.model.practices
    n = len(practices)
    matrix = wb["Matrix"]
    if assessment.systems:
        data = matrix
        if any(r.not_applicable for s in assessment.systems for r in s.ratings.values()):
            data = _chart_data(wb, assessment)
        chart = _radar(
            f"{assessment.systems_label}: current levels",
            data,
            range(2, 2 + len(assessment.systems)),
            2,
            1 + n,
            1,
            assessment.model.scores,
        )
        _style_series(chart, [colour_for(theme, i) for i in range(len(assessment.systems))])
        matrix.add_chart(chart, f"A{len(assessment.systems) + 4}")

    # Averages: practices along one row, as the radar reads them, beside the table.
    averages = wb["Averages"]
    rows = TABLES["averages"](assessment)
    header = [str(h) for h in rows[0]]
    first = averages.max_column + 2
    averages.cell(1, first, "Radar data")
    for j, p in enumerate(practices):
        averages.cell(1, first + 1 + j, p.name)
    for k, column in enumerate(("Mean current", "Mean target")):
        averages.cell(2 + k, first, column)
        col = header.index(column)
        for j in range(n):
            averages.cell(2 + k, first + 1 + j, rows[1 + j][col]).number_format = "0.00"
    chart = _radar(AVERAGE_NAME, averages, range(2, 4), first + 1, first + n, first, assessment.model.scores)
    averages.column_dimensions[get_column_letter(first)].width = 14
    for j in range(n):
        averages.column_dimensions[get_column_letter(first + 1 + j)].width = 16
    _style_series(chart, [theme.average, theme.average], dashed={1})
    averages.add_chart(chart, f"A{n + 4}")
    _rollup_sheet(wb, assessment, rollup_rule)
    if len(assessment.rounds) > 1:
        _rounds_sheet(wb, assessment, baseline)

    wb.properties.title = assessment.title or assessment.model.title
    wb.properties.creator = "gapradar"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_workbook(
    assessment: Assessment, path: str, rollup_rule: str = "mean", baseline: Round | None = None
) -> None:
    from gapradar.export.render import write_bytes

    write_bytes(path, workbook_bytes(assessment, rollup_rule=rollup_rule, baseline=baseline))


SUBTOTAL_FILL = "E8EEF4"


def _rollup_sheet(wb, assessment: Assessment, rule_key: str) -> None:
    """The roll-up per practice under the chosen rule, its spread, and a subtotal row per practice group.

    The same table as `--csv --table rollup`: the header names the rule. Subtotal
    rows (models with groups only) are bold on a light band, so a sort or a
    filter never passes one off as a practice.
    """
    from openpyxl.styles import Font, PatternFill

    from gapradar.export.rollup_table import rollup_table

    rows = rollup_table(assessment, rule_key)
    ws = wb.create_sheet("Roll-up")
    _fill_sheet(ws, rows)
    for r, row in enumerate(rows[1:], start=2):
        if str(row[1]).startswith("Group subtotal:"):
            for cell in ws[r]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor=SUBTOTAL_FILL)
