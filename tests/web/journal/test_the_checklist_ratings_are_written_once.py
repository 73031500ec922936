"""The checklist's ratings are written once per process for each value and read back after: a kept
rating reads exactly as one written now, blank, rated, typed or with errors; a person's own symptom is
never kept, and a rating with errors is always written now."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_check_in_fields_are_written_as_django_writes_them import TYPED, check_in_form

from benzotaper.web.journal import forms


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    forms._written_ratings.clear()
    yield
    forms._written_ratings.clear()


@pytest.mark.parametrize("value", ["", 0, 1, 2, 3, 4])
def test_a_kept_rating_reads_as_one_written_now(value: object) -> None:
    for form in (check_in_form(symptom_anxiety=value), check_in_form({"symptom_anxiety": str(value)})):
        field = form["symptom_anxiety"]
        first, again = field.as_field_group(), check_in_form(symptom_anxiety=value)["symptom_anxiety"]
        assert first == field.written()
        assert (
            again.as_field_group()
            == again.written()
            == check_in_form(symptom_anxiety=value)["symptom_anxiety"].written()
        )
    assert forms._written_ratings  # and it was kept


def test_each_value_is_kept_apart() -> None:
    written = {
        value: check_in_form(symptom_panic=value)["symptom_panic"].as_field_group() for value in range(5)
    }
    for value, html in written.items():
        assert html.count(" checked") == 1
        assert f'value="{value}" class="scale" id="id_symptom_panic_{value + 1}" checked>' in html


def test_a_persons_own_symptom_is_never_kept() -> None:
    form = check_in_form(custom_7=3)
    html = form["custom_7"].as_field_group() + form["new_symptom_severity"].as_field_group()
    assert "Dr O&#x27;Neil" in html
    assert not any(TYPED in str(key) for key in forms._written_ratings)
    assert not any("Neil" in html for html in forms._written_ratings.values())


def test_a_rating_with_errors_is_written_now() -> None:
    check_in_form()["symptom_anxiety"].as_field_group()
    kept = dict(forms._written_ratings)
    form = check_in_form({"symptom_anxiety": "9"})
    html = form["symptom_anxiety"].as_field_group()
    assert 'aria-invalid="true"' in html and "9 is not one of them" in html
    assert forms._written_ratings == kept
