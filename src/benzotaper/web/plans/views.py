"""The plan pages: build a plan (preview, save), the active plan with hold and re-plan, and the history.

- ``plans:plan`` shows the active plan, or the builder when there is none; ``plans:new`` builds a new
  plan (saving it supersedes the active one). The builder works without JavaScript: "Add a row" and
  "Preview" are ordinary submit buttons whose ``name="action"`` tells this view what to do. With htmx
  they post the same form and swap only the rows or the preview; when the form has errors or the
  planner refuses, the whole builder is swapped instead, so each message sits by its field.
- **Holding a step** applies ``planning.hold_step`` to the *stored* plan (``SavedPlan.plan()``) and
  stores the result as a new active plan of kind "hold"; the old one stays, superseded. It is not made
  again from the request and earlier holds replayed: the stored steps are what the person agreed, and
  this way no change of the knowledge data or the planner can move a dose they did not ask to move.
- **Re-planning** calls ``planning.replan`` on the stored plan from the doses really taken today (the
  planned ones by default), with the person's current risk factors, and stores it as kind "replan".
- Every change is stored with ``SavedPlan.store``, which records a dated ``PlanChange`` with the reason.
  A hold or re-plan of a plan that is no longer the active one (another tab changed it first) is refused.
- Every plan is looked up through ``for_user``, so another person's plan is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import retarget

from benzotaper.journal import MedicationRecord
from benzotaper.knowledge import UnknownDrugError, load_knowledge
from benzotaper.planning import (
    Dose,
    Plan,
    PlanError,
    decimal_text,
    make_plan,
    replan,
)
from benzotaper.web.accounts.forms import country_choices
from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import Medication, PlanChange, SavedPlan
from benzotaper.web.journal.planned import active_plan
from benzotaper.web.kept_fragments import CSRF_INPUT, KeptFragments
from benzotaper.web.kept_queries import ID, PERSON, KeptQuery
from benzotaper.web.plans.display import PlanDisplay, decimal_mg, plan_display
from benzotaper.web.plans.forms import (
    Builder,
    DoseRows,
    DoseRowsBase,
    HoldForm,
    ReplanForm,
    default_form_lines,
    form_values,
    formset_rows,
    guideline,
    problem_text,
)
from benzotaper.web.plans.laid_out import plan_html
from benzotaper.web.plans.stored import hold_saved_plan, store_replacing

STALE_PLAN = (
    "This plan was changed in the meantime (in another tab or on another device); here is the current one."
)
UNREADABLE_PLAN = "This saved plan cannot be read to show or change it; make a new plan instead."


def _person(request: PersonRequest) -> AbstractBaseUser:
    """The signed-in person (every view here is behind ``login_required``)."""
    if not isinstance(request.user, AbstractBaseUser):
        raise PermissionDenied("Sign in to see your plan.")
    return request.user


def _drug_names() -> list[str]:
    """Generic and brand names, for the medicine field's suggestions."""
    drugs = load_knowledge().drugs.values()
    return sorted({d.name for d in drugs} | {b for d in drugs for b in d.brand_names}, key=str.lower)


def _known_drug(name: str) -> str | None:
    try:
        return load_knowledge().find_drug(name).name
    except UnknownDrugError:
        return None


# --- the builder ------------------------------------------------------------------------------------------


def _dose_rows(doses: list[Dose] | tuple[Dose, ...]) -> list[dict[str, Any]]:
    return [{"drug": d.drug, "amount": decimal_mg(d.mg), "time": d.time} for d in doses]


# The builder's and the plan page's reads, their SQL written once (``kept_queries``).
_CURRENT_MEDICINES = KeptQuery(
    lambda person: Medication.objects.for_user(person).filter(stopped__isnull=True), PERSON
)
_PLAN_CHANGES = KeptQuery(
    lambda person, plan: PlanChange.objects.for_user(person).filter(plan=plan), PERSON, ID
)


def _blank_builder(request: PersonRequest, profile: Profile, saved: SavedPlan | None) -> Builder:
    return Builder.unbound(*_blank_values(request, profile, saved))


