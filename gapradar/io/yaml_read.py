"""Reading a composed gapradar document: the model, then the systems checked against it.

Every problem is recorded with its line and column, and reading goes on, so a
file is fixed in one pass. The model's own rules come from the domain
(MaturityModel.problems), put back where each practice or level is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from yaml.nodes import Node, ScalarNode, SequenceNode

from gapradar.domain import Assessment, Level, Link, MaturityModel, Practice, Rating, System, Votes
from gapradar.domain.assessment import Round
from gapradar.domain.model import CONFIDENCE, ID_PATTERN
from gapradar.domain.names import Slugs, name_key
from gapradar.io.yaml_nodes import (
    BOOL_TAG,
    INT_TAG,
    NULL_TAG,
    STR_TAG,
    NodeReader,
    describe,
    parse_int,
    quote,
)

FORMAT_KEY = "gapradar"
FORMAT_VERSION = 2  # 2: ratings kept per round; a version-1 file is read as one round
NOT_SURE = "not sure"  # the key counting votes that chose no level
NOT_APPLICABLE = "n/a"  # `current: n/a`: the practice does not apply to this system
MAX_VOTES = 100_000
MAX_RATINGS = 1_000_000  # the capacity: systems × practices, checked before the systems are read
RoundsReader = Callable[[MaturityModel, list[System]], list[Round]]


def read_document(r: NodeReader, root: Node, rounds_reader: RoundsReader | None = None) -> Assessment | None:
    """The assessment in a composed file, or None; every problem is recorded in `r`.

    `rounds_reader` reads a rounds section kept out of `root` (the fast path,
    io/yaml_fast_rounds.py); it raises NotFast when the careful way must read it.
    """
    top = r.mapping(
        root,
        "the file",
        required=(FORMAT_KEY, "model"),
        optional=("title", "description", "systems_label", "systems", "rounds"),
    )
    if top is None:
        return None
    version = _check_version(r, top[FORMAT_KEY]) if FORMAT_KEY in top else FORMAT_VERSION
    if version is None:
        return None
    model = _read_model(r, top["model"]) if "model" in top else None
    title = r.text(top.get("title"), "the title", required=False)
    description = r.text(top.get("description"), "the description", required=False)
    label = r.text(top.get("systems_label"), "systems_label", required=False)
    rated = version < 2  # version 1 keeps ratings under each system
    systems = _read_systems(r, top["systems"], model, rated) if "systems" in top else []
    rounds: list[Round] = []
    if rounds_reader is not None:
        from gapradar.io.yaml_fast_rounds import NotFast

        if rated or "rounds" in top or model is None or r.problems:
            raise NotFast
        rounds = rounds_reader(model, systems)
    elif "rounds" in top:
        if rated:
            r.problem(top["rounds"], f"rounds need file format 2 or later; write '{FORMAT_KEY}: 2' first")
        else:
            rounds = _read_rounds(r, top["rounds"], model, systems)
    if model is None or r.problems:
        return None
    return Assessment(
        model=model,
        title=title or "",
        systems=systems,
        systems_label=label or "Systems",
        description=description or "",
        rounds=rounds,
    )


def _check_version(r: NodeReader, node: Node) -> int | None:
    """The file's format version (the current one if unreadable); None for a newer format."""
    version = r.integer(node, f"'{FORMAT_KEY}' (the file format version)")
    if version is None:
        return FORMAT_VERSION
    if version > FORMAT_VERSION:
        r.problems.clear()  # keys of a newer format are expected; only this matters
        r.problem(
            node,
            f"this file uses gapradar file format {version}, newer than this gapradar "
            f"understands (format {FORMAT_VERSION}); update gapradar to open it",
        )
        return None
    if version < 1:
        r.problem(node, f"unknown file format version {version}; the current one is {FORMAT_VERSION}")
    return version


