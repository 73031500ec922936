"""The journal: doses taken and check-ins, newest day first, by date range; editing and deleting.

The history is paged by days (``DAYS_PER_PAGE`` days that have an entry), so a page never grows
with the length of a taper. A dose is edited on its own form; a check-in on the check-in page of
its day. Deleting asks first, and happens only on POST.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from benzotaper.journal import SymptomScore
from benzotaper.records import Record
from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.journal.forms import DoseEntryForm, HistoryFilterForm
from benzotaper.web.journal.models import CheckIn, DoseTaken, SymptomRating
from benzotaper.web.journal.planned import active_plan, planned_doses_on
from benzotaper.web.journal.scores import RATING_COLUMNS, scores_of_rows
from benzotaper.web.journal.views._common import (
    CheckInSummary,
    day_text,
    person,
    planned_mg_lookup,
    summarise,
    time_rank,
)
from benzotaper.web.kept_fragments import Fragment, KeptFragments
from benzotaper.web.kept_queries import DAY, PERSON, KeptQuery
from benzotaper.web.records import StaleEditError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet

DAYS_PER_PAGE = 14


class JournalDose(NamedTuple):
    """A dose as the journal shows it: what it reads of a ``DoseTaken`` (read as plain values, a
    tenth of making the model objects)."""

    pk: int
    date: dt.date
    time_of_day: str
    drug: str
    status: str
    taken_mg: Decimal | None
    planned_mg: Decimal | None
    note: str


class DayEntries(Record):
    """What the journal holds for one day (of ``person``, an id)."""

    person: int
    date: dt.date
    day_text: str
    doses: list[JournalDose]
    checkin: CheckIn | None
    summary: CheckInSummary | None

    @functools.cached_property
    def html(self) -> Fragment:
        """The day as ``journal/_day.html`` writes it: kept (``kept_fragments``) for the person under
        everything it shows, so a day shown before is not written again until one of its entries changes."""
        key = (self.person, self.date, tuple(self.doses), self.checkin and self.checkin.pk, self.summary)
        return _kept_days.written(key, lambda: render_to_string("journal/_day.html", {"entry": self}))


_kept_days = KeptFragments(128)  # the days of a few pages of the journal


@login_required
@require_GET
def history(request: PersonRequest) -> HttpResponse:
    user = person(request)
    form = HistoryFilterForm(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    start, end = chosen.get("from"), chosen.get("to")
    # Each day once from the database (a day has several doses): a row per entry was most of the
    # page's reading on a long journal.
    days = [day for (day,) in _DAYS.values(user, start or dt.date.min, end or dt.date.max)]
    page = Paginator(sorted(days, reverse=True), DAYS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    by_day: dict[dt.date, list[JournalDose]] = {day: [] for day in shown}
    day_checkins: dict[dt.date, CheckIn] = {}
    scores: dict[int, list[SymptomScore]] = {}
    if shown:  # a page's days are neighbours among the days with entries: its entries are those between
        between = (user, shown[-1], shown[0])
        for row in _DOSES_BETWEEN.values(*between):
            dose = JournalDose(*row)
            by_day[dose.date].append(dose)
        day_checkins = {c.date: c for c in _CHECKINS_BETWEEN.rows(*between)}
        scores = scores_of_rows(user, _RATINGS_BETWEEN.values(*between))
    entries = []
    for day in shown:
        checkin = day_checkins.get(day)
        entries.append(
            DayEntries(
                person=user.pk,
                date=day,
                day_text=day_text(day),
                doses=sorted(by_day[day], key=lambda d: (time_rank(d.time_of_day), d.drug)),
                checkin=checkin,
                summary=summarise(checkin.to_record(scores.get(checkin.pk, [])))
                if checkin is not None
                else None,
            )
        )
    kept = {k: v for k, v in request.GET.items() if k in ("from", "to") and v}
    context = {
        "form": form,
        "entries": entries,
        "page": page,
        "filter_query": urlencode(kept),
        "filtered": bool(start or end),
    }
    return render(request, "journal/history.html", context)


# The journal's reads, their SQL written once (``kept_queries``): the days with an entry in a span, and
# the doses and check-ins of a page's days.
def _days_with_entries(person: AbstractBaseUser, start: dt.date, end: dt.date) -> QuerySet[Any]:
    doses, checkins = DoseTaken.objects.for_user(person), CheckIn.objects.for_user(person)
    return _dates(doses, start, end).union(_dates(checkins, start, end))  # a union: each day once


def _dates(entries: QuerySet[Any], start: dt.date, end: dt.date) -> QuerySet[Any]:
    return entries.filter(date__gte=start, date__lte=end).order_by().values_list("date")


_DAYS = KeptQuery(_days_with_entries, PERSON, DAY, DAY)
_DOSES_BETWEEN = KeptQuery(
    lambda person, first, last: (
        DoseTaken.objects.for_user(person)
        .filter(date__gte=first, date__lte=last)
        .values_list("pk", *JournalDose._fields[1:])
    ),
    PERSON,
    DAY,
    DAY,
)
_RATINGS_BETWEEN = KeptQuery(
    lambda person, first, last: (
        SymptomRating.objects.for_user(person)
        .filter(checkin__date__gte=first, checkin__date__lte=last)
        .order_by("id")
        .values_list(*RATING_COLUMNS)
    ),
    PERSON,
    DAY,
    DAY,
)
_CHECKINS_BETWEEN = KeptQuery(
    lambda person, first, last: CheckIn.objects.for_user(person).filter(date__gte=first, date__lte=last),
    PERSON,
    DAY,
    DAY,
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dose_add(request: PersonRequest) -> HttpResponse:
    """Add a dose the plan page did not record: for a past day, or not in the plan."""
    return _dose_page(request, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dose_edit(request: PersonRequest, pk: int) -> HttpResponse:
    return _dose_page(request, get_object_or_404(DoseTaken.objects.for_user(request.user), pk=pk))


class _DoseClash(Exception):
    def __init__(self, other: DoseTaken | None) -> None:
        super().__init__("another entry has the same day, time and medicine")
        self.other = other


def _dose_page(request: PersonRequest, row: DoseTaken | None) -> HttpResponse:
    user = person(request)
    today = request.profile.today()
    from_plan = planned_mg_lookup(request)

    def planned_mg(day: dt.date, time: str, drug: str) -> Decimal | None:
        """The entry keeps the planned dose it was recorded with while it stays the same dose."""
        if row is not None and (row.date, row.time_of_day, row.drug) == (day, time, drug):
            return row.planned_mg
        return from_plan(day, time, drug)

    conflict: Any = None
    clash_with: DoseTaken | None = None
    if request.method == "POST":
        form = DoseEntryForm(request.POST, today=today, planned_mg=planned_mg)
        if form.is_valid():
            try:
                saved = _save_dose(user, row, form)
            except StaleEditError as error:
                current = error.current if isinstance(error.current, DoseTaken) else None
                conflict, row = current or "deleted", current
                data = request.POST.copy()
                data["version"] = str(current.version if current is not None else 0)
                form = DoseEntryForm(data, today=today, planned_mg=planned_mg)
            except _DoseClash as clash:
                form.add_error(
                    None,
                    "There is already an entry for this medicine at this time of day on that day: "
                    "edit that one instead, or pick another time.",
                )
                clash_with = clash.other
            else:
                messages.success(
                    request,
                    f"Saved: {saved.drug} in the {saved.time_of_day} on {day_text(saved.date)}.",
                )
                return redirect(_history_at(saved.date))
    else:
        form = DoseEntryForm(initial=_initial(request, row, today), today=today, planned_mg=planned_mg)
    plan = active_plan(user)
    read = plan.readable_plan() if plan is not None else None
    drugs = sorted({d.drug for step in read.steps for d in step.doses}) if read is not None else []
    if drugs:  # suggest the plan's medicines (a <datalist>, which works without JavaScript)
        form.fields["drug"].widget.attrs["list"] = "plan-drugs"
    context = {"form": form, "row": row, "conflict": conflict, "clash_with": clash_with, "drugs": drugs}
    return render(request, "journal/dose_form.html", context)


def _initial(request: PersonRequest, row: DoseTaken | None, today: dt.date) -> dict[str, Any]:
    if row is not None:
        return {
            "version": row.version,
            "date": row.date,
            "time_of_day": row.time_of_day,
            "drug": row.drug,
            "status": row.status,
            "taken_mg": row.taken_mg if row.status == "different" else None,
            "note": row.note,
        }
    initial: dict[str, Any] = {"version": 0, "date": today, "status": "as_planned"}
    planned = planned_doses_on(request.user, today)
    if len({dose.drug for dose in planned}) == 1:
        initial["drug"] = planned[0].drug
    return initial


def _save_dose(user: AbstractBaseUser, row: DoseTaken | None, form: DoseEntryForm) -> DoseTaken:
    data = form.cleaned_data
    entry = row if row is not None else DoseTaken(user_id=user.pk)
    if row is not None:
        entry.version = form.version_value()
    entry.date, entry.time_of_day, entry.drug = data["date"], data["time_of_day"], data["drug"]
    entry.planned_mg = form.planned
    entry.status = form.status_value()
    entry.taken_mg = data["taken_mg"]
    entry.note = data["note"]
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:
        other = (
            DoseTaken.objects.for_user(user)
            .filter(date=entry.date, time_of_day=entry.time_of_day, drug=entry.drug)
            .first()
        )
        raise _DoseClash(other) from error
    return entry


def _history_at(day: dt.date) -> str:
    return f"{reverse('journal:history')}?{urlencode({'from': day.isoformat(), 'to': day.isoformat()})}"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dose_delete(request: PersonRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(DoseTaken.objects.for_user(request.user), pk=pk)
    what = f"{row.drug} in the {row.time_of_day} on {day_text(row.date)}"
    return _confirm_delete(request, row, f"the entry for {what}", f"the dose of {what}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin_delete(request: PersonRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(CheckIn.objects.for_user(request.user), pk=pk)
    what = f"the check-in of {day_text(row.date)}"
    return _confirm_delete(request, row, what, f"{what}, with its symptom ratings")


def _confirm_delete(
    request: PersonRequest, row: DoseTaken | CheckIn, deleted: str, asked: str
) -> HttpResponse:
    """Ask "delete ``asked``?" on a GET; delete on the POST and go back to that day of the journal."""
    if request.method == "POST":
        row.delete()
        messages.success(request, f"Deleted {deleted}.")
        return redirect(_history_at(row.date))
    context = {"what": asked, "back": _history_at(row.date)}
    return render(request, "journal/confirm_delete.html", context)
