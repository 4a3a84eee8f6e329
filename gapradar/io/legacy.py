"""Import of the original browser tool's data file (a JavaScript module).

That file assigns JavaScript literals to variables (categories, maturity levels,
applications, one `{app, axis, value}` object per pair), often referring to
earlier ones as `CATEGORIES[0]`, and returns them in an object. legacy_js reads
just that subset of JavaScript, never executing anything. The result passes the
same checks as `gapradar validate` before anything is written, and every
problem points into the JavaScript file, where the user can fix it.
"""

from __future__ import annotations

from typing import Any

from gapradar.domain import Assessment, Level, Link, MaturityModel, Practice, Rating, System
from gapradar.domain.assessment import Round
from gapradar.domain.names import Slugs, clean, name_key, name_problem, slug, text_problem
from gapradar.io.errors import Lines, LoadError, Problem
from gapradar.io.legacy_js import Parser, Unsupported
from gapradar.io.yaml_format import dumps, loads

UNRANKED = -2


def _field(data: dict[str, Any], *names: str) -> tuple[Any, str | None]:
    """The value of the first of `names` in `data` (any case), and the key it had."""
    for name in names:
        for key, value in data.items():
            if key.lower() == name.lower():
                return value, key
    return None, None


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Importer:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name
        self.problems: list[Problem] = []
        self.lines = Lines(text)
        self.parser: Parser

    def at(self, pos: int, message: str) -> None:
        line, col = self.lines.line_col(pos)
        self.problems.append(Problem(self.name, line, col, message))

    def fail_if_any(self) -> None:
        if self.problems:
            raise LoadError(self.problems)

    def where(self, data: dict[str, Any], key: str | None) -> int:
        """Where the value of `key` is written: in the returned object, or in its assignment."""
        if key is None:
            return 0
        in_object = self.parser.key_pos.get(id(data), {})
        return in_object.get(key, self.parser.var_pos.get(key, 0))

    def run(self) -> Assessment:
        try:
            self.parser = Parser(self.text)
            self.parser.run()
        except Unsupported as e:
            self.at(e.pos, f"cannot read the original tool's data file here: {e}")
            raise LoadError(self.problems) from None
        p = self.parser
        data = p.returned if p.returned is not None else p.vars
        categories, _ = _field(data, "categories")
        levels_raw, _ = _field(data, "maturityLevels", "MATURITY_LEVELS")
        points, _ = _field(data, "maturityData")
        for label, value in (
            ("categories", categories),
            ("maturityLevels", levels_raw),
            ("maturityData", points),
        ):
            if isinstance(value, list):
                continue
            failure = p.failures.get(label.lower()) or (
                p.failures.get("maturity_levels") if label == "maturityLevels" else None
            )
            if failure is not None:
                self.at(failure.pos, f"cannot read the {label} list here: {failure}")
            else:
                self.at(0, f"no {label} list found; this does not look like the original tool's data file")
        self.fail_if_any()

        practices, practice_pos = self.practices(categories)
        levels, level_pos = self.levels(levels_raw)
        model = self.model(data, practices, levels)
        self.check_model(model, practice_pos, level_pos)
        systems = self.systems(data, points, {p.name: p.id for p in practices}, {lv.score for lv in levels})
        self.fail_if_any()
        assessment = Assessment(
            model=model,
            title=self.text_field(data, "pageTitle"),
            systems=systems,
            systems_label=self.text_field(data, "legendTitle") or "Systems",
        )
        self.fail_if_any()
        return assessment

    def practices(self, categories: list[Any]) -> tuple[tuple[Practice, ...], dict[int, int]]:
        positions = self.parser.item_pos.get(id(categories), [])
        slugs = Slugs()
        practices, where = [], {}
        for i, c in enumerate(categories):
            pos = positions[i] if i < len(positions) else 0
            if not isinstance(c, str):
                self.at(pos, "every category must be a text (the name of a practice)")
                continue
            problem = name_problem(c)
            if problem is not None:
                self.at(pos, f"the category {_quote(c)} {problem}")
                continue
            practice = Practice(slugs.make(c, "practice"), clean(c))
            where[id(practice)] = pos
            practices.append(practice)
        return tuple(practices), where

    def levels(self, levels_raw: list[Any]) -> tuple[tuple[Level, ...], dict[int, int]]:
        levels, where = [], {}
        for lv in levels_raw:
            pos = self.parser.offsets.get(id(lv), 0)
            fields: dict[str, Any] = lv if isinstance(lv, dict) else {}
            score, _ = _field(fields, "score")
            title, _ = _field(fields, "definition", "name")
            if not isinstance(score, int) or isinstance(score, bool) or not isinstance(title, str):
                self.at(pos, "a maturity level needs a whole-number score and a definition (its name)")
                continue
            if score == UNRANKED:
                continue
            problem = name_problem(title)
            if problem is not None:
                self.at(pos, f"the maturity level {score}'s definition {_quote(title)} {problem}")
                continue
            level = Level(score, clean(title))
            where[id(level)] = pos
            levels.append(level)
        return tuple(levels), where

    def model(
        self, data: dict[str, Any], practices: tuple[Practice, ...], levels: tuple[Level, ...]
    ) -> MaturityModel:
        links = []
        link, _ = _field(data, "referenceLink")
        link_title, _ = _field(data, "referenceLinkTitle")
        if isinstance(link, str) and link.strip() and text_problem(link) is None:
            shown = link_title if isinstance(link_title, str) and link_title.strip() else link
            if text_problem(shown) is None:
                links.append(Link(shown.strip(), link.strip()))
        return MaturityModel(
            title="Imported maturity model",
            practices=practices,
            levels=levels,
            description=f"Imported from the original tool's data file {self.name}.",
            links=tuple(links),
        )

    def check_model(
        self, model: MaturityModel, practice_pos: dict[int, int], level_pos: dict[int, int]
    ) -> None:
        """The model's own rules (domain), each put where the category or level is written."""
        where = {**practice_pos, **level_pos}
        for rule in model.problems():
            if rule.subject is None:
                what = "categories" if rule.field == "practices" else "maturity levels besides Unranked (-2)"
                self.at(0, rule.message.replace("practices", "categories").replace("levels", what, 1))
                continue
            message = (
                rule.message.replace("practices", "categories")
                .replace("practice", "category")
                .replace("level", "maturity level")
            )
            if rule.first is not None:
                line, _ = self.lines.line_col(where.get(id(rule.first), 0))
                message += f" (first on line {line})"
            self.at(where.get(id(rule.subject), 0), message)

    def systems(
        self, data: dict[str, Any], points: list[Any], by_name: dict[str, str], scores: set[int]
    ) -> list[System]:
        systems: dict[str, System] = {}
        first_spelling: dict[str, tuple[str, int]] = {}

        def system(app: Any, pos: int) -> System | None:
            if not isinstance(app, str):
                self.at(pos, "an application must be named by a text")
                return None
            problem = name_problem(app)
            if problem is not None:
                self.at(pos, f"the application name {_quote(app)} {problem}")
                return None
            name, key = clean(app), name_key(app)
            if key in first_spelling and first_spelling[key][0] != name:
                first, first_pos = first_spelling[key]
                line, _ = self.lines.line_col(first_pos)
                self.at(
                    pos,
                    f"the applications {_quote(first)} (line {line}) and {_quote(name)} differ only in case, "
                    "spacing or invisible characters; gapradar needs names that look different",
                )
                return None
            first_spelling.setdefault(key, (name, pos))
            return systems.setdefault(key, System(name))

        apps, _ = _field(data, "applications")
        if isinstance(apps, list):
            positions = self.parser.item_pos.get(id(apps), [])
            for i, app in enumerate(apps):
                if not (isinstance(app, str) and not app.strip()):
                    system(app, positions[i] if i < len(positions) else 0)
        flat = [p for group in points for p in (group if isinstance(group, list) else [group])]
        allowed = ", ".join(str(s) for s in sorted(scores | {UNRANKED}))
        for point in flat:
            pos = self.parser.offsets.get(id(point), 0)
            if not isinstance(point, dict):
                self.at(pos, "each data point must be an object like {app: ..., axis: ..., value: ...}")
                continue
            app, _ = _field(point, "app")
            axis, _ = _field(point, "axis")
            value, _ = _field(point, "value")
            if app == "":
                continue  # the original's empty placeholder data set
            if app is None:
                self.at(pos, "a data point has no 'app' (system name)")
                continue
            if not isinstance(axis, str):
                self.at(pos, "the axis must be a category, written as its text or as CATEGORIES[n]")
                continue
            if axis.strip() not in by_name:
                self.at(pos, f"the axis {_quote(axis)} is not one of the categories")
                continue
            if not _whole(value) or (value != UNRANKED and value not in scores):
                shown = (
                    str(value).lower()
                    if isinstance(value, bool)
                    else _quote(value)
                    if isinstance(value, str)
                    else repr(value)[:30]
                )
                self.at(pos, f"the value {shown} is not a maturity level score ({allowed})")
                continue
            target = system(app, pos)
            if target is not None:
                target.set_rating(by_name[axis.strip()], Rating(None if value == UNRANKED else value))
        return list(systems.values())

    def text_field(self, data: dict[str, Any], key: str) -> str:
        value, found = _field(data, key)
        if not isinstance(value, str):
            return ""
        problem = text_problem(value)
        if problem is not None:
            self.at(self.where(data, found), f"{key} {problem}")
            return ""
        return value.strip()


