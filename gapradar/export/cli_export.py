"""`gapradar export` for charts: turns command-line options into export calls."""

from __future__ import annotations

import argparse
import sys

from gapradar.chart import radar_rollup
from gapradar.chart.spec import ChartSpec
from gapradar.chart.view_spec import ViewSpec
from gapradar.domain import Assessment
from gapradar.domain.assessment import Round
from gapradar.domain.rollup import DEFAULT_RULE, RULES
from gapradar.export.formats import FORMATS
from gapradar.export.render import MAX_OVERLAID, ExportOptions, overlaid_systems, parse_size
from gapradar.io.atomic import WriteError, resolve_target


def _listed(names: list[str], most: int = 10) -> str:
    """Names for a message: the first few, then how many more (a file may hold thousands)."""
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else f"{shown} … and {len(names) - most:,} more"


def rollup_focus_rule(name: str | None, rollup: str) -> str | None:
    """The roll-up rule a --focus name asks for, or None when it names no roll-up.

    "Average – all systems" is the roll-up under --rollup; another rule's series
    ("Median – all systems") chooses that rule. Dashes and case are forgiven: a
    shell user types "Average - all systems".
    """
    if not name:
        return None
    wanted = _loose(name)
    for key, r in RULES.items():
        if _loose(r.series) == wanted:
            return rollup if key == DEFAULT_RULE else key
    return None


def _loose(name: str) -> str:
    return " ".join(name.replace("—", "–").replace(" - ", " – ").split()).casefold()


def _round_named(a: Assessment, label: str, flag: str, error: type[Exception]) -> Round:
    try:
        return a.round_by_label(label)
    except KeyError:
        rounds = ", ".join(repr(r.label) for r in a.rounds)
        raise error(f"{flag}: no round labelled {label!r}; rounds: {rounds}") from None


def with_rounds(
    a: Assessment, args: argparse.Namespace, error: type[Exception]
) -> tuple[Assessment, Round | None]:
    """A copy of `a` showing --round's round (default: the latest), and --compare's round.

    The copy keeps the loaded assessment as it was, so nothing one export
    shows leaks into the next.
    """
    shown = getattr(args, "round", None)
    compare = getattr(args, "compare", None)
    now = _round_named(a, shown, "--round", error) if shown else a.latest
    then = _round_named(a, compare, "--compare", error) if compare else None
    copy = a.snapshot()
    copy.show_round(now.id)
    return copy, (copy.round(then.id) if then is not None else None)


