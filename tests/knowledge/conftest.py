import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import Knowledge, load_knowledge
from benzotaper.knowledge import _load as loader
from benzotaper.knowledge._load import DATA_DIR


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the real data folder, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def edit(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace the first ``old`` in a copied data file with ``new``; returns the copied folder."""

    def replace(file: str, old: str, new: str) -> Path:
        path = data_copy / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is no longer in {file}: update the test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return data_copy

    return replace


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BENZOTAPER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders validated from their files (not read from the cache), in order."""
    seen: list[Path] = []
    validate = loader._validate

    def counting(data_dir: Path, files: dict[str, bytes]) -> Knowledge:
        seen.append(data_dir)
        return validate(data_dir, files)

    monkeypatch.setattr(loader, "_validate", counting)
    return seen
