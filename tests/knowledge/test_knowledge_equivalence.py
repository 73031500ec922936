from decimal import Decimal

from benzotaper.knowledge import DoseRange, Knowledge


def test_the_tables_disagree_for_alprazolam(knowledge: Knowledge) -> None:
    found = knowledge.equivalents_for("alprazolam")
    assert found["Ashton 2007"] == DoseRange(Decimal("0.5"), Decimal("0.5"))
    assert found["VA/DoD 2021"] == DoseRange(Decimal("1"), Decimal("1"))


def test_it_has_ashton_and_the_five_other_tables(knowledge: Knowledge) -> None:
    names = [table.name for table in knowledge.equivalence_tables]
    assert names == [
        "Ashton 2007",
        "VA/DoD 2021",
        "BNF",
        "NHS Scotland 2024",
        "WHO 2009",
        "CHPD 4th ed.",
    ]


def test_the_ashton_table_holds_what_the_drug_file_prints(knowledge: Knowledge) -> None:
    ashton = knowledge.equivalence_tables[0]
    assert set(ashton.per_diazepam_10mg) == {n for n, d in knowledge.drugs.items() if d.in_ashton_table}
    for name, printed in ashton.per_diazepam_10mg.items():
        drug = knowledge.drugs[name]
        assert printed.low == drug.equivalent_to_diazepam_10mg.value
        if drug.equivalent_range is not None:
            assert printed == drug.equivalent_range.value


def test_tables_doubled_from_diazepam_5_mg_are_marked_computed(knowledge: Knowledge) -> None:
    marks = {table.key: table.confidence for table in knowledge.equivalence_tables}
    assert marks == {
        "ashton": "V3", "va_dod_2021": "V", "bnf": "V",
        "nhs_scotland_2024": "C", "who_2009": "C", "chpd_4th": "C",
    }  # fmt: skip


def test_a_range_is_kept_where_a_table_prints_one(knowledge: Knowledge) -> None:
    bnf = next(t for t in knowledge.equivalence_tables if t.key == "bnf")
    assert bnf.per_diazepam_10mg["clonazepam"] == DoseRange(Decimal("0.5"), Decimal("1"))


def test_the_wrong_benzoreform_column_is_only_a_warning(knowledge: Knowledge) -> None:
    ashton = knowledge.equivalence_tables[0]
    assert "benzoreform" in ashton.note
    assert ashton.per_diazepam_10mg["temazepam"].low == 20
