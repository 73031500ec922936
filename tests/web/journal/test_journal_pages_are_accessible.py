"""The journal pages: a label for every field, fieldsets with legends, nothing inline for the CSP."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import SavedPlan


@pytest.fixture
def pages(alice: User, alice_plan: SavedPlan, make_rows: Callable[[User], dict[str, Any]]) -> list[str]:
    rows = make_rows(alice)  # its plan replaces alice_plan; both start on 4 January 2027
    return [
        "/",
        "/checkin/",
        "/checkin/?date=2027-01-04",
        "/journal/",
        "/journal/dose/new/",
        f"/journal/dose/{rows['DoseTaken'].pk}/",
        f"/journal/dose/{rows['DoseTaken'].pk}/delete/",
        f"/journal/checkin/{rows['CheckIn'].pk}/delete/",
    ]


def test_every_field_has_a_label(alice_client: Client, pages: list[str]) -> None:
    for path in pages:
        html = alice_client.get(path).content.decode()
        fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)
        for tag in fields:
            if 'type="hidden"' in tag:
                continue
            field_id = re.search(r'\bid="([^"]+)"', tag)
            assert field_id, f"{path}: {tag} has no id"
            assert f'<label for="{field_id[1]}"' in html, f"{path}: {field_id[1]} has no label"


def test_ids_are_unique_on_each_page(alice_client: Client, pages: list[str]) -> None:
    for path in pages:
        ids = re.findall(r'\bid="([^"]+)"', alice_client.get(path).content.decode())
        assert len(ids) == len(set(ids)), path


def test_nothing_inline_that_the_content_security_policy_would_block(
    alice_client: Client, pages: list[str]
) -> None:
    for path in pages:
        html = alice_client.get(path).content.decode()
        assert "<style" not in html, path
        assert " style=" not in html, path
        assert re.findall(r"<script(?![^>]*\bsrc=)", html) == [], path
        assert not re.search(r"\son[a-z]+=", html), path
        assert "hx-on" not in html, path


def test_the_check_in_groups_its_questions_in_fieldsets_with_legends(alice_client: Client) -> None:
    html = alice_client.get("/checkin/").content.decode()
    assert html.count("<fieldset") == html.count("<legend")
    for legend in (
        "Red flags: signs to get help for now",
        "A symptom of your own",
        "Your day",
        "Anything that happened",
    ):
        assert f"<legend>{legend}</legend>" in html
