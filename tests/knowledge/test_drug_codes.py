"""RxNorm codes for the drugs are data with a source and a mark, checked when loaded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from benzotaper.knowledge import KnowledgeError, load_knowledge, rxnorm_code


def test_diazepam_has_its_rxnorm_ingredient_code_from_a_published_table() -> None:
    code = rxnorm_code("Diazepam")
    assert code is not None
    assert (code.system, code.code) == ("http://www.nlm.nih.gov/research/umls/rxnorm", "3322")
    assert code.confidence == "V3"
    assert code.source in load_knowledge().sources


def test_a_drug_without_a_code_has_none_rather_than_a_guess() -> None:
    assert rxnorm_code("zopiclone") is None


def test_every_code_names_a_drug_of_the_equivalence_table() -> None:
    drugs = load_knowledge().drugs
    for name in drugs:
        code = rxnorm_code(name)
        assert code is None or (code.drug == name and code.code.isdigit())


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('diazepam = { code = "3322"', 'diazepam = { code = "33x2"', r"an RxCUI is digits, got '33x2'"),
        ('diazepam = { code = "3322"', 'aspirin = { code = "3322"', r"'aspirin' is not a drug of"),
        ('source = "cpic_drugs"', 'source = "nowhere"', "unknown source key 'nowhere'"),
    ],
)
def test_a_broken_code_is_refused_with_its_place(
    data_copy: Path, edit: Callable[[str, str, str], None], old: str, new: str, problem: str
) -> None:
    edit("codes.toml", old, new)
    with pytest.raises(KnowledgeError, match=rf"codes\.toml: .*{problem}"):
        rxnorm_code("diazepam", data_copy)
