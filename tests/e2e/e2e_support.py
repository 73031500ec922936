"""Helpers for the browser tests (a module with a unique name, so tests can import it directly)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


PASSPHRASE = "a long and private passphrase 42"


def sign_up(page: Any, app_url: str, name: str, country: str = "US") -> None:
    """Create an account through the sign-up page, as a person would."""
    page.goto(app_url + "accounts/signup/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Country").select_option(country)
    page.get_by_label("Password:", exact=True).fill(PASSPHRASE)
    page.get_by_label("Password confirmation").fill(PASSPHRASE)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/" not in page.url, page.content()[:2000]


def fill_doses(page: Any, *doses: tuple[str, str, str]) -> None:
    """Fill the plan builder's dose rows with (medicine, amount, time of day), adding rows as needed."""
    for number, (drug, amount, time) in enumerate(doses, 1):
        if number > 1:
            page.get_by_role("button", name="Add a dose row").click()
        row = page.locator("fieldset.row").filter(has_text=f"Dose {number}")
        row.get_by_label("Medicine").fill(drug)
        row.get_by_label("Amount").fill(amount)
        row.get_by_label("Time of day").select_option(time)
