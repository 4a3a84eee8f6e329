"""Files in and out (YAML, CSV, the original tool's data files), without Qt."""

from gapradar.io.errors import LoadError, Problem
from gapradar.io.yaml_format import FORMAT_VERSION, dumps, load, loads, save

__all__ = ["FORMAT_VERSION", "LoadError", "Problem", "dumps", "load", "loads", "save"]
