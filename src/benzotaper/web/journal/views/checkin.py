"""The check-in: red flags first, the 0-4 symptom checklist, the person's own symptoms, the day.

One check-in per day, made or edited on ``/checkin/?date=YYYY-MM-DD`` (today without a date; a
day that has not come yet is refused). Saving is optimistic: the form carries the version it was
shown with, and when another tab saved the same day in between, the page comes back with what
the person typed and what is saved now, so neither edit is lost without them seeing it.

A red flag answered yes shows the red-flag panel at once, above everything, even when another
answer still needs fixing: what to do then must not wait for a valid form.

Every item starts "not rated" and only the items rated are saved. The person's short list
(``short_list``) is asked first, with every other item one tap away; an item rated in this
check-in is always shown. ``?same=yesterday`` starts from yesterday's ratings, to check and save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from benzotaper.journal import CheckInRecord, journal_day_problem
from benzotaper.knowledge import load_knowledge, load_red_flags, load_symptoms
from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.journal.forms import CheckInForm
from benzotaper.web.journal.models import CheckIn, CustomSymptom, SymptomRating
from benzotaper.web.journal.red_flags import red_flag_panel
from benzotaper.web.journal.scores import RATING_COLUMNS, scores_of_rows
from benzotaper.web.journal.short_list import short_list
from benzotaper.web.journal.views._common import day_text, person, summarise
from benzotaper.web.kept_fragments import CSRF_INPUT, Fragment, KeptFragments
from benzotaper.web.kept_queries import DAY, ID, PERSON, KeptQuery
from benzotaper.web.records import StaleEditError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def save_checkin(
    user: AbstractBaseUser,
    day: dt.date,
    version: int,
    update: Callable[[CheckIn], None],
    after: Callable[[CheckIn], None] | None = None,
) -> CheckIn:
    """Make or change the check-in of ``day`` with ``update``, then run ``after`` (ratings) in the
    same transaction. ``version`` is the version the person's form was shown with, 0 when there
    was no check-in yet. ``StaleEditError`` (with the check-in as saved now, or None when it was
    deleted) when the check-in is no longer what the form showed; nothing is saved then."""
    with transaction.atomic():
        row = CheckIn.objects.for_user(user).filter(date=day).first()
        if row is None:
            if version:
                raise StaleEditError(None)
            row = CheckIn(user_id=user.pk, date=day)
            update(row)
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError as error:  # another tab made the day's check-in at the same moment
                raise StaleEditError(CheckIn.objects.for_user(user).filter(date=day).first()) from error
        else:
            if not version:
                raise StaleEditError(row)
            row.version = version
            update(row)
            row.save()
        if after is not None:
            after(row)
    return row


def day_asked(text: str | None, today: dt.date) -> tuple[dt.date | None, str]:
    """The day of ``?date=`` (today when absent), or None and why it cannot be used."""
    if not text:
        return today, ""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None, f'"{text}" is not a day. Write it as YYYY-MM-DD, like {today:%Y-%m-%d}.'
    problem = journal_day_problem(day, today)
    if problem is not None:
        return None, f"{day_text(day)} cannot have a check-in: {problem}"
    return day, ""


def _custom_symptoms(
    mine: Sequence[CustomSymptom], saved: CheckInRecord | None, posted: QueryDict | None
) -> list[CustomSymptom]:
    """The person's own symptoms to ask, of all of theirs (``mine``): the active ones, those rated in
    the saved check-in, and those the posted form rated (so a symptom switched off in another tab keeps
    what was typed)."""
    rated = {score.symptom for score in saved.symptoms if score.custom} if saved is not None else set()
    ids = {int(key[7:]) for key in posted or () if key.startswith("custom_") and key[7:].isdigit()}
    return [symptom for symptom in mine if symptom.active or symptom.name in rated or symptom.pk in ids]


def _saved(user: AbstractBaseUser, row: CheckIn | None) -> CheckInRecord | None:
    """The saved check-in ``row`` as a record, its ratings read as plain rows (``scores_of_rows``)."""
    if row is None:
        return None
    return row.to_record(scores_of_rows(user, _RATINGS_OF.values(user, row.pk))[row.pk])


# The check-in's reads, their SQL written once (``kept_queries``): the day's check-in, its ratings, and
# the person's own symptoms.
_CHECKIN_ON = KeptQuery(
    lambda person, day: CheckIn.objects.for_user(person).filter(date=day)[:1], PERSON, DAY
)
_RATINGS_OF = KeptQuery(
    lambda person, checkin: (
        SymptomRating.objects.for_user(person)
        .filter(checkin_id=checkin)
        .order_by("id")
        .values_list(*RATING_COLUMNS)
    ),
    PERSON,
    ID,
)
_OWN_SYMPTOMS = KeptQuery(lambda person: CustomSymptom.objects.for_user(person), PERSON)


def _form(
    data: QueryDict | None, custom: list[CustomSymptom], short: list[str], **kwargs: Any
) -> CheckInForm:
    return CheckInForm(
        data,
        red_flags=load_red_flags().emergency_signs,
        items=load_symptoms().rated_items,
        custom_symptoms=custom,
        short_list=_shown(short, data if data is not None else kwargs.get("initial", {})),
        **kwargs,
    )


def _shown(short: list[str], answers: Any) -> frozenset[str]:
    """The checklist's items asked first: the short list and every item rated in ``answers`` (saved,
    typed or copied from yesterday); none without a short list (the whole checklist is asked)."""
    if not short:
        return frozenset()
    rated = (
        key[8:] for key, value in answers.items() if key.startswith("symptom_") and value not in ("", None)
    )
    return frozenset(short).union(rated)


def _kept_form(
    user: AbstractBaseUser,
    day: dt.date,
    custom: list[CustomSymptom],
    short: list[str],
    initial: dict[str, Any],
    copied: str | None,
) -> Fragment:
    """The form showing a saved or blank check-in (its ``initial`` values; ``copied``: yesterday's
    ratings asked for): a function of the person, the day, their own symptoms asked, the items asked
    first, those values and the knowledge data, so written once for them and kept (``kept_fragments``)."""

    def write() -> str:
        form = _form(None, custom, short, initial=initial)
        timeframe = load_symptoms().timeframe
        context = {"form": form, "day": day, "copied": copied, "timeframe": timeframe}
        return render_to_string("journal/_checkin_form.html", context | {"csrf_input": CSRF_INPUT})

    key = (
        user.pk,
        day,
        tuple((symptom.pk, symptom.name) for symptom in custom),
        tuple(sorted(_shown(short, initial))),
        repr(sorted(initial.items())),
        copied,
        load_knowledge().version,
    )
    return _kept_forms.written(key, write)


# The last check-in forms written, with the person's answers in them: memory only, dropped with any
# deleted account (docs/security.md).
_kept_forms = KeptFragments(32)


def _yesterday(user: AbstractBaseUser, day: dt.date) -> CheckIn | None:
    return (
        CheckIn.objects.for_user(user)
        .filter(date=day - dt.timedelta(days=1))
        .prefetch_related("ratings__custom")
        .first()
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request: PersonRequest) -> HttpResponse:
    user = person(request)
    profile = request.profile
    today = profile.today()
    day, problem = day_asked(request.GET.get("date"), today)
    if day is None:
        return render(request, "journal/checkin_bad_day.html", {"problem": problem}, status=400)
    row = _CHECKIN_ON.first(user, day)
    mine = _OWN_SYMPTOMS.rows(user)
    as_saved = _saved(user, row)
    posted = request.POST if request.method == "POST" else None
    custom = _custom_symptoms(mine, as_saved, posted)
    short = short_list(user, today)
    conflict: Any = None
    copied: str | None = None
    if posted is None:
        initial = CheckInForm.initial_from(as_saved, custom)
        initial["version"] = row.version if row is not None else 0
        if request.GET.get("same") == "yesterday":
            before = _yesterday(user, day)
            copied = "none" if before is None or not before.ratings.all() else "copied"
            if before is not None:
                ratings = CheckInForm.ratings_initial(before.to_record().symptoms, custom)
                initial = {k: v for k, v in initial.items() if not k.startswith(("symptom_", "custom_"))}
                initial |= ratings
        form = None  # written apart and kept: form_html
        form_html = _kept_form(user, day, custom, short, initial, copied)
        panel = red_flag_panel(row.red_flags, profile.country) if row is not None else None
    else:
        form_html = None
        form = _form(posted, custom, short)
        if form.is_valid():
            try:
                saved = _save(user, day, form)
            except StaleEditError as error:
                current = error.current if isinstance(error.current, CheckIn) else None
                mine = _OWN_SYMPTOMS.rows(user)  # the other tab may have added one
                now = _saved(user, current)
                conflict = summarise(now) if now is not None else "deleted"
                data = posted.copy()
                data["version"] = str(current.version if current is not None else 0)
                form = _form(data, _custom_symptoms(mine, now, data), short)
            else:
                return _after_saving(request, saved, today)
        flags = [flag.code for flag in form.red_flags if posted.get(f"flag_{flag.code}")]
        panel = red_flag_panel(flags, profile.country)
    context = {
        "day": day,
        "day_text": day_text(day),
        "is_today": day == today,
        "row": row,
        "form": form,
        "form_html": form_html,
        "conflict": conflict,
        "panel": panel,
        "saved_panel": posted is None,
        "copied": copied,
        "timeframe": load_symptoms().timeframe,
    }
    return render(request, "journal/checkin.html", context)


def _save(user: AbstractBaseUser, day: dt.date, form: CheckInForm) -> CheckIn:
    record = form.to_record(day)
    new_symptom: str = form.cleaned_data.get("new_symptom", "")
    switched_off = [symptom.pk for symptom in form.switched_off()]

    def update(row: CheckIn) -> None:
        row.wellbeing = record.wellbeing
        row.sleep_hours = record.sleep_hours
        row.notes = record.notes
        row.events = [{"kind": event.kind, "text": event.text} for event in record.events]
        row.red_flags = list(record.red_flags)

    def after(row: CheckIn) -> None:
        row.set_scores(record.symptoms)
        mine = CustomSymptom.objects.for_user(user)
        if new_symptom:  # added again after being switched off: ask about it again
            mine.filter(name__iexact=new_symptom).update(active=True)
        if switched_off:
            mine.filter(pk__in=switched_off).update(active=False)

    return save_checkin(user, day, form.version_value(), update, after)


def _after_saving(request: PersonRequest, saved: CheckIn, today: dt.date) -> HttpResponse:
    if saved.red_flags:  # the check-in page of that day shows the red-flag panel first
        return redirect(f"{reverse('journal:checkin')}?date={saved.date:%Y-%m-%d}")
    if saved.date == today:
        messages.success(request, "Check-in saved.")
        return redirect("journal:today")
    messages.success(request, f"Check-in for {day_text(saved.date)} saved.")
    return redirect(f"{reverse('journal:history')}?from={saved.date:%Y-%m-%d}&to={saved.date:%Y-%m-%d}")
