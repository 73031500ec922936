from decimal import Decimal

from benzotaper.knowledge import Knowledge


def test_oral_solution_strengths_are_mg_per_ml(knowledge: Knowledge) -> None:
    liquids = [p for p in knowledge.products_for("diazepam", "UK") if p.is_liquid]
    assert [p.strengths_mg for p in liquids] == [(Decimal("0.4"), Decimal("1"))]


def test_us_diazepam_tablets_are_scored_and_its_liquids_verified(knowledge: Knowledge) -> None:
    products = {p.form: p for p in knowledge.products_for("diazepam", "US")}
    assert products["tablet"].strengths_mg == (Decimal("2"), Decimal("5"), Decimal("10"))
    assert products["tablet"].scored
    assert products["oral_solution"].strengths_mg == (Decimal("1"), Decimal("5"))
    assert products["oral_solution"].confidence == "V"


def test_only_tablets_are_ever_scored(knowledge: Knowledge) -> None:
    assert all(p.form == "tablet" for p in knowledge.products if p.scored)


def test_alprazolam_extended_release_is_never_split(knowledge: Knowledge) -> None:
    (xr,) = [p for p in knowledge.products_for("alprazolam", "US") if p.form == "extended_release"]
    assert not xr.scored
    assert xr.strengths_mg == (Decimal("0.5"), Decimal("1"), Decimal("2"), Decimal("3"))


def test_a_drug_without_product_data_has_no_products(knowledge: Knowledge) -> None:
    assert knowledge.products_for("bromazepam", "US") == ()
    assert knowledge.products_for("temazepam", "FR") == ()


def test_every_product_names_a_known_drug_and_country(knowledge: Knowledge) -> None:
    for product in knowledge.products:
        assert product.drug in knowledge.drugs
        assert product.country in knowledge.countries
        assert product.strengths_mg == tuple(sorted(product.strengths_mg))


def test_uk_lorazepam_tablets_may_be_halved(knowledge: Knowledge) -> None:
    (tablets,) = knowledge.products_for("lorazepam", "UK")
    assert tablets.scored
    assert tablets.strengths_mg == (Decimal("1"), Decimal("2.5"))
