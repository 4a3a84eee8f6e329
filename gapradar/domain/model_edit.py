"""Editing a maturity model, as pure functions: each returns the new model and the ratings it implies.

Ratings follow practice ids, so renaming or moving a practice never touches
them; removing a practice drops its ratings; removing a level or changing its
score moves the ratings that used it. Every result is checked against the
model's rules, so an edit that would break them is refused with the rule's own
words and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gapradar.domain.assessment import Assessment, Rating
from gapradar.domain.model import Level, MaturityModel, Practice
from gapradar.domain.names import clean, name_key, name_problem, slug
from gapradar.domain.votes import Votes

Ratings = dict[str, dict[str, Rating]]  # system name -> practice id -> rating


class ModelRuleError(ValueError):
    """The edit would break a rule of the model; the message says which, in the user's words."""


@dataclass(frozen=True)
class ModelEdit:
    model: MaturityModel
    ratings: Ratings | None = None  # None: the ratings do not change


def ratings_of(a: Assessment) -> Ratings:
    return {s.name: dict(s.ratings) for s in a.systems}


def _checked(model: MaturityModel, ratings: Ratings | None = None) -> ModelEdit:
    problems = model.problems()
    if problems:
        raise ModelRuleError(problems[0].message)
    return ModelEdit(model, ratings)


def _name(text: str, what: str) -> str:
    name = clean(text)
    problem = name_problem(name)
    if problem is not None:
        raise ModelRuleError(f"the {what} name “{name}” {problem}")
    return name


def _unique_practice_name(model: MaturityModel, name: str, except_id: str | None = None) -> None:
    for p in model.practices:
        if p.id != except_id and name_key(p.name) == name_key(name):
            raise ModelRuleError(f"there is already a practice named “{p.name}”")


# ---------------------------------------------------------------- practices


def add_practice(model: MaturityModel, name: str, index: int | None = None) -> ModelEdit:
    name = _name(name, "practice")
    _unique_practice_name(model, name)
    practice = Practice(slug(name, set(model.practice_ids), fallback="practice"), name)
    practices = list(model.practices)
    practices.insert(len(practices) if index is None else index, practice)
    return _checked(replace(model, practices=tuple(practices)))


def change_practice(
    model: MaturityModel,
    practice_id: str,
    name: str | None = None,
    description: str | None = None,
    group: str | None = None,
) -> ModelEdit:
    """Rename, describe or group a practice; its id, and so its ratings, stay."""
    practice = model.practice(practice_id)
    if name is not None:
        name = _name(name, "practice")
        _unique_practice_name(model, name, except_id=practice_id)
    changed = replace(
        practice,
        name=practice.name if name is None else name,
        description=practice.description if description is None else description.strip(),
        group=practice.group if group is None else clean(group),
    )
    practices = tuple(changed if p.id == practice_id else p for p in model.practices)
    return _checked(replace(model, practices=practices))


def move_practice(model: MaturityModel, practice_id: str, to_index: int) -> ModelEdit:
    practices = list(model.practices)
    practice = practices.pop(model.practice_index(practice_id))
    practices.insert(max(0, min(to_index, len(practices))), practice)
    return _checked(replace(model, practices=tuple(practices)))


def remove_practice(model: MaturityModel, ratings: Ratings, practice_id: str) -> ModelEdit:
    practices = tuple(p for p in model.practices if p.id != practice_id)
    if len(practices) < 3:
        raise ModelRuleError("a radar needs at least 3 practices; add another before removing this one")
    kept = {name: {pid: r for pid, r in rs.items() if pid != practice_id} for name, rs in ratings.items()}
    return _checked(replace(model, practices=practices), kept)


def ratings_on_practice(ratings: Ratings, practice_id: str) -> int:
    return sum(1 for rs in ratings.values() if practice_id in rs)


# ---------------------------------------------------------------- levels


def _unique_level_name(model: MaturityModel, name: str, except_score: int | None = None) -> None:
    for lv in model.levels:
        if lv.score != except_score and name_key(lv.name) == name_key(name):
            raise ModelRuleError(f"there is already a level named “{lv.name}”")


