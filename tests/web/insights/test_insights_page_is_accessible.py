"""The Insights page, full and empty: a label for every field, unique ids, headings in order, every chart
announced (title and description), and nothing inline that the Content-Security-Policy would block."""

from __future__ import annotations

import itertools
import re

import pytest
from django.test import Client

from benzotaper.web.journal.models import SavedPlan


@pytest.fixture(params=["empty", "full"])
def html(request: pytest.FixtureRequest, alice_client: Client) -> str:
    if request.param == "full":
        request.getfixturevalue("alice_history")
    return str(alice_client.get("/insights/").content.decode())


def test_every_field_has_a_label(html: str) -> None:
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if 'type="hidden"' in tag:
            continue
        field_id = re.search(r'\bid="([^"]+)"', tag)
        assert field_id and f'<label for="{field_id[1]}"' in html, tag


def test_ids_are_unique(html: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_headings_do_not_skip_a_level(html: str) -> None:
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))


def test_every_chart_is_announced(html: str) -> None:
    for svg in re.findall(r"<svg\b[^>]*>", html):
        assert 'role="img"' in svg and "aria-labelledby=" in svg


def test_nothing_inline_that_the_policy_would_block(html: str) -> None:
    assert "<style" not in html and " style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert not re.search(r"\son[a-z]+=", html)


def test_the_nav_marks_the_page(alice_client: Client, alice_history: SavedPlan) -> None:
    html = alice_client.get("/insights/").content.decode()
    assert '<a href="/insights/" aria-current="page">Insights</a>' in html
