"""The plan forms' fields are written out in Python (``web.field_groups``): each reads as Django's own
``field.html`` and widget templates write it, blank, filled in, and with errors, typed quotes and
markup included."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms import BoundField
from django.http import QueryDict

from benzotaper.web.field_groups import WrittenField
from benzotaper.web.plans.forms import (
    DoseRowForm,
    HoldForm,
    MedicineRowForm,
    PlanOptionsForm,
    ReplanForm,
)

TYPED = "Dr O'Neil & <b>me</b>"


def as_django_writes_it(html: str) -> str:
    """The markup with the differences a browser does not see: whitespace between tags, and ' escaped
    as &#39; (Jinja2) or &#x27; (Python's html.escape)."""
    html = html.replace("&#39;", "&#x27;")
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def forms_to_compare() -> list[tuple[str, forms.Form]]:
    typed = QueryDict(mutable=True)
    for name in ("name", "note", "allow_fast_reason", "forms_text", "holds_text", "cut_percent", "start"):
        typed[name] = TYPED
    typed.update({"method": "fixed", "every_days": "0", "days_of_use": "x", "country": "UK"})
    typed["slow_end"] = "on"
    return [
        ("blank options", PlanOptionsForm(initial={"method": "percent", "country": "UK", "slow_end": True})),
        ("options with errors", PlanOptionsForm(typed)),
        ("blank dose row", DoseRowForm(prefix="dose-0")),
        ("dose row with errors", DoseRowForm({"d-drug": TYPED, "d-amount": "2 mgs"}, prefix="d")),
        ("medicine row", MedicineRowForm({"m-name": TYPED, "m-time": "night"}, prefix="m")),
        ("blank hold", HoldForm(initial={"step": 3, "days": 7})),
        ("hold with errors", HoldForm({"hold-step": "3", "hold-days": "0", "hold-reason": ""})),
        ("replan with errors", ReplanForm({"replan-reason": ""})),
    ]


@pytest.mark.parametrize(("case", "form"), forms_to_compare(), ids=[case for case, _ in forms_to_compare()])
def test_every_field_reads_as_djangos_own(case: str, form: forms.Form) -> None:
    form.is_valid()
    assert bool(form.errors) == ("errors" in case)
    for name, field in form.fields.items():
        written = form[name]
        assert isinstance(written, WrittenField)
        django = BoundField(form, field, name)
        assert as_django_writes_it(written.as_field_group()) == as_django_writes_it(django.as_field_group())
        assert as_django_writes_it(str(written)) == as_django_writes_it(str(django))


def test_typed_markup_stays_text() -> None:
    form = PlanOptionsForm(QueryDict(f"name={TYPED.replace('&', '%26')}&note=%3Cscript%3E"))
    form.is_valid()
    html = form["name"].as_field_group() + form["note"].as_field_group()
    assert "<b>" not in html and "<script>" not in html
    assert 'value="Dr O&#x27;Neil &amp; &lt;b&gt;me&lt;/b&gt;"' in html
    assert ">\n&lt;script&gt;</textarea>" in html