def add_level(model: MaturityModel, name: str, score: int | None = None) -> ModelEdit:
    """A new level, by default one above the highest."""
    name = _name(name, "level")
    _unique_level_name(model, name)
    if score is None:
        score = model.max_score + 1 if model.levels else 0
    if score in model.scores:
        raise ModelRuleError(f"there is already a level with the score {score}")
    return _checked(replace(model, levels=(*model.levels, Level(score, name))))


def change_level(
    model: MaturityModel, score: int, name: str | None = None, description: str | None = None
) -> ModelEdit:
    level = model.level(score)
    if level is None:
        raise ModelRuleError(f"there is no level with the score {score}")
    if name is not None:
        name = _name(name, "level")
        _unique_level_name(model, name, except_score=score)
    changed = replace(
        level,
        name=level.name if name is None else name,
        description=level.description if description is None else description.strip(),
    )
    levels = tuple(changed if lv.score == score else lv for lv in model.levels)
    return _checked(replace(model, levels=levels))


def _remap(ratings: Ratings, mapping: dict[int, int | None]) -> Ratings:
    """Levels renumbered or removed: ratings and the room's votes follow (a vote for a removed
    level goes where its ratings go; to "not sure" when they go to not assessed)."""

    def move(value: int | None) -> int | None:
        return mapping.get(value, value) if value is not None else None

    def move_votes(votes: Votes | None) -> Votes | None:
        if votes is None:
            return None
        counts: dict[int, int] = {}
        unsure = votes.unsure
        for score, n in votes.counts:
            to = move(score)
            if to is None:
                unsure += n
            else:
                counts[to] = counts.get(to, 0) + n
        return Votes.of(counts, unsure)

    return {
        name: {
            pid: replace(
                r,
                current=move(r.current),
                target=move(r.target),
                votes=move_votes(r.votes),
                target_votes=move_votes(r.target_votes),
            )
            for pid, r in rs.items()
        }
        for name, rs in ratings.items()
    }


def change_score(model: MaturityModel, ratings: Ratings, score: int, new_score: int) -> ModelEdit:
    """A level's new number; the ratings at that level keep the level, so they move with it."""
    if new_score == score:
        return ModelEdit(model)
    if new_score in model.scores:
        raise ModelRuleError(f"there is already a level with the score {new_score}")
    levels = tuple(replace(lv, score=new_score) if lv.score == score else lv for lv in model.levels)
    return _checked(replace(model, levels=levels), _remap(ratings, {score: new_score}))


def remove_level(model: MaturityModel, ratings: Ratings, score: int, move_to: int | None) -> ModelEdit:
    """Remove a level; ratings at it go to `move_to` (another level's score) or to not assessed."""
    if len(model.levels) <= 2:
        raise ModelRuleError("the model needs at least 2 levels; add another before removing this one")
    if move_to == score or (move_to is not None and move_to not in model.scores):
        raise ModelRuleError("the ratings must go to another level of the model, or to not assessed")
    levels = tuple(lv for lv in model.levels if lv.score != score)
    return _checked(replace(model, levels=levels), _remap(ratings, {score: move_to}))


def ratings_at_level(ratings: Ratings, score: int) -> int:
    return sum(1 for rs in ratings.values() for r in rs.values() if score in (r.current, r.target))


# ---------------------------------------------------------------- new assessments


def blank_model(level_count: int, title: str = "New maturity model") -> MaturityModel:
    """A model to shape in the editor: three practices (a radar's least) and `level_count` levels from 1."""
    if not 2 <= level_count <= 10:
        raise ModelRuleError("a new model has between 2 and 10 levels (more can be added in the editor)")
    practices = tuple(Practice(f"practice-{i}", f"Practice {i}") for i in range(1, 4))
    levels = tuple(Level(i, f"Level {i}") for i in range(1, level_count + 1))
    return _checked(MaturityModel(title, practices, levels)).model


def systems_from_text(text: str) -> list[str]:
    """One system per line, as typed or pasted from a spreadsheet column; blanks and repeats dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for line in text.splitlines():
        name = clean(line.split("\t")[0])
        if not name:
            continue
        problem = name_problem(name)
        if problem is not None:
            raise ModelRuleError(f"the system name “{name}” {problem}")
        if name_key(name) not in seen:
            seen.add(name_key(name))
            names.append(name)
    return names
