"""Reading what a person types: amounts, doses and the forms they have."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benzotaper.knowledge import Cited, Drug, Knowledge, Product
from benzotaper.planning import (
    Dose,
    Formulation,
    InputError,
    decimal_text,
    parse_amount,
    parse_dose,
    parse_form,
)


def _drug(name: str, brands: tuple[str, ...], equal_to_10mg_diazepam: str) -> Drug:
    return Drug(
        name=name,
        brand_names=brands,
        drug_class="benzodiazepine",
        market_aim=("anxiolytic",),
        equivalent_to_diazepam_10mg=Cited(Decimal(equal_to_10mg_diazepam), "test", "V"),
        equivalent_range=None,
        half_life_h=None,
        active_metabolite_half_life_h=None,
    )


def _product(drug: str, country: str, form: str, strengths: str, scored: bool) -> Product:
    return Product(
        drug=drug,
        country=country,
        form=form,  # type: ignore[arg-type]
        strengths_mg=tuple(Decimal(s) for s in strengths.split()),
        scored=scored,
        source="test",
        confidence="V",
    )


# A small, fixed knowledge set, so these tests do not move when the real data is corrected.
KNOWLEDGE = Knowledge(
    version="test",
    sources={},
    drugs={
        "alprazolam": _drug("alprazolam", ("Xanax",), "0.5"),
        "clonazepam": _drug("clonazepam", ("Klonopin",), "0.5"),
        "diazepam": _drug("diazepam", ("Valium",), "10"),
    },
    equivalence_tables=(),
    products=(
        _product("diazepam", "US", "tablet", "2 5 10", scored=True),
        _product("diazepam", "UK", "tablet", "2", scored=True),
        _product("diazepam", "UK", "tablet", "5 10", scored=False),
        _product("alprazolam", "US", "tablet", "0.25 0.5 1 2", scored=False),
    ),
    tapering=None,  # type: ignore[arg-type]  # the parser never reads the tapering rules
)


def _error(call: Callable[[], object]) -> str:
    """The whole text a person sees for the InputError of ``call``: the sentence and its fixes.

    Every such error says how to put it right: a fix, or the name the person probably meant.
    """
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.fixes or "Did you mean" in caught.value.message
    return " ".join([caught.value.message, *caught.value.fixes])


# --- amounts ---


@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("2mg", "2"),
        ("2 mg", "2"),
        ("0.5mg", "0.5"),
        ("2.5 MG", "2.5"),
        (".25mg", "0.25"),
        ("  10mg ", "10"),
        ("1000mg", "1000"),
        ("0.0001mg", "0.0001"),
    ],
)
def test_it_reads_milligrams_with_or_without_a_space(text: str, mg: str) -> None:
    assert parse_amount(text) == Decimal(mg)


@pytest.mark.parametrize("text", ["500mcg", "500 mcg", "500µg", "500μg", "500ug", "500 MCG"])
def test_it_reads_micrograms_in_every_spelling(text: str) -> None:
    assert parse_amount(text) == Decimal("0.5")


def test_it_keeps_the_decimal_of_the_text_not_a_float() -> None:
    amount = parse_amount("0.1mg")
    assert amount == Decimal("0.1")
    assert str(amount) == "0.1"
    assert str(parse_amount("2.50mg")) == "2.5"
    assert str(parse_amount("10mg")) == "10"


def test_it_rejects_mgs_with_a_clear_message() -> None:
    text = _error(lambda: parse_amount("2 mgs"))
    assert "Unknown unit 'mgs'" in text
    assert "like 2mg or 500mcg" in text


@pytest.mark.parametrize("text", ["abc", "mg", "two mg", "2mg5"])
def test_it_rejects_text_that_is_not_an_amount(text: str) -> None:
    assert "like 2mg or 500mcg" in _error(lambda: parse_amount(text))


def test_it_rejects_a_negative_amount() -> None:
    assert "negative" in _error(lambda: parse_amount("-2mg"))


@pytest.mark.parametrize("text", ["0mg", "0.0mg", "0mcg"])
def test_it_rejects_zero(text: str) -> None:
    assert "zero" in _error(lambda: parse_amount(text))


@pytest.mark.parametrize("text", ["0.12345mg", "0.00005mg", "0.05mcg"])
def test_it_rejects_more_than_four_decimal_places(text: str) -> None:
    assert "more than 4 decimal places" in _error(lambda: parse_amount(text))


def test_it_rejects_an_absurd_amount() -> None:
    assert "not a real dose" in _error(lambda: parse_amount("2000mg"))


def test_it_rejects_an_amount_without_a_unit() -> None:
    assert "no unit" in _error(lambda: parse_amount("2"))


def test_it_rejects_an_empty_amount() -> None:
    assert "No amount" in _error(lambda: parse_amount("  "))


def test_it_asks_for_a_decimal_point_instead_of_a_comma() -> None:
    assert "like 2.5mg" in _error(lambda: parse_amount("2,5mg"))


@given(
    st.decimals(
        min_value=Decimal("0.0001"),
        max_value=Decimal(1000),
        places=4,
        allow_nan=False,
        allow_infinity=False,
    )
)
def test_every_amount_it_writes_reads_back_the_same(amount: Decimal) -> None:
    assert parse_amount(decimal_text(amount) + "mg") == amount


# --- doses ---


def test_it_reads_a_dose_of_a_generic_name() -> None:
    assert parse_dose("alprazolam 2mg morning", KNOWLEDGE) == Dose("alprazolam", "morning", Decimal(2))


def test_it_reads_a_brand_name_as_the_generic_drug() -> None:
    assert parse_dose("Xanax 0.5 mg night", KNOWLEDGE) == Dose("alprazolam", "night", Decimal("0.5"))


def test_it_reads_micrograms_in_a_dose() -> None:
    assert parse_dose("clonazepam 125mcg bedtime", KNOWLEDGE).mg == Decimal("0.125")


@pytest.mark.parametrize(
    ("words", "time"),
    [
        ("morning", "morning"),
        ("am", "morning"),
        ("AM", "morning"),
        ("in the morning", "morning"),
        ("mane", "morning"),
        ("midday", "midday"),
        ("noon", "midday"),
        ("lunch", "midday"),
        ("at lunchtime", "midday"),
        ("afternoon", "afternoon"),
        ("evening", "evening"),
        ("dinner", "evening"),
        ("night", "night"),
        ("at night", "night"),
        ("bedtime", "night"),
        ("nighttime", "night"),
        ("before bed", "night"),
        ("nocte", "night"),
    ],
)
def test_it_understands_the_usual_words_for_a_time_of_day(words: str, time: str) -> None:
    assert parse_dose(f"diazepam 5mg {words}", KNOWLEDGE).time == time


def test_it_refuses_pm_because_it_could_be_three_times_of_day() -> None:
    text = _error(lambda: parse_dose("diazepam 5mg pm", KNOWLEDGE))
    assert "afternoon, evening or night" in text


def test_it_rejects_an_unknown_time_of_day() -> None:
    text = _error(lambda: parse_dose("diazepam 5mg sometimes", KNOWLEDGE))
    assert "Unknown time of day 'sometimes'" in text
    assert "morning, midday, afternoon, evening or night" in text


def test_it_asks_for_one_dose_per_time_of_day() -> None:
    assert "more than one time of day" in _error(lambda: parse_dose("diazepam 5mg morning night", KNOWLEDGE))


def test_it_suggests_the_nearest_drug_for_a_misspelt_name() -> None:
    with pytest.raises(InputError) as caught:
        parse_dose("alprazolan 2mg morning", KNOWLEDGE)
    assert caught.value.message == "Unknown drug 'alprazolan'."
    assert caught.value.fixes == ("Did you mean alprazolam?",)
    assert caught.value.code == "unknown_drug"


def test_it_explains_a_drug_it_cannot_place() -> None:
    text = _error(lambda: parse_dose("aspirin 75mg morning", KNOWLEDGE))
    assert "Unknown drug 'aspirin'" in text
    assert "generic or brand name" in text


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("alprazolam morning", "No amount"),
        ("2mg morning", "No drug"),
        ("alprazolam 2mg", "No time of day"),
        ("", "No dose"),
    ],
)
def test_it_shows_the_expected_form_when_a_part_is_missing(text: str, what: str) -> None:
    message = _error(lambda: parse_dose(text, KNOWLEDGE))
    assert what in message
    assert "alprazolam 0.5mg morning" in message


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("alprazolam 2 mgs morning", "Unknown unit 'mgs'"),
        ("alprazolam -2mg morning", "negative"),
        ("alprazolam 0mg morning", "zero"),
        ("alprazolam 2 morning", "no unit"),
    ],
)
def test_it_rejects_a_dose_with_a_bad_amount(text: str, what: str) -> None:
    assert what in _error(lambda: parse_dose(text, KNOWLEDGE))


# --- forms ---


def test_it_reads_several_tablet_strengths() -> None:
    forms = parse_form("diazepam tablet 2mg,5mg,10mg", KNOWLEDGE)
    assert [f.strength_mg for f in forms] == [Decimal(2), Decimal(5), Decimal(10)]
    assert {f.drug for f in forms} == {"diazepam"}
    assert {f.form for f in forms} == {"tablet"}


def test_it_allows_spaces_after_the_commas_and_drops_repeats() -> None:
    forms = parse_form("Valium tablets 2 mg, 5mg, 5mg", KNOWLEDGE)
    assert [f.strength_mg for f in forms] == [Decimal(2), Decimal(5)]


def test_a_plain_tablet_is_scored_when_the_knowledge_lists_it_as_scored() -> None:
    assert all(f.scored for f in parse_form("diazepam tablet 2mg,5mg,10mg", KNOWLEDGE))
    assert not any(f.scored for f in parse_form("alprazolam tablet 0.5mg", KNOWLEDGE))


def test_a_plain_tablet_of_an_unlisted_strength_is_unscored() -> None:
    (form,) = parse_form("diazepam tablet 7mg", KNOWLEDGE)
    assert not form.scored


def test_a_country_limits_which_products_say_a_tablet_is_scored() -> None:
    uk = parse_form("diazepam tablet 2mg,5mg", KNOWLEDGE, country="UK")
    assert [f.scored for f in uk] == [True, False]


def test_the_person_can_say_whether_a_tablet_is_scored() -> None:
    (scored,) = parse_form("alprazolam scored-tablet 0.5mg", KNOWLEDGE)
    (unscored,) = parse_form("diazepam unscored-tablet 5mg", KNOWLEDGE)
    (two_words,) = parse_form("alprazolam scored tablet 1mg", KNOWLEDGE)
    assert scored.scored and two_words.scored
    assert not unscored.scored


def test_it_reads_a_solution_in_mg_per_ml() -> None:
    assert parse_form("diazepam solution 1mg/ml", KNOWLEDGE) == (
        Formulation("diazepam", "oral_solution", Decimal(1), scored=False),
    )


def test_it_turns_mg_in_several_ml_into_mg_per_ml() -> None:
    (form,) = parse_form("diazepam solution 2mg/5ml", KNOWLEDGE)
    assert form.strength_mg == Decimal("0.4")
    (spaced,) = parse_form("diazepam oral solution 2 mg / 5 ml", KNOWLEDGE)
    assert spaced.strength_mg == Decimal("0.4")


@pytest.mark.parametrize("word", ["liquid", "oral-solution", "solution"])
def test_it_knows_the_words_for_a_solution(word: str) -> None:
    (form,) = parse_form(f"diazepam {word} 5mg/5ml", KNOWLEDGE)
    assert form.form == "oral_solution"
    assert form.strength_mg == Decimal(1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("clonazepam odt 0.125mg", "odt"),
        ("alprazolam er 1mg", "extended_release"),
        ("alprazolam xr 1mg", "extended_release"),
        ("alprazolam extended-release 1mg", "extended_release"),
        ("alprazolam extended release 1mg", "extended_release"),
        ("diazepam capsule 2mg", "capsule"),
    ],
)
def test_forms_that_must_not_be_split_are_never_scored(text: str, kind: str) -> None:
    (form,) = parse_form(text, KNOWLEDGE)
    assert form.form == kind
    assert not form.scored


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("diazepam 5mg", "No form"),
        ("diazepam pill 5mg", "No form"),
        ("tablet 5mg", "No drug"),
        ("diazepam tablet", "No strength"),
        ("diazepam tablet 2mg,,5mg", "empty strength"),
        ("diazepam tablet 2,5,10mg", "no unit"),
        ("diazepam tablet 2mg/5ml", "only a solution"),
        ("diazepam solution 2mg", "not a concentration"),
        ("diazepam solution 1mg/3ml", "not make an exact number of mg per ml"),
        ("diazepam solution 1mg/0ml", "zero"),
        ("diazepam tablet 2 mgs", "Unknown unit 'mgs'"),
        ("diazepan tablet 2mg", "Did you mean diazepam?"),
    ],
)
def test_it_rejects_a_form_it_cannot_read(text: str, what: str) -> None:
    assert what in _error(lambda: parse_form(text, KNOWLEDGE))


# --- the real knowledge data ---


def test_it_finds_drugs_by_brand_name_in_the_real_knowledge() -> None:
    assert parse_dose("Xanax 0.5 mg night") == Dose("alprazolam", "night", Decimal("0.5"))
    assert parse_dose("diazepam 5mg bedtime").drug == "diazepam"
