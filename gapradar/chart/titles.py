"""Chart titles, without Qt: the window, every export and the deck name charts the same way."""

from __future__ import annotations

from collections.abc import Callable

from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_spec import ViewSpec


def display_title(spec: ChartSpec | ViewSpec) -> str:
    """The title a chart shows: one system's chart names that system."""
    if spec.title is None and spec.focus is not None:
        base = spec.assessment.title
        return f"{spec.focus} – {base}" if base else spec.focus
    return spec.chart_title


CHANGE_VIEWS = ("slope", "moved")  # their subtitles name both rounds they compare


def round_words(spec: ChartSpec | ViewSpec) -> str:
    """ "2026-09 follow-up (2026-09-10)": the round a chart shows, when there is more than one; else ""."""
    a = spec.assessment
    if len(a.rounds) < 2 or (isinstance(spec, ViewSpec) and spec.view in CHANGE_VIEWS):
        return ""
    round_id = spec.round if isinstance(spec, ViewSpec) else None
    try:
        r = a.round(round_id) if round_id else a.shown
    except KeyError:
        r = a.shown
    return (
        f"{r.label} ({r.date:%Y-%m-%d})"
        if r.date is not None and f"{r.date:%Y-%m-%d}" not in r.label
        else r.label
    )


def with_round(subtitle: str, spec: ChartSpec | ViewSpec) -> str:
    """A made-up subtitle with the round shown first; a subtitle the user typed is kept as typed."""
    if spec.subtitle:
        return spec.subtitle
    shown = round_words(spec)
    if not shown:
        return subtitle
    return f"Round {shown} · {subtitle}" if subtitle else f"Round {shown}"


ELLIPSIS = "…"


def wrap_text(text: str, width: float, advance: Callable[[str], float]) -> list[str]:
    """`text` broken into lines no wider than `width` (as `advance` measures them).

    Lines break between words; a word wider than a whole line breaks between
    characters, so nothing is ever wider than the page.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if advance(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
            line = ""
        while advance(word) > width:
            cut = _longest_prefix(word, width, advance)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def elide(text: str, width: float, advance: Callable[[str], float]) -> str:
    """`text` cut at the end with "…" so it is no wider than `width`; unchanged if it fits."""
    text = " ".join(text.split())
    return text if advance(text) <= width else _cut(text, width, advance)


def _cut(text: str, width: float, advance: Callable[[str], float]) -> str:
    """The longest start of `text` that fits `width` with "…" after it, and the "…"."""
    cut = _longest_prefix(text, width, lambda s: advance(s.rstrip() + ELLIPSIS), at_least=0)
    kept = text[:cut]
    if 0 < cut < len(text) and not text[cut].isspace() and not kept[-1].isspace():
        whole_words = kept.rsplit(None, 1)[0] if len(kept.split()) > 1 else ""
        if len(whole_words) >= 0.5 * len(kept):  # end on a whole word unless that wastes the line
            kept = whole_words
    return kept.rstrip() + ELLIPSIS


def fit_lines(
    text: str, width: float, max_lines: int, advance: Callable[[str], float]
) -> tuple[list[str], bool]:
    """At most `max_lines` lines of `text` within `width`; the last ends in "…" if some is left over.

    Returns the lines and whether they hold the whole text.
    """
    lines = wrap_text(text, width, advance)
    if len(lines) <= max_lines:
        return lines, True
    kept = lines[: max_lines - 1]
    rest = " ".join(lines[max_lines - 1 :])
    return [*kept, _cut(rest, width, advance)], False


def _longest_prefix(text: str, width: float, advance: Callable[[str], float], at_least: int = 1) -> int:
    """The length of the longest prefix of `text` that fits `width` (at least `at_least` characters)."""
    low, high = at_least, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if advance(text[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return low
