"""On a phone (360 px wide) the Report page previews page 1 and downloads the PDF, and a clinician opens a
share link; no page scrolls sideways, every button is at least 44 px tall, nothing comes from another host."""

from __future__ import annotations

import re
from typing import Any

import pytest
from e2e_support import screenshot

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 780}


def sign_in_as_demo(page: Any, url: str) -> None:
    page.goto(url + "accounts/login/")
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def fits_the_phone(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"
    small = page.evaluate(
        """[...document.querySelectorAll('main button, main a.button, main summary')]
             .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
             .map(e => e.textContent.trim())"""
    )
    assert small == [], f"tap targets under 44 px on {page.url}: {small}"


def test_the_report_page_previews_downloads_and_shares_on_a_phone(
    page: Any, demo_app_url: str, requests_seen: list[str]
) -> None:
    page.set_viewport_size(PHONE)
    sign_in_as_demo(page, demo_app_url)
    page.get_by_role("link", name="Report").click()
    fits_the_phone(page)

    page.get_by_label("Your questions for the doctor").fill("Can we slow down?")
    page.get_by_role("button", name="Preview page 1").click()
    preview = page.get_by_role("img", name=re.compile("Page 1 of the report"))
    preview.wait_for()
    assert preview.evaluate("img => img.naturalWidth") > 700
    fits_the_phone(page)
    screenshot(page, "report-page-phone")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    assert download.value.suggested_filename.startswith("taper-report-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_text("Share it with a clinician by a private link").click()
    page.get_by_label("Who it is for (only you see this)").fill("Dr Lee")
    page.get_by_role("button", name="Make a share link").click()
    link = page.locator(".secret code").first.text_content()
    assert link is not None and "/share/" in link
    fits_the_phone(page)

    clinician = page.context.browser.new_context(viewport=PHONE)
    shared = clinician.new_page()
    shared.goto(link)
    assert shared.get_by_role("heading", name="Taper report").is_visible()
    assert shared.locator("svg").count() >= 2
    fits_the_phone(shared)
    screenshot(shared, "share-link-phone")
    clinician.close()

    page.reload()
    assert "Opened 1 time" in page.content()
    assert all(url.startswith(demo_app_url) or url.startswith("data:") for url in requests_seen)
