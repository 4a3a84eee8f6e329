"""Reading a composed gapradar document: the model, then the systems checked against it.

Every problem is recorded with its line and column, and reading goes on, so a
file is fixed in one pass. The model's own rules come from the domain
(MaturityModel.problems), put back where each practice or level is written.
"""

from __future__ import annotations

from yaml.nodes import Node, ScalarNode, SequenceNode

from gapradar.domain import Assessment, Level, Link, MaturityModel, Practice, Rating, System, Votes
from gapradar.domain.model import ID_PATTERN
from gapradar.domain.names import Slugs, name_key
from gapradar.io.yaml_nodes import INT_TAG, NULL_TAG, STR_TAG, NodeReader, describe, parse_int, quote

FORMAT_KEY = "gapradar"
FORMAT_VERSION = 1
NOT_SURE = "not sure"  # the key counting votes that chose no level
MAX_VOTES = 100_000
MAX_RATINGS = 100_000  # the capacity: systems × practices, checked before the systems are read


def read_document(r: NodeReader, root: Node) -> Assessment | None:
    """The assessment in a composed file, or None; every problem is recorded in `r`."""
    top = r.mapping(
        root,
        "the file",
        required=(FORMAT_KEY, "model"),
        optional=("title", "description", "systems_label", "systems"),
    )
    if top is None:
        return None
    if FORMAT_KEY in top and not _check_version(r, top[FORMAT_KEY]):
        return None
    model = _read_model(r, top["model"]) if "model" in top else None
    title = r.text(top.get("title"), "the title", required=False)
    description = r.text(top.get("description"), "the description", required=False)
    label = r.text(top.get("systems_label"), "systems_label", required=False)
    systems = _read_systems(r, top["systems"], model) if "systems" in top else []
    if model is None or r.problems:
        return None
    return Assessment(
        model=model,
        title=title or "",
        systems=systems,
        systems_label=label or "Systems",
        description=description or "",
    )


def _check_version(r: NodeReader, node: Node) -> bool:
    version = r.integer(node, f"'{FORMAT_KEY}' (the file format version)")
    if version is None:
        return True
    if version > FORMAT_VERSION:
        r.problems.clear()  # keys of a newer format are expected; only this matters
        r.problem(
            node,
            f"this file uses gapradar file format {version}, newer than this gapradar "
            f"understands (format {FORMAT_VERSION}); update gapradar to open it",
        )
        return False
    if version < 1:
        r.problem(node, f"unknown file format version {version}; the current one is {FORMAT_VERSION}")
    return True


def _read_model(r: NodeReader, node: Node) -> MaturityModel | None:
    m = r.mapping(
        node, "the model", required=("title", "levels", "practices"), optional=("description", "links")
    )
    if m is None:
        return None
    title = r.text(m.get("title"), "the model's title")
    description = r.text(m.get("description"), "the model's description", required=False)
    links = _read_links(r, m["links"]) if "links" in m else ()
    located: dict[int, dict[str, Node]] = {}  # id(practice or level) -> its key nodes
    levels = _read_levels(r, m["levels"], located) if "levels" in m else None
    practices = _read_practices(r, m["practices"], located) if "practices" in m else None
    if title is None or levels is None or practices is None or links is None:
        return None
    model = MaturityModel(title, practices, levels, description or "", links)
    complete = {
        "levels": len(levels) == _count(m["levels"]),
        "practices": len(practices) == _count(m["practices"]),
    }
    for rule in model.problems():
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


def _read_systems(r: NodeReader, node: Node, model: MaturityModel | None) -> list[System]:
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
        ratings = _read_ratings(r, m["ratings"], known, name) if "ratings" in m else {}
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
    if node is None:
        return ""
    text = r.text(node, "a system's id")
    if text is None:
        return None
    text = text.strip()
    if not ID_PATTERN.match(text):
        r.problem(
            node, f"the system id {quote(text)} may use only letters, digits, '-', '_' and '.', and no spaces"
        )
        return None
    if text in ids:
        first = ids[text].start_mark.line + 1
        r.problem(
            node, f"two systems have the id {quote(text)} (first on line {first}); ids must be different"
        )
        return None
    ids[text] = node
    return text


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
        node, f"the rating for {quote(pid)}", optional=("current", "target", "note", "votes", "target_votes")
    )
    if m is None:
        return None
    current = _read_level(r, m.get("current"), known, "current")
    target = _read_level(r, m.get("target"), known, "target")
    note = r.text(m.get("note"), "a note", required=False)
    votes = _read_votes(r, m.get("votes"), known, "votes")
    target_votes = _read_votes(r, m.get("target_votes"), known, "target_votes")
    return Rating(current, target, note or "", votes, target_votes)


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


def _read_level(r: NodeReader, node: Node | None, known: _Known, which: str) -> int | None:
    if node is None:
        return None
    model = known.model
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
            f"the {which} level must be one of the level scores {known.allowed}, or null for not assessed; "
            f"found {describe(node)}",
        )
        return None
    score = r.integer(node, f"the {which} level", nullable=True)
    if score is not None and model is not None and model.level(score) is None:
        r.problem(
            node,
            f"the {which} level {score} is not a level of this model; allowed: {known.allowed}, "
            "or null for not assessed",
        )
        return None
    return score
