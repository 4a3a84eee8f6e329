"""Test setup shared by every test: Qt offscreen, and no test touches the user's folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Must happen before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
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
