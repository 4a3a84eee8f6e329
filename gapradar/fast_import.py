"""pyqtgraph without its start-up tax: about 90 ms of every launch and every export.

PySide6 creates its Python classes lazily, on first use. pyqtgraph's Qt shim
(`pyqtgraph.Qt`) copies every name of QtCore, QtGui and QtWidgets into modules
of its own, which forces all ~1,900 classes into existence while the window
waits for its first paint. Here pyqtgraph gets modules that fetch a name from
PySide6 when pyqtgraph first asks for it (and keep it), and its copy sees only
the classes that already exist. Every class pyqtgraph uses is still PySide6's
own object; only when it is made changes.

If a pyqtgraph release imports differently, nothing breaks: the modules below
are simply not used and its shim copies as before (`tests/test_fast_import.py`).
"""

from __future__ import annotations

import importlib.abc
import sys
import types
from collections.abc import Callable, Sequence

_BINDINGS = ("QtCore", "QtGui", "QtWidgets")


class _Forwarding(types.ModuleType):
    """pyqtgraph.Qt.QtCore and friends: PySide6's classes, each fetched on first use."""

    def __init__(self, name: str, real: types.ModuleType) -> None:
        super().__init__(name)
        self._real = real

    def __getattr__(self, attr: str) -> object:
        value = getattr(self._real, attr)
        setattr(self, attr, value)
        return value


def _copy_once(real: types.ModuleType, original: Callable[[], list[str]]) -> Callable[[], list[str]]:
    """A __dir__ that answers pyqtgraph's copy with the classes made so far, once; then the full list."""

    def listing() -> list[str]:
        caller = sys._getframe(1).f_globals.get("__name__")
        if caller != "pyqtgraph.Qt":
            return original()
        real.__dir__ = original  # type: ignore[method-assign]
        return [k for k in real.__dict__ if not k.startswith("__")]

    return listing


class _PyqtgraphFinder(importlib.abc.MetaPathFinder):
    """Prepares the first `import pyqtgraph`, then steps aside for the normal finders."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> None:
        if fullname != "pyqtgraph":
            return None
        sys.meta_path.remove(self)
        if any(name.startswith("pyqtgraph.") for name in sys.modules):
            return None
        try:
            import PySide6.QtCore
            import PySide6.QtGui
            import PySide6.QtWidgets
        except ImportError:
            return None  # pyqtgraph will say what is missing
        for name in _BINDINGS:
            real = getattr(PySide6, name)
            original = real.__dict__.get("__dir__")
            if original is None:  # classes not made lazily: nothing to save
                continue
            sys.modules[f"pyqtgraph.Qt.{name}"] = _Forwarding(f"pyqtgraph.Qt.{name}", real)
            real.__dir__ = _copy_once(real, original)
        return None


def install() -> None:
    """Called once when gapradar is imported; costs nothing until pyqtgraph is."""
    if "pyqtgraph" not in sys.modules and not any(isinstance(f, _PyqtgraphFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _PyqtgraphFinder())