def _blank_builder_page(
    request: PersonRequest, profile: Profile, saved: SavedPlan | None, has_active_plan: bool
) -> HttpResponse:
    """The builder filled with what is known (``_blank_values``). Its form is a function of those values,
    so it is written once for them and kept (``kept_fragments``, for this person; the page puts its own
    CSRF field in)."""
    values = _blank_values(request, profile, saved)

    def write() -> str:
        context = _builder_context(request, Builder.unbound(*values), profile, None, has_active_plan)
        return render_to_string("plans/_builder.html", {**context, "csrf_input": CSRF_INPUT})

    builder = _blank_builders.written((request.user.pk, repr(values)), write)
    return render(request, "plans/new.html", {"builder_html": builder, "has_active_plan": has_active_plan})


_blank_builders = KeptFragments(16)


def _blank_values(
    request: PersonRequest, profile: Profile, saved: SavedPlan | None
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """What the builder is filled with (its options, dose rows and medicine rows): today's planned doses
    (of ``saved``, the active plan the caller read, else the medicines in the journal), the country and
    the risk factors of the profile."""
    user = _person(request)
    today = profile.today()
    current = _CURRENT_MEDICINES.rows(user)
    doses: list[dict[str, Any]] = [
        {"drug": m.name, "amount": m.dose_text, "time": m.time_of_day}
        for m in current
        if m.kind == "benzodiazepine"
    ]
    plan = saved.readable_plan() if saved is not None else None
    if plan is not None:
        step = plan.step_on(today)
        if step is not None and step.doses:
            doses = _dose_rows([Dose(d.drug, d.time, d.mg) for d in step.doses])
    medicines = [
        {"name": m.name, "dose_text": m.dose_text, "time": m.time_of_day}
        for m in current
        if m.kind == "other"
    ]
    options = {
        "method": "percent",
        "dose_order": "sequential",
        "slow_end": True,
        "start": today,
        "country": profile.country,
        "seizure_history": profile.seizure_history,
        "age_65_or_over": profile.age_65_or_over,
        "alcohol_use": profile.alcohol_use,
        "opioid_use": profile.opioid_use,
        "other_sedatives": profile.other_sedatives,
        "days_of_use": profile.days_of_use,
    }
    return options, [*doses, {}], [*medicines, {}]


def _builder_context(
    request: PersonRequest,
    builder: Builder,
    profile: Profile,
    preview: PlanDisplay | None,
    has_active_plan: bool | None = None,
) -> dict[str, Any]:
    """``has_active_plan``: whether the person has an active plan, when the caller read it already."""
    if builder.options.is_bound:
        country = str(builder.options.data.get("country") or profile.country)
        drugs = builder.drugs()
    else:
        country = str(builder.options.initial.get("country") or profile.country)
        typed = (row.get("drug") or "" for row in builder.doses.initial or [])
        drugs = [name for name in (_known_drug(str(t)) for t in typed if t) if name]
    if country not in load_knowledge().countries:
        country = profile.country
    hint_drugs = list(dict.fromkeys([*drugs, "diazepam"]))
    has_errors = builder.options.is_bound and not (
        builder.options.is_valid() and builder.doses.is_valid() and builder.medicines.is_valid()
    )
    return {
        "builder": builder,
        "options": builder.options,
        "preview": preview,
        "has_errors": has_errors,
        "drug_names": _drug_names(),
        "forms_hint": default_form_lines(hint_drugs, country),
        "hint_country_name": dict(country_choices()).get(country, country),
        "has_active_plan": (
            SavedPlan.objects.for_user(request.user).active().exists()  # no plan JSON read
            if has_active_plan is None
            else has_active_plan
        ),
        "new_url": reverse("plans:new"),
        "guideline": guideline(),
    }


def _builder_page(
    request: PersonRequest,
    builder: Builder,
    profile: Profile,
    preview: PlanDisplay | None = None,
    has_active_plan: bool | None = None,
) -> HttpResponse:
    context = _builder_context(request, builder, profile, preview, has_active_plan)
    if request.htmx and request.method == "POST":
        # Errors or a refusal: swap the whole builder so every message sits by its field, and bring
        # its top into view (the error summary takes the focus: it has autofocus, which htmx honours).
        response = retarget(render(request, "plans/_builder.html", context), "#plan-builder")
        response["HX-Reswap"] = "outerHTML show:#plan-builder:top"  # django-htmx's reswap takes no modifier
        return response
    return render(request, "plans/new.html", context)


@login_required
@require_http_methods(["GET", "HEAD"])
def plan_page(request: PersonRequest) -> HttpResponse:
    """The active plan, or the builder when the person has none yet."""
    profile = request.profile
    saved = active_plan(request.user)
    if saved is None:
        return _blank_builder_page(request, profile, None, has_active_plan=False)
    return _plan_page(request, saved, profile)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_plan(request: PersonRequest) -> HttpResponseBase:
    """Build a plan: add rows, preview, save."""
    profile = request.profile
    if request.method != "POST":
        saved = active_plan(request.user)
        return _blank_builder_page(request, profile, saved, has_active_plan=saved is not None)
    action = request.POST.get("action", "preview")
    if action in ("more_doses", "more_medicines"):
        builder = Builder.redrawn(
            request.POST, Builder.DOSES if action == "more_doses" else Builder.MEDICINES
        )
        if request.htmx:
            context = _builder_context(request, builder, profile, None)
            template = "plans/_dose_rows.html" if action == "more_doses" else "plans/_medicine_rows.html"
            return render(request, template, context)
        return _builder_page(request, builder, profile)

    builder = Builder.bound(request.POST)
    if not builder.is_valid():
        return _builder_page(request, builder, profile)
    try:
        plan = make_plan(builder.plan_request())
    except PlanError as error:
        builder.refusal = error
        return _builder_page(request, builder, profile)
    except OverflowError:  # dates past the year 9999: only a plan of thousands of long steps gets there
        builder.refusal = PlanError(
            "This plan would run past the last date the calendar can hold.",
            ["Use fewer days between cuts or a larger cut."],
        )
        return _builder_page(request, builder, profile)

    if action == "save":
        _save_new_plan(request, builder, plan, profile)
        messages.success(request, "Your plan is saved. Agree it with your prescriber before you start.")
        return redirect("plans:plan")
    preview = plan_display(plan, today=None)
    if request.htmx:
        return render(request, "plans/_preview.html", {"preview": preview})
    return _builder_page(request, builder, profile, preview)


def _save_new_plan(request: PersonRequest, builder: Builder, plan: Plan, profile: Profile) -> SavedPlan:
    """Store the plan (superseding the active one), the risk factors and the medicines, all or nothing."""
    options = builder.options.cleaned_data
    with transaction.atomic():
        saved = SavedPlan.store(
            _person(request),
            plan,
            name=options.get("name", ""),
            reason=options.get("note", ""),
            kind="created",
        )
        for name in ("seizure_history", "age_65_or_over", "alcohol_use", "opioid_use", "other_sedatives"):
            setattr(profile, name, bool(options.get(name)))
        profile.days_of_use = options.get("days_of_use")
        profile.save(
            update_fields=[
                "seizure_history",
                "age_65_or_over",
                "alcohol_use",
                "opioid_use",
                "other_sedatives",
                "days_of_use",
            ]
        )
        tapered = [
            MedicationRecord(d.drug, "benzodiazepine", decimal_mg(d.mg), d.time) for d in plan.request.regimen
        ]
        others = [MedicationRecord(name, "other", dose, at) for name, dose, at in builder.other_medicines()]
        _keep_medicines(_person(request), [*tapered, *others], profile.today())
    return saved


def _keep_medicines(user: AbstractBaseUser, wanted: list[MedicationRecord], today: dt.date) -> None:
    """Make the journal's current medicines the ones in the builder. A medicine no longer listed is
    marked stopped today, not deleted, so the journal keeps when it was taken."""

    def key(record: MedicationRecord) -> tuple[str, str, str, str]:
        return (record.kind, record.name, record.dose_text, record.time)

    missing = list(wanted)  # what the journal does not list yet
    for medicine in Medication.objects.for_user(user).filter(stopped__isnull=True):
        listed = next((record for record in missing if key(record) == key(medicine.to_record())), None)
        if listed is not None:
            missing.remove(listed)
            continue
        medicine.stopped = max(today, medicine.started) if medicine.started else today
        medicine.save(update_fields=["stopped"])
    for record in missing:
        Medication.from_record(user, record).save()


# --- the active plan: hold and re-plan --------------------------------------------------------------------


def _planned_rows(plan: Plan, today: dt.date) -> list[dict[str, Any]]:
    """Today's planned doses as rows of the re-plan form (the plan's first doses before it starts)."""
    step = plan.step_on(today)
    if step is None:
        return _dose_rows(plan.request.regimen)
    return _dose_rows([Dose(d.drug, d.time, d.mg) for d in step.doses])


def _plan_page(
    request: PersonRequest,
    saved: SavedPlan,
    profile: Profile,
    hold_form: HoldForm | None = None,
    replan_form: ReplanForm | None = None,
    actual: Any = None,
    replan_refusal: PlanError | None = None,
) -> HttpResponse:
    today = profile.today()
    plan = saved.readable_plan()
    if plan is None:
        messages.error(request, UNREADABLE_PLAN)
        return _builder_page(request, _blank_builder(request, profile, saved), profile)
    display = plan_display(plan, today, person=request.user)
    can_hold = display.current is None or display.current.kind != "stop"
    if hold_form is None:
        step = display.current.number if display.current else 1
        hold_form = HoldForm(initial={"step": step, "days": 7})
    if actual is None:
        actual = DoseRows(initial=[*_planned_rows(plan, today), {}], prefix=ReplanForm.ACTUAL)
    replan_form = replan_form or ReplanForm()
    crossing = _crossing_to(plan, today)
    if crossing:
        replan_form.fields["continue_crossover"].label = f"Carry on with the crossover to {crossing}"
    context = {
        "saved": saved,
        "plan": display,
        "plan_html": plan_html(request.user.pk, saved, display),
        "today": today,
        "changes": _PLAN_CHANGES.rows(request.user, saved.pk),
        "can_hold": can_hold,
        "hold_form": hold_form,
        "hold_step": hold_form["step"].value(),
        "replan_form": replan_form,
        "crossing_to": crossing,
        "actual": actual,
        "replan_refusal": replan_refusal,
        "replan_url": reverse("plans:replan", args=[saved.pk]),
        "drug_names": _drug_names(),
        "action_errors": bool(
            (hold_form.is_bound and hold_form.errors)
            or (replan_form is not None and replan_form.is_bound and replan_form.errors)
            or (actual.is_bound and not actual.is_valid())
            or replan_refusal
        ),
    }
    return render(request, "plans/plan.html", context)


def _crossing_to(plan: Plan, today: dt.date) -> str | None:
    """The drug the plan crosses over to, while a crossover step is still ahead or under way."""
    target = plan.request.crossover_to
    under_way = any(step.kind == "crossover" and step.end >= today for step in plan.steps)
    return target if target and under_way else None


def _active_or_none(request: PersonRequest, plan_id: int) -> SavedPlan | None:
    """The person's plan ``plan_id`` (404 when it is not theirs), or None when it is no longer active."""
    saved = get_object_or_404(SavedPlan.objects.for_user(request.user), pk=plan_id)
    if saved.status != "active":
        messages.error(request, STALE_PLAN)
        return None
    return saved


def _store_change(request: PersonRequest, saved: SavedPlan, plan: Plan, **change: Any) -> bool:
    """Store ``plan`` replacing ``saved``, unless ``saved`` stopped being the active plan meanwhile."""
    return store_replacing(_person(request), saved, plan, **change) is not None


@login_required
@require_POST
def hold(request: PersonRequest, plan_id: int) -> HttpResponseBase:
    """Hold a step of the active plan N more days; later steps move later."""
    saved = _active_or_none(request, plan_id)
    if saved is None:
        return redirect("plans:plan")
    profile = request.profile
    form = HoldForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, saved, profile, hold_form=form)
    step, days, reason = form.cleaned_data["step"], form.cleaned_data["days"], form.cleaned_data["reason"]
    try:
        stored = hold_saved_plan(_person(request), saved, step, days, reason, profile.today())
    except PlanError as error:
        form.add_error(None, problem_text(error))
        return _plan_page(request, saved, profile, hold_form=form)
    except ValueError:
        messages.error(request, UNREADABLE_PLAN)
        return redirect("plans:plan")
    if stored is None:
        messages.error(request, STALE_PLAN)
        return redirect("plans:plan")
    messages.success(
        request, f"Step {step} is held {days} more days; the later steps move {days} days later."
    )
    return redirect("plans:plan")