def chart_spec(
    a: Assessment, args: argparse.Namespace, error: type[Exception], baseline: Round | None = None
) -> ChartSpec | ViewSpec:
    names = a.system_names()
    view = getattr(args, "view", "radar")
    rollup = getattr(args, "rollup", DEFAULT_RULE)
    focus_rule = None if args.focus in names else rollup_focus_rule(args.focus, rollup)
    if focus_rule is not None and rollup not in (DEFAULT_RULE, focus_rule):
        raise error(
            f"--focus {args.focus!r} is the {RULES[focus_rule].name.lower()} roll-up, but --rollup is {rollup}"
        )
    rollup = focus_rule or rollup
    rollup_focus = focus_rule is not None
    if view != "radar":
        if args.focus and not rollup_focus and args.focus not in names:
            raise error(f"no system named {args.focus!r}; systems: {_listed(names)}")
        checked = tuple(n.strip() for n in args.systems.split(",")) if args.systems else ()
        return ViewSpec(
            a,
            view,
            rollup=rollup,
            focus=None if rollup_focus else args.focus,
            checked=checked,
            colour_by=args.colour_by,
            rows=args.rows,
            columns=args.columns,
            round=a.shown.id,
            baseline=baseline.id if baseline is not None else None,
        )
    if args.systems:
        wanted = [n.strip() for n in args.systems.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            raise error(f"no system named {_listed([repr(n) for n in unknown])}; systems: {_listed(names)}")
        checked = tuple(wanted)
    else:
        checked = tuple(names)
    if args.focus and not rollup_focus and args.focus not in names:
        raise error(
            f"no system named {args.focus!r}; systems: {_listed(names)} "
            f"(or {RULES[DEFAULT_RULE].series!r} for the roll-up)"
        )
    spec = ChartSpec(
        a,
        checked=checked,
        show_average=args.average,
        focus=args.focus,
        rollup=rollup,
        spread="" if getattr(args, "spread", "none") == "none" else args.spread,
        baseline=baseline,  # the radar's faint outline of the baseline round
    )
    if rollup_focus:
        spec.focus = radar_rollup.series_name(spec)  # the roll-up's current against its target
    return spec


CHANGE_VIEWS = ("slope", "moved")  # the views that compare two rounds


def _check_comparable(spec: ViewSpec, out: str) -> None:
    """A view of change with nothing to compare is not written (exit 1), naming the rounds that can be.

    A picture saying "show a later round" is no chart: a script should fail, not
    publish it. Like any file not written, it is a WriteError: no usage dump,
    the reason in the user's words.
    """
    from gapradar.chart.change_rows import rounds_compared

    compared = rounds_compared(spec)
    if not compared.problem:
        return
    a, flag = spec.assessment, f"--view {spec.view}"
    labels = [repr(r.label) for r in a.rounds]
    if len(a.rounds) < 2:
        raise WriteError(
            out,
            f"{flag} compares two rounds, and this file has one ({labels[0]}): "
            "start a new round in gapradar (File ▸ New round…) to see what moved",
        )
    raise WriteError(
        out,
        f"{flag}: {compared.problem.split(':')[0]}, with no round before it to compare with; "
        f"show a later round with --round ({_listed(labels[1:])}) "
        f"or name the round to compare with using --compare ({_listed(labels)})",
    )


def deck_options(args: argparse.Namespace, error: type[Exception]):
    from gapradar.export.pptx_deck import GAP_FIRST_SLIDES, ROUND_SLIDES, SLIDES, DeckOptions

    known = SLIDES + GAP_FIRST_SLIDES + ROUND_SLIDES
    slides = tuple(s.strip() for s in args.deck_slides.split(",") if s.strip())
    unknown = [s for s in slides if s not in known]
    if unknown or not slides:
        raise error(f"--deck-slides takes a comma-separated list of {', '.join(known)}")
    if args.deck_gaps < 0:
        raise error("--deck-gaps must be 0 or more")
    return DeckOptions(
        slides=slides,
        charts=args.deck_charts,
        gaps=args.deck_gaps,
        notes=args.deck_notes,
        rollup=getattr(args, "rollup", "mean"),
    )


def export_charts(
    a: Assessment, args: argparse.Namespace, charts: list[tuple[str, str]], error: type[Exception]
) -> None:
    try:
        width, height = parse_size(args.size)
    except ValueError as e:
        raise error(str(e)) from None
    if args.dpi < 36 or args.dpi > 2400:
        raise error("--dpi must be between 36 and 2400")
    if not 0.3 <= args.font_scale <= 4:
        raise error("--font-scale must be between 0.3 and 4")
    options = ExportOptions(
        width=width,
        height=height,
        dpi=args.dpi,
        transparent=args.transparent,
        theme=args.theme,
        title=not args.no_title,
        title_text=args.title,
        subtitle=args.subtitle,
        legend=args.legend,
        font_scale=args.font_scale,
    )
    a, baseline = with_rounds(a, args, error)
    spec = chart_spec(a, args, error, baseline)
    if isinstance(spec, ViewSpec) and spec.view in CHANGE_VIEWS and charts:
        _check_comparable(spec, charts[0][1])
    overlaid = overlaid_systems(spec) if isinstance(spec, ChartSpec) else 0  # other views scale by design
    if overlaid > MAX_OVERLAID and any(FORMATS[f].kind == "chart" for f, _ in charts):
        raise error(
            f"{overlaid:,} systems are too many to overlay on one chart (at most {MAX_OVERLAID}): "
            "pick some with --systems A,B or one with --focus, draw one chart per system with "
            "--per-system DIR, show them all with --view heatmap or --view multiples, "
            "or export the levels as a table with --csv OUT.csv or --xlsx OUT.xlsx"
        )
    extra = {"pptx": {"deck": deck_options(args, error)}} if any(f == "pptx" for f, _ in charts) else {}
    for _, out in charts:
        resolve_target(out)  # a dangling link or a folder fails before anything is written
    for fmt, out in charts:
        FORMATS[fmt].writer(spec, out, options, **extra.get(fmt, {}))
        print(f"wrote {out}", file=sys.stderr)
    if args.per_system:
        from gapradar.export.batch import per_system_charts

        if isinstance(spec, ViewSpec) and spec.view != "gaps":
            raise error("--per-system draws one chart per system: use it with --view radar or --view gaps")

        def report(path) -> None:
            print(f"wrote {path}", file=sys.stderr)

        # a ViewSpec here is a gap chart: one per system, like the radar's focus charts
        written = per_system_charts(spec, args.per_system, args.format, options, after_each=report)  # type: ignore[arg-type]
        print(f"wrote {written} charts to {args.per_system}", file=sys.stderr)
