"""Today: the doses the plan says to take today, one tap to record each, and a quick check-in.

Recording a dose answers an htmx request with just that dose's row (``journal/_dose_row.html``);
without JavaScript the same form posts normally and comes back to Today.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from benzotaper.planning import decimal_text
from benzotaper.records import Record
from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.journal.forms import STATUS_LABELS, QuickCheckInForm, RecordDoseForm
from benzotaper.web.journal.models import CheckIn, DoseTaken
from benzotaper.web.journal.planned import (
    PlannedDoseView,
    active_plan,
    doses_on,
    planned_doses_on,
)
from benzotaper.web.journal.red_flags import red_flag_panel
from benzotaper.web.journal.views._common import day_text, person, summarise, time_rank
from benzotaper.web.journal.views.checkin import save_checkin
from benzotaper.web.kept_fragments import CSRF_INPUT, Fragment, KeptFragments
from benzotaper.web.kept_queries import DAY, PERSON, KeptQuery
from benzotaper.web.records import StaleEditError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class DoseRow(Record, frozen=False):
    """One planned dose on Today, what was recorded for it, and its "different amount" form (``bound``:
    the form as posted, with its errors; else a blank one, made when the row is written)."""

    person: int
    date: dt.date
    today: dt.date
    planned: PlannedDoseView
    taken: DoseTaken | None
    bound: RecordDoseForm | None = None

    @functools.cached_property
    def form(self) -> RecordDoseForm:
        return self.bound or _dose_form(self.date, self.planned.time, self.planned.drug, self.today)

    @functools.cached_property
    def html(self) -> Fragment:
        """The row as ``journal/_dose_row.html`` writes it. Without a posted form it is a function of
        the planned dose and what was recorded for it, so it is kept (``kept_fragments``) for the person."""

        def write() -> str:
            return render_to_string("journal/_dose_row.html", {"row": self, "csrf_input": CSRF_INPUT})

        if self.bound is not None:
            return Fragment(write())
        taken = None if self.taken is None else (self.taken.status, self.taken.taken_mg)
        return _kept_rows.written((self.person, self.date, self.planned, taken), write)

    @property
    def dom_id(self) -> str:
        return dose_dom_id(self.planned.time, self.planned.drug)

    @property
    def done_id(self) -> str:
        """The id of the Undo button: the id the pressed button had, so htmx gives the focus to Undo
        after a tap, and back to that button after Undo."""
        if self.taken is None:
            return ""
        pressed = {"as_planned": "taken", "skipped": "skipped", "different": "different"}
        return f"{self.dom_id}-{pressed.get(self.taken.status, 'taken')}"

    @property
    def status_text(self) -> str:
        if self.taken is None:
            return "Not recorded yet"
        if self.taken.status == "skipped":
            return "Skipped"
        amount = decimal_text(self.taken.taken_mg or Decimal(0))
        if self.taken.status == "different":
            return f"Taken: {amount} mg (a different amount)"
        return f"Taken as planned: {amount} mg"


# Today's reads, their SQL written once (``kept_queries``): the day's doses and the day's check-in.
_DAYS_DOSES = KeptQuery(lambda person, day: DoseTaken.objects.for_user(person).filter(date=day), PERSON, DAY)
_DAYS_CHECKIN = KeptQuery(
    lambda person, day: CheckIn.objects.for_user(person).filter(date=day).order_by("pk")[:1], PERSON, DAY
)


_kept_rows = KeptFragments(64)


def dose_dom_id(time: str, drug: str) -> str:
    return f"dose-{slugify(time)}-{slugify(drug)}"


def _dose_form(day: dt.date, time: str, drug: str, today: dt.date, data: Any = None) -> RecordDoseForm:
    return RecordDoseForm(
        data,
        today=today,
        auto_id=f"{dose_dom_id(time, drug)}-%s",
        initial={"date": day, "time": time, "drug": drug, "status": "different"},
    )


def _rows(
    user: AbstractBaseUser,
    day: dt.date,
    today: dt.date,
    planned: list[PlannedDoseView],
    bound: RecordDoseForm | None = None,
    recorded: list[DoseTaken] | None = None,
) -> list[DoseRow]:
    """The rows of the ``planned`` doses; ``recorded``: the day's doses when read already."""
    if recorded is None:
        recorded = _DAYS_DOSES.rows(user, day)
    taken = {(row.time_of_day, row.drug): row for row in recorded}
    rows = []
    for dose in planned:
        posted = bound is not None and (bound.data.get("time"), bound.data.get("drug")) == dose.key
        rows.append(DoseRow(user.pk, day, today, dose, taken.get(dose.key), bound if posted else None))
    return rows


