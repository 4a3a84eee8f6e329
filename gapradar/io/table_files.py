"""A spreadsheet file as a grid of cells: CSV in whatever form Excel wrote it, or an XLSX sheet.

Excel writes CSV with a comma, a semicolon (where the decimal mark is a comma)
or a tab ("Unicode text", in UTF-16), with a BOM or without, and on Windows in
its ANSI code page; all of these read here. Which kind of file it is comes from
its first bytes, not its name, so a workbook saved as .csv still reads.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
from dataclasses import dataclass

from gapradar.io.errors import LoadError, Problem
from gapradar.io.reading import read_regular_file

MAX_BYTES = 32 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
DELIMITERS = (",", ";", "\t")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SEP_LINE = re.compile(r"^sep=(.)\s*$")

Value = str | int | float | None


@dataclass
class Grid:
    """The cells of one table, row by row (row 1 first), and what they were read from."""

    rows: list[list[Value]]
    source: str
    notes: list[str]
    sheet: str = ""  # the workbook's sheet read ("" for CSV)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, to choose another


def _refuse(name: str, message: str) -> LoadError:
    return LoadError([Problem(name, 1, 1, message)])


def read_grids(path: str | os.PathLike[str], sheet: str | None = None) -> list[Grid]:
    """A CSV file's table, or a workbook's sheets (the named one, else each, the likeliest first).

    A file that is neither is a located LoadError.
    """
    name = str(path)
    data = read_regular_file(path, MAX_BYTES)
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_grids(data, name, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(
            name, "this is an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV and import that"
        )
    if sheet is not None:
        raise _refuse(name, "this is a CSV file; only an Excel workbook has sheets to choose from")
    text, notes = _decode(data, name)
    try:
        rows = _csv_rows(text, notes)
    except csv.Error as e:  # a cell past the csv module's size limit, or a malformed quote
        raise _refuse(name, f"this CSV file cannot be read: {e}") from None
    return [Grid(rows, os.path.basename(name), notes)]


# ---------------------------------------------------------------- CSV


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                raise _refuse(name, f"the file starts as {encoding.upper()} text but is not") from None
    if b"\x00" in data[:8192]:
        raise _refuse(name, "this is not a CSV or XLSX file (it holds binary data)")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        # Excel's "CSV (comma delimited)" on Windows writes the ANSI code page.
        return data.decode("cp1252", errors="replace"), [
            "The file is not UTF-8; it was read as Windows-1252 (Excel's ANSI CSV)."
        ]


def _csv_rows(text: str, notes: list[str]) -> list[list[Value]]:
    lines = text.splitlines(keepends=True)
    delimiter = None
    if lines and (m := _SEP_LINE.match(lines[0].strip("\ufeff"))):  # Excel's "sep=;" first line
        delimiter, text = m.group(1), "".join(lines[1:])
    delimiter = delimiter or _sniff(text)
    if delimiter == ";":
        notes.append("Cells are separated by semicolons.")
    elif delimiter == "\t":
        notes.append("Cells are separated by tabs.")
    rows: list[list[Value]] = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if len(rows) >= MAX_ROWS:
            notes.append(f"Only the first {MAX_ROWS:,} rows were read.")
            break
        rows.append([_unquote(c) for c in row[:MAX_COLUMNS]])
    return rows


def _sniff(text: str) -> str:
    """The delimiter that splits the first rows into the most columns, the same number in each."""
    sample = text[:65536]
    best, best_score = ",", (0, 0.0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if any(r)][
                :20
            ]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        same = sum(len(r) == width for r in rows) / len(rows)
        score = (1 if same >= 0.8 else 0, same * width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _unquote(text: str) -> str:
    """Undo the quote gapradar's export puts before text a spreadsheet would run as a formula."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS):
        return text[1:]
    return text


# ---------------------------------------------------------------- XLSX


def _xlsx_grids(data: bytes, name: str, sheet: str | None) -> list[Grid]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                names = list(book.sheetnames)
                sheets = [sheet] if sheet is not None else names
                if sheet is not None and sheet not in names:
                    raise _refuse(name, f"the workbook has no sheet {sheet!r}; it has {', '.join(names)}")
                grids = [
                    Grid(_sheet_rows(book[s]), f"{os.path.basename(name)}, sheet {s}", [], s, tuple(names))
                    for s in sheets
                ]
            finally:
                book.close()
    except LoadError:
        raise
    except Exception as e:  # a damaged zip or XML: openpyxl raises many kinds
        raise _refuse(
            name, f"this is not a workbook Excel or gapradar can read ({type(e).__name__})"
        ) from None
    if not grids:
        raise _refuse(name, "the workbook has no sheets")
    # gapradar's own Scores sheet first (it has targets and notes), then sheets with cells in order.
    return sorted(grids, key=lambda g: (g.sheet != "Scores", not g.rows))


def _sheet_rows(ws) -> list[list[Value]]:
    rows: list[list[Value]] = []
    for row in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
        if len(rows) >= MAX_ROWS:
            break
        rows.append([_xlsx_value(v) for v in row])
    while rows and not any(v not in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


def _xlsx_value(value: object) -> Value:
    if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)
