import re
from pathlib import Path

from benzotaper.knowledge import Knowledge, load_knowledge


def test_the_version_is_the_release_and_a_hash_of_the_data(knowledge: Knowledge) -> None:
    assert re.fullmatch(r"2026\.11\.21\+[0-9a-f]{8}", knowledge.version)


def test_an_unchanged_copy_has_the_same_version(data_copy: Path, knowledge: Knowledge) -> None:
    assert load_knowledge(data_copy).version == knowledge.version


def test_the_version_changes_when_a_data_file_changes(data_copy: Path, knowledge: Knowledge) -> None:
    with (data_copy / "products.toml").open("a", encoding="utf-8") as file:
        file.write("\n# reviewed again\n")
    changed = load_knowledge(data_copy).version
    assert changed != knowledge.version
    assert changed.startswith("2026.11.21+")


def test_the_default_data_is_loaded_once() -> None:
    assert load_knowledge() is load_knowledge()
