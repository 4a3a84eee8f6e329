"""Lets `python -m gapradar` behave exactly like the `gapradar` command."""

import sys

from gapradar.cli import main

sys.exit(main())
