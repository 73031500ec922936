"""A broken data file fails loudly, naming the file and the entry."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import KnowledgeError, load_knowledge

Edit = Callable[[str, str, str], Path]  # the `edit` fixture of conftest.py


def fails(data_dir: Path, *parts: str) -> None:
    """Loading ``data_dir`` raises KnowledgeError with every part in its message, in order."""
    with pytest.raises(KnowledgeError, match=".*".join(re.escape(part) for part in parts)):
        load_knowledge(data_dir)


def test_it_rejects_a_figure_without_a_source(edit: Edit) -> None:
    broken = edit(
        "drugs.toml",
        'half_life_h = { value = ["6", "12"], source = "ashton_tbl_repro", confidence = "V3" }',
        'half_life_h = { value = ["6", "12"], confidence = "V3" }',
    )
    fails(broken, "drugs.toml: ", "drugs.alprazolam.half_life_h", "missing source")


def test_it_rejects_an_unknown_source_key(edit: Edit) -> None:
    broken = edit("tapering.toml", 'source = "jcpg_rec"', 'source = "jcpg_2099"')
    fails(broken, "tapering.toml: max_cut_percent.source: unknown source key 'jcpg_2099'")


def test_it_rejects_an_unknown_confidence_mark(edit: Edit) -> None:
    broken = edit("tapering.toml", 'confidence = "M"', 'confidence = "probably"')
    fails(broken, "tapering.toml: final_slowdown_factor.confidence: unknown 'probably'", "V, V3, C, M")


def test_it_rejects_a_negative_dose(edit: Edit) -> None:
    broken = edit(
        "drugs.toml",
        'equivalent_to_diazepam_10mg = { value = "0.5"',
        'equivalent_to_diazepam_10mg = { value = "-0.5"',
    )
    fails(broken, "drugs.alprazolam.equivalent_to_diazepam_10mg.value", "greater than zero", "-0.5")


def test_it_rejects_a_zero_strength(edit: Edit) -> None:
    broken = edit("products.toml", 'strengths = ["2 mg"]', 'strengths = ["0 mg"]')
    fails(broken, "products.toml: products[0] (diazepam).strengths", "greater than zero")


def test_it_rejects_a_range_whose_low_end_is_above_its_high_end(edit: Edit) -> None:
    broken = edit("drugs.toml", 'value = ["5", "6"]', 'value = ["6", "5"]')
    fails(broken, "drugs.bromazepam.equivalent_to_diazepam_10mg.value", "low 6 is above high 5")


def test_it_rejects_an_unknown_form(edit: Edit) -> None:
    broken = edit("products.toml", 'form = "tablet"', 'form = "patch"')
    fails(broken, "products.toml: products[0] (diazepam).form: unknown 'patch'")


def test_it_rejects_a_tablet_strength_given_per_ml(edit: Edit) -> None:
    broken = edit("products.toml", 'strengths = ["2 mg"]', 'strengths = ["2 mg/5 ml"]')
    fails(broken, "products[0] (diazepam).strengths", "is in mg/ml, but a tablet strength is in mg")


def test_it_rejects_a_strength_in_micrograms(edit: Edit) -> None:
    broken = edit("products.toml", 'strengths = ["2 mg"]', 'strengths = ["250 microgram"]')
    fails(broken, "cannot read strength '250 microgram'")


def test_it_rejects_a_scored_capsule(edit: Edit) -> None:
    broken = edit(
        "products.toml",
        'form = "capsule"\nstrengths = ["7.5 mg", "15 mg", "22.5 mg", "30 mg"]\nscored = false',
        'form = "capsule"\nstrengths = ["7.5 mg", "15 mg", "22.5 mg", "30 mg"]\nscored = true',
    )
    fails(broken, "(temazepam).scored: a capsule is never scored")


def test_it_rejects_an_unknown_country(edit: Edit) -> None:
    broken = edit("products.toml", 'country = "UK"', 'country = "FR"')
    fails(broken, "products[0] (diazepam).country: unknown 'FR'; expected one of US, UK")


def test_it_rejects_a_product_of_an_unknown_drug(edit: Edit) -> None:
    broken = edit("products.toml", 'drug = "diazepam"', 'drug = "diazepan"')
    fails(broken, "products.toml: products[0].drug: unknown drug 'diazepan'")


def test_it_rejects_an_equivalent_for_an_unknown_drug(edit: Edit) -> None:
    broken = edit("equivalence.toml", 'triazolam = "0.25"', 'tofisopam = "0.25"')
    fails(broken, "equivalence.toml: tables.va_dod_2021.per_diazepam_10mg.tofisopam: unknown drug")


def test_it_rejects_overlapping_bands(edit: Edit) -> None:
    broken = edit("tapering.toml", 'above_de_mg = "10"', 'above_de_mg = "9"')
    fails(broken, "tapering.toml: ashton_bands[2]: overlaps the band below, which runs up to 10 mg")


def test_it_rejects_bands_that_leave_a_gap(edit: Edit) -> None:
    broken = edit("tapering.toml", 'above_de_mg = "10"', 'above_de_mg = "11"')
    fails(broken, "tapering.toml: ashton_bands[2]: leaves a gap")


def test_it_rejects_a_closed_top_band(edit: Edit) -> None:
    broken = edit("tapering.toml", 'above_de_mg = "40"\n', 'above_de_mg = "40"\nup_to_de_mg = "80"\n')
    fails(broken, "ashton_bands[4]: the highest band must be open")


def test_it_rejects_a_float_because_it_is_not_exact(edit: Edit) -> None:
    broken = edit("tapering.toml", 'value = "0.1"', "value = 0.1")
    fails(broken, "liquid_measure_resolution_ml.value: write the number as a string")


def test_it_rejects_a_percentage_of_100_or_more(edit: Edit) -> None:
    broken = edit("tapering.toml", 'value = "25"', 'value = "125"')
    fails(broken, "max_cut_percent.value: a percentage must be above 0 and below 100")


def test_it_rejects_an_unknown_time_of_day(edit: Edit) -> None:
    broken = edit("tapering.toml", '"afternoon", "midday"]', '"afternoon", "noon"]')
    fails(broken, "crossover_order.value: unknown 'noon'; expected one of morning")


def test_it_rejects_a_brand_name_of_two_drugs(edit: Edit) -> None:
    broken = edit("drugs.toml", 'brand_names = ["Xanax"]', 'brand_names = ["Xanax", "Valium"]')
    fails(broken, "brand name 'Valium'")


def test_it_rejects_an_unknown_key(edit: Edit) -> None:
    broken = edit("tapering.toml", 'source = "jcpg_rec"', 'sorce = "jcpg_rec"')
    fails(broken, "max_cut_percent: missing source")


def test_it_rejects_a_source_key_defined_twice_differently(data_copy: Path) -> None:
    (data_copy / "zz_extra.toml").write_text(
        '[sources.fda2016]\ncitation = "Another FDA text"\nurl = ""\n', encoding="utf-8"
    )
    fails(
        data_copy,
        "zz_extra.toml: sources.fda2016: source 'fda2016' is already defined",
        "sources.toml",
    )


def test_another_file_may_add_sources_and_repeat_one_identically(data_copy: Path) -> None:
    sources = (data_copy / "sources.toml").read_text(encoding="utf-8")
    fda2020 = sources[sources.index("[sources.fda2020]") :].split("\n\n")[0]
    (data_copy / "zz_extra.toml").write_text(
        f'{fda2020}\n\n[sources.zz_new]\ncitation = "A new source"\n\n[[other_things]]\nx = 1\n',
        encoding="utf-8",
    )
    knowledge = load_knowledge(data_copy)
    assert knowledge.sources["zz_new"].citation == "A new source"
    assert "fda2020" in knowledge.sources


def test_it_rejects_invalid_toml(data_copy: Path) -> None:
    with (data_copy / "products.toml").open("a", encoding="utf-8") as file:
        file.write("\n[[[\n")
    fails(data_copy, "products.toml: not valid TOML")


def test_it_rejects_a_missing_data_file(data_copy: Path) -> None:
    (data_copy / "tapering.toml").unlink()
    fails(data_copy, "tapering.toml: missing from")


def test_another_file_may_write_its_sources_anywhere_and_indented(data_copy: Path) -> None:
    (data_copy / "zz_extra.toml").write_text(
        '[things]\nx = 1\n\n  [sources.zz_new]\n  citation = "A new source"\n\n[more_things]\ny = 2\n',
        encoding="utf-8",
    )
    assert load_knowledge(data_copy).sources["zz_new"].citation == "A new source"


def test_a_source_in_another_file_is_checked_like_any_other(data_copy: Path) -> None:
    (data_copy / "zz_extra.toml").write_text(
        'sources = { zz_new = { citation = "A new source", url = "ftp://example.org" } }\n', encoding="utf-8"
    )
    fails(data_copy, "zz_extra.toml: sources.zz_new: url 'ftp://example.org' is not an http(s) address")


def test_it_rejects_a_risk_factor_code_that_is_not_lowercase(edit: Edit) -> None:
    broken = edit("tapering.toml", "[risk_factors.seizure_history]", "[risk_factors.Seizure-History]")
    fails(broken, "tapering.toml: risk_factors.Seizure-History: 'Seizure-History' must be lowercase letters")
