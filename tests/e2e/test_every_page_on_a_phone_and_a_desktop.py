"""Every page, with six months of real data (the demo account), on a 360 x 740 phone and a 1280 x 900
desktop: nothing scrolls sideways and axe-core finds no WCAG 2.2 AA violation. Screenshots of each go
to test-artifacts/ (every-page-<size>-<page>.png)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe import violations
from e2e_support import screenshot

from conftest import demo_served

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
DEMO_PASSWORD = "a demo passphrase for the browser tests"
PAGES = [
    "",
    "checkin/",
    "checkin/list/",
    "checkin/?same=yesterday",
    "journal/",
    "journal/dose/new/",
    "plan/",
    "plan/new/",
    "plan/history/",
    "insights/",
    "glossary/",
    "glossary/taper/",
    "accounts/settings/",
    "accounts/password/",
    "accounts/delete/",
    "accounts/tokens/",
    "report/",
]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose data folder holds the demo account (``benzotaper demo``)."""
    with demo_served(tmp_path_factory.mktemp("demo-data"), DEMO_PASSWORD) as url:
        yield url


def sign_in(page: Any, url: str) -> None:
    page.goto(url + "accounts/login/")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in|Log in", re.I)).click()
    page.wait_for_load_state("networkidle")


def check(page: Any, size: str, name: str) -> list[str]:
    """Problems of the page as shown: sideways scrolling and axe violations; a screenshot is taken."""
    screenshot(page, f"every-page-{size}-{name}")
    problems = []
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll > client:
        wide = page.evaluate(
            """(client) => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > client + 1)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)""",
            client,
        )
        problems.append(f"{name}: {scroll} px wide in {client} px ({wide})")
    problems += [f"{name}: {v}" for v in violations(page)]
    return problems


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits_and_passes_axe(browser: Any, demo_url: str, size: str) -> None:
    context = browser.new_context(viewport=SIZES[size], bypass_csp=True)  # to inject axe-core
    page = context.new_page()
    try:
        problems = check_pages(page, demo_url, size)
    finally:
        context.close()
    assert problems == []


def check_pages(page: Any, url: str, size: str) -> list[str]:
    page.goto(url + "accounts/login/")
    problems = check(page, size, "login")
    page.goto(url + "accounts/signup/")
    problems += check(page, size, "signup")
    sign_in(page, url)
    for path in PAGES:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        name = re.sub(r"[^a-z]+", "-", path.lower()).strip("-") or "today"
        problems += check(page, size, name)
    # The pages reached from others: an old plan, a dose to edit and to delete, a check-in to delete.
    page.goto(url + "plan/history/")
    page.locator("table.history a").last.click()
    page.wait_for_load_state("networkidle")
    problems += check(page, size, "plan-old-version")
    page.goto(url + "journal/")
    for label, name in (("Edit", "dose-edit"), ("Delete", "dose-delete")):
        page.goto(url + "journal/")
        page.locator(".entries a", has_text=label).first.click()
        page.wait_for_load_state("networkidle")
        problems += check(page, size, name)
    page.goto(url + "journal/")
    page.locator(".actions a", has_text="Delete").first.click()
    page.wait_for_load_state("networkidle")
    problems += check(page, size, "checkin-delete")
    # A share link as the clinician sees it (signed out).
    page.goto(url + "report/")
    page.get_by_text("Share it with a clinician by a private link").click()
    page.get_by_label("Who it is for (only you see this)").fill("Dr Lee")
    page.get_by_role("button", name="Make a share link").click()
    link = page.locator(".secret code").first.text_content()
    problems += check(page, size, "report-shared")
    clinician = page.context.browser.new_context(viewport=page.viewport_size, bypass_csp=True)
    try:
        shared = clinician.new_page()
        shared.goto(link)
        problems += check(shared, size, "share-link")
    finally:
        clinician.close()
    # The builder with errors: the summary has the focus.
    page.goto(url + "plan/new/")
    page.locator("#id_dose-0-amount").fill("lots")
    page.get_by_role("button", name="Preview").click()
    page.locator("#error-summary").wait_for()
    if page.evaluate("document.activeElement.id") != "error-summary":
        problems.append("plan-new-errors: the error summary does not have the focus")
    problems += check(page, size, "plan-new-errors")
    return problems