def _read_model(r: NodeReader, node: Node) -> MaturityModel | None:
    m = r.mapping(
        node,
        "the model",
        required=("title", "levels", "practices"),
        optional=("description", "links", "confidence"),
    )
    if m is None:
        return None
    title = r.text(m.get("title"), "the model's title")
    description = r.text(m.get("description"), "the model's description", required=False)
    links = _read_links(r, m["links"]) if "links" in m else ()
    located: dict[int, dict[str, Node]] = {}  # id(practice or level) -> its key nodes
    levels = _read_levels(r, m["levels"], located) if "levels" in m else None
    practices = _read_practices(r, m["practices"], located) if "practices" in m else None
    confidence = _read_confidence_words(r, m["confidence"]) if "confidence" in m else CONFIDENCE
    if title is None or levels is None or practices is None or links is None or confidence is None:
        return None
    model = MaturityModel(title, practices, levels, description or "", links, confidence)
    complete = {
        "levels": len(levels) == _count(m["levels"]),
        "practices": len(practices) == _count(m["practices"]),
    }
    for rule in model.problems():
        if rule.field == "confidence":
            r.problem(m.get("confidence", node), rule.message)
            continue
        if rule.subject is None:
            if complete[rule.field]:  # a count is only fair when every item could be read
                r.problem(m[rule.field], rule.message)
            continue
        nodes = located[id(rule.subject)]
        message = rule.message
        if rule.first is not None:
            message += f" (first on line {located[id(rule.first)][rule.field].start_mark.line + 1})"
        r.problem(nodes[rule.field], message)
    return model


def _read_confidence_words(r: NodeReader, node: Node) -> tuple[str, ...] | None:
    """`confidence: [claimed, evidenced, verified]`: the model's words for the marks, weakest first."""
    items = r.sequence(node, "the model's confidence words")
    if items is None:
        return None
    words = [r.name(item, "a confidence word") for item in items]
    if any(w is None for w in words):
        return None
    return tuple(w for w in words if w is not None)


def _count(node: Node) -> int:
    return len(node.value) if isinstance(node, SequenceNode) else 0


def _read_links(r: NodeReader, node: Node) -> tuple[Link, ...] | None:
    items = r.sequence(node, "the model's links")
    if items is None:
        return None
    links = []
    for item in items:
        m = r.mapping(item, "a link", required=("title", "url"))
        if m is None:
            continue
        title, url = r.text(m.get("title"), "a link's title"), r.text(m.get("url"), "a link's url")
        if title is not None and url is not None:
            links.append(Link(title.strip(), url.strip()))
    return tuple(links)


def _read_levels(r: NodeReader, node: Node, located: dict[int, dict[str, Node]]) -> tuple[Level, ...] | None:
    items = r.sequence(node, "the model's levels")
    if items is None:
        return None
    levels: list[Level] = []
    for item in items:
        m = r.mapping(item, "a level", required=("score", "name"), optional=("description",))
        if m is None:
            continue
        score = r.integer(m["score"], "a level's score") if "score" in m else None
        name = r.name(m.get("name"), "a level's name")
        description = r.text(m.get("description"), "a level's description", required=False)
        if score is None or name is None:
            continue
        level = Level(score, name, (description or "").strip())
        located[id(level)] = m
        levels.append(level)
    return tuple(levels)


def _read_practices(
    r: NodeReader, node: Node, located: dict[int, dict[str, Node]]
) -> tuple[Practice, ...] | None:
    items = r.sequence(node, "the model's practices")
    if items is None:
        return None
    practices: list[Practice] = []
    for item in items:
        m = r.mapping(item, "a practice", required=("id", "name"), optional=("description", "group"))
        if m is None:
            continue
        pid = r.text(m.get("id"), "a practice's id")
        name = r.name(m.get("name"), "a practice's name")
        description = r.text(m.get("description"), "a practice's description", required=False)
        group = r.text(m.get("group"), "a practice's group", required=False)
        if pid is None or name is None:
            continue
        practice = Practice(pid.strip(), name, (description or "").strip(), (group or "").strip())
        located[id(practice)] = m
        practices.append(practice)
    return tuple(practices)


