"""gapradar: maturity gap analysis on an editable radar."""

from gapradar import fast_import

__version__ = "0.1.0"

fast_import.install()
