"""The rounds section read line by line when it is exactly as gapradar writes it.

A file of 20 rounds × 100 systems × 40 practices holds 80,000 ratings; composing
each `{current: 1, target: 2}` into YAML nodes costs most of a second per 30,000.
gapradar's own output is regular: one rating a line at a fixed indentation. Those
lines are read here with one regular expression, checked by the same rules as
the careful reader (known system and practice ids, levels of the model, labels,
dates in order). Anything this reader does not recognise, and any problem at all,
raises NotFast, and the whole file is read the careful way, which also gives the
located messages. So the fast path can only ever agree with the careful one.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode

from gapradar.domain import MaturityModel, Rating, System
from gapradar.domain.assessment import Round
from gapradar.domain.names import name_key
from gapradar.io.yaml_compose import MAX_VALUES, compose
from gapradar.io.yaml_nodes import NodeReader

ROUNDS_LINE = "\nrounds:\n"
_KEY = r"([A-Za-z0-9][A-Za-z0-9_.-]*)"
_INT = r"(-?(?:0|[1-9][0-9]*))"
_FLOW = re.compile(rf"      {_KEY}: \{{(?:current: {_INT}(?:, target: {_INT})?|target: {_INT})\}}")
_BLOCK = re.compile(rf"      {_KEY}:")
_SYSTEM = re.compile(rf"    {_KEY}:")
_FIELD = re.compile(r"  (id|date|unlocked): (.+)")
# The careful composer stops at MAX_VALUES because each value costs it a node (~400 bytes).
# Read here, a rating costs one small object and no tree, so gapradar's own files may hold
# more: 10,000 systems × 40 practices is 1.2 million values. The file reader's 64 MB
# limit keeps this well below a gigabyte whatever the file claims.
MAX_FAST_VALUES = 8 * MAX_VALUES
_NOT_PLAIN_WORDS = frozenset(["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"])


class NotFast(Exception):
    """This text is not in gapradar's own regular shape: read it the careful way."""


def split(text: str) -> tuple[str, list[str]] | None:
    """The text before `rounds:` and the lines after it; None when there is no such section."""
    at = text.find(ROUNDS_LINE)
    if at < 0:
        return None
    return text[: at + 1], text[at + len(ROUNDS_LINE) :].split("\n")


def _key(word: str) -> str:
    if word.lower() in _NOT_PLAIN_WORDS:
        raise NotFast  # YAML reads it as null or a boolean: the careful reader says what it means
    return word


def _fragment(text: str) -> dict:
    """A few lines read by the careful composer: values as the full reader would see them."""
    root = compose(text)
    if not isinstance(root, MappingNode):
        raise NotFast
    keys = [k.value for k, _ in root.value]
    if len(keys) != len(set(keys)):
        raise NotFast  # a key given twice: the careful reader says where
    return {k.value: v for k, v in root.value}


def read_rounds(lines: list[str], model: MaturityModel, systems: list[System]) -> list[Round]:
    """The rounds in `lines` (the text after `rounds:`), or NotFast."""
    from gapradar.io.yaml_read import _Known, _read_date, _read_rating, _read_round_id, _read_unlocked

    known = _Known(model)
    pids, scores = known.practice_ids, frozenset(model.scores)
    by_id = {s.id for s in systems}
    reader = NodeReader("<fast>")
    rounds: list[Round] = []
    labels: set[str] = set()
    ids: dict = {}
    values = 0
    previous_date = None
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line == "" and i == n - 1:
            break
        if not line.startswith("- label: "):
            raise NotFast
        head = [line]
        i += 1
        while i < n and _FIELD.fullmatch(lines[i]):
            head.append(lines[i])
            i += 1
        fields = _fragment("\n".join(h.removeprefix("- ").strip() for h in head))
        label = reader.name(fields.get("label"), "a round's label")
        round_id = _read_round_id(reader, fields.get("id"), ids)
        date = _read_date(reader, fields.get("date"))
        unlocked = _read_unlocked(reader, fields.get("unlocked"))
        if reader.problems or label is None or round_id is None or name_key(label) in labels:
            raise NotFast
        labels.add(name_key(label))
        if date is not None:
            if previous_date is not None and date < previous_date:
                raise NotFast
            previous_date = date
        ratings: dict[str, dict[str, Rating]] = {}
        seen_systems: set[str] = set()
        if i < n and lines[i] == "  ratings: {}":
            i += 1
        elif i < n and lines[i] == "  ratings:":
            i += 1
            while i < n and lines[i].startswith("    ") and not lines[i].startswith("     "):
                m = _SYSTEM.fullmatch(lines[i])
                if m is None:
                    raise NotFast
                sid = _key(m.group(1))
                if sid not in by_id or sid in seen_systems:
                    raise NotFast
                seen_systems.add(sid)
                i += 1
                rated: dict[str, Rating] = {}
                seen: set[str] = set()
                while i < n and lines[i].startswith("      "):
                    line = lines[i]
                    flow = _FLOW.fullmatch(line)
                    if flow is not None:
                        pid, current, target, only_target = flow.groups()
                        rating = Rating(
                            int(current) if current is not None else None,
                            int(target) if target is not None else int(only_target) if only_target else None,
                        )
                        i += 1
                    else:
                        block = _BLOCK.fullmatch(line)
                        if block is None:
                            raise NotFast
                        pid = block.group(1)
                        j = i + 1
                        while j < n and lines[j].startswith("        "):
                            j += 1
                        node = _fragment("".join(x[6:] + "\n" for x in lines[i:j]))[pid]
                        read = _read_rating(reader, node, known, pid)
                        if reader.problems or read is None:
                            raise NotFast
                        rating, i = read, j
                    pid = _key(pid)
                    if pid not in pids or pid in seen:
                        raise NotFast
                    seen.add(pid)
                    if (rating.current is not None and rating.current not in scores) or (
                        rating.target is not None and rating.target not in scores
                    ):
                        raise NotFast
                    values += 6
                    if not rating.is_empty:
                        rated[pid] = rating
                if rated:
                    ratings[sid] = rated
                values += 2
        else:
            raise NotFast
        values += 8
        if values > MAX_FAST_VALUES:
            raise NotFast
        rounds.append(Round(label, date, ratings, round_id, unlocked))
    if not rounds:
        raise NotFast
    return rounds
