"""``GET /api/v1/checkins`` sends its page as written, without making a pydantic model of every rating:
each check-in in it is, byte for byte, the answer of ``GET /api/v1/checkins/{id}`` (which is checked
against ``CheckInOut``), on a journal with red flags (their emergency advice), the person's own
symptoms, events, sleep in quarter hours and check-ins that rated nothing; the page as a whole is what
the OpenAPI document declares."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from api_calls import create_body, days_ago
from pydantic import TypeAdapter

from benzotaper.web.api.checkins import CheckInOut

if TYPE_CHECKING:
    from api_calls import ApiClient


def keep_a_varied_journal(client: ApiClient) -> None:
    for back in range(1, 13):
        body: dict[str, Any] = {**create_body("checkins"), "date": days_ago(back)}
        if back % 3 == 0:
            body["red_flags"] = ["seizure", "confusion"] if back % 2 else ["suicidal_thoughts"]
        if back % 4 == 0:
            body.update(sleep_hours="6.25", notes='slept "badly" é \u2028 <b>', events=[], symptoms=[])
        if back % 5 == 0:
            body["symptoms"] = [
                {"symptom": "tinnitus", "severity": 4},
                {"symptom": "Jaw ache", "severity": 0, "custom": True},
            ]
        client.create("checkins", body)


def test_each_check_in_of_a_page_is_its_own_checked_answer(alice_api: ApiClient) -> None:
    keep_a_varied_journal(alice_api)
    listed = alice_api.get("/api/v1/checkins?limit=5")
    assert listed.status_code == 200 and 'rel="next"' in listed["Link"]
    page = alice_api.get("/api/v1/checkins").json()
    assert len(page) == 12
    assert any(item["emergency"] for item in page) and any(item["sleep_hours"] == "6.25" for item in page)
    for item in page:
        alone = alice_api.get(f"/api/v1/checkins/{item['id']}")
        assert json.dumps(item) == alone.content.decode()


def test_the_page_is_what_the_openapi_document_declares(alice_api: ApiClient) -> None:
    keep_a_varied_journal(alice_api)
    content = alice_api.get("/api/v1/checkins").content
    checked = TypeAdapter(list[CheckInOut]).validate_json(content)  # raises when it is not
    assert [item.id for item in checked] == [item["id"] for item in json.loads(content)]
    assert len(checked) == 12
