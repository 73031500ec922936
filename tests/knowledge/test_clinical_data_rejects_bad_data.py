"""Broken copies of the clinical data are refused with a KnowledgeError naming the file and entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper import knowledge
from benzotaper.knowledge._types import KnowledgeError

# The fixtures ``data_copy`` (a fresh copy of the data folder) and ``edit`` (replace the first ``old`` of a
# copied file with ``new``) come from conftest.py.

BROKEN = {
    "onset of zero days": (
        "red_flags.toml",
        "onset_within_days = 7",
        "onset_within_days = 0",
        knowledge.load_red_flags,
        r"red_flags\.toml: too_fast_signs\[0\]\.onset_within_days: must be at least 1, got 0",
    ),
    "unknown source key": (
        "glossary.toml",
        'sources = ["research_notes"]',
        'sources = ["no_such_source"]',
        knowledge.load_glossary,
        r"glossary\.toml: terms\[3\]\.sources: unknown source key 'no_such_source'",
    ),
    "severity 7": (
        "symptoms.toml",
        '{ value = 4, label = "very severe" }',
        '{ value = 7, label = "very severe" }',
        knowledge.load_symptoms,
        r"symptoms\.toml: scales\.severity_0_4\.points\[4\]\.value: severity 7 is outside 0-4",
    ),
    "duplicate slug": (
        "glossary.toml",
        'slug = "wave"',
        'slug = "window"',
        knowledge.load_glossary,
        r"glossary\.toml: terms\[2\]: duplicate slug 'window'",
    ),
    "duplicate alias": (
        "glossary.toml",
        'aliases = ["waves"]',
        'aliases = ["windows"]',
        knowledge.load_glossary,
        r"glossary\.toml: terms\[2\]\.aliases: 'windows' already links to 'window'",
    ),
    "duplicate symptom code": (
        "symptoms.toml",
        'code = "panic"',
        'code = "anxiety"',
        knowledge.load_symptoms,
        r"symptoms\.toml: items\[1\]: duplicate item code 'anxiety'",
    ),
    "missing source": (
        "red_flags.toml",
        'sources = ["sym_jcpg_table3", "fda2020"]\n',
        "",
        knowledge.load_red_flags,
        r"red_flags\.toml: emergency_signs\[0\]: missing sources",
    ),
    "unknown confidence": (
        "emergency.toml",
        'confidence = "M"',
        'confidence = "probably"',
        knowledge.load_emergency_numbers,
        r"emergency\.toml: default\.confidence: unknown 'probably'",
    ),
    "interaction severity outside the vocabulary": (
        "interactions.toml",
        'severity = "major"',
        'severity = "catastrophic"',
        knowledge.load_interactions,
        r"interactions\.toml: interactions\[0\]\.severity: unknown 'catastrophic'",
    ),
    "drug missing from drugs.toml": (
        "interactions.toml",
        'affects = ["lorazepam"]',
        'affects = ["tofisopam"]',
        knowledge.load_interactions,
        r"interactions\.toml: interactions\[\d+\]\.affects: 'tofisopam' is not a drug of drugs\.toml",
    ),
    "negative half-life": (
        "pharmacokinetics.toml",
        'low = "20", high = "100"',
        'low = "-20", high = "100"',
        knowledge.load_pharmacokinetics,
        r"pharmacokinetics\.toml: profiles\.diazepam\.half_life_h\[0\]\.low: must not be negative",
    ),
    "bioavailability over 100%": (
        "pharmacokinetics.toml",
        'low = "93", high = "100"',
        'low = "93", high = "130"',
        knowledge.load_pharmacokinetics,
        r"profiles\.diazepam\.bioavailability_percent\[0\]: 93-130 is impossible",
    ),
    "range upside down": (
        "pharmacokinetics.toml",
        'low = "20", high = "100"',
        'low = "200", high = "100"',
        knowledge.load_pharmacokinetics,
        r"profiles\.diazepam\.half_life_h\[0\]: low 200 is above high 100",
    ),
    "a float figure": (
        "pharmacokinetics.toml",
        'low = "20", high = "100"',
        'low = 20.0, high = "100"',
        knowledge.load_pharmacokinetics,
        r"half_life_h\[0\]\.low: write the number as a string",
    ),
    "typical outside its range": (
        "pharmacokinetics.toml",
        'typical = "11.2"',
        'typical = "31.2"',
        knowledge.load_pharmacokinetics,
        r"profiles\.alprazolam\.half_life_h\[0\]\.typical: typical 31\.2 is outside",
    ),
    "impossible instrument total": (
        "symptoms.toml",
        "total = { low = 0, high = 80,",
        "total = { low = 0, high = 81,",
        knowledge.load_symptoms,
        r"symptoms\.toml: instruments\.ciwa_b\.total: 0-81 is impossible for 20 items scored 0-4",
    ),
    "clinician item marked self-rated": (
        "symptoms.toml",
        'rater = "clinician"\nself_rated = false',
        'rater = "clinician"\nself_rated = true',
        knowledge.load_symptoms,
        r"instruments\.ciwa_b\.items\[17\]: an item rated by the clinician must have self_rated = False",
    ),
    "overlapping severity bands": (
        "symptoms.toml",
        '{ low = 21, high = 40, label = "moderate" }',
        '{ low = 20, high = 40, label = "moderate" }',
        knowledge.load_symptoms,
        r"instruments\.ciwa_b\.bands\.ranges\[1\]: band starts at 20; the previous one ended at 20",
    ),
    "checklist item fed by nothing": (
        "symptoms.toml",
        'text = "Do you feel upset?"\nrater = "patient"\nself_rated = true\nconfidence = "V"\n'
        'checklist = ["upset"]',
        'text = "Do you feel upset?"\nrater = "patient"\nself_rated = true\nconfidence = "V"\nchecklist = []',
        knowledge.load_symptoms,
        r"symptoms\.toml: items\[\d+\]: no instrument item or list entry feeds 'upset'",
    ),
    "red flag question without a question mark": (
        "red_flags.toml",
        'question = "Have you had a seizure (fit) since your last check-in?"',
        'question = "Tell us about seizures"',
        knowledge.load_red_flags,
        r"red_flags\.toml: emergency_signs\[0\]\.question: a question must end with '\?'",
    ),
    "actions out of order": (
        "red_flags.toml",
        "order = 2",
        "order = 3",
        knowledge.load_red_flags,
        r"red_flags\.toml: actions: the orders of the actions must be 1, 2, 3",
    ),
    "a phone number with letters": (
        "emergency.toml",
        'numbers = ["911"]',
        'numbers = ["9II"]',
        knowledge.load_emergency_numbers,
        r"emergency\.toml: countries\.US\.numbers: '9II' is not a phone number",
    ),
    "an alias to an unlisted country": (
        "emergency.toml",
        'GB = "UK"',
        'GB = "XX"',
        knowledge.load_emergency_numbers,
        r"emergency\.toml: aliases\.GB: points to 'XX', which is not listed",
    ),
    "an unknown key": (
        "interactions.toml",
        'code = "probenecid"',
        'code = "probenecid"\nseverity_score = 3',
        knowledge.load_interactions,
        r"interactions\.toml: interactions\[10\]: unknown key severity_score",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_copy_is_refused(edit: Callable[[str, str, str], Path], case: str) -> None:
    file, old, new, load, message = BROKEN[case]
    data = edit(file, old, new)
    with pytest.raises(KnowledgeError, match=message):
        load(data)


def test_the_unbroken_copy_loads(data_copy: Path) -> None:
    loaders: list[Callable[[Path], object]] = [
        knowledge.load_symptoms,
        knowledge.load_red_flags,
        knowledge.load_emergency_numbers,
        knowledge.load_interactions,
        knowledge.load_glossary,
        knowledge.load_pharmacokinetics,
    ]
    for load in loaders:
        assert load(data_copy) is not None


def test_a_source_defined_twice_differently_is_refused(edit: Callable[[str, str, str], Path]) -> None:
    data = edit(
        "glossary.toml",
        "[[terms]]",
        '[sources.fda2016]\ncitation = "Something else."\nurl = ""\n\n[[terms]]',
    )
    with pytest.raises(KnowledgeError, match=r"source 'fda2016' is already defined differently"):
        knowledge.load_glossary(data)


def test_a_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "glossary.toml").unlink()
    with pytest.raises(KnowledgeError, match=r"glossary\.toml: missing from"):
        knowledge.load_glossary(data_copy)


MINIMAL_INTERACTIONS = """
members_source = "made_up"
members_confidence = "C"

[sources.made_up]
citation = "A made-up source for a test."

[[interactions]]
code = "test_agent"
agent = "Test agent"
members = ["testamol"]
affects = ["notadrug"]
severity = "minor"
severity_text = "minor"
mechanism = "None."
figures = "None."
source_advice = "None."
advice = "None."
sources = ["made_up"]
confidence = "M"
"""


def test_without_drugs_toml_interaction_drug_names_are_not_checked(tmp_path: Path) -> None:
    (tmp_path / "interactions.toml").write_text(MINIMAL_INTERACTIONS, encoding="utf-8")
    (entry,) = knowledge.load_interactions(tmp_path).entries
    assert entry.affects == ("notadrug",)
    assert entry.matches("Testamol 5 mg")


def test_with_drugs_toml_an_unknown_drug_is_refused(tmp_path: Path) -> None:
    (tmp_path / "interactions.toml").write_text(MINIMAL_INTERACTIONS, encoding="utf-8")
    (tmp_path / "drugs.toml").write_text("[drugs.diazepam]\nbrand_names = []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"'notadrug' is not a drug of drugs\.toml"):
        knowledge.load_interactions(tmp_path)
