import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import Knowledge, load_knowledge
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
