"""The planned drug-free nights pattern is data: cited to the Canadian algorithm, marked C (the pattern
itself is ours), and a pattern that does not fall night by night from at most 6 is refused."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import Knowledge, KnowledgeError, load_knowledge

Edit = Callable[[str, str, str], Path]  # the `edit` fixture of conftest.py
PATTERN = "value = [6, 5, 4, 3]"


def test_the_pattern_is_cited_and_marked_as_our_choice(knowledge: Knowledge) -> None:
    nights = knowledge.tapering.drug_free_nights_per_week
    assert nights.value == (6, 5, 4, 3)
    assert (nights.source, nights.confidence) == ("pottie2018", "C")
    assert "no source gives the pattern" in nights.note


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("value = [7, 5, 3]", "must fall step by step from at most 6 nights, got [7, 5, 3]"),
        ("value = [5, 5, 3]", "must fall step by step from at most 6 nights, got [5, 5, 3]"),
        ("value = [3, 5]", "must fall step by step from at most 6 nights, got [3, 5]"),
        ("value = [6, 0]", "must be greater than zero, got 0"),
        ("value = []", "must be a non-empty list"),
    ],
)
def test_it_refuses_a_pattern_that_does_not_fall_night_by_night(
    edit: Edit, pattern: str, problem: str
) -> None:
    broken = edit("tapering.toml", PATTERN, pattern)
    with pytest.raises(KnowledgeError, match=re.escape(f"drug_free_nights_per_week.value: {problem}")):
        load_knowledge(broken)
