"""The app's pages link the field's words to the glossary where they explain something: the plan's
warnings, method, step kinds and help texts, the builder's help, the check-in and Today."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.knowledge import load_glossary
from benzotaper.planning import Dose, HoldAt, PlanRequest, RiskFactors, make_plan
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import SavedPlan

SLUGS = {entry.slug for entry in load_glossary().entries}
TERM_LINK = re.compile(r'<a class="term" href="([^"]*)">([^<]*)</a>')


def link(slug: str, word: str) -> str:
    return f'<a class="term" href="/glossary/#{slug}">{word}</a>'


def table_body(html: str) -> str:
    found = re.search(r'<table class="steps cards">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert found
    return found.group(1)


@pytest.fixture
def crossover_plan(alice: User) -> SavedPlan:
    """Alice crosses over from alprazolam 0.5 mg morning and night to diazepam, then tapers, from a week
    ago (so today is in the crossover), with a planned hold at 5 mg."""
    start = Profile.of(alice).today() - dt.timedelta(days=7)
    request = PlanRequest(
        regimen=(Dose("alprazolam", "morning", Decimal("0.5")), Dose("alprazolam", "night", Decimal("0.5"))),
        start=start,
        crossover_to="diazepam",
        holds=(HoldAt(Decimal(5), 28),),
        country="UK",
    )
    return SavedPlan.store(alice, make_plan(request), name="switch to diazepam")


def test_the_plan_page_links_its_step_kinds_once_each(
    alice_client: Client, crossover_plan: SavedPlan
) -> None:
    html = alice_client.get("/plan/").content.decode()
    body = table_body(html)
    assert body.count('href="/glossary/#crossover"') == 1
    assert f'<span class="kind">{link("crossover", "Crossover")}</span>' in body
    assert f'<span class="kind">{link("hold", "Hold")}</span>' in body
    assert f'<span class="kind">{link("cut", "Cut")}</span>' in body
    assert body.count('class="term"') == len(set(TERM_LINK.findall(body)))


def test_the_plan_page_explains_de_and_the_method(alice_client: Client, crossover_plan: SavedPlan) -> None:
    html = alice_client.get("/plan/").content.decode()
    de = link("diazepam-equivalent", "DE")
    assert f"make each from your tablets or solution. {de} is the diazepam equivalent in mg a day" in html
    method = re.search(r"<h3>How this plan was made</h3>\s*<p>(.*?)</p>", html, re.S)
    assert method and link("cut", "cut") in method.group(1)
    assert f"Next change: {link('step', 'step')}" in html


def test_the_saved_plan_page_links_the_same_terms(alice_client: Client, crossover_plan: SavedPlan) -> None:
    body = table_body(alice_client.get(f"/plan/{crossover_plan.pk}/").content.decode())
    assert link("crossover", "Crossover") in body and link("hold", "Hold") in body


def test_plan_warnings_link_their_terms(alice: User, alice_client: Client) -> None:
    profile = Profile.of(alice)
    request = PlanRequest(
        regimen=(Dose("diazepam", "night", Decimal(10)),),
        start=profile.today(),
        risk=RiskFactors(seizure_history=True),
    )
    SavedPlan.store(alice, make_plan(request))
    html = alice_client.get("/plan/").content.decode()
    warnings = re.search(r'<section class="plan-warnings".*?</section>', html, re.S)
    assert warnings and link("taper", "taper") in warnings.group()


def test_the_preview_links_terms_in_its_warnings_and_method(alice_client: Client) -> None:
    data = {
        "action": "preview",
        "method": "percent",
        "dose_order": "sequential",
        "slow_end": "on",
        "start": "2027-01-04",
        "country": "UK",
        "dose-TOTAL_FORMS": "1",
        "dose-INITIAL_FORMS": "1",
        "dose-0-drug": "Valium",
        "dose-0-amount": "10mg",
        "dose-0-time": "night",
        "medicine-TOTAL_FORMS": "0",
        "medicine-INITIAL_FORMS": "0",
    }
    html = alice_client.post_form("/plan/new/", data).content.decode()
    assert f"With your forms some {link('cut', 'cuts')} are larger" in html
    assert f"Each {link('cut', 'cut')} is 10% of the current daily dose" in html


def test_every_term_link_of_the_plan_pages_goes_to_a_glossary_entry(
    alice_client: Client, crossover_plan: SavedPlan
) -> None:
    for path in ("/plan/", "/plan/new/", f"/plan/{crossover_plan.pk}/", "/plan/history/"):
        html = alice_client.get(path).content.decode()
        hrefs = [href for href, _ in TERM_LINK.findall(html)]
        assert hrefs, path
        for href in hrefs:
            assert href.startswith("/glossary/#") and href.removeprefix("/glossary/#") in SLUGS, href


def test_the_builder_links_terms_in_its_help_but_not_in_labels(alice_client: Client) -> None:
    html = alice_client.get("/plan/new/").content.decode()
    assert f"would like to {link('taper', 'taper')}." in html
    assert f"keeping the {link('diazepam-equivalent', 'diazepam equivalent')} the same." in html
    assert f"Multiply the {link('cut', 'cuts')}" in html
    labels = re.findall(r"<label\b[^>]*>.*?</label>", html, re.S)
    assert labels and not any('class="term"' in label for label in labels)


def test_the_check_in_links_red_flags_and_check_in(alice_client: Client) -> None:
    html = alice_client.get("/checkin/").content.decode()
    assert f"Tick each {link('red-flag', 'red flag')} that is true for you" in html
    assert f"Since your last {link('check-in', 'check-in')}: rate what you noticed" in html
    assert "<legend>Red flags: signs to get help for now</legend>" in html


def test_today_without_a_plan_links_taper_plan(alice_client: Client) -> None:
    html = alice_client.get("/").content.decode()
    assert f"When you have a {link('taper', 'taper plan')}, the doses" in html