def _read_systems(r: NodeReader, node: Node, model: MaturityModel | None, rated: bool = True) -> list[System]:
    """The systems; with `rated` (format 1) each with its ratings, else names and ids only."""
    items = r.sequence(node, "systems")
    if items is None:
        return []
    if model is not None and len(items) * len(model.practices) > MAX_RATINGS:
        r.problem(
            node,
            f"{len(items):,} systems × {len(model.practices)} practices is more than gapradar's capacity of "
            f"{MAX_RATINGS:,} ratings; split the assessment into several files",
        )
        return []
    systems: list[System] = []
    names: dict[str, Node] = {}
    ids: dict[str, Node] = {}
    derived: list[System] = []
    known = _Known(model)
    for item in items:
        m = r.mapping(item, "a system", required=("name",), optional=("id", "ratings"))
        if m is None:
            continue
        if "ratings" in m and not rated:
            r.problem(
                m["ratings"],
                "in file format 2 a system's ratings are kept per round, under 'rounds:' (see docs/file-format.md)",
            )
        name = r.name(m.get("name"), "a system's name")
        if name is not None:
            key = name_key(name)
            if key in names:
                first = names[key].start_mark.line + 1
                r.problem(
                    m["name"],
                    f"two systems are named {quote(name)} (first on line {first}); system names must be "
                    "different (case, spacing and invisible characters do not count)",
                )
                name = None
            else:
                names[key] = m["name"]
        system_id = _read_system_id(r, m.get("id"), ids)
        ratings = _read_ratings(r, m["ratings"], known, name) if "ratings" in m and rated else {}
        if name is not None and system_id is not None:
            system = System(name, ratings, system_id)
            systems.append(system)
            if not system_id:
                derived.append(system)
    # Systems without an id get one from their name, clear of every id the file gives.
    slugs = Slugs(set(ids))
    for system in derived:
        system.id = slugs.make(system.name, "system")
    return systems


def _read_system_id(r: NodeReader, node: Node | None, ids: dict[str, Node]) -> str | None:
    """The id a file gives a system; "" when it gives none (one is made from the name)."""
    return _read_id(r, node, ids, "system", "systems")


def _read_id(r: NodeReader, node: Node | None, ids: dict[str, Node], what: str, whats: str) -> str | None:
    """A stable id (of a system or a round); "" when none is given, None after a located problem."""
    if node is None:
        return ""
    text = r.text(node, f"a {what}'s id")
    if text is None:
        return None
    text = text.strip()
    if not ID_PATTERN.match(text):
        r.problem(
            node, f"the {what} id {quote(text)} may use only letters, digits, '-', '_' and '.', and no spaces"
        )
        return None
    if text in ids:
        first = ids[text].start_mark.line + 1
        r.problem(
            node, f"two {whats} have the id {quote(text)} (first on line {first}); ids must be different"
        )
        return None
    ids[text] = node
    return text


def _read_rounds(
    r: NodeReader, node: Node, model: MaturityModel | None, systems: list[System]
) -> list[Round]:
    """The rounds, oldest first: each a label, an optional date and ratings by system id."""
    items = r.sequence(node, "rounds")
    if items is None:
        return []
    known = _Known(model)
    by_id = {s.id: s.name for s in systems}
    id_list = sorted(by_id)
    labels: dict[str, Node] = {}
    ids: dict[str, Node] = {}
    rounds: list[Round] = []
    previous: tuple[datetime.date, Node] | None = None
    for item in items:
        m = r.mapping(item, "a round", required=("label",), optional=("id", "date", "unlocked", "ratings"))
        if m is None:
            continue
        label = r.name(m.get("label"), "a round's label")
        if label is not None:
            key = name_key(label)
            if key in labels:
                first = labels[key].start_mark.line + 1
                r.problem(
                    m["label"],
                    f"two rounds are labelled {quote(label)} (first on line {first}); round labels must be "
                    "different (case, spacing and invisible characters do not count)",
                )
                label = None
            else:
                labels[key] = m["label"]
        round_id = _read_round_id(r, m.get("id"), ids)
        date = _read_date(r, m.get("date"))
        if date is not None:
            if previous is not None and date < previous[0]:
                r.problem(
                    m["date"],
                    f"rounds are listed oldest first, but {date.isoformat()} is before "
                    f"{previous[0].isoformat()} (line {previous[1].start_mark.line + 1})",
                )
            previous = (date, m["date"])
        ratings: dict[str, dict[str, Rating]] = {}
        if "ratings" in m:
            ratings = _read_round_ratings(r, m["ratings"], known, by_id, id_list, label)
        unlocked = _read_unlocked(r, m.get("unlocked"))
        if label is not None and round_id is not None:
            rounds.append(Round(label, date, ratings, round_id, unlocked))
    if not items:
        r.problem(node, "an assessment has at least one round; leave 'rounds' out for a single empty round")
    return rounds


