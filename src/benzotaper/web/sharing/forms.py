"""The Report page's choices and the share and calendar forms.

The rules of a report's options (the period, the sections) belong to ``reports.ReportOptions``; this form
only reads the fields and words its errors next to them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from benzotaper.reports.report import SECTIONS, ReportOptions
from benzotaper.web.sharing.models import SHARE_DAYS_DEFAULT, SHARE_DAYS_MAX

# The period a report covers when the person does not choose one: the last 90 days.
DEFAULT_DAYS = 90
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    date_from = forms.DateField(label="From", widget=_DATE)
    date_to = forms.DateField(label="To", widget=_DATE)
    name = forms.CharField(
        label="Name on the report (as you want your doctor to see it)", required=False, max_length=100
    )
    date_of_birth = forms.DateField(label="Date of birth (optional)", required=False, widget=_DATE)
    questions = forms.CharField(
        label="Your questions for the doctor",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    leave_out = forms.MultipleChoiceField(
        label="Leave out",
        required=False,
        choices=list(SECTIONS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    password = forms.CharField(
        label="Password for the PDF (optional: it then opens only with it)",
        required=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, today: dt.date, time_zone: str, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"date_from": today - dt.timedelta(days=DEFAULT_DAYS - 1), "date_to": today}
        )
        super().__init__(*args, **kwargs)
        self.today = today
        self.time_zone = time_zone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end = data.get("date_to")
        if end is not None and end > self.today:
            self.add_error("date_to", f"The report ends today at the latest ({self.today.isoformat()}).")
        born = data.get("date_of_birth")
        if born is not None and born >= self.today:
            self.add_error(
                "date_of_birth", "A date of birth is before today: check the year, or leave it empty."
            )
        if not self.errors:
            try:
                self.report_options = ReportOptions(
                    date_from=data["date_from"],
                    date_to=data["date_to"],
                    name=data.get("name", ""),
                    date_of_birth=data.get("date_of_birth"),
                    questions=data.get("questions", ""),
                    leave_out=frozenset(data.get("leave_out", ())),
                    time_zone=self.time_zone,
                )
            except ValueError as error:
                self.add_error("date_to", str(error))
        return data

    def shared(self) -> dict[str, Any]:
        """The choices to keep with a share link (never the password)."""
        options = self.report_options
        return {
            "date_from": options.date_from.isoformat(),
            "date_to": options.date_to.isoformat(),
            "name": options.name,
            "date_of_birth": options.date_of_birth.isoformat() if options.date_of_birth else "",
            "questions": options.questions,
            "leave_out": sorted(options.leave_out),
        }


def shared_options(stored: dict[str, Any], time_zone: str) -> ReportOptions:
    """The report options a share link keeps (see ``ReportForm.shared``)."""
    born = stored.get("date_of_birth") or None
    return ReportOptions(
        date_from=dt.date.fromisoformat(stored["date_from"]),
        date_to=dt.date.fromisoformat(stored["date_to"]),
        name=stored.get("name", ""),
        date_of_birth=dt.date.fromisoformat(born) if born else None,
        questions=stored.get("questions", ""),
        leave_out=frozenset(stored.get("leave_out", ())),
        time_zone=time_zone,
    )


class ShareForm(forms.Form):
    days = forms.IntegerField(
        label="The link works for (days)",
        min_value=1,
        max_value=SHARE_DAYS_MAX,
        initial=SHARE_DAYS_DEFAULT,
        required=False,
    )
    label = forms.CharField(label="Who it is for (only you see this)", required=False, max_length=100)

    def clean_days(self) -> int:
        days: int | None = self.cleaned_data.get("days")
        return SHARE_DAYS_DEFAULT if days is None else days


class CalendarForm(forms.Form):
    reminders = forms.BooleanField(
        label="With daily reminders for doses and the check-in", required=False, initial=True
    )