@login_required
@require_POST
def replan_view(request: PersonRequest, plan_id: int) -> HttpResponseBase:
    """A new plan from today, starting from the doses really taken."""
    saved = _active_or_none(request, plan_id)
    if saved is None:
        return redirect("plans:plan")
    profile = request.profile
    if request.POST.get("action") == "more_rows":
        rows = [*formset_rows(DoseRows, request.POST, ReplanForm.ACTUAL), {}]
        actual = DoseRows(initial=rows, prefix=ReplanForm.ACTUAL)
        if request.htmx:
            context = {"rows": actual, "replan_url": reverse("plans:replan", args=[saved.pk])}
            return render(request, "plans/_actual_rows.html", context)
        form = ReplanForm(initial=form_values(ReplanForm, request.POST))
        return _plan_page(request, saved, profile, replan_form=form, actual=actual)

    form = ReplanForm(request.POST)
    actual = DoseRows(request.POST, prefix=ReplanForm.ACTUAL)
    checked = [form.is_valid(), actual.is_valid()]  # both, so every problem shows at once
    if not all(checked):
        return _plan_page(request, saved, profile, replan_form=form, actual=actual)
    reason: str = form.cleaned_data["reason"]
    doses = actual.doses() if isinstance(actual, DoseRowsBase) else ()
    today = profile.today()
    # Mid-crossover the new plan carries on with it (the planner keeps the request's crossover_to)
    # unless the person untick it: then each drug of the mixed doses is tapered as it is.
    try:
        plan = saved.plan()
        changes: dict[str, Any] = {}
        if _crossing_to(plan, today) and not form.cleaned_data["continue_crossover"]:
            changes["crossover_to"] = None
        new = replan(plan, today, doses, reason, risk=profile.risk_factors(), **changes)
    except PlanError as error:
        return _plan_page(request, saved, profile, replan_form=form, actual=actual, replan_refusal=error)
    except ValueError:
        messages.error(request, UNREADABLE_PLAN)
        return redirect("plans:plan")
    details = {
        "doses": [{"drug": d.drug, "time": d.time, "mg": decimal_text(d.mg)} for d in doses],
        "replaces": saved.pk,
    }
    if not _store_change(request, saved, new, kind="replan", reason=reason, on=today, details=details):
        messages.error(request, STALE_PLAN)
        return redirect("plans:plan")
    messages.success(request, "Your plan is re-planned from today's doses. Agree it with your prescriber.")
    return redirect("plans:plan")


# --- history ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def history(request: PersonRequest) -> HttpResponse:
    """Every plan the person saved, newest first, with how and why it came about."""
    plans = SavedPlan.objects.for_user(request.user).prefetch_related("changes")
    return render(request, "plans/history.html", {"plans": plans})


@login_required
@require_http_methods(["GET", "HEAD"])
def detail(request: PersonRequest, plan_id: int) -> HttpResponse:
    """One saved plan, read-only, as it was saved."""
    saved = get_object_or_404(SavedPlan.objects.for_user(request.user).as_texts(), pk=plan_id)
    plan = saved.readable_plan()
    if plan is None:
        messages.error(request, UNREADABLE_PLAN)
        return redirect("plans:history")
    display = plan_display(plan, request.profile.today(), person=request.user)
    context = {
        "saved": saved,
        "plan_html": plan_html(request.user.pk, saved, display),
        "changes": PlanChange.objects.for_user(request.user).filter(plan=saved),
        "replaced_by": SavedPlan.objects.for_user(request.user).filter(replaces=saved).first(),
    }
    return render(request, "plans/detail.html", context)