def _read_unlocked(r: NodeReader, node: Node | None) -> bool:
    """`unlocked: true` keeps an earlier round editable after saving; left out, it is read-only."""
    if node is None:
        return False
    if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
        return node.value.lower() in ("true", "yes", "on", "y")
    r.problem(node, f"a round's 'unlocked' is true or false, not {describe(node)}")
    return False


def _read_round_id(r: NodeReader, node: Node | None, ids: dict[str, Node]) -> str | None:
    return _read_id(r, node, ids, "round", "rounds")


def _read_date(r: NodeReader, node: Node | None) -> datetime.date | None:
    """`2026-03-15` (written plain or in quotes); null or left out for an undated round."""
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
        return None
    if isinstance(node, ScalarNode):
        try:
            return datetime.date.fromisoformat(node.value.strip())
        except ValueError:
            pass
    r.problem(
        node, f"a round's date is a day written year-month-day, like 2026-03-15; found {describe(node)}"
    )
    return None


def _read_round_ratings(
    r: NodeReader,
    node: Node,
    known: _Known,
    by_id: dict[str, str],
    id_list: list[str],
    label: str | None,
) -> dict[str, dict[str, Rating]]:
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return {}
    where = f"the ratings of round {quote(label)}" if label else "a round's ratings"
    items = r.entries(node, where)
    if items is None:
        return {}
    listed = ", ".join(id_list[:12]) + (f", … ({len(id_list)} in all)" if len(id_list) > 12 else "")
    ratings: dict[str, dict[str, Rating]] = {}
    for key_node, value in items:
        sid = key_node.value
        if sid not in by_id:
            r.problem(
                key_node,
                f"unknown system id {quote(sid)}{r.hint(sid, id_list)}; the ratings of a round are "
                f"keyed by the ids of the systems listed under 'systems:' ({listed or 'none'})",
            )
            continue
        rated = {pid: x for pid, x in _read_ratings(r, value, known, by_id[sid]).items() if not x.is_empty}
        if rated:
            ratings[sid] = rated
    return ratings


class _Known:
    """What ratings are checked against, worked out once per file, not once per rating."""

    def __init__(self, model: MaturityModel | None) -> None:
        self.model = model
        self.practice_ids = frozenset(model.practice_ids) if model else frozenset()
        self.read: dict[int, dict[str, Rating]] = {}  # ratings read, by node: an alias is read once
        levels = model.levels if model else ()
        self.allowed = ", ".join(f"{lv.score} ({lv.name[:30]})" for lv in levels[:12])
        if len(levels) > 12:
            self.allowed += f", … ({len(levels)} in all)"
        ids = model.practice_ids if model else ()
        self.listed = ", ".join(ids[:12]) + (f", … ({len(ids)} in all)" if len(ids) > 12 else "")
        self.by_name = {name_key(lv.name): lv for lv in levels}


def _read_ratings(r: NodeReader, node: Node, known: _Known, system: str | None) -> dict[str, Rating]:
    if id(node) in known.read:
        return dict(known.read[id(node)])
    ratings = _read_new_ratings(r, node, known, system)
    known.read[id(node)] = ratings
    return dict(ratings)


def _read_new_ratings(r: NodeReader, node: Node, known: _Known, system: str | None) -> dict[str, Rating]:
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return {}
    where = f"the ratings of {quote(system)}" if system else "a system's ratings"
    items = r.entries(node, where)
    if items is None:
        return {}
    ratings: dict[str, Rating] = {}
    for key_node, value in items:
        pid = key_node.value
        if known.model is not None and pid not in known.practice_ids:
            r.problem(
                key_node,
                f"unknown practice id {quote(pid)}{r.hint(pid, known.model.practice_ids)}; "
                f"practice ids of this model: {known.listed}",
            )
            continue
        rating = _read_rating(r, value, known, pid)
        if rating is not None:
            ratings[pid] = rating
    return ratings


_LEVEL_KEYS = frozenset(("current", "target"))


