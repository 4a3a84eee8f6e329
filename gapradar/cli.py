"""The `gapradar` command: the desktop app by default, plus headless subcommands.

Exit codes: 0 success, 1 invalid input (or a file that could not be written),
2 a usage error. Messages go to stderr; no traceback ever reaches a user.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from gapradar import __version__, bundled
from gapradar.domain import Assessment, practice_averages, prioritised_gaps, system_means
from gapradar.io import LoadError, load, save
from gapradar.io.atomic import WriteError
from gapradar.io.csv_tables import TABLES, write_csv

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


# What a terminal would act on instead of showing: control characters (escape
# sequences that retitle, clear or write the clipboard), bidirectional overrides
# that reorder what is shown, and lone surrogates that no terminal can encode.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with everything a terminal would act on written as a visible escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def _out(text: str) -> None:
    print(printable(text))


def _err(message: str) -> None:
    print(printable(message), file=sys.stderr)


def _load(name: str) -> Assessment:
    try:
        path = bundled.resolve(name)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from None
    return load(path)


def _files(args: argparse.Namespace) -> list[str]:
    given = getattr(args, "files", None) or []
    files = [given] if isinstance(given, str) else list(given)
    if getattr(args, "sample", False):
        files.insert(0, bundled.PREFIX + bundled.SAMPLE)
    if not files:
        raise UsageError("name a FILE (or --sample for the bundled First Federated Bank sample)")
    return files


# ---------------------------------------------------------------- subcommands


def cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in _files(args):
        try:
            a = _load(name)
        except LoadError as e:
            for p in e.problems:
                _err(str(p))
            status = EXIT_INVALID
            continue
        _out(
            f"{name}: valid ({len(a.systems)} systems × {len(a.model.practices)} practices, "
            f"{len(a.model.levels)} levels, {len(a.rounds)} round{'s' if len(a.rounds) != 1 else ''})"
        )
    return status


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}".replace("+", " ")


def cmd_info(args: argparse.Namespace) -> int:
    name = _files(args)[0]
    a = _load(name)
    m = a.model
    out = [
        a.title or Path(name).stem,
        f"Model: {m.title}",
        "",
        f"Levels ({len(m.levels)}):",
        *(f"  {lv.score:>3}  {lv.name}" for lv in m.levels),
        "",
        f"Practices ({len(m.practices)}):",
        *(f"  {p.name}" + (f"  [{p.group}]" if p.group else "") + f"  (id: {p.id})" for p in m.practices),
        "",
    ]
    width = max([len(s.name) for s in a.systems] + [len(a.systems_label), 24])
    out.append(f"{a.systems_label} ({len(a.systems)}):")
    if a.systems:
        out.append(f"  {'':<{width}}  {'current':>7}  {'target':>7}  {'gap':>7}")
        for s in a.systems:
            mm = system_means(a, s)
            out.append(f"  {s.name:<{width}}  {_fmt(mm.current):>7}  {_fmt(mm.target):>7}  {_fmt(mm.gap):>7}")
    out += ["", f"Rounds ({len(a.rounds)}, oldest first; the figures above are the latest's):"]
    lwidth = max(len(r.label) for r in a.rounds)
    for r in a.rounds:
        rated = sum(
            1 for s in a.systems if any(not x.is_empty for x in a.ratings_of(r).get(s.id, {}).values())
        )
        when = r.date.isoformat() if r.date else "no date"
        out.append(f"  {r.label:<{lwidth}}  {when:<10}  {rated} of {len(a.systems)} systems rated")
    out += ["", "Average – all systems, per practice:"]
    pwidth = max(len(p.name) for p in m.practices)
    out.append(f"  {'':<{pwidth}}  {'current':>7}  {'target':>7}  {'gap':>7}")
    for avg in practice_averages(a):
        out.append(
            f"  {avg.practice.name:<{pwidth}}  {_fmt(avg.current):>7}  {_fmt(avg.target):>7}  {_fmt(avg.gap):>7}"
        )
    gaps = prioritised_gaps(a)[:5]
    out += [
        "",
        "Largest gaps:" if gaps else "Largest gaps: none (no system has a target above its current level)",
    ]
    for g in gaps:
        out.append(
            f"  {g.gap:>2}  {g.system} – {g.practice.name}: "
            f"{m.level_label(g.current)} → {m.level_label(g.target)}"
        )
    _out("\n".join(out))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from gapradar.export.formats import FORMATS

    charts = [(fmt, getattr(args, fmt)) for fmt in FORMATS if getattr(args, fmt)]
    if not args.csv and not charts and not args.per_system:
        flags = ", ".join(f"--{fmt}" for fmt in FORMATS)
        raise UsageError(f"say what to export: --csv, {flags} or --per-system DIR")
    from gapradar.export.cli_export import with_rounds

    a, baseline = with_rounds(_load(_files(args)[0]), args, UsageError)
    if args.csv:
        if args.table == "rollup":
            from gapradar.export.rollup_table import rollup_table

            table = rollup_table(a, args.rollup)
        elif args.table == "rounds":
            from gapradar.io.csv_tables import rounds_table

            table = rounds_table(a, baseline)
        else:
            table = TABLES[args.table](a)
        if args.csv == "-":
            from gapradar.io.csv_tables import to_csv

            sys.stdout.write(to_csv(table))
        else:
            write_csv(table, args.csv, bom=not args.no_bom)
            _err(f"wrote the {args.table} table to {args.csv}")
    if charts or args.per_system:
        from gapradar.export.cli_export import export_charts

        export_charts(a, args, charts, UsageError)
    return EXIT_OK


def cmd_import_legacy(args: argparse.Namespace) -> int:
    from gapradar.io.legacy import import_legacy
    from gapradar.io.yaml_format import decode, read_bytes, save

    sources = args.data_file
    if args.rounds is not None or len(sources) > 1:
        from gapradar.io.legacy import import_legacy_rounds

        labels = [x.strip() for x in (args.rounds or "").split(",") if x.strip()]
        if len(labels) != len(sources):
            raise UsageError(
                f"{len(sources)} data files but {len(labels)} round labels: name one round per file, "
                'in the same order, e.g. --rounds "2016,2017"'
            )
        from gapradar.domain.names import name_key

        keys = [name_key(label) for label in labels]
        twice = sorted({label for label, key in zip(labels, keys, strict=True) if keys.count(key) > 1})
        if twice:
            raise UsageError(
                f"--rounds names {', '.join(repr(t) for t in twice)} twice: each round needs its own label"
            )
        assessment = import_legacy_rounds([(f, decode(read_bytes(f), f)) for f in sources], labels)
    else:
        source = sources[0]
        assessment = import_legacy(decode(read_bytes(source), source), source)
    out = Path(args.output)
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists already; add --force to replace it")
    save(assessment, out)
    _err(
        f"wrote {out}: {len(assessment.systems)} systems × {len(assessment.model.practices)} practices"
        + (f" in {len(assessment.rounds)} rounds" if len(assessment.rounds) > 1 else "")
        + "; Unranked (-2) became 'not assessed'"
    )
    return EXIT_OK


def _import_base(args: argparse.Namespace, out: Path) -> Assessment:
    """What the table is imported into: a fresh copy of --model's model, or the existing OUT."""
    if args.model:
        if out.exists() and not args.force:
            raise UsageError(
                f"{out} exists already; leave out --model to import into it, or add --force to replace it"
            )
        source = _load(args.model)
        return Assessment(source.model, source.title, [], source.systems_label, source.description)
    if out.exists():
        return load(out)
    raise UsageError(
        f"the ratings need a model: name one with --model MODEL.yaml (a gapradar file or template, "
        f"e.g. bundled:templates/owasp-samm-2), or import into an existing file as -o; {out} does not exist"
    )


