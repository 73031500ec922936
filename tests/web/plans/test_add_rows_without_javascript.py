"""More dose and medicine rows: a plain submit redraws the page, htmx swaps only the rows."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

BuilderData = Callable[..., dict[str, str]]


def test_a_plain_submit_adds_a_dose_row_and_keeps_everything_typed(
    alice_client: Client, builder_data: BuilderData
) -> None:
    data = builder_data(action="more_doses", slow_end=None, cut_percent="ten", note="typed")
    html = alice_client.post_form("/plan/new/", data).content.decode()
    assert 'name="dose-1-drug"' in html and 'name="dose-2-drug"' not in html
    assert 'name="dose-TOTAL_FORMS" value="2"' in html
    assert 'value="Valium"' in html and 'value="ten"' in html and "typed</textarea>" in html
    slow_end = re.search(r'<input type="checkbox" name="slow_end"[^>]*>', html)
    assert slow_end and "checked" not in slow_end.group(0)  # left unchecked, as it was
    assert "errorlist" not in html  # nothing is checked before Preview or Save


def test_a_plain_submit_adds_a_medicine_row(alice_client: Client, builder_data: BuilderData) -> None:
    data = builder_data(action="more_medicines", medicines=[("vitamin D", "1000 IU", "morning")])
    html = alice_client.post_form("/plan/new/", data).content.decode()
    assert 'name="medicine-1-name"' in html and 'value="vitamin D"' in html
    assert 'name="dose-1-drug"' not in html


def test_htmx_gets_only_the_rows(alice_client: Client, builder_data: BuilderData) -> None:
    data = builder_data(action="more_doses", doses=[("Valium", "5mg", "morning"), ("", "", "")])
    response = alice_client.post_form("/plan/new/", data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="dose-rows" class="rows">')
    assert 'name="dose-2-drug"' in html and 'value="Valium"' in html
    assert "<html" not in html and "medicine-0-name" not in html


def test_the_more_rows_buttons_work_without_scripts(alice_client: Client) -> None:
    html = alice_client.get("/plan/new/").content.decode()
    assert 'name="action" value="more_doses" formaction="/plan/new/" formnovalidate' in html
    assert 'hx-post="/plan/new/" hx-target="#dose-rows" hx-swap="outerHTML"' in html
