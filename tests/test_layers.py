"""domain/ and io/ must run without Qt: the CLI's validate and CSV paths need no display."""

import subprocess
import sys
from pathlib import Path


def test_domain_and_io_load_no_qt():
    code = (
        "import sys, gapradar.domain, gapradar.io, gapradar.io.csv_tables, gapradar.io.legacy, gapradar.io.table_import, gapradar.cli;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_only_the_app_entry_imports_the_main_window():
    """Widgets take the workspace, never the window: no ui module but the app entry imports it."""
    import ast

    ui = Path(__file__).resolve().parent.parent / "gapradar" / "ui"
    offenders = []
    for path in ui.glob("*.py"):
        if path.stem in ("app", "main_window"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.endswith("main_window") for n in names):
                offenders.append(path.name)
    assert offenders == []
