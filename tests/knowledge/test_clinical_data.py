"""The clinical data the journal and insights use: symptoms, red flags, emergency numbers,
interactions, glossary and pharmacokinetics, as shipped in ``knowledge/data``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from decimal import Decimal

import pytest

from benzotaper import knowledge
from benzotaper.knowledge._clinical_load import DATA_DIR
from benzotaper.knowledge._clinical_types import normalise_term

LOADERS: dict[str, Callable[[], object]] = {
    "symptoms": knowledge.load_symptoms,
    "red_flags": knowledge.load_red_flags,
    "emergency": knowledge.load_emergency_numbers,
    "interactions": knowledge.load_interactions,
    "glossary": knowledge.load_glossary,
    "pharmacokinetics": knowledge.load_pharmacokinetics,
}


def drug_table_names() -> set[str]:
    with (DATA_DIR / "drugs.toml").open("rb") as file:
        return set(tomllib.load(file)["drugs"])


@pytest.mark.parametrize("name", LOADERS)
def test_every_clinical_file_loads(name: str) -> None:
    assert LOADERS[name]() is not None


def test_loading_twice_returns_the_cached_object() -> None:
    assert knowledge.load_symptoms() is knowledge.load_symptoms()
    assert knowledge.load_interactions() is knowledge.load_interactions(DATA_DIR)


# --- Red flags ----------------------------------------------------------------------------------------


def test_every_red_flag_asks_a_yes_no_question_and_says_what_to_do() -> None:
    flags = knowledge.load_red_flags().emergency_signs
    assert len(flags) == 8
    for flag in flags:
        assert flag.question.endswith("?")
        assert flag.what_to_do.strip()
        assert flag.sources


def test_the_seizure_red_flag_asks_about_a_fit_since_the_last_check_in() -> None:
    question = knowledge.load_red_flags().sign("seizure").question
    assert "seizure" in question and "fit" in question and "since your last check-in" in question


def test_every_too_fast_sign_has_a_question() -> None:
    signs = knowledge.load_red_flags().too_fast_signs
    assert {s.code for s in signs} == {
        "worse_after_cut",
        "intolerable_symptoms",
        "interdose_withdrawal",
        "worse_near_end",
    }
    assert all(s.question.endswith("?") for s in signs)


def test_guideline_actions_run_hold_then_slow_then_rarely_return_then_switch_or_maintain() -> None:
    actions = knowledge.load_red_flags().actions
    assert [a.code for a in actions] == ["hold", "slow", "return_to_previous_dose", "switch_or_maintain"]
    assert [a.order for a in actions] == [1, 2, 3, 4]
    assert "rare" in actions[2].how_often


# --- Symptoms -----------------------------------------------------------------------------------------


def test_ciwa_b_has_20_items_with_items_18_to_20_rated_by_a_clinician() -> None:
    ciwa = knowledge.load_symptoms().instruments["ciwa_b"]
    assert [item.number for item in ciwa.items] == list(range(1, 21))
    for item in ciwa.items:
        clinician = item.number >= 18
        assert item.rater == ("clinician" if clinician else "patient")
        assert item.self_rated is not clinician
        assert (item.checklist == ()) is clinician


def test_ciwa_b_items_carry_the_marks_of_the_notes() -> None:
    ciwa = knowledge.load_symptoms().instruments["ciwa_b"]
    assert [item.confidence for item in ciwa.items] == ["V"] * 13 + ["M"] * 7
    assert ciwa.item(10).text == "Do you feel anxious, nervous or jittery?"


def test_ciwa_b_totals_0_to_80_with_bands_from_memory() -> None:
    ciwa = knowledge.load_symptoms().instruments["ciwa_b"]
    assert ciwa.total_range.value == (0, 80)
    assert ciwa.total_range.confidence == "V3"
    assert ciwa.bands is not None and ciwa.bands.confidence == "M"
    assert [(b.low, b.high, b.label) for b in ciwa.bands.value] == [
        (1, 20, "mild"),
        (21, 40, "moderate"),
        (41, 60, "severe"),
        (61, 80, "very severe"),
    ]
    band = ciwa.band_for(45)
    assert band is not None and band.label == "severe"
    assert ciwa.band_for(0) is None


def test_each_self_rated_ciwa_b_item_feeds_its_own_checklist_item() -> None:
    fed = [item.checklist for item in knowledge.load_symptoms().instruments["ciwa_b"].self_rated_items]
    assert all(len(codes) == 1 for codes in fed)
    assert len({codes[0] for codes in fed}) == 17


def test_bwsq_has_20_self_report_items_scored_0_to_2_from_memory() -> None:
    bwsq = knowledge.load_symptoms().instruments["bwsq"]
    assert len(bwsq.items) == 20
    assert all(item.self_rated and item.confidence == "M" for item in bwsq.items)
    assert (bwsq.scale.min, bwsq.scale.max) == (0, 2)
    assert bwsq.total_range.value == (0, 40)


def test_the_check_in_scale_runs_from_none_to_very_severe() -> None:
    scale = knowledge.load_symptoms().scale
    assert [p.label for p in scale.points] == ["none", "mild", "moderate", "severe", "very severe"]
    assert scale.label(4) == "very severe"


def test_checklist_codes_are_unique_snake_case() -> None:
    codes = [item.code for item in knowledge.load_symptoms().items]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in codes)


def test_every_checklist_item_has_a_question_group_and_marked_source() -> None:
    checklist = knowledge.load_symptoms()
    groups = {g.code for g in checklist.groups}
    for item in checklist.items:
        assert item.question.endswith("?")
        assert item.group in groups
        assert item.sources and all(s.confidence in ("V", "V3", "C", "M") for s in item.sources)


def test_anxiety_comes_from_the_ciwa_b_asam_and_ashton_lists() -> None:
    anxiety = knowledge.load_symptoms().item("anxiety")
    assert {"ciwa_b", "asam_table3", "ashton2005", "ashton_manual_table1"} <= anxiety.origins
    assert anxiety.confidence == "V"


def test_red_flag_symptoms_are_asked_as_the_red_flags_question_not_rated() -> None:
    checklist = knowledge.load_symptoms()
    red_flags = knowledge.load_red_flags()
    flagged = {item.code: item.red_flag for item in checklist.red_flag_items}
    assert flagged == {
        "suicidal_thoughts": "suicidal_thoughts",
        "psychosis": "psychosis",
        "confusion": "confusion",
        "seizure": "seizure",
        "chest_pain": "chest_pain_or_fainting",
    }
    for item in checklist.red_flag_items:
        assert item.answer == "yes_no"
        assert item.red_flag is not None
        assert item.question == red_flags.sign(item.red_flag).question
    assert all(item.answer == "severity_0_4" for item in checklist.rated_items)
    assert not set(flagged) & {item.code for item in checklist.rated_items}


def test_elevated_blood_pressure_is_listed_but_not_self_rated() -> None:
    entries = knowledge.load_symptoms().lists["asam_table3"].entries
    (pressure,) = [e for e in entries if e.text == "elevated blood pressure"]
    assert pressure.checklist == ()
    assert "measurement" in pressure.not_self_rated


def test_asam_footnotes_seizures_confusion_and_psychosis_as_abrupt_high_dose_signs() -> None:
    entries = knowledge.load_symptoms().lists["asam_table3"].entries
    assert {e.text for e in entries if e.abrupt_high_dose} == {
        "confusion, delirium",
        "seizures",
        "psychosis e.g. paranoia",
    }


def test_items_are_in_group_order() -> None:
    checklist = knowledge.load_symptoms()
    order = [g.code for g in checklist.groups]
    positions = [order.index(item.group) for item in checklist.items]
    assert positions == sorted(positions)


# --- Emergency numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("UK", "999"),
        ("GB", "999"),
        ("US", "911"),
        ("FR", "112"),
        ("fr", "112"),
        ("DE", "112"),
        ("CA", "911"),
        ("AU", "000"),
        ("NZ", "111"),
        ("IE", "112"),
        ("EL", "112"),
    ],
)
def test_the_emergency_number_of_a_country(country: str, number: str) -> None:
    assert knowledge.emergency_number(country) == number


def test_an_unknown_country_gets_the_default_112() -> None:
    directory = knowledge.load_emergency_numbers()
    assert directory.default.value == "112"
    assert directory.default.note
    assert knowledge.emergency_number("ZZ") == "112"
    assert directory.for_country("ZZ") is None


def test_ireland_lists_both_112_and_999() -> None:
    ireland = knowledge.load_emergency_numbers().for_country("IE")
    assert ireland is not None and ireland.numbers == ("112", "999")


def test_every_eu_member_state_has_112() -> None:
    directory = knowledge.load_emergency_numbers()
    assert len(directory.eu_member_states) == 27
    for code in directory.eu_member_states:
        found = directory.for_country(code)
        assert found is not None and "112" in found.numbers


def test_the_us_crisis_line_is_988_and_the_uk_one_samaritans() -> None:
    directory = knowledge.load_emergency_numbers()
    us, uk = directory.for_country("US"), directory.for_country("UK")
    assert us is not None and uk is not None
    assert [(c.name, c.number) for c in us.crisis_lines] == [("988 Suicide & Crisis Lifeline", "988")]
    assert [(c.name, c.number) for c in uk.crisis_lines] == [("Samaritans", "116 123")]


def test_emergency_numbers_are_marked_from_memory() -> None:
    directory = knowledge.load_emergency_numbers()
    assert directory.default.confidence == "M"
    assert all(c.confidence == "M" for c in directory.countries.values())


# --- Interactions -------------------------------------------------------------------------------------


def matches(name: str) -> set[str]:
    return {entry.code for entry in knowledge.find_interactions(name)}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Tramadol", "opioids"),
        ("Tramadol 50mg", "opioids"),
        ("tramadol50mg", "opioids"),
        ("OxyContin 10 mg twice a day", "opioids"),
        ("Lyrica", "gabapentinoids"),
        ("gabapentin 300", "gabapentinoids"),
        ("cipro", "fluoroquinolones"),
        ("Ciprofloxacin 500 mg", "fluoroquinolones"),
        ("Levaquin", "fluoroquinolones"),
        ("Paxlovid", "strong_cyp3a4_inhibitors"),
        ("clarithromycin", "strong_cyp3a4_inhibitors"),
        ("St. John's Wort", "cyp_inducers"),
        ("st johns wort", "cyp_inducers"),
        ("a glass of wine", "alcohol"),
        ("grapefruit juice", "grapefruit"),
        ("Coumadin", "warfarin"),
        ("Eliquis 5mg", "doac_anticoagulants"),
        ("omeprazole", "cyp2c19_inhibitors"),
        ("Depakote", "valproate"),
        ("flumazenil", "flumazenil"),
        ("kava", "sedative_supplements"),
    ],
)
def test_what_a_person_types_matches_the_right_interaction(typed: str, code: str) -> None:
    assert code in matches(typed)


@pytest.mark.parametrize(
    "typed", ["ginger", "ginger ale", "somatic", "tramadolol", "ciprofloxacine", "vitamin D"]
)
def test_names_match_only_as_whole_words(typed: str) -> None:
    assert matches(typed) == set()


def test_matching_is_case_insensitive() -> None:
    opioids = knowledge.load_interactions().entry("opioids")
    assert opioids.matches("TRAMADOL") and opioids.matches("tramadol") and opioids.matches("Tramadol")


def test_warfarin_has_no_documented_interaction() -> None:
    warfarin = knowledge.load_interactions().entry("warfarin")
    assert warfarin.severity == "none"
    assert warfarin.confidence == "V"
    assert "falls" in warfarin.advice
    assert knowledge.load_interactions().entry("doac_anticoagulants").severity == "none"
    assert knowledge.load_interactions().entry("doac_anticoagulants").confidence == "M"


def test_strong_cyp3a4_inhibitors_are_contraindicated_with_alprazolam_and_triazolam() -> None:
    entry = knowledge.load_interactions().entry("strong_cyp3a4_inhibitors")
    assert entry.severity == "major"
    assert entry.contraindicated_with == ("alprazolam", "triazolam")
    assert entry.affects_drug("alprazolam") and entry.affects_drug("midazolam")
    assert entry.affects_drug("zolpidem") and "zolpidem" in entry.affects_unconfirmed
    assert not entry.affects_drug("lorazepam")


def test_smoking_does_not_affect_chlordiazepoxide() -> None:
    smoking = knowledge.load_interactions().entry("smoking")
    assert smoking.affects_drug("alprazolam")
    assert not smoking.affects_drug("chlordiazepoxide")


def test_every_row_of_the_interaction_table_has_an_entry() -> None:
    assert [entry.code for entry in knowledge.load_interactions().entries] == [
        "opioids",
        "bzd_class_boxed_warning",
        "alcohol",
        "gabapentinoids",
        "other_cns_depressants",
        "strong_cyp3a4_inhibitors",
        "moderate_cyp3a4_inhibitors",
        "cyp2c19_inhibitors",
        "cyp_inducers",
        "valproate",
        "probenecid",
        "oral_contraceptives",
        "fluoroquinolones",
        "warfarin",
        "doac_anticoagulants",
        "grapefruit",
        "smoking",
        "caffeine_theophylline",
        "flumazenil",
        "sedative_supplements",
        "no_effect_on_lorazepam",
        "absorption_modifiers",
    ]


def test_interactions_name_only_drugs_of_the_taper_table() -> None:
    known = drug_table_names()
    for entry in knowledge.load_interactions().entries:
        named = set(entry.affects_unconfirmed) | set(entry.not_affected) | set(entry.contraindicated_with)
        if entry.affects != "all":
            named |= set(entry.affects)
        assert named <= known, entry.code
        assert not set(entry.affects_other) & known, entry.code


def test_every_interaction_has_advice_and_member_lists_are_marked_computed() -> None:
    for entry in knowledge.load_interactions().entries:
        assert entry.advice and entry.source_advice and entry.sources
        assert entry.members_confidence == "C"
        assert entry.members or entry.kind == "class_warning"


# --- Glossary -----------------------------------------------------------------------------------------

SECTION_9_TERMS = [
    "windows and waves",
    "kindling",
    "tolerance withdrawal",
    "interdose withdrawal",
    "protracted withdrawal",
    "rebound",
    "recurrence",
    "relapse",
    "paradoxical reaction",
    "akathisia",
    "cross-tolerance",
    "micro-tapering",
    "liquid titration",
    "dry cut",
    "cut and hold",
    "reinstatement",
    "updosing",
    "crossover",
    "GABA receptor downregulation",
    "diazepam equivalent",
    "hyperbolic tapering",
    "physical dependence",
]
APP_TERMS = ["hold", "cut", "window", "wave", "red flag", "taper", "half-life", "step", "check-in"]


@pytest.mark.parametrize("word", SECTION_9_TERMS + APP_TERMS)
def test_the_glossary_defines(word: str) -> None:
    assert knowledge.glossary_entry(word) is not None


def test_every_glossary_word_links_to_one_entry_only() -> None:
    seen: dict[str, str] = {}
    for entry in knowledge.load_glossary().entries:
        for word in {normalise_term(name) for name in entry.names}:
            assert seen.setdefault(word, entry.slug) == entry.slug, word


def test_glossary_aliases_find_their_entries() -> None:
    assert knowledge.load_glossary().find("DE") == knowledge.load_glossary().entry("diazepam-equivalent")
    assert knowledge.glossary_entry("diazepam equivalent") == knowledge.glossary_entry("DE")
    found = {word: knowledge.glossary_entry(word) for word in ("waves", "updosing", "inter-dose withdrawal")}
    assert {word: e.slug if e else None for word, e in found.items()} == {
        "waves": "wave",
        "updosing": "reinstatement",
        "inter-dose withdrawal": "interdose-withdrawal",
    }
    assert knowledge.glossary_entry("no such word") is None


def test_glossary_definitions_have_two_to_four_sentences_and_sources() -> None:
    for entry in knowledge.load_glossary().entries:
        sentences = re.findall(r"[.!?](?:\s|$)", entry.definition)
        assert 2 <= len(sentences) <= 4, entry.slug
        assert entry.sources


# --- Pharmacokinetics ---------------------------------------------------------------------------------


def test_diazepam_half_life_is_ashtons_20_to_100_hours() -> None:
    diazepam = knowledge.load_pharmacokinetics().profile("diazepam")
    first = diazepam.half_life_range_h
    assert first is not None and first.value.range is not None
    assert (first.value.range.low, first.value.range.high) == (Decimal(20), Decimal(100))
    assert first.source == "nhs_scot" and first.confidence == "V"
    assert diazepam.active_metabolites[0].name.value.startswith("desmethyldiazepam")


def test_alprazolam_label_half_life_has_a_typical_value_inside_its_range() -> None:
    label = knowledge.load_pharmacokinetics().profile("alprazolam").half_life_h[0].value
    assert label.typical == Decimal("11.2")
    assert label.range is not None and label.range.low <= label.typical <= label.range.high


def test_only_reference_profiles_are_outside_the_taper_table() -> None:
    known = drug_table_names()
    profiles = knowledge.load_pharmacokinetics().profiles
    assert {drug for drug, p in profiles.items() if p.reference_only} == {"midazolam"}
    assert {drug for drug, p in profiles.items() if not p.reference_only} <= known


def test_the_garbled_estazolam_tmax_gives_no_range() -> None:
    (tmax,) = knowledge.load_pharmacokinetics().profile("estazolam").tmax_h
    assert tmax.value.range is None and ".5 - .6" in tmax.value.text


def test_there_are_four_model_notes_computed_here() -> None:
    notes = knowledge.load_pharmacokinetics().model_notes
    assert len(notes) == 4 and all(note.confidence == "C" for note in notes)
