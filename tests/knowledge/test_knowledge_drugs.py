from decimal import Decimal

import pytest

from benzotaper.knowledge import Knowledge, UnknownDrugError

ASHTON_DRUGS = {
    "alprazolam", "bromazepam", "chlordiazepoxide", "clobazam", "clonazepam", "clorazepate",
    "diazepam", "estazolam", "flunitrazepam", "flurazepam", "halazepam", "ketazolam", "loprazolam",
    "lorazepam", "lormetazepam", "medazepam", "nitrazepam", "nordazepam", "oxazepam", "prazepam",
    "quazepam", "temazepam", "triazolam", "zaleplon", "zolpidem", "zopiclone", "eszopiclone",
}  # fmt: skip


def test_it_loads_the_27_drugs_of_the_ashton_table_and_etizolam_and_midazolam(knowledge: Knowledge) -> None:
    assert set(knowledge.drugs) == ASHTON_DRUGS | {"etizolam", "midazolam"}
    assert {name for name, drug in knowledge.drugs.items() if drug.in_ashton_table} == ASHTON_DRUGS


@pytest.mark.parametrize("name", ["etizolam", "midazolam"])
def test_drugs_outside_ashtons_table_cite_their_own_equivalent_and_warn(
    knowledge: Knowledge, name: str
) -> None:
    drug = knowledge.drugs[name]
    assert drug.equivalent_to_diazepam_10mg.source != "ashton_tbl_repro"
    assert drug.warning is not None and "not licensed" in drug.warning.value


def test_every_drug_has_a_cited_equivalent_and_a_brand_name(knowledge: Knowledge) -> None:
    for drug in knowledge.drugs.values():
        assert drug.brand_names
        assert drug.equivalent_to_diazepam_10mg.source in knowledge.sources
        assert drug.equivalent_to_diazepam_10mg.value > 0


def test_it_finds_alprazolam_by_brand_name(knowledge: Knowledge) -> None:
    assert knowledge.find_drug("Xanax").name == "alprazolam"


@pytest.mark.parametrize(
    ("name", "generic"),
    [("  KLONOPIN ", "clonazepam"), ("Rivotril", "clonazepam"), ("valium", "diazepam"),
     ("Ativan", "lorazepam"), ("Stilnoct", "zolpidem"), ("Imovane", "zopiclone"),
     ("Lorazepam", "lorazepam")],
)  # fmt: skip
def test_it_finds_a_drug_by_any_name_ignoring_case_and_space(
    knowledge: Knowledge, name: str, generic: str
) -> None:
    assert knowledge.find_drug(name).name == generic


def test_a_misspelling_raises_unknown_drug_error_suggesting_alprazolam(
    knowledge: Knowledge,
) -> None:
    with pytest.raises(UnknownDrugError) as raised:
        knowledge.find_drug("alprazolan")
    assert "alprazolam" in raised.value.suggestions
    assert "Did you mean alprazolam" in str(raised.value)


def test_alprazolam_is_20_mg_diazepam_per_mg(knowledge: Knowledge) -> None:
    assert knowledge.find_drug("alprazolam").diazepam_mg_per_mg == 20


def test_lorazepam_is_10_mg_diazepam_per_mg(knowledge: Knowledge) -> None:
    assert knowledge.find_drug("lorazepam").diazepam_mg_per_mg == 10


def test_a_printed_range_is_kept_and_its_lower_end_is_the_value_used(knowledge: Knowledge) -> None:
    bromazepam = knowledge.drugs["bromazepam"]
    assert bromazepam.equivalent_range is not None
    assert bromazepam.equivalent_range.value.low == Decimal("5")
    assert bromazepam.equivalent_range.value.high == Decimal("6")
    assert bromazepam.equivalent_to_diazepam_10mg.value == Decimal("5")
    assert bromazepam.equivalent_to_diazepam_10mg.confidence == "V3"
    assert bromazepam.diazepam_mg_per_mg == 2


def test_a_single_printed_figure_has_no_range(knowledge: Knowledge) -> None:
    assert knowledge.drugs["diazepam"].equivalent_range is None


def test_figures_confirmed_by_jcpg_are_marked_verified(knowledge: Knowledge) -> None:
    clonazepam = knowledge.drugs["clonazepam"].equivalent_to_diazepam_10mg
    assert (clonazepam.value, clonazepam.source, clonazepam.confidence) == (
        Decimal("0.5"), "jcpg_t7", "V",
    )  # fmt: skip
    flunitrazepam = knowledge.drugs["flunitrazepam"].equivalent_to_diazepam_10mg
    assert (flunitrazepam.source, flunitrazepam.confidence) == ("ashton_tbl_repro", "V3")


@pytest.mark.parametrize("name", ["brotizolam", "tofisopam", "rilmazafone"])
def test_drugs_not_in_ashtons_original_are_left_out(knowledge: Knowledge, name: str) -> None:
    with pytest.raises(UnknownDrugError):
        knowledge.find_drug(name)


def test_z_drugs_are_classed_apart_from_benzodiazepines(knowledge: Knowledge) -> None:
    z_drugs = {d.name for d in knowledge.drugs.values() if d.drug_class == "z-drug"}
    assert z_drugs == {"zaleplon", "zolpidem", "zopiclone", "eszopiclone"}


def test_a_drug_known_only_by_its_metabolite_has_no_parent_half_life(knowledge: Knowledge) -> None:
    clorazepate = knowledge.drugs["clorazepate"]
    assert clorazepate.half_life_h is None
    assert clorazepate.active_metabolite_half_life_h is not None
    assert clorazepate.active_metabolite_half_life_h.value.high == 200


def test_diazepam_half_lives_are_those_ashton_prints(knowledge: Knowledge) -> None:
    diazepam = knowledge.drugs["diazepam"]
    assert diazepam.half_life_h is not None
    assert (diazepam.half_life_h.value.low, diazepam.half_life_h.value.high) == (20, 100)
    assert diazepam.half_life_h.confidence == "V"
    assert diazepam.market_aim == ("a",)
    assert knowledge.drugs["clobazam"].market_aim == ("a", "e")


@pytest.mark.parametrize("name", ["bromazolam", "flualprazolam", "clonazolam", "phenazepam"])
def test_an_unknown_name_never_suggests_a_different_benzodiazepine(knowledge: Knowledge, name: str) -> None:
    with pytest.raises(UnknownDrugError) as raised:
        knowledge.find_drug(name)
    assert raised.value.suggestions == ()


def test_etizolam_is_known_and_not_taken_for_triazolam(knowledge: Knowledge) -> None:
    assert knowledge.find_drug("Etizolam").name == "etizolam"
    assert knowledge.find_drug("Depas").name == "etizolam"
