"""domain/ and io/ must run without Qt: the CLI's validate and CSV paths need no display."""

import subprocess
import sys


def test_domain_and_io_load_no_qt():
    code = (
        "import sys, gapradar.domain, gapradar.io, gapradar.io.csv_tables, gapradar.io.legacy, gapradar.io.table_import, gapradar.cli;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'));"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
