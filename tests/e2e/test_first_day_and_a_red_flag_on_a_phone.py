"""On a 360 x 740 phone: a new person's first day (plan, today's dose with its tick and undo, a check-in
saved from the Save bar without scrolling to the end), then a red flag, whose panel with the number to
call comes first. No page scrolls sideways."""

from __future__ import annotations

import datetime as dt
from typing import Any

from e2e_support import fill_doses, screenshot, sign_up

PHONE = {"width": 360, "height": 740}


def fits(page: Any) -> None:
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{page.url}: {scroll} px wide in {client} px"


def in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_a_first_day_on_a_phone(page: Any, app_url: str) -> None:
    page.set_viewport_size(PHONE)
    sign_up(page, app_url, "gina", country="UK")
    page.get_by_role("link", name="Start your plan").click()
    fill_doses(page, ("clonazepam", "0.5mg", "morning"), ("clonazepam", "0.5mg", "night"))
    page.get_by_label("Cross over to diazepam first").check()
    page.get_by_label("First day of the plan").fill(dt.date.today().isoformat())
    page.get_by_role("button", name="Save this plan").click()
    page.wait_for_load_state("networkidle")
    fits(page)
    # Today's doses on the plan page, each with its time of day; the plan's steps are cards.
    today = page.locator("ul.today-doses").inner_text()
    assert "Morning:" in today and "Night:" in today
    assert page.locator("table.steps tr.current").is_visible()
    screenshot(page, "phone-first-day-01-plan")

    page.get_by_role("link", name="Today").click()
    page.get_by_role("button", name="Taken as planned").first.click()
    undo = page.get_by_role("button", name="Undo").first
    undo.wait_for()
    assert page.locator(".dose-done").first.inner_text().startswith("✓")
    assert page.evaluate("document.activeElement.textContent").startswith("Undo")  # the focus stayed
    screenshot(page, "phone-first-day-02-dose-taken")
    undo.click()
    page.get_by_role("button", name="Taken as planned").first.wait_for()
    page.get_by_role("button", name="Taken as planned").first.click()
    page.get_by_role("button", name="Undo").first.wait_for()
    fits(page)

    page.get_by_role("link", name="Check-in").first.click()
    page.wait_for_load_state("networkidle")
    save = page.get_by_role("button", name="Save check-in")
    assert in_view(page, save), "Save is in reach on a phone, before scrolling"
    page.locator("label", has_text="2 moderate").first.click()  # the first item: anxiety
    page.locator("input[name=symptom_tremor][value='0']").scroll_into_view_if_needed()
    page.locator("input[name=symptom_tremor][value='0']").check()
    assert in_view(page, save), "Save stays in reach while the form scrolls"
    fits(page)
    screenshot(page, "phone-first-day-03-check-in")
    save.click()
    page.wait_for_load_state("networkidle")
    assert "Check-in saved." in page.locator("main").inner_text()
    page.get_by_role("link", name="Journal").click()
    assert "(2 rated)" in page.locator("main").inner_text()
    fits(page)
    screenshot(page, "phone-first-day-04-journal")


def test_a_red_flag_on_a_phone_shows_what_to_do_first(page: Any, app_url: str) -> None:
    page.set_viewport_size(PHONE)
    sign_up(page, app_url, "hana", country="UK")
    page.goto(app_url + "checkin/")
    page.get_by_label("Have you had a seizure", exact=False).check()
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_load_state("networkidle")
    panel = page.locator(".red-flag-panel")
    assert in_view(page, panel.get_by_role("link", name="999", exact=False).first) or in_view(page, panel)
    assert "999" in panel.inner_text()
    top = page.locator("main").bounding_box()
    assert panel.bounding_box()["y"] <= top["y"] + 80  # the panel comes first
    fits(page)
    screenshot(page, "phone-red-flag-01-panel")
    page.goto(app_url)
    assert "999" in page.locator("main").inner_text()  # Today shows it too
    fits(page)
    screenshot(page, "phone-red-flag-02-today")