def _read_rating(r: NodeReader, node: Node, known: _Known, pid: str) -> Rating | None:
    if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
        return Rating()
    levels = r.whole_numbers(node, _LEVEL_KEYS)  # most ratings: two scores, read without messages
    model = known.model
    if levels is not None and model is not None and all(model.level(v) is not None for v in levels.values()):
        return Rating(levels.get("current"), levels.get("target"))
    m = r.mapping(
        node,
        f"the rating for {quote(pid)}",
        optional=("current", "target", "confidence", "note", "votes", "target_votes"),
    )
    if m is None:
        return None
    current = _read_level(r, m.get("current"), known, "current")
    target = _read_level(r, m.get("target"), known, "target")
    note = r.text(m.get("note"), "a note", required=False)
    votes = _read_votes(r, m.get("votes"), known, "votes")
    target_votes = _read_votes(r, m.get("target_votes"), known, "target_votes")
    confidence = _read_confidence(r, m.get("confidence"), known)
    if NOT_APPLICABLE not in (current, target):
        assert not isinstance(current, str) and not isinstance(target, str)
        return Rating(current, target, note or "", votes, target_votes, confidence=confidence)
    # n/a is one state of the whole rating: a level on the other side contradicts it.
    for which, value in (("current", current), ("target", target)):
        if value is not None and value != NOT_APPLICABLE:
            r.problem(
                m[which],
                f"the practice does not apply here (n/a), so it has no {which} level; "
                f"write {which}: n/a or leave {which} out (n/a is for current and target together)",
            )
    if confidence is not None:
        r.problem(m["confidence"], "a practice that does not apply (n/a) has no confidence mark")
    return Rating(note=note or "", votes=votes, target_votes=target_votes, not_applicable=True)


def _read_confidence(r: NodeReader, node: Node | None, known: _Known) -> int | None:
    """`confidence: evidenced`: one of the model's confidence words (case does not matter)."""
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
        return None
    words = known.model.confidence if known.model is not None else CONFIDENCE
    text = r.text(node, "a confidence mark")
    if text is None:
        return None
    index = known.model.confidence_index(text) if known.model is not None else None
    if index is None and known.model is not None:
        r.problem(
            node,
            f"the confidence mark {quote(text[:60])} is not one of this model's confidence words: "
            f"{', '.join(words)}",
        )
    return index


def _read_votes(r: NodeReader, node: Node | None, known: _Known, key: str) -> Votes | None:
    """`{0: 1, 1: 4, not sure: 1}`: a count per level score, and of those not sure."""
    if node is None:
        return None
    items = r.entries(node, f"the {key}")
    if items is None:
        return None
    counts: dict[int, int] = {}
    unsure = 0
    for key_node, value in items:
        count = r.integer(value, f"the number of {key} for {quote(key_node.value)}")
        if count is None:
            continue
        if count < 0 or count > MAX_VOTES:
            r.problem(value, f"a number of votes must be between 0 and {MAX_VOTES:,}, not {count}")
            continue
        if key_node.value == NOT_SURE:
            unsure = count
            continue
        score = parse_int(key_node.value) if key_node.tag == INT_TAG else None
        if score is None or (known.model is not None and known.model.level(score) is None):
            r.problem(
                key_node,
                f"the {key} are counted per level score ({known.allowed}) or {quote(NOT_SURE)}; "
                f"found {describe(key_node)}",
            )
            continue
        counts[score] = count
    return Votes.of(counts, unsure)


def _read_level(r: NodeReader, node: Node | None, known: _Known, which: str) -> int | str | None:
    """A level's score, None for not assessed, or NOT_APPLICABLE (`n/a`)."""
    if node is None:
        return None
    model = known.model
    if (
        isinstance(node, ScalarNode)
        and node.tag == STR_TAG
        and node.value.strip().casefold() == NOT_APPLICABLE
    ):
        return NOT_APPLICABLE
    if isinstance(node, ScalarNode) and node.tag == STR_TAG and model is not None:
        lv = known.by_name.get(name_key(node.value))
        if lv is not None:
            r.problem(
                node, f"the {which} level is written by score, not name: use {lv.score} for {quote(lv.name)}"
            )
            return None
    if not (isinstance(node, ScalarNode) and node.tag in (INT_TAG, NULL_TAG)):
        r.problem(
            node,
            f"the {which} level must be one of the level scores {known.allowed}, null for not assessed, "
            f"or n/a for a practice that does not apply; found {describe(node)}",
        )
        return None
    score = r.integer(node, f"the {which} level", nullable=True)
    if score is not None and model is not None and model.level(score) is None:
        r.problem(
            node,
            f"the {which} level {score} is not a level of this model; allowed: {known.allowed}, "
            "null for not assessed, or n/a",
        )
        return None
    return score
