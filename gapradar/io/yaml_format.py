"""The gapradar file: one YAML document holding a maturity model and an assessment.

Loading is strict and complete: every problem in the file is collected with its
line and column before anything fails, and duplicate keys are errors rather
than silent data loss. Saving is stable and diff-friendly: model order, UTF-8,
one line per rating, rounds oldest first. See docs/file-format.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from yaml.nodes import Node

from gapradar.domain import Assessment, MaturityModel, Rating, Votes
from gapradar.domain.assessment import ensure_unique_ids
from gapradar.domain.model import CONFIDENCE
from gapradar.domain.names import repair_names, repair_text, slug
from gapradar.io.atomic import atomic_write_bytes
from gapradar.io.errors import LoadError, Problem, line_col
from gapradar.io.reading import read_regular_file
from gapradar.io.yaml_compose import ComposeLimit, collector_paused, compose
from gapradar.io.yaml_fast_rounds import NotFast, read_rounds
from gapradar.io.yaml_fast_rounds import split as split_rounds
from gapradar.io.yaml_nodes import NodeReader
from gapradar.io.yaml_read import FORMAT_KEY, FORMAT_VERSION, NOT_APPLICABLE, NOT_SURE, read_document

MAX_BYTES = 64 * 1024 * 1024


# ---------------------------------------------------------------- loading


def load(path: str | os.PathLike[str]) -> Assessment:
    """Read a gapradar file; raise LoadError listing every problem in it."""
    return load_with_bytes(path)[0]


def load_with_bytes(path: str | os.PathLike[str]) -> tuple[Assessment, bytes]:
    """The assessment and the exact bytes it came from (to tell later whether the file changed)."""
    data = read_bytes(path)
    return loads(decode(data, str(path)), str(path)), data


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes; a missing file, a folder or a huge file is a located LoadError."""
    return read_regular_file(path, MAX_BYTES)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is fine); binary files and other encodings get a located error."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError:
            pass
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    if b"\x00" in head:
        if _wide_text(head[: len(head) // 4 * 4]):
            message = "this looks like UTF-16 or UTF-32 text without a byte-order mark; save it as UTF-8"
        else:
            message = "this is a binary file, not a gapradar YAML file"
        raise LoadError([Problem(name, 1, 1, message)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        good = data[: e.start].decode("utf-8-sig", errors="replace")
        line, col = line_col(good, len(good))
        raise LoadError(
            [Problem(name, line, col, "the file is not UTF-8 text; save it as UTF-8 and try again")]
        ) from None


def _wide_text(head: bytes) -> bool:
    """True for UTF-16 or UTF-32 text of plain ASCII characters: one byte of text, the rest zeros."""
    for width in (2, 4):
        for place in range(width):
            text = head[place::width]
            zeros = bytes(b for i, b in enumerate(head) if i % width != place)
            if text and not zeros.strip(b"\x00") and all(32 <= b < 127 or b in b"\t\n\r" for b in text):
                return True
    return False


def loads(text: str, name: str = "<text>") -> Assessment:
    """Parse gapradar YAML text; `name` is used in the located messages."""
    fast = _fast_loads(text)  # gapradar's own files: their rounds read line by line
    if fast is not None:
        return fast
    reader = NodeReader(name)
    with collector_paused():
        assessment = _read(text, name, reader)  # its node tree is gone before the collector runs again
    if reader.problems or assessment is None:
        raise LoadError(reader.problems)
    return assessment


def _fast_loads(text: str) -> Assessment | None:
    """The assessment when its rounds are exactly as gapradar writes them; else None (read it carefully)."""
    parts = split_rounds(text)
    if parts is None:
        return None
    head, lines = parts
    try:
        with collector_paused():
            root = compose(head)
            if root is None:
                return None
            reader = NodeReader("<fast>")
            reader.check_tags(root)
            if reader.problems:
                return None
            assessment = read_document(
                reader, root, lambda model, systems: read_rounds(lines, model, systems)
            )
    except (NotFast, ComposeLimit, yaml.YAMLError, ValueError, KeyError):
        return None
    return assessment if assessment is not None and not reader.problems else None


def _read(text: str, name: str, reader: NodeReader) -> Assessment | None:
    root = _compose(text, name)
    reader.check_tags(root)
    return read_document(reader, root)


def _compose(text: str, name: str) -> Node:
    try:
        root = compose(text)
    except ComposeLimit as e:
        raise LoadError([Problem(name, e.mark.line + 1, e.mark.column + 1, e.message)]) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(s for s in (e.context, e.problem) if s)
        if e.context_mark and e.problem_mark and e.context_mark.line != e.problem_mark.line:
            what += f" (it starts on line {e.context_mark.line + 1})"
        if "maximum nesting depth" in what:  # libyaml's own guard on [ and {
            raise LoadError([Problem(name, line, col, "the file is nested too deeply here")]) from None
        raise LoadError([Problem(name, line, col, f"not valid YAML: {what}")]) from None
    except yaml.reader.ReaderError as e:
        line, col = line_col(text, e.position)
        raise LoadError(
            [
                Problem(
                    name,
                    line,
                    col,
                    f"not valid YAML: the control character U+{_ord(e.character):04X} is not allowed; "
                    "delete it, or write it as an escape inside double quotes",
                )
            ]
        ) from None
    except yaml.YAMLError as e:
        raise LoadError([Problem(name, 1, 1, f"not valid YAML: {e}")]) from None
    if root is None:
        raise LoadError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"the file is empty; a gapradar file starts with '{FORMAT_KEY}: {FORMAT_VERSION}' (see docs/file-format.md)",
                )
            ]
        )
    return root


def _ord(character: str | int) -> int:
    return character if isinstance(character, int) else ord(character)


# ---------------------------------------------------------------- saving


class _Flow(dict):
    """A mapping written on one line: `testing: {current: 1, target: 2}`."""


class _PyDumper(yaml.SafeDumper):
    """PyYAML's pure-Python writer: the fallback where libyaml is missing."""

    def ignore_aliases(self, data: object) -> bool:
        return True


class _CDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter (2-3x faster, the same text; tests compare them) where PyYAML has it."""

    def ignore_aliases(self, data: object) -> bool:
        return True


_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML may write NEL and the Unicode line separators unquoted, and they
    # would read back as spaces; double quotes keep them as escapes.
    if _ODD_BREAKS.search(value):
        style = '"'
    elif "\n" in value:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


for _dumper in (_PyDumper, _CDumper):
    _dumper.add_representer(
        _Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
    )
    _dumper.add_representer(str, _represent_str)
_Dumper: type[yaml.SafeDumper] = _CDumper if yaml.__with_libyaml__ else _PyDumper


def _rating_data(
    rating: Rating, scores: frozenset[int] = frozenset(), words: tuple[str, ...] = CONFIDENCE
) -> dict[str, object]:
    data: dict[str, object] = {}
    if rating.not_applicable:
        data["current"] = data["target"] = NOT_APPLICABLE  # one state of the whole rating
    if rating.current is not None:
        data["current"] = rating.current
    if rating.target is not None:
        data["target"] = rating.target
    if rating.confidence is not None and 0 <= rating.confidence < len(words):
        data["confidence"] = repair_text(words[rating.confidence])
    for key, votes in (("votes", rating.votes), ("target_votes", rating.target_votes)):
        if votes is not None:
            data[key] = _votes_data(votes, scores)
    if rating.note:
        data["note"] = repair_text(rating.note)
        return data
    return _Flow(data)


def _votes_data(votes: Votes, scores: frozenset[int]) -> _Flow:
    """`{0: 1, 1: 4, 2: 2, not sure: 1}`: how many chose each level.

    Votes for a level the model no longer has are left out, so the file always reopens.
    """
    data: dict[object, int] = {s: n for s, n in votes.counts if s in scores}
    if votes.unsure:
        data[NOT_SURE] = votes.unsure
    return _Flow(data)


def _model_data(model: MaturityModel) -> dict[str, object]:
    data: dict[str, object] = {"title": repair_text(model.title)}
    if model.description:
        data["description"] = repair_text(model.description)
    if model.links:
        data["links"] = [{"title": repair_text(ln.title), "url": repair_text(ln.url)} for ln in model.links]
    if model.confidence != CONFIDENCE:
        data["confidence"] = repair_names(list(model.confidence), "Confidence")
    level_names = repair_names([lv.name for lv in model.levels], "Level")
    data["levels"] = [
        {
            "score": lv.score,
            "name": name,
            **({"description": repair_text(lv.description)} if lv.description else {}),
        }
        for lv, name in zip(model.levels, level_names, strict=True)
    ]
    practice_names = repair_names([p.name for p in model.practices], "Practice")
    data["practices"] = [
        {
            "id": p.id,
            "name": name,
            **({"group": repair_text(p.group)} if p.group else {}),
            **({"description": repair_text(p.description)} if p.description else {}),
        }
        for p, name in zip(model.practices, practice_names, strict=True)
    ]
    return data


def dumps(assessment: Assessment, dumper: type[yaml.SafeDumper] | None = None) -> str:
    """The file text: stable key order, model order for ratings, UTF-8 kept as text.

    Names and text pass the reader's rules (repaired if a caller let through
    something the reader refuses), so a saved file always reopens.
    """
    data: dict[str, object] = {FORMAT_KEY: FORMAT_VERSION}
    if assessment.title:
        data["title"] = repair_text(assessment.title)
    if assessment.description:
        data["description"] = repair_text(assessment.description)
    data["systems_label"] = repair_text(assessment.systems_label)
    data["model"] = _model_data(assessment.model)
    ensure_unique_ids(assessment.systems)
    names = repair_names([s.name for s in assessment.systems], "System")
    systems = [{"name": name, "id": s.id} for s, name in zip(assessment.systems, names, strict=True)]
    rounds = _rounds_data(assessment)
    chosen = dumper or _Dumper
    if chosen is _PyDumper:
        body = _dump({**data, "systems": systems, "rounds": rounds}, _PyDumper)
    else:
        body = _dump({**data, "systems": systems}, chosen) + _dump_rounds(rounds, chosen)
        if "\\U" in body and dumper is None:
            # libyaml escapes characters beyond U+FFFF (emoji) that the Python writer keeps as text
            body = _dump({**data, "systems": systems, "rounds": rounds}, _PyDumper)
    return f"# gapradar file: a maturity model and an assessment. Format: docs/file-format.md\n{body}"


def _rounds_data(assessment: Assessment) -> list[dict[str, object]]:
    """Each round's label, date and ratings: systems in list order, practices in model order.

    Only what the model still has is written (ratings of removed practices, levels
    it no longer has), so a saved file always reopens.
    """
    scores = frozenset(assessment.model.scores)
    labels = repair_names([r.label for r in assessment.rounds], "Round")
    result: list[dict[str, object]] = []
    for r, label in zip(assessment.rounds, labels, strict=True):
        ratings: dict[str, object] = {}
        for s in assessment.systems:
            rated = {
                p.id: _rating_data(rating, scores, assessment.model.confidence)
                for p in assessment.model.practices
                if not (rating := assessment.rating_in(r, s.id, p.id)).is_empty
            }
            if rated:
                ratings[s.id] = rated
        result.append(
            {
                "label": label,
                **({"id": r.id} if r.id != slug(label, fallback="round") else {}),
                **({"date": r.date} if r.date is not None else {}),
                **({"unlocked": True} if r.unlocked and r is not assessment.latest else {}),
                "ratings": ratings,
            }
        )
    return result


RATINGS_PER_CHUNK = 400


def _dump_rounds(rounds: list[dict[str, object]], dumper: type[yaml.SafeDumper]) -> str:
    """`rounds:` and its list, written a few hundred ratings at a time: the same text as one call.

    libyaml holds Python's GIL for as long as it writes, so one big call would
    freeze the window while a save runs on the worker thread; small calls let
    the GUI thread in between them. A chunk of a round's ratings is written as
    `- ratings:` and that first line dropped, so its indentation (and where long
    text wraps) is exactly what one call would give.
    """
    parts = ["rounds:\n"]
    for r in rounds:
        ratings: dict[str, dict[str, object]] = r["ratings"]  # type: ignore[assignment]
        head = {k: v for k, v in r.items() if k != "ratings"}
        if not ratings:
            parts.append(_dump([{**head, "ratings": {}}], dumper))
            continue
        parts.append(_dump([head], dumper) + "  ratings:\n")
        chunk: dict[str, object] = {}
        size = 0
        for sid, rated in ratings.items():
            chunk[sid] = rated
            size += 1 + len(rated)
            if size >= RATINGS_PER_CHUNK:
                parts.append(_ratings_chunk(chunk, dumper))
                chunk, size = {}, 0
        if chunk:
            parts.append(_ratings_chunk(chunk, dumper))
    return "".join(parts)


def _ratings_chunk(chunk: dict[str, object], dumper: type[yaml.SafeDumper]) -> str:
    text = _dump([{"ratings": chunk}], dumper)
    return text[text.index("\n") + 1 :]


def _dump(data: object, dumper: type[yaml.SafeDumper]) -> str:
    return yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def save(assessment: Assessment, path: str | os.PathLike[str]) -> None:
    """Write atomically: a crash mid-write leaves the previous file as it was."""
    atomic_write_bytes(Path(path), dumps(assessment).encode("utf-8"))
