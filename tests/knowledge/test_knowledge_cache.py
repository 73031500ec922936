"""The validated knowledge is kept between processes, and any change to the data is validated again."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import Knowledge, KnowledgeError, load_knowledge

Edit = Callable[[str, str, str], Path]  # the `edit` fixture of conftest.py


def cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("knowledge-*.pickle"))


def test_a_second_load_reads_the_cache_instead_of_validating(
    data_copy: Path, cache: Path, validations: list[Path], knowledge: Knowledge
) -> None:
    first = load_knowledge(data_copy)
    second = load_knowledge(data_copy)
    assert validations == [data_copy]
    assert second == first == knowledge
    assert second.drugs["alprazolam"].diazepam_mg_per_mg == knowledge.drugs["alprazolam"].diazepam_mg_per_mg


def test_the_cache_is_private_to_its_owner(data_copy: Path, cache: Path) -> None:
    load_knowledge(data_copy)
    [written] = cache_files(cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert list(cache.glob(".*")) == [], "no temporary file is left behind"


def test_a_changed_figure_is_validated_again_and_the_old_cache_removed(
    edit: Edit, cache: Path, validations: list[Path]
) -> None:
    before = load_knowledge(edit("tapering.toml", "", ""))
    [old] = cache_files(cache)
    # The same number of bytes: only the content tells the two versions apart.
    changed = edit("tapering.toml", 'value = "25"', 'value = "24"')
    after = load_knowledge(changed)
    assert len(validations) == 2
    assert before.tapering.max_cut_percent.value == 25
    assert after.tapering.max_cut_percent.value == 24
    assert after.version != before.version
    assert old not in cache_files(cache) and len(cache_files(cache)) == 1


def test_a_broken_change_is_refused_although_the_old_data_was_cached(edit: Edit, cache: Path) -> None:
    load_knowledge(edit("tapering.toml", "", ""))
    broken = edit("tapering.toml", 'value = "25"', 'value = "125"')
    with pytest.raises(KnowledgeError, match=r"max_cut_percent\.value: a percentage must be above 0"):
        load_knowledge(broken)


def test_a_damaged_cache_file_is_validated_again_and_replaced(
    data_copy: Path, cache: Path, validations: list[Path], knowledge: Knowledge
) -> None:
    load_knowledge(data_copy)
    [written] = cache_files(cache)
    written.write_bytes(b"not a pickle")
    assert load_knowledge(data_copy) == knowledge
    assert len(validations) == 2
    assert load_knowledge(data_copy) == knowledge
    assert len(validations) == 2


def test_a_cache_file_others_may_write_is_never_read(
    data_copy: Path, cache: Path, validations: list[Path]
) -> None:
    load_knowledge(data_copy)
    [written] = cache_files(cache)
    written.chmod(0o666)
    load_knowledge(data_copy)
    assert len(validations) == 2


def test_a_cache_folder_others_may_write_is_never_read(
    data_copy: Path, cache: Path, validations: list[Path]
) -> None:
    load_knowledge(data_copy)
    cache.chmod(0o777)
    load_knowledge(data_copy)
    assert len(validations) == 2


def test_an_empty_cache_setting_turns_the_cache_off(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, validations: list[Path], tmp_path: Path
) -> None:
    monkeypatch.setenv("BENZOTAPER_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_knowledge(data_copy)
    load_knowledge(data_copy)
    assert len(validations) == 2
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_folder_only_means_validating_each_time(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[Path]
) -> None:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BENZOTAPER_CACHE_DIR", str(blocker / "cache"))
    assert load_knowledge(data_copy).version == load_knowledge(data_copy).version
    assert len(validations) == 2