def cmd_import_table(args: argparse.Namespace) -> int:
    from gapradar.io.table_import import column_letter, import_table

    out = Path(args.output)
    assessment = _import_base(args, out)
    result = import_table(args.table_file, assessment, args.sheet)
    if len(result.sheets) > 1:
        _err(
            f"{args.table_file}: read the sheet {result.sheet} of {len(result.sheets)} (--sheet chooses another)"
        )
    for note in result.notes:
        _err(f"{args.table_file}: {note}")
    for p in result.problems:
        header = f" ({p.header})" if p.header else ""
        _err(f"{args.table_file}:{p.row}:{p.column}: column {column_letter(p.column)}{header}: {p.reason}")
    if result.total_problems > len(result.problems):
        _err(f"{args.table_file}: … and {result.total_problems - len(result.problems)} more problems")
    if result.total_problems and not args.skip_problems:
        _err(
            f"{args.table_file}: {result.total_problems} cells cannot be placed; nothing written "
            "(fix them, or add --skip-problems to import the rest)"
        )
        return EXIT_INVALID
    changes = result.changes(assessment)
    result.apply_to(assessment)
    save(assessment, out)
    systems = len({c.system for c in changes})
    _err(
        f"wrote {out}: {len(changes)} ratings changed for {systems} systems"
        + (f"; new systems: {', '.join(result.new_systems)}" if result.new_systems else "")
    )
    return EXIT_OK


