"""gapradar: maturity gap analysis on an editable radar."""

__version__ = "0.1.0"