@login_required
@require_GET
def today(request: PersonRequest) -> HttpResponse:
    return _today_page(request)


def _today_page(
    request: PersonRequest,
    *,
    dose_form: RecordDoseForm | None = None,
    quick_form: QuickCheckInForm | None = None,
    conflict: Any = None,
) -> HttpResponse:
    user = person(request)
    profile = request.profile
    day = profile.today()
    saved = active_plan(user)
    read = saved.readable_plan() if saved is not None else None
    planned = doses_on(read, day) if read is not None else []
    recorded = _DAYS_DOSES.rows(user, day)
    rows = _rows(user, day, day, planned, dose_form, recorded)
    planned_keys = {dose.key for dose in planned}
    others = sorted(
        (row for row in recorded if (row.time_of_day, row.drug) not in planned_keys),
        key=lambda row: (time_rank(row.time_of_day), row.drug),
    )
    checkin = _DAYS_CHECKIN.first(user, day)
    quick_html = None
    if quick_form is None:
        initial: dict[str, Any] = {"date": day, "version": 0}
        if checkin is not None:
            initial.update(
                version=checkin.version,
                wellbeing=checkin.wellbeing,
                sleep_hours=checkin.sleep_hours,
                notes=checkin.notes,
            )
        quick_html = _quick_checkin(user.pk, initial)
    context = {
        "day": day,
        "day_text": day_text(day),
        "plan": read,  # an unreadable saved plan shows as none; the plan page says why
        "active_plan": saved,  # for the alerts (insights_alerts()), so it is read once
        "plan_start": read.steps[0].start if read is not None else None,
        "plan_end": read.end if read is not None else None,
        "rows": rows,
        "drug_free_night": read is not None and read.is_drug_free_night(day),
        "others": others,
        "checkin": checkin,
        "quick_form": quick_form,  # None when the blank form is kept written (quick_html)
        "quick_html": quick_html,
        "conflict": conflict,
        "panel": red_flag_panel(checkin.red_flags, profile.country) if checkin is not None else None,
    }
    return render(request, "journal/today.html", context)


def _quick_checkin(person: int, initial: dict[str, Any]) -> Fragment:
    """The quick check-in's form showing ``initial``: a function of it, so kept (``kept_fragments``)."""

    def write() -> str:
        form = QuickCheckInForm(initial=initial, today=initial["date"])
        return render_to_string("journal/_quick_checkin.html", {"quick_form": form, "csrf_input": CSRF_INPUT})

    return _kept_quick_forms.written((person, repr(sorted(initial.items()))), write)


_kept_quick_forms = KeptFragments(16)


