"""The PDF report, read back with pypdf: its sections and numbers are those of the person's data."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from typing import Any

from pypdf import PdfReader
from report_story import NOW as TODAY_NOON
from report_story import TODAY

from benzotaper import records
from benzotaper.planning import decimal_text


def text_of(pdf: bytes) -> list[str]:
    """The text of each page, with runs of white space as one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_page_one_has_the_summary_with_the_persons_numbers(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    data = report_of(name="Alice Example", questions="Can we slow the cuts down in spring?")
    pages = text_of(report_pdf(data))
    first = pages[0]
    plan = data.account.active_plan.plan()
    step = plan.step_on(data.options.date_to)
    assert "Name: Alice Example" in first
    assert f"Diazepam equivalent: {decimal_text(step.diazepam_equivalent_mg)} mg a day" in first
    assert f"Step {step.number} of {len(plan.steps)}" in first
    for heading in ("Red flags", "Adherence", "Holds and re-plans", "Interactions with other medicines"):
        assert heading in first
    assert "Can we slow the cuts down in spring?" in first


def test_adherence_counts_the_planned_doses_of_the_period(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    data = report_of()
    planned = [d for d in data.account.doses if d.planned_mg is not None]
    as_planned = sum(d.status == "as_planned" for d in planned)
    skipped = sum(d.status == "skipped" for d in planned)
    text = " ".join(text_of(report_pdf(data)))
    assert skipped > 0, "the story has skipped doses"
    assert f"{as_planned} of {len(planned)} planned doses recorded were taken as planned" in text
    assert f"{skipped} skipped" in text


def test_the_hold_and_its_reason_are_on_page_one(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    data = report_of(date_from=TODAY - dt.timedelta(days=180))  # from before the plan: the whole story
    holds = [c for p in data.account.plans for c in p.changes if c.kind == "hold"]
    assert holds
    first = text_of(report_pdf(data))[0]
    assert f"{holds[0].date.isoformat()}, hold: {holds[0].reason}" in first


def test_the_following_pages_have_the_schedule_scores_notes_terms_and_sources(
    report_of: Callable[..., Any],
) -> None:
    from benzotaper.reports.report import report_pdf

    data = report_of()
    rest = " ".join(text_of(report_pdf(data))[1:])
    for heading in (
        "Step-by-step schedule",
        "Supply for the next prescription",
        "Weekly symptom scores",
        "Notes",
        "Terms used",
        "Knowledge version and sources",
        "About this report",
    ):
        assert heading in rest
    assert data.insights.knowledge_version.split("+")[0] in rest
    assert "This report is informational" in rest
    assert "jaw clenching (own)" in rest  # the person's own symptom has its weekly row


def test_sections_the_person_leaves_out_are_not_in_it(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    text = " ".join(text_of(report_pdf(report_of(leave_out=frozenset({"schedule", "weekly", "notes"})))))
    assert "Step-by-step schedule" not in text
    assert "Weekly symptom scores" not in text
    assert not re.search(r"\bNotes\b", text)
    assert "Terms used" in text  # never left out


def test_the_same_data_gives_the_same_bytes(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    assert report_pdf(report_of()) == report_pdf(report_of())


def test_text_the_person_typed_is_shown_as_text_not_run_as_markup(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    typed = '#pagebreak() *bold* ] [ $x$ <script> µg ≥ Ü #import "x"'
    pages = text_of(report_pdf(report_of(questions=typed)))
    assert typed in pages[0]


def test_a_report_made_at_any_instant_compiles(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    data = report_of()
    at = records.replace(data, generated_at=data.generated_at.replace(microsecond=123456))
    assert report_pdf(at).startswith(b"%PDF-")


def test_a_stored_plan_that_cannot_be_read_leaves_the_plan_out_not_the_report(
    tapering: Any, report_of: Callable[..., Any]
) -> None:
    from benzotaper.reports.fhir import fhir_bundle
    from benzotaper.reports.report import report_pdf
    from benzotaper.web.journal.models import SavedPlan
    from benzotaper.web.sharing.gather import account_of

    SavedPlan.objects.for_user(tapering).filter(status="active").update(plan_json={"steps": "broken"})
    first = text_of(report_pdf(report_of()))[0]
    assert "No saved plan." in first
    bundle = fhir_bundle(account_of(tapering), TODAY_NOON)
    assert not [e for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationRequest"]


def test_a_period_before_the_plan_says_it_has_not_started(report_of: Callable[..., Any]) -> None:
    from benzotaper.reports.report import report_pdf

    data = report_of()
    start = data.account.active_plan.plan().steps[0].start
    before = report_of(date_from=start - dt.timedelta(days=30), date_to=start - dt.timedelta(days=1))
    first = text_of(report_pdf(before))[0]
    assert "Not started:" in first and "Step 0" not in first


def test_a_red_flag_answered_yes_is_on_page_one_with_its_day(
    tapering: Any, report_of: Callable[..., Any]
) -> None:
    from benzotaper.knowledge import load_red_flags
    from benzotaper.reports.report import report_pdf
    from benzotaper.web.journal.models import CheckIn

    sign = load_red_flags().emergency_signs[0]
    day = TODAY - dt.timedelta(days=3)
    CheckIn.objects.for_user(tapering).filter(date=day).update(red_flags=[sign.code])
    first = text_of(report_pdf(report_of()))[0]
    assert f"{day.isoformat()}: {' '.join(sign.sign.split())}" in first
    assert "None answered yes" not in first
