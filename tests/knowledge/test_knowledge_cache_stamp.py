"""The cache knows unchanged data files by their size, times and inode, without reading them, and never
mistakes a changed file for an unchanged one (docs/knowledge.md, "The cache")."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import Knowledge, load_knowledge
from benzotaper.knowledge import _cache as knowledge_cache

Edit = Callable[[str, str, str], Path]  # the `edit` fixture of conftest.py


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders whose files were read (and hashed), in order."""
    seen: list[Path] = []
    read_files = knowledge_cache.read_files

    def counting(data_dir: Path) -> dict[str, bytes]:
        seen.append(data_dir)
        return read_files(data_dir)

    monkeypatch.setattr(knowledge_cache, "read_files", counting)
    return seen


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once (the copies of a test are seconds old at most)."""
    monkeypatch.setattr(knowledge_cache, "SETTLED_NS", 0)


def test_an_unchanged_folder_is_neither_read_nor_validated_again(
    data_copy: Path,
    cache: Path,
    settled: None,
    reads: list[Path],
    validations: list[Path],
    knowledge: Knowledge,
) -> None:
    assert load_knowledge(data_copy) == knowledge
    assert load_knowledge(data_copy) == knowledge
    assert load_knowledge(data_copy) == knowledge
    assert reads == [data_copy]
    assert validations == [data_copy]
    assert (cache / "knowledge.stamp").stat().st_mode & 0o777 == 0o600


def test_a_change_that_keeps_the_size_and_the_modification_time_is_seen(
    edit: Edit, cache: Path, settled: None, reads: list[Path]
) -> None:
    folder = edit("tapering.toml", "", "")
    before = load_knowledge(folder)
    path = folder / "tapering.toml"
    kept = path.stat()
    time.sleep(0.05)  # past the file system clock's tick
    edit("tapering.toml", 'value = "25"', 'value = "24"')
    os.utime(path, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert path.stat().st_size == kept.st_size and path.stat().st_mtime_ns == kept.st_mtime_ns
    after = load_knowledge(folder)
    assert (before.tapering.max_cut_percent.value, after.tapering.max_cut_percent.value) == (25, 24)
    assert len(reads) == 2


def test_a_new_file_in_the_folder_is_seen(
    data_copy: Path, cache: Path, settled: None, reads: list[Path], validations: list[Path]
) -> None:
    load_knowledge(data_copy)
    (data_copy / "extra.toml").write_text(
        '[sources.extra]\ncitation = "An extra source."\n', encoding="utf-8"
    )
    assert "extra" in load_knowledge(data_copy).sources
    assert len(reads) == len(validations) == 2


def test_files_changed_in_the_last_two_seconds_are_read_each_time(
    data_copy: Path, cache: Path, reads: list[Path], validations: list[Path]
) -> None:
    # The copy was just made: a second change within the same tick of the file clock would keep every
    # time of the files, so only their bytes can tell (they are read, but validated only once).
    load_knowledge(data_copy)
    load_knowledge(data_copy)
    assert reads == [data_copy, data_copy]
    assert validations == [data_copy]
    assert not (cache / "knowledge.stamp").exists()


def test_a_stamp_file_others_may_write_is_never_trusted(
    data_copy: Path, cache: Path, settled: None, reads: list[Path]
) -> None:
    load_knowledge(data_copy)
    (cache / "knowledge.stamp").chmod(0o666)
    load_knowledge(data_copy)
    assert len(reads) == 2


def test_two_folders_loaded_in_turn_each_give_their_own_data(
    data_copy: Path, tmp_path: Path, cache: Path, settled: None
) -> None:
    other = Path(shutil.copytree(data_copy, tmp_path / "other"))
    tapering = other / "tapering.toml"
    tapering.write_text(tapering.read_text(encoding="utf-8").replace('value = "25"', 'value = "24"', 1))
    for _ in range(2):
        assert load_knowledge(data_copy).tapering.max_cut_percent.value == 25
        assert load_knowledge(other).tapering.max_cut_percent.value == 24
