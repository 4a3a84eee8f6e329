"""Ratings from a spreadsheet: a systems × practices matrix or a long table, placed on a model.

Consultants gather ratings in spreadsheets. Names are matched the way gapradar
compares names (case, spacing and invisible characters do not count), levels
by score, name or label ("2 – Defined"). Every cell that cannot be placed is a
problem with its row, column and reason; the rest still imports, so people see
the whole picture before they accept. A blank cell changes nothing; "not
assessed" written out clears a level. Where a score and a level name disagree,
the one that differs from the assessment is taken as the edit. Both tables
gapradar exports (matrix and scores, CSV or XLSX) read back to the same ratings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from gapradar.domain import Assessment, MaturityModel, Practice, Rating, System
from gapradar.domain.names import clean, name_key, name_problem, text_problem
from gapradar.io.errors import LoadError, Problem
from gapradar.io.table_files import Grid, Value, read_grids

MAX_PROBLEMS = 1000
HEADER_SEARCH = 20
NOT_ASSESSED = "not assessed"
NOT_APPLICABLE = "n/a"  # what a cell says for a practice that does not apply (a level of its own kind)
_NOT_APPLICABLE = {"n/a", "na", "not applicable"}

# Long-table headers, by name_key.
_SYSTEM = {"system", "systems", "system name"}
_PRACTICE_ID = {"practice id", "practice_id", "id"}
_PRACTICE = {"practice", "practice name"}
_FIELDS = {
    "current": "current",
    "current score": "current",
    "current level": "current_level",
    "target": "target",
    "target score": "target",
    "target level": "target_level",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "comments": "note",
    "confidence": "confidence",
}
# Columns gapradar's exports compute: read past, never reported.
_COMPUTED = {"gap", "rank", "mean current", "mean target", "mean gap", "systems assessed"}
_MATRIX_COMPUTED = {"confidence"}  # the matrix's count of confidence marks per system
_WHOLE = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_LABEL = re.compile(r"^([+-]?\d+)\s*[-–—:.]?\s+(.+)$")


def column_letter(column: int) -> str:
    """A spreadsheet's name for a 1-based column: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class CellProblem:
    """A cell that cannot be placed: where it is (1-based row and column, as the spreadsheet shows) and why."""

    row: int
    column: int
    header: str
    reason: str

    @property
    def cell(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    def __str__(self) -> str:
        header = f" ({self.header})" if self.header else ""
        return f"row {self.row}, column {column_letter(self.column)}{header}: {self.reason}"


@dataclass(frozen=True)
class ImportedRating:
    """What the table says about one rating; a field the table leaves blank keeps what is there.

    "n/a" in a level cell marks the whole rating as not applicable; a level
    given for a practice marked n/a makes it apply again.
    """

    current: int | None = None
    target: int | None = None
    note: str | None = None
    given: frozenset[str] = frozenset()
    not_applicable: bool = False
    confidence: int | None = None

    def over(self, rating: Rating) -> Rating:
        note = self.note if self.note is not None else rating.note
        if self.not_applicable:
            return Rating(
                note=note, votes=rating.votes, target_votes=rating.target_votes, not_applicable=True
            )
        levels_given = bool(self.given & {"current", "target"})
        return Rating(
            self.current if "current" in self.given else rating.current,
            self.target if "target" in self.given else rating.target,
            note,
            not_applicable=rating.not_applicable and not levels_given,
            confidence=self.confidence if "confidence" in self.given else rating.confidence,
        )


@dataclass(frozen=True)
class Change:
    system: str
    practice: Practice
    before: Rating
    after: Rating


@dataclass
class TableImport:
    """Everything a table says, placed: ratings by (system, practice id), new systems, problems."""

    source: str
    layout: str  # "matrix" or "long"
    ratings: dict[tuple[str, str], ImportedRating] = field(default_factory=dict)
    new_systems: list[str] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    total_problems: int = 0
    notes: list[str] = field(default_factory=list)
    sheet: str = ""  # the workbook's sheet read ("" for CSV)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook

    def changes(self, assessment: Assessment) -> list[Change]:
        """The ratings that would differ after the import, in the table's order."""
        out = []
        for (system, pid), imported in self.ratings.items():
            try:
                before = assessment.system(system).rating(pid)
            except KeyError:
                before = Rating()
            after = imported.over(before)
            if after != before:
                out.append(Change(system, assessment.model.practice(pid), before, after))
        return out

    def apply_to(self, assessment: Assessment) -> None:
        """Add the new systems and set the ratings (the command line's way; the window uses undo)."""
        for name in self.new_systems:
            if name not in assessment.system_names():
                assessment.systems.append(System(name, id=assessment.unique_id(name)))
        for change in self.changes(assessment):
            assessment.system(change.system).set_rating(change.practice.id, change.after)


def import_table(
    path: str | os.PathLike[str], assessment: Assessment, sheet: str | None = None
) -> TableImport:
    """Read a CSV or XLSX file and place its cells on `assessment`'s model and systems.

    Without a `sheet`, a workbook's first sheet that holds a table of ratings is read.
    """
    grids = read_grids(path, sheet)
    first_error: LoadError | None = None
    for grid in grids:
        try:
            result = place(grid, assessment, str(path))
        except LoadError as e:
            first_error = first_error or e
            continue
        return result
    assert first_error is not None
    raise first_error


def place(grid: Grid, assessment: Assessment, name: str = "<table>") -> TableImport:
    """A grid's cells placed on the assessment; a grid with no recognisable header is a LoadError."""
    placer = _Placer(grid, assessment)
    for r, row in enumerate(grid.rows[:HEADER_SEARCH]):
        headers = [_text(v) for v in row]
        if placer.try_long(r, headers) or placer.try_matrix(r, headers):
            return placer.result
    raise LoadError(
        [
            Problem(
                name,
                1,
                1,
                "no table of ratings found: gapradar reads either a row of practice names with one row "
                "per system below (the matrix it exports), or columns named System, Practice, Current, "
                "Target and Note (one row per rating)",
            )
        ]
    )


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


class _Placer:
    def __init__(self, grid: Grid, assessment: Assessment) -> None:
        self.grid, self.a = grid, assessment
        model = assessment.model
        self.model = model
        self.practice_by_key = {name_key(p.name): p for p in model.practices}
        self.practice_by_id = {name_key(p.id): p for p in model.practices}
        self.system_by_key = {name_key(s): s for s in assessment.system_names()}
        self.result = TableImport(grid.source, "", sheet=grid.sheet, sheets=grid.sheets)
        self.result.notes.extend(grid.notes)
        self.headers: list[str] = []
        self.problems: list[CellProblem] = []
        self.unknown: set[str] = set()

    # ------------------------------------------------------------ shared

    def problem(self, row: int, col: int, reason: str) -> None:
        header = self.headers[col] if col < len(self.headers) else ""
        self.problems.append(CellProblem(row + 1, col + 1, header, reason))

    def finish(self, layout: str) -> bool:
        self.result.layout = layout
        self.problems.sort()
        self.result.total_problems = len(self.problems)
        self.result.problems = self.problems[:MAX_PROBLEMS]
        return True

    def practice(self, text: str) -> Practice | None:
        key = name_key(text)
        return self.practice_by_key.get(key) or self.practice_by_id.get(key)

    def system(self, r: int, c: int, value: Value) -> str | None:
        """The system a cell names (an existing one, or a new one recorded as such), or None after a problem."""
        text = _text(value)
        if not text:
            return None
        why = name_problem(text)
        if why:
            self.problem(r, c, f"the system name {why}; this row is left out")
            return None
        key = name_key(text)
        if key not in self.system_by_key:
            self.system_by_key[key] = text
            self.unknown.add(text)
        return self.system_by_key[key]

    def keep(self, system: str) -> None:
        """A system the assessment lacks becomes new once the table places something on it."""
        if system in self.unknown:
            self.unknown.discard(system)
            self.result.new_systems.append(system)

    def level(self, value: Value) -> tuple[bool, int | str | None, str]:
        """(given, score, problem): a blank cell is not given; a problem leaves the cell out.

        The score is NOT_APPLICABLE for a cell that says "n/a".
        """
        model = self.model
        if isinstance(value, bool):
            return True, None, f"{value} is not a level"
        text = _text(value)
        if isinstance(value, (int, float)) or _NUMBER.match(text):
            number = float(value) if isinstance(value, (int, float)) else float(text.replace(",", "."))
            if not number.is_integer():
                return (
                    True,
                    None,
                    f"{text[:60]} is not a level: levels are whole scores ({_scores(model)})",
                )
            return self._score(int(number))
        if not text:
            return False, None, ""
        key = name_key(text)
        if key == NOT_ASSESSED:
            return True, None, ""
        if key in _NOT_APPLICABLE:
            return True, NOT_APPLICABLE, ""
        for lv in model.levels:
            if name_key(lv.name) == key:
                return True, lv.score, ""
        if m := _LABEL.match(text):
            given, score, why = self._score(int(m.group(1)))
            if why:
                return given, score, why
            named = model.level(score)
            if named is not None and name_key(named.name) == name_key(m.group(2)):
                return True, score, ""
        return True, None, f"no level is named {text[:60]!r}; the levels are {_names(model)}"

    def _score(self, score: int) -> tuple[bool, int | None, str]:
        if self.model.level(score) is None:
            return True, None, f"no level has the score {score}; the scores are {_scores(self.model)}"
        return True, score, ""

    # ------------------------------------------------------------ matrix

    def try_matrix(self, header_row: int, headers: list[str]) -> bool:
        columns = {c: p for c, h in enumerate(headers) if (p := self.practice(h)) is not None}
        if not columns:
            return False
        self.headers = headers
        first = min(columns)
        system_col = next((c for c in range(first - 1, -1, -1) if headers[c]), None)
        if system_col is None:
            return False
        for c in range(system_col):
            if headers[c]:
                self.problem(
                    header_row, c, f"not read: the system names are in column {column_letter(system_col + 1)}"
                )
        seen: dict[str, int] = {}
        used: set[int] = set()
        for c, h in enumerate(headers):
            if c <= system_col or c in columns:
                if c in columns and columns[c].id in seen:
                    first_col = seen[columns[c].id]
                    self.problem(
                        header_row,
                        c,
                        f"{columns[c].name!r} has a column already ({column_letter(first_col + 1)}); "
                        "this column is left out",
                    )
                elif c in columns:
                    seen[columns[c].id] = c
                    used.add(c)
                continue
            if name_key(h) in _COMPUTED or name_key(h) in _MATRIX_COMPUTED:
                continue
            filled = sum(1 for row in self.grid.rows[header_row + 1 :] if c < len(row) and _text(row[c]))
            if h:
                self.problem(
                    header_row, c, f"the model has no practice named {h[:60]!r}; {filled} cells left out"
                )
            elif filled:
                self.problem(
                    header_row, c, f"no practice named in this column's header; {filled} cells left out"
                )
        rows_of: dict[str, int] = {}
        for r in range(header_row + 1, len(self.grid.rows)):
            row = self.grid.rows[r]
            cells = {c: row[c] for c in used if c < len(row) and _text(row[c])}
            name = _text(row[system_col]) if system_col < len(row) else ""
            if not name:
                if cells:
                    self.problem(r, system_col, f"no system named in this row; {len(cells)} levels left out")
                continue
            system = self.system(r, system_col, row[system_col])
            if system is None:
                continue
            if system in rows_of:
                self.problem(
                    r,
                    system_col,
                    f"{system!r} has a row already (row {rows_of[system] + 1}); this row is left out",
                )
                continue
            rows_of[system] = r
            if not cells:
                self.keep(system)  # a row of blanks lists a system still to be rated
            for c in sorted(cells):
                given, score, why = self.level(cells[c])
                if why:
                    self.problem(r, c, why)
                elif given:
                    self.keep(system)
                    self.result.ratings[(system, columns[c].id)] = (
                        ImportedRating(given=frozenset({"current"}), not_applicable=True)
                        if score == NOT_APPLICABLE
                        else ImportedRating(current=score, given=frozenset({"current"}))  # type: ignore[arg-type]
                    )
        return self.finish("matrix")

    # ------------------------------------------------------------ long table

    def try_long(self, header_row: int, headers: list[str]) -> bool:
        keys = [name_key(h) for h in headers]
        label = name_key(self.a.systems_label)
        system_col = next((c for c, k in enumerate(keys) if k in _SYSTEM or (k and k == label)), None)
        id_col = next((c for c, k in enumerate(keys) if k in _PRACTICE_ID), None)
        name_col = next((c for c, k in enumerate(keys) if k in _PRACTICE), None)
        fields = {c: _FIELDS[k] for c, k in enumerate(keys) if k in _FIELDS}
        if system_col is None or (id_col is None and name_col is None) or not fields:
            return False
        self.headers = headers
        known = {system_col, id_col, name_col, *fields}
        for c, k in enumerate(keys):
            if c not in known and k and k not in _COMPUTED:
                self.problem(header_row, c, f"gapradar does not read a column named {headers[c][:60]!r}")
        rows_of: dict[tuple[str, str], int] = {}
        for r in range(header_row + 1, len(self.grid.rows)):
            row = self.grid.rows[r] + [None] * (len(headers) - len(self.grid.rows[r]))
            if not any(_text(v) for v in row):
                continue
            if not _text(row[system_col]):
                self.problem(r, system_col, "no system named in this row; the row is left out")
                continue
            practice, col = self._practice_of(r, row, id_col, name_col)
            if practice is None:
                continue
            system = self.system(r, system_col, row[system_col])
            if system is None:
                continue
            if (system, practice.id) in rows_of:
                first = rows_of[(system, practice.id)] + 1
                self.problem(
                    r,
                    col,
                    f"a second row for {system} × {practice.name} (the first is row {first}); left out",
                )
                continue
            rows_of[(system, practice.id)] = r
            try:
                before = self.a.system(system).rating(practice.id)
            except KeyError:
                before = Rating()
            imported = self._rating(r, row, fields, before)
            if imported.given or imported.note is not None:
                self.keep(system)
                self.result.ratings[(system, practice.id)] = imported
        return self.finish("long")

    def _practice_of(
        self, r: int, row: list[Value], id_col: int | None, name_col: int | None
    ) -> tuple[Practice | None, int]:
        by_id = self.practice_by_id.get(name_key(_text(row[id_col]))) if id_col is not None else None
        named = _text(row[name_col]) if name_col is not None else ""
        by_name = self.practice(named) if named else None
        col = id_col if id_col is not None and _text(row[id_col]) else name_col
        assert col is not None
        if by_id is not None:
            return by_id, col  # ids outlive renames: an old export still reads after a practice is renamed
        if by_name is not None:
            return by_name, name_col if name_col is not None else col
        shown = _text(row[col]) or named
        if not shown:
            self.problem(r, col, "no practice named in this row; the row is left out")
        else:
            self.problem(r, col, f"the model has no practice {shown[:60]!r}; the row is left out")
        return None, col

    def _rating(self, r: int, row: list[Value], fields: dict[int, str], before: Rating) -> ImportedRating:
        """The row's rating. Where the score and the level name disagree and one of them still says
        what the assessment says, the other is the edit (people change one column of an export)."""
        values: dict[str, int | str | None] = {}
        given: set[str] = set()
        note: str | None = None
        where: dict[str, int] = {}
        for which in ("current", "target"):
            score_col = next((c for c, f in fields.items() if f == which), None)
            level_col = next((c for c, f in fields.items() if f == f"{which}_level"), None)
            was = NOT_APPLICABLE if before.not_applicable else getattr(before, which)
            got: dict[int, int | str | None] = {}
            for c in (score_col, level_col):
                if c is None:
                    continue
                present, score, why = self.level(row[c])
                if why:
                    self.problem(r, c, why)
                elif present:
                    got[c] = score
                    where[which] = c
            edited = [s for s in got.values() if s != was]
            if len(set(got.values())) > 1 and len(edited) == 1:
                values[which] = edited[0]
                given.add(which)
            elif len(set(got.values())) > 1:
                assert level_col is not None and score_col is not None
                self.problem(
                    r,
                    level_col,
                    f"says {self._label(got[level_col])} but column "
                    f"{column_letter(score_col + 1)} says {self._label(got[score_col])}; left out",
                )
            elif got:
                values[which] = next(iter(got.values()))
                given.add(which)
        for c, f in fields.items():
            if f == "note" and (text := str(row[c]).strip() if row[c] is not None else ""):
                bad = text_problem(text)
                if bad:
                    self.problem(r, c, f"the note {bad}")
                else:
                    note = text
        confidence = self._confidence(r, row, fields)
        if confidence is not False:
            given.add("confidence")
        marked = [w for w in ("current", "target") if values.get(w) == NOT_APPLICABLE]
        if marked:
            levels = [w for w in ("current", "target") if w in given and values.get(w) != NOT_APPLICABLE]
            if levels:
                other = levels[0]
                self.problem(
                    r,
                    where[other],
                    f"{marked[0]} is n/a (the practice does not apply) but {other} is "
                    f"{self._label(values[other])}; n/a is for current and target together, so both are left out",
                )
                given -= {"current", "target"}
            else:
                if "confidence" in given and confidence is not None:
                    self.problem(
                        r,
                        next(c for c, f in fields.items() if f == "confidence"),
                        "a practice that does not apply (n/a) has no confidence mark; the mark is left out",
                    )
                return ImportedRating(note=note, given=frozenset(given), not_applicable=True)
        return ImportedRating(
            values.get("current"),  # type: ignore[arg-type]  # n/a was handled above
            values.get("target"),  # type: ignore[arg-type]
            note,
            frozenset(given),
            confidence=confidence if confidence is not False else None,
        )

    def _label(self, value: int | str | None) -> str:
        return NOT_APPLICABLE if value == NOT_APPLICABLE else self.model.level_label(value)  # type: ignore[arg-type]

    def _confidence(self, r: int, row: list[Value], fields: dict[int, str]) -> int | bool | None:
        """The confidence mark a row gives: an index, None for "none", False when the cell is blank
        (or cannot be read: then a problem says why)."""
        col = next((c for c, f in fields.items() if f == "confidence"), None)
        text = _text(row[col]) if col is not None else ""
        if col is None or not text:
            return False
        if name_key(text) in ("none", "not marked"):
            return None
        index = self.model.confidence_index(text)
        if index is None:
            self.problem(
                r,
                col,
                f"{text[:60]!r} is not a confidence mark; this model's are {', '.join(self.model.confidence)}",
            )
            return False
        return index


def _scores(model: MaturityModel) -> str:
    scores = model.scores
    if list(scores) == list(range(scores[0], scores[-1] + 1)):
        return f"{scores[0]} to {scores[-1]}"
    return ", ".join(str(s) for s in scores)


def _names(model: MaturityModel) -> str:
    names = ", ".join(f"{lv.name!r}" for lv in model.levels[:8])
    return names + (", …" if len(model.levels) > 8 else "")