@login_required
@require_POST
def record_dose(request: PersonRequest) -> HttpResponse:
    """Record a planned dose as taken as planned, skipped, or taken in a different amount."""
    user = person(request)
    today_date = request.profile.today()
    time, drug = request.POST.get("time", ""), request.POST.get("drug", "")
    form = _dose_form(today_date, time, drug, today_date, request.POST)
    if not form.is_valid():
        return _dose_answer(request, form, today_date, time, drug)
    day: dt.date = form.cleaned_data["date"]
    planned = next((dose for dose in planned_doses_on(user, day) if dose.key == (time, drug)), None)
    if planned is None:
        messages.error(
            request, f"Your plan has no {drug} in the {time} on {day_text(day)} (was it changed?)."
        )
        return _back_to_today(request)
    status = form.cleaned_data["status"]
    if status == "undo":
        DoseTaken.objects.for_user(user).filter(date=day, time_of_day=time, drug=drug).delete()
        if request.htmx:
            return _dose_answer(request, None, day, time, drug)
        messages.success(request, f"Undone: {planned.drug} in the {planned.time} is not recorded.")
        return redirect("journal:today")
    taken_mg: Decimal | None = {"as_planned": planned.mg, "skipped": None}.get(
        status, form.cleaned_data["mg"]
    )
    if status == "different" and taken_mg == planned.mg:
        status = "as_planned"
    _store_dose(user, day, planned, status, taken_mg)
    if request.htmx:
        return _dose_answer(request, None, day, time, drug)
    messages.success(
        request, f"Recorded {planned.drug} in the {planned.time}: {STATUS_LABELS[status].lower()}."
    )
    return redirect("journal:today")


def _store_dose(
    user: AbstractBaseUser,
    day: dt.date,
    planned: PlannedDoseView,
    status: str,
    taken_mg: Decimal | None,
) -> None:
    """Create or update the day's entry for the planned dose. A tap is the person's latest word on
    it, so it is saved over whatever was there (read afresh, then saved at that version)."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                row = (
                    DoseTaken.objects.for_user(user)
                    .select_for_update()
                    .filter(date=day, time_of_day=planned.time, drug=planned.drug)
                    .first()
                ) or DoseTaken(user_id=user.pk, date=day, time_of_day=planned.time, drug=planned.drug)
                row.planned_mg = planned.mg
                row.status = status
                row.taken_mg = taken_mg
                row.save()
                return
        except (IntegrityError, StaleEditError):  # another tap made or changed it at the same moment
            if attempt:
                raise


def _dose_answer(
    request: PersonRequest, form: RecordDoseForm | None, day: dt.date, time: str, drug: str
) -> HttpResponse:
    """The dose's row for htmx; the whole Today page (with the form's errors) otherwise."""
    if not request.htmx:
        return _today_page(request, dose_form=form)
    user = person(request)
    today_date = request.profile.today()
    planned = [dose for dose in planned_doses_on(user, day) if dose.key == (time, drug)]
    if not planned:
        return _back_to_today(request)
    row = _rows(user, day, today_date, planned, form)[0]
    response = render(request, "journal/_dose_row.html", {"row": row})
    patch_vary_headers(response, ("HX-Request",))
    return response


def _back_to_today(request: PersonRequest) -> HttpResponse:
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("journal:today")
        return response
    return redirect("journal:today")


@login_required
@require_POST
def quick_checkin(request: PersonRequest) -> HttpResponse:
    """Wellbeing, sleep and a note for the day from Today; the rest of the check-in is kept."""
    user = person(request)
    today_date = request.profile.today()
    form = QuickCheckInForm(request.POST, today=today_date)
    if not form.is_valid():
        return _today_page(request, quick_form=form)
    data = form.cleaned_data

    def update(row: CheckIn) -> None:
        row.wellbeing, row.sleep_hours, row.notes = data["wellbeing"], data["sleep_hours"], data["notes"]

    try:
        save_checkin(user, data["date"], form.version_value(), update)
    except StaleEditError as error:
        current = error.current if isinstance(error.current, CheckIn) else None
        posted = request.POST.copy()
        posted["version"] = str(current.version if current is not None else 0)
        return _today_page(
            request,
            quick_form=QuickCheckInForm(posted, today=today_date),
            conflict=summarise(current.to_record()) if current is not None else "deleted",
        )
    messages.success(request, "Check-in saved.")
    return redirect("journal:today")