def cmd_bundled(args: argparse.Namespace) -> int:
    for path in bundled.all_datasets():
        print(f"{bundled.bundled_name(path):<40} {path}")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from gapradar.ui.app import parse_size, run

    if args.file:
        try:
            bundled.resolve(args.file)
        except FileNotFoundError as e:
            raise UsageError(str(e)) from None
    if args.size:
        try:
            parse_size(args.size)
        except ValueError as e:
            raise UsageError(str(e)) from None
    return run(
        args.file,
        screenshot=args.screenshot,
        size=args.size,
        focus=args.focus,
        presentation=args.presentation,
    )


# ---------------------------------------------------------------- parsing


def _add_files(p: argparse.ArgumentParser, many: bool) -> None:
    p.add_argument(
        "files",
        nargs="*" if many else "?",
        metavar="FILE",
        help="a gapradar YAML file, or bundled:NAME for a bundled one (see 'gapradar bundled')",
    )
    p.add_argument("--sample", action="store_true", help="use the bundled First Federated Bank sample")


def build_parser() -> dict[str, argparse.ArgumentParser]:
    main = argparse.ArgumentParser(
        prog="gapradar",
        description="Maturity gap analysis on an editable radar. With no command, opens the desktop app.",
        epilog="commands: validate, info, export, import-legacy, import-table, bundled. 'gapradar COMMAND --help' for each.",
    )
    main.add_argument("file", nargs="?", metavar="FILE", help="file to open (default: the bundled sample)")
    main.add_argument("--version", action="version", version=f"gapradar {__version__}")
    main.add_argument(
        "--screenshot", metavar="OUT.png", help="open the window, save a picture of it to OUT.png and exit"
    )
    main.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x720")
    main.add_argument("--focus", metavar="SYSTEM", help="start in focus view on this system")
    main.add_argument(
        "--presentation", action="store_true", help="start in presentation mode (Esc leaves it)"
    )

    subs: dict[str, argparse.ArgumentParser] = {"": main}
    p = argparse.ArgumentParser(
        prog="gapradar validate", description="Check files; print each problem as FILE:LINE:COL: message."
    )
    _add_files(p, many=True)
    p.set_defaults(func=cmd_validate)
    subs["validate"] = p

    p = argparse.ArgumentParser(
        prog="gapradar info",
        description="Summarise a file: model, practices, levels, systems, averages and the largest gaps.",
    )
    _add_files(p, many=False)
    p.set_defaults(func=cmd_info)
    subs["info"] = p

    from gapradar.export.formats import FORMATS, chart_formats

    p = argparse.ArgumentParser(
        prog="gapradar export",
        description=f"Export charts and documents ({', '.join(f.label for f in FORMATS.values())}) "
        "and tables (CSV). Runs without a display.",
    )
    _add_files(p, many=False)
    chart = p.add_argument_group("charts and documents")
    for f in FORMATS.values():
        chart.add_argument(f"--{f.id}", metavar=f"OUT.{f.extension}", help=f.help)
    chart.add_argument("--size", default="1920x1080", metavar="WxH", help="pixels (default 1920x1080)")
    chart.add_argument(
        "--dpi", type=int, default=96, metavar="N", help="resolution written into PNG and PDF (default 96)"
    )
    chart.add_argument("--transparent", action="store_true", help="no background outside the chart")
    chart.add_argument("--theme", choices=["print", "light", "dark", "high-contrast"], default="print")
    chart.add_argument("--systems", metavar="A,B", help="comma-separated system names to overlay")
    chart.add_argument("--all", action="store_true", help="overlay every system (the default)")
    chart.add_argument(
        "--average", action=argparse.BooleanOptionalAction, default=True, help="show the average"
    )
    chart.add_argument(
        "--focus",
        metavar="SYSTEM",
        help="one system's current against its target; \"Average – all systems\" for the roll-up's",
    )
    chart.add_argument(
        "--view",
        choices=["radar", "heatmap", "gaps", "multiples", "slope", "moved"],
        default="radar",
        help="radar (default), heatmap of systems × practices, gap chart (largest first), small multiples, "
        "slope chart or what moved since --compare's round (default: the round before)",
    )
    chart.add_argument(
        "--round",
        metavar="LABEL",
        help="the round to export (default: the latest); applies to charts, decks and tables",
    )
    chart.add_argument(
        "--compare",
        metavar="LABEL",
        help="the baseline round to compare with (slope, moved, the radar's outline, the rounds table)",
    )
    chart.add_argument(
        "--rollup",
        choices=["mean", "median", "min", "at-target"],
        default="mean",
        help="how systems roll up: mean (default), median, min (weakest link), at-target (share at target)",
    )
    chart.add_argument(
        "--spread",
        choices=["none", "range", "iqr"],
        default="none",
        help="radar: a band around the roll-up, range (lowest to highest level) or iqr (the middle half)",
    )
    chart.add_argument("--colour-by", choices=["level", "gap"], default="level", help="heatmap cells' colour")
    chart.add_argument(
        "--rows", choices=["file", "name", "mean", "gap"], default="name", help="heatmap row order"
    )
    chart.add_argument(
        "--columns",
        choices=["file", "group", "mean", "gap"],
        default="group",
        help="heatmap column order (default: by practice group, the file's order within each)",
    )
    chart.add_argument(
        "--per-system", metavar="DIR", help="one focus chart per system into DIR (format from --format)"
    )
    chart.add_argument(
        "--format", choices=[f.id for f in chart_formats()], default="png", help="format for --per-system"
    )
    chart.add_argument(
        "--title",
        metavar="TEXT",
        default=None,
        help="the chart's title (default: the file's title; a system's chart names the system)",
    )
    chart.add_argument("--no-title", action="store_true", help="no title")
    chart.add_argument("--subtitle", default="", metavar="TEXT", help="a line under the title, e.g. a date")
    chart.add_argument(
        "--legend", action=argparse.BooleanOptionalAction, default=True, help="show the legend"
    )
    chart.add_argument(
        "--font-scale", type=float, default=1.0, metavar="F", help="text size factor (default 1)"
    )
    deck = p.add_argument_group("PowerPoint deck (--pptx)")
    deck.add_argument(
        "--deck-slides",
        default="title,overview,systems,averages",
        metavar="LIST",
        help="slides to include, in this order: title,overview,systems,averages (default: these four),"
        " heatmap, gaps (the roll-up's gap chart under --rollup), since (with two or more rounds: the slope"
        " chart and what moved since --compare's round; a deck with the overview has them)",
    )
    deck.add_argument(
        "--deck-charts",
        choices=["native", "picture"],
        default="native",
        help="native: PowerPoint's own editable radar charts (default); picture: gapradar's drawing",
    )
    deck.add_argument(
        "--deck-gaps", type=int, default=5, metavar="N", help="largest gaps per system (ties are kept)"
    )
    deck.add_argument(
        "--deck-notes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="each rating's note in the speaker notes of its system's slide",
    )
    table = p.add_argument_group("tables")
    table.add_argument("--csv", metavar="OUT.csv", help="write a CSV table here ('-' for standard output)")
    table.add_argument(
        "--table",
        choices=sorted([*TABLES, "rollup"]),
        default="scores",
        help="which table (default: scores; rollup: per practice under --rollup's rule, with spread; "
        "rounds: a row per round, system and practice with Δ and progress since --compare's round, "
        "default the first)",
    )
    p.add_argument(
        "--no-bom", action="store_true", help="plain UTF-8 without the byte-order mark Excel needs"
    )
    p.set_defaults(func=cmd_export)
    subs["export"] = p

    p = argparse.ArgumentParser(
        prog="gapradar import-legacy",
        description="Convert the original radar tool's data file (data_radar.js) into a gapradar file; "
        "several files, oldest first, with --rounds, become the rounds of one assessment.",
    )
    p.add_argument("data_file", metavar="DATA_RADAR_JS", nargs="+")
    p.add_argument(
        "--rounds",
        metavar="LABELS",
        help='comma-separated round labels, one per data file in the same order, e.g. "2016,2017"',
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT.yaml")
    p.add_argument("--force", action="store_true", help="replace OUT.yaml if it exists")
    p.set_defaults(func=cmd_import_legacy)
    subs["import-legacy"] = p

    p = argparse.ArgumentParser(
        prog="gapradar import-table",
        description="Import ratings from a spreadsheet (CSV with any delimiter, or XLSX): a matrix "
        "(a row per system, a column per practice: current levels) or a long table (columns System, "
        "Practice, Current, Target, Note). Names and levels match whatever their case; levels by score, "
        "name or label. Blank cells change nothing.",
    )
    p.add_argument("table_file", metavar="FILE.csv|xlsx")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.yaml",
        help="the file to write; if it exists, imported into",
    )
    p.add_argument(
        "--model",
        metavar="MODEL.yaml",
        help="start from this file's model (its practices and levels, without its systems); "
        "default: the model of an existing OUT.yaml",
    )
    p.add_argument(
        "--sheet",
        metavar="NAME",
        help="the workbook's sheet to read (default: Scores, else the first that holds a table)",
    )
    p.add_argument(
        "--skip-problems", action="store_true", help="import what can be placed even if some cells cannot"
    )
    p.add_argument("--force", action="store_true", help="with --model: replace OUT.yaml if it exists")
    p.set_defaults(func=cmd_import_table)
    subs["import-table"] = p

    p = argparse.ArgumentParser(
        prog="gapradar bundled", description="List the bundled data sets and templates."
    )
    p.set_defaults(func=cmd_bundled)
    subs["bundled"] = p
    return subs


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so Python's exit flush stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parsers = build_parser()
    command = argv[0] if argv and argv[0] in parsers else ""
    parser = parsers[command]
    try:
        args = parser.parse_args(argv[1:] if command else argv)
    except SystemExit as e:  # argparse: --help (0) or a usage error (2)
        return int(e.code or 0)
    try:
        if command:
            return args.func(args)
        return cmd_gui(args)
    except UsageError as e:
        parser.print_usage(sys.stderr)
        _err(f"{parser.prog}: error: {e}")
        return EXIT_USAGE
    except LoadError as e:
        for p in e.problems:
            _err(str(p))
        return EXIT_INVALID
    except WriteError as e:
        _err(f"gapradar: {e}")
        return EXIT_INVALID
    except BrokenPipeError:  # `gapradar info FILE | head`: the reader has all it wanted
        _quiet_stdout()
        return 0
    except OSError as e:
        _err(f"gapradar: {e.filename or ''}: {e.strerror or e}".replace(": : ", ": "))
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # the last line of defence: never a traceback
        if os.environ.get("GAPRADAR_DEBUG"):
            raise
        _err(
            f"gapradar: internal error ({type(e).__name__}: {e}); please report it. Set GAPRADAR_DEBUG=1 for details."
        )
        return EXIT_INVALID
