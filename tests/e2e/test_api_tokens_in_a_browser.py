"""On a phone-sized screen, a person sees their sign-ins in Settings, makes an API token, copies it
and revokes it, with no sideways scrolling; the browser accepts every security header."""

from __future__ import annotations

from typing import Any

from e2e_support import screenshot, sign_up


def no_sideways_scrolling(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_token_is_made_and_revoked_on_a_phone(page: Any, app_url: str) -> None:
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_up(page, app_url, "fern")
    page.goto(app_url + "accounts/settings/")
    assert page.get_by_role("heading", name="Recent sign-ins").is_visible()
    assert no_sideways_scrolling(page)
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("What it is for").fill("phone app")
    page.get_by_label("Stops working").select_option("90")
    page.get_by_role("button", name="Make token").click()
    secret = page.locator("code.token-secret")
    assert secret.inner_text().startswith("bzt_")
    assert no_sideways_scrolling(page)
    screenshot(page, "tokens-01-made")
    revoke = page.get_by_role("button", name="Revoke phone app")
    assert revoke.bounding_box()["height"] >= 44
    revoke.click()
    assert page.get_by_text("no longer works").is_visible()
    assert page.get_by_role("button", name="Revoke phone app").count() == 0
    assert not [line for line in console if "Permissions-Policy" in line or "Content Security" in line], (
        console
    )
    assert all(url.endswith("/favicon.ico") for url in missing), missing