def _quote(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def import_legacy(text: str, name: str = "<legacy>") -> Assessment:
    """Convert the original tool's data file; raise LoadError with problems located in it.

    The result is checked as `gapradar validate` checks a file, so what is
    written always opens.
    """
    assessment = _Importer(text, name).run()
    try:
        loads(dumps(assessment), name)
    except LoadError as e:  # a rule the checks above missed: still a message, still nothing written
        raise LoadError(
            [Problem(name, 1, 1, f"the converted file would not be valid: {p.message}") for p in e.problems]
        ) from None
    return assessment


def import_legacy_rounds(files: list[tuple[str, str]], labels: list[str]) -> Assessment:
    """A series of the original tool's data files as the rounds of one assessment, oldest first.

    `files` are (name, text) pairs, one per label. Systems are matched by name
    across files (case and spacing aside), so a system rated in 2016 and 2017 is
    one system with two rounds; one that appears later has no rating before. The
    files must share their practices and levels: a series rated against
    different models cannot be compared, and saying so beats guessing.
    """
    if len(files) != len(labels):
        raise LoadError(
            [
                Problem(
                    files[0][0] if files else "<legacy>",
                    1,
                    1,
                    f"{len(files)} data files but {len(labels)} round labels: give one label per file, in the same order",
                )
            ]
        )
    imported = [(name, import_legacy(text, name)) for name, text in files]
    first_name, first = imported[0]
    model = first.model
    for name, a in imported[1:]:
        if [p.name for p in a.model.practices] != [
            p.name for p in model.practices
        ] or a.model.scores != model.scores:
            raise LoadError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        f"its practices or levels differ from {first_name}'s: rounds compare one model over time",
                    )
                ]
            )
    systems: list[System] = []
    by_key: dict[str, System] = {}
    rounds: list[Round] = []
    taken: set[str] = set()
    for label, (_name, a) in zip(labels, imported, strict=True):
        ratings: dict[str, dict[str, Rating]] = {}
        for s in a.systems:
            key = name_key(s.name)
            if key not in by_key:
                by_key[key] = System(s.name, {}, slug(s.name, taken, fallback="system"))
                taken.add(by_key[key].id)
                systems.append(by_key[key])
            # practices line up by position: the files share the model's practice names
            ratings[by_key[key].id] = {
                p.id: s.rating(q.id)
                for p, q in zip(model.practices, a.model.practices, strict=True)
                if not s.rating(q.id).is_empty
            }
        rounds.append(Round(label, None, ratings))
    last = imported[-1][1]
    result = Assessment(model, last.title, systems, last.systems_label, last.description, rounds)
    try:
        loads(dumps(result), first_name)
    except LoadError as e:
        raise LoadError(
            [
                Problem(first_name, 1, 1, f"the converted rounds would not be valid: {p.message}")
                for p in e.problems
            ]
        ) from None
    return result
