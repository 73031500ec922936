"""The check-in's fields are written out in Python (``web.field_groups``, ``RatingBoundField`` and
``web.widgets``): each reads as Django's own ``field.html`` and widget templates write it, blank, as saved,
and with errors, typed quotes and markup included."""

from __future__ import annotations

import re

import pytest
from django.forms import BoundField

from benzotaper.knowledge import load_red_flags, load_symptoms
from benzotaper.web.journal.forms import CheckInForm
from benzotaper.web.journal.models import CustomSymptom

TYPED = 'Dr O\'Neil said "rest" & <b>me</b>'


def as_django_writes_it(html: str) -> str:
    """The markup with the differences a browser does not see: whitespace between tags, and quotes
    escaped as Jinja2 (&#39;, &#34;) or Python's html.escape (&#x27;, &quot;) writes them."""
    html = html.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def check_in_form(data: dict[str, str] | None = None, **initial: object) -> CheckInForm:
    return CheckInForm(
        data,
        initial=initial,
        red_flags=load_red_flags().emergency_signs,
        items=load_symptoms().rated_items,
        custom_symptoms=[CustomSymptom(pk=7, name=TYPED, active=True)],
        short_list=["anxiety"],
    )


def forms_to_compare() -> list[tuple[str, CheckInForm]]:
    typed = {"version": "0", "wellbeing": "abc", "sleep_hours": "25", "notes": TYPED, "custom_7": "2"}
    typed |= {"symptom_anxiety": "9", "symptom_panic": "3", "new_symptom": TYPED, "event_stress": "x" * 501}
    typed |= {"event_illness": TYPED, "flag_seizure": "on", "off_7": "on"}
    saved = {"version": 3, "wellbeing": 6, "notes": TYPED, "symptom_anxiety": 2, "flag_seizure": True}
    return [
        ("blank", check_in_form(version=0)),
        ("as saved", check_in_form(**saved)),
        ("with errors", check_in_form(typed)),
    ]


@pytest.mark.parametrize(("case", "form"), forms_to_compare(), ids=[case for case, _ in forms_to_compare()])
def test_every_check_in_field_reads_as_djangos_own(case: str, form: CheckInForm) -> None:
    assert bool(form.is_bound and form.errors) == ("errors" in case)
    for name, field in form.fields.items():
        written = form[name]
        assert type(written) is not BoundField, name
        django = BoundField(form, field, name)
        assert as_django_writes_it(written.as_field_group()) == as_django_writes_it(django.as_field_group())
        assert as_django_writes_it(str(written)) == as_django_writes_it(str(django))
