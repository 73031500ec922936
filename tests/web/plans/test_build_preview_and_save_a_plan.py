"""The Start journey: fill in the builder, preview the plan, save it, see it on the plan page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.knowledge import load_knowledge
from benzotaper.web.journal.models import PlanChange, SavedPlan

BuilderData = Callable[..., dict[str, str]]


def without_term_links(html: str) -> str:
    """The page with the glossary's term links unwrapped, to check its words."""
    return re.sub(r'<a class="term" href="[^"]*">([^<]*)</a>', r"\1", html)


def test_the_plan_page_shows_the_builder_when_there_is_no_plan(alice_client: Client) -> None:
    html = alice_client.get("/plan/").content.decode()
    assert "Make a taper plan" in html
    assert 'name="dose-0-drug"' in html
    assert 'action="/plan/new/"' in html


def test_the_builder_starts_from_the_profile(alice_client: Client, alice_today: dt.date) -> None:
    html = alice_client.get("/plan/new/").content.decode()
    assert f'value="{alice_today.isoformat()}"' in html  # the first day is today where alice is
    assert '<option value="UK" selected>' in html  # alice's country
    assert "diazepam tablet 2mg,5mg,10mg" in html  # the country's common tablets, as a hint


def test_a_preview_shows_the_plan_without_saving_it(
    alice: User, alice_client: Client, builder_data: BuilderData
) -> None:
    response = alice_client.post_form("/plan/new/", builder_data())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="preview-heading">Preview</h2>' in html
    assert "1 × 5 mg tablet + 2 × 2 mg tablet" in html  # how to make diazepam 9 mg
    assert '<th scope="col">Night</th>' in html
    assert '<td data-label="DE (mg/day)">9</td>' in html and "10%" in html  # DE and the real cut
    method_note = "Each cut is 10% of the current daily dose, every 14 days."
    assert method_note in without_term_links(html)
    assert load_knowledge().version in html
    assert "This plan informs; it does not replace your prescriber." in html
    assert "<svg" in html and '<details class="chart-data">' in html
    assert 'value="Valium"' in html  # the form is still filled in
    assert not SavedPlan.objects.for_user(alice).exists()


def test_warnings_come_before_the_table_with_their_step_numbers(
    alice_client: Client, builder_data: BuilderData
) -> None:
    html = alice_client.post_form("/plan/new/", builder_data()).content.decode()
    warning = "<strong>Steps 6, 7, 8, 9:</strong> With your forms some cuts are larger"
    assert warning in without_term_links(html)
    assert html.index('id="warnings-heading"') < html.index('<table class="steps cards">')


def test_an_htmx_preview_returns_only_the_preview(alice_client: Client, builder_data: BuilderData) -> None:
    response = alice_client.post_form("/plan/new/", builder_data(), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="preview"')
    assert "<html" not in html and 'name="dose-0-drug"' not in html
    assert "HX-Retarget" not in response


def test_saving_stores_the_plan_and_opens_the_plan_page(
    alice: User, alice_client: Client, alice_today: dt.date, builder_data: BuilderData
) -> None:
    data = builder_data(
        action="save", start=alice_today.isoformat(), name="My taper", note="agreed with Dr Lee"
    )
    response = alice_client.post_form("/plan/new/", data)
    assert response.status_code == 302 and response["Location"] == "/plan/"
    saved = SavedPlan.objects.for_user(alice).get()
    assert (saved.status, saved.name, saved.reason) == ("active", "My taper", "agreed with Dr Lee")
    assert saved.plan_json["steps"][0]["doses"][0]["mg"] == "9"
    change = PlanChange.objects.for_user(alice).get()
    assert (change.kind, change.date, change.reason) == ("created", alice_today, "agreed with Dr Lee")

    html = alice_client.get("/plan/").content.decode()
    assert "Your plan is saved." in html
    assert "<h1>Your plan: My taper</h1>" in html
    assert 'class="step-reduction current" aria-current="step"' in html  # today is step 1
    assert "Step 1 of 10 (cut)" in html
    assert "<strong>Night:</strong> diazepam 9 mg (1 × 5 mg tablet + 2 × 2 mg tablet)" in html
    assert "Supply for each prescription" in html and "diazepam: 84 × 2 mg tablet" in html
    assert "Hold this step longer" in html and "Re-plan from the dose you actually take" in html


def test_saving_a_new_plan_supersedes_the_old_one(
    alice: User, alice_client: Client, alice_plan: SavedPlan, builder_data: BuilderData
) -> None:
    assert "Saving a new plan replaces" in alice_client.get("/plan/new/").content.decode()
    alice_client.post_form("/plan/new/", builder_data(action="save"))
    alice_plan.refresh_from_db()
    assert alice_plan.status == "superseded"
    assert SavedPlan.objects.for_user(alice).get(status="active").replaces == alice_plan
