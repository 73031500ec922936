"""Interactions of other medicines with the benzodiazepines: only what the knowledge data says."""

from __future__ import annotations

from benzotaper.insights import check_interactions


def test_an_opioid_is_a_major_interaction_by_brand_or_generic_name() -> None:
    for name in ("Tramadol 50mg", "OxyContin"):
        [finding] = check_interactions([name], ["diazepam"])
        assert (finding.code, finding.severity, finding.affected) == ("opioids", "major", ("diazepam",))
        assert finding.ask and finding.why and finding.sources == ("fda2016",)


def test_a_benzodiazepine_given_by_brand_name_is_matched_and_a_contraindication_is_flagged() -> None:
    findings = check_interactions(["ketoconazole"], ["Xanax"])
    [strong] = [f for f in findings if f.code == "strong_cyp3a4_inhibitors"]
    assert strong.affected == ("alprazolam",) and strong.contraindicated


def test_warfarin_says_plainly_that_no_interaction_is_documented() -> None:
    [finding] = check_interactions(["Coumadin"], ["diazepam"])
    assert (finding.code, finding.severity) == ("warfarin", "none")
    assert finding.why.startswith("No clinically significant interaction documented")
    assert "falls" in finding.ask  # the indirect risk, from the data


def test_a_name_not_in_the_data_is_said_to_be_unknown_never_safe() -> None:
    [finding] = check_interactions(["Zorblax 10 mg"], ["lorazepam"])
    assert finding.severity == "unknown" and finding.code is None
    assert "not in our interaction data" in finding.why and "does not mean it is safe" in finding.why
    assert "lorazepam" in finding.ask


def test_an_interaction_named_for_other_benzodiazepines_only_is_none_for_this_one() -> None:
    [finding] = check_interactions(["valproate"], ["diazepam"])
    assert finding.severity == "none" and finding.affected == ()
    assert "diazepam" in finding.why and "lorazepam" in finding.why
    [for_lorazepam] = check_interactions(["valproate"], ["lorazepam"])
    assert for_lorazepam.severity == "moderate"


def test_one_name_may_match_several_entries() -> None:
    codes = {f.code for f in check_interactions(["fluvoxamine"], ["diazepam"])}
    assert codes == {"moderate_cyp3a4_inhibitors", "cyp2c19_inhibitors"}


def test_findings_are_most_severe_first_and_names_are_checked_once() -> None:
    findings = check_interactions(["warfarin", "Zorblax", "tramadol", "Tramadol", "", "  "], ["diazepam"])
    assert [f.severity for f in findings] == ["major", "none", "unknown"]
    assert [f.name for f in findings] == ["tramadol", "warfarin", "Zorblax"]


def test_the_benzodiazepine_being_tapered_is_not_its_own_interaction() -> None:
    assert check_interactions(["Valium"], ["diazepam"]) == []
    [other] = check_interactions(["Ativan"], ["diazepam"])
    assert other.code == "other_cns_depressants"


def test_without_benzodiazepines_every_entry_counts() -> None:
    [finding] = check_interactions(["omeprazole"], [])
    assert finding.severity == "major" and finding.affected == ()


def test_a_finding_speaks_only_of_the_persons_medicine_and_benzodiazepine() -> None:
    [omeprazole] = check_interactions(["omeprazole"], ["diazepam"])
    said = f"{omeprazole.why} {omeprazole.ask} {omeprazole.figures}"
    assert "Omeprazole 40 mg/d" in said and omeprazole.why.startswith("A serious interaction")
    assert not {"fluvoxamine", "voriconazole"} & set(said.lower().replace(".", " ").split())
    assert omeprazole.sources == ("ix_omeprazole_interethnic", "ix_scilit_2c19_diazepam")
    [melatonin] = check_interactions(["melatonin"], ["diazepam"])
    said = f"{melatonin.why} {melatonin.ask} {melatonin.figures}".lower()
    assert "sleepier than either alone" in said and "kava" not in said and "semicomatose" not in said
