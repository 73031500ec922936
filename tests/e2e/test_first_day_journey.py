"""A new person's first day, in a real browser: account, medicines, plan, today's doses, a check-in.

Then a week of back-filled check-ins. Screenshots of each stage go to test-artifacts/, and every test
checks that the pages fetched nothing from any host but the app's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from e2e_support import fill_doses, screenshot, sign_up


def only_the_app_was_asked(requests_seen: list[str], app_url: str) -> None:
    hosts = {urlsplit(url).netloc for url in requests_seen if not url.startswith("data:")}
    assert hosts == {urlsplit(app_url).netloc}, hosts


def test_a_new_person_plans_takes_todays_dose_and_checks_in(
    page: Any, app_url: str, requests_seen: list[str]
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    sign_up(page, app_url, "dana", country="UK")
    screenshot(page, "journey-01-today-without-a-plan")
    page.get_by_role("link", name="Start your plan").click()

    # Current medicines by time of day, with a brand name, and another medicine.
    fill_doses(page, ("Ativan", "1mg", "morning"), ("lorazepam", "1mg", "night"))
    page.get_by_label("Cross over to diazepam first").check()
    page.get_by_label("First day of the plan").fill(dt.date.today().isoformat())
    page.get_by_label("Medicine or supplement").first.fill("omeprazole")

    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    preview.get_by_role("table").first.wait_for()
    assert "crossover" in preview.inner_text().lower()
    assert "diazepam" in preview.inner_text()
    screenshot(page, "journey-02-preview")
    page.get_by_role("button", name="Save this plan").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/plan/")
    assert page.locator(".chart-phone svg").is_visible(), "the plan page shows its chart, drawn for a phone"
    screenshot(page, "journey-03-plan")

    # Today: the first crossover stage, one tap to record a dose.
    page.get_by_role("link", name="Today").click()
    taken = page.get_by_role("button", name="Taken as planned").first
    taken.click()
    page.get_by_text("Taken", exact=False).first.wait_for()
    screenshot(page, "journey-04-dose-taken")

    # The full check-in: a symptom rated 2, wellbeing and sleep.
    page.get_by_role("link", name="Do the full check-in", exact=False).click()
    page.locator("input[type=radio][name=symptom_anxiety][value='2']").check()
    page.get_by_label("Wellbeing", exact=False).fill("6")
    page.get_by_label("Hours of sleep", exact=False).fill("6.5")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "journey-05-checked-in")
    assert page.locator("[role=alert]").filter(has_text="emergency").count() == 0

    page.get_by_role("link", name="Journal").click()
    history = page.locator("main").inner_text()
    assert "lorazepam" in history.lower() or "diazepam" in history.lower()
    screenshot(page, "journey-06-journal")
    only_the_app_was_asked(requests_seen, app_url)


def test_a_week_of_missed_check_ins_can_be_back_filled(
    page: Any, app_url: str, requests_seen: list[str]
) -> None:
    sign_up(page, app_url, "eli")
    today = dt.date.today()
    for back in range(7, 0, -1):
        day = today - dt.timedelta(days=back)
        page.goto(f"{app_url}checkin/?date={day.isoformat()}")
        page.locator(f"input[type=radio][name=symptom_anxiety][value='{back % 5}']").check()
        page.get_by_label("Wellbeing", exact=False).fill(str(10 - back))
        page.get_by_role("button", name="Save check-in").click()
        page.wait_for_load_state("networkidle")
        assert page.locator(".errorlist").count() == 0, page.locator("main").inner_text()[:500]
    page.goto(f"{app_url}journal/")
    screenshot(page, "backfill-01-journal")
    text = page.locator("main").inner_text()
    for back in range(7, 0, -1):
        day = today - dt.timedelta(days=back)
        assert day.isoformat() in text or f"{day:%-d %B}" in text or f"{day:%B %-d}" in text, day
    # A red flag answered yes shows what to do now, with the number for the person's country.
    page.goto(f"{app_url}checkin/")
    page.locator("fieldset").filter(has_text="Red flags").locator("input[type=checkbox]").first.check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state("networkidle")
    panel = page.locator("main").inner_text()
    assert "911" in panel
    screenshot(page, "backfill-02-red-flag")
    only_the_app_was_asked(requests_seen, app_url)
