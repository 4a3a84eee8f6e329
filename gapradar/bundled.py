"""Where the bundled data sets and resources live, installed or in a source checkout.

In a wheel they sit inside the package (gapradar/datasets, gapradar/resources);
in a source checkout they are the top-level datasets/ and resources/ folders.
Users name a bundled file as `bundled:NAME`, e.g. `bundled:templates/owasp-samm-2`.
"""

from __future__ import annotations

from pathlib import Path

PREFIX = "bundled:"
SAMPLE = "first-federated-bank"
ROUNDS_SAMPLE = "first-federated-bank-rounds"  # the sample with an illustrative follow-up round
_HERE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gapradar's bundled {name}/ folder is missing; reinstall gapradar")


def datasets_dir() -> Path:
    return _folder("datasets")


def resources_dir() -> Path:
    return _folder("resources")


def sample_path() -> Path:
    return datasets_dir() / f"{SAMPLE}.yaml"


def templates() -> list[Path]:
    return sorted((datasets_dir() / "templates").glob("*.yaml"))


def all_datasets() -> list[Path]:
    return sorted(datasets_dir().rglob("*.yaml"))


def bundled_name(path: Path) -> str:
    return PREFIX + path.relative_to(datasets_dir()).with_suffix("").as_posix()


def is_bundled(path: Path) -> bool:
    """A file shipped with gapradar: never saved over, never listed as recent."""
    return datasets_dir() in path.resolve().parents


def resolve(name: str) -> Path:
    """A user's file argument: `bundled:NAME` becomes the bundled file's path."""
    if not name.startswith(PREFIX):
        return Path(name)
    rel = name[len(PREFIX) :].removesuffix(".yaml")
    path = datasets_dir() / f"{rel}.yaml"
    if not path.is_file():
        known = ", ".join(bundled_name(p) for p in all_datasets())
        raise FileNotFoundError(f"no bundled file {name!r}; bundled files: {known}")
    return path


def template_title(template: Path) -> str:
    """A bundled template's file name as people write it: "cd-maturity-model" -> "CD Maturity Model"."""
    return (
        template.stem.replace("-", " ")
        .title()
        .replace("Cd ", "CD ")
        .replace("Iac ", "IaC ")
        .replace("Owasp Samm 2", "OWASP SAMM 2.0")
        .replace("Infoq", "InfoQ")
    )
