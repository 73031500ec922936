"""A zolpidem taper with planned drug-free nights, made in the builder, and Today on one of those nights,
at 360 px and on a desktop (screenshots in test-artifacts/)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from e2e_support import fill_doses, screenshot, sign_up

from benzotaper.planning import Dose, PlanRequest, make_plan


def start_for_a_drug_free_night_today(today: dt.date) -> dt.date:
    """A first day from which the builder's default zolpidem plan makes ``today`` a drug-free night."""
    for days_ago in range(400):
        start = today - dt.timedelta(days=days_ago)
        plan = make_plan(
            PlanRequest(regimen=(Dose("zolpidem", "night", Decimal(10)),), start=start, drug_free_nights=True)
        )
        step = plan.step_on(today)
        if step is not None and step.doses and not step.is_dose_night(today):
            return start
    raise AssertionError("no start makes today a drug-free night")


def test_today_on_a_planned_drug_free_night(page: Any, app_url: str) -> None:
    today = dt.datetime.now(dt.UTC).date()  # the new account's time zone is UTC
    page.set_viewport_size({"width": 360, "height": 800})
    sign_up(page, app_url, "nadia")
    page.goto(app_url + "plan/new/")
    fill_doses(page, ("zolpidem", "10mg", "night"))
    page.get_by_label("Planned drug-free nights (z-drugs)").check()
    page.get_by_label("First day of the plan").fill(start_for_a_drug_free_night_today(today).isoformat())
    page.get_by_role("button", name="Save this plan").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/plan/"), page.content()[:2000]
    assert "nights a week" in page.inner_text("main")

    page.get_by_role("link", name="Today").click()
    main = page.inner_text("main")
    assert "Tonight is a planned drug-free night" in main
    assert "Taken as planned" not in main
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "drug-free-night-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "drug-free-night-desktop")
