"""Your list: the checklist items the check-in asks first (``/checkin/list/``).

Ticked items are the short list; every other item stays on the check-in, one tap away.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from benzotaper.knowledge import load_symptoms
from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.journal.forms import JournalForm
from benzotaper.web.journal.models import SymptomShortList
from benzotaper.web.journal.short_list import short_list
from benzotaper.web.journal.views._common import person


class ShortListForm(JournalForm):
    """The checklist as ticks, by group."""

    codes = forms.MultipleChoiceField(
        label="Items to ask first",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "short-list"}),
        error_messages={"invalid_choice": "%(value)s is not an item of the checklist: untick it and save."},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        checklist = load_symptoms()
        field = self.fields["codes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [
            (
                group.label,
                [(item.code, item.label) for item in checklist.items_in(group.code) if not item.is_red_flag],
            )
            for group in checklist.groups
        ]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choose_short_list(request: PersonRequest) -> HttpResponse:
    user = person(request)
    if request.method == "POST":
        form = ShortListForm(request.POST)
        if form.is_valid():
            codes: list[str] = form.cleaned_data["codes"]
            SymptomShortList.choose(user, codes)
            messages.success(request, f"Your list is saved: {len(codes)} items are asked first.")
            return redirect("journal:checkin")
    else:
        form = ShortListForm(initial={"codes": short_list(user, request.profile.today())})
    return render(request, "journal/short_list.html", {"form": form})
