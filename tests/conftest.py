"""Test setup shared by every test: Qt offscreen, and no test touches the user's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
JOURNEYS = REPO / "tests" / "journeys"


def _journeys_only(config: pytest.Config) -> bool:
    """Journeys run alone, in a real X server: `python -m pytest tests/journeys`."""
    paths = [Path(config.invocation_params.dir, a.split("::")[0]).resolve() for a in config.args]
    return bool(paths) and all(p == JOURNEYS or JOURNEYS in p.parents for p in paths)


def pytest_configure(config: pytest.Config) -> None:
    # Before any QApplication exists: unit tests draw offscreen, journeys in a real window.
    if _journeys_only(config):
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            del os.environ["QT_QPA_PLATFORM"]
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The journeys need a QApplication on a real display, which a unit run (offscreen) cannot give."""
    if not _journeys_only(config) and (collection_path == JOURNEYS or JOURNEYS in collection_path.parents):
        return True
    return None


DATASETS = REPO / "datasets"
SAMPLE = DATASETS / "first-federated-bank.yaml"


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point settings, data and cache folders at a temp dir, so tests never see the user's."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache")):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("GAPRADAR_HOME", str(home))


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def sample_copy(tmp_path: Path, sample_path: Path) -> Path:
    """A copy of the sample a test may edit and save."""
    import shutil

    path = tmp_path / "bank.yaml"
    shutil.copy(sample_path, path)
    return path


class Answers:
    """Scripted answers for QMessageBox prompts, recording what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: object) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.asked: list[str] = []
        self.answer = answer
        for name in ("warning", "question", "critical", "information"):
            monkeypatch.setattr(QMessageBox, name, staticmethod(self._ask))

    def _ask(self, parent: object, title: str, text: str, *args: object, **kwargs: object) -> object:
        self.asked.append(f"{title}: {text}")
        return self.answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch):
    return lambda answer: Answers(monkeypatch, answer)
