"""A newcomer opens the app in a real browser: sign-up first, then the app, with nothing from elsewhere."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from e2e_support import screenshot, sign_up


def test_the_first_visit_asks_for_an_account_and_loads_nothing_from_other_hosts(
    page: Any, fresh_app_url: str, requests_seen: list[str]
) -> None:
    app_url = fresh_app_url
    page.goto(app_url)
    assert "/accounts/signup/" in page.url
    screenshot(page, "first-visit-01-signup")
    sign_up(page, app_url, "carol")
    screenshot(page, "first-visit-02-today")
    assert page.get_by_role("navigation", name="Main").is_visible()
    hosts = {urlsplit(url).netloc for url in requests_seen if not url.startswith("data:")}
    assert hosts == {urlsplit(app_url).netloc}, hosts
