"""``GET /api/v1/doses`` and ``GET /api/v1/medications`` write their page themselves (not through
ninja's encoder, which called back into Python for each date and amount): each item of a page is, byte
for byte, the answer of ``GET .../{id}`` (written by ninja), with amounts of every shape, missing
amounts, open-ended medicines and times to the microsecond; the page is what the OpenAPI document
declares."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from api_calls import create_body, days_ago
from pydantic import TypeAdapter

from benzotaper.web.api.doses import DoseOut
from benzotaper.web.api.medications import MedicationOut

if TYPE_CHECKING:
    from api_calls import ApiClient

AMOUNTS = ("0.5", "2.50", "0.125", "10", "7.5")


def keep_varied_doses(client: ApiClient) -> None:
    for back, amount in enumerate(AMOUNTS, start=1):
        body: dict[str, Any] = {
            **create_body("doses"),
            "date": days_ago(back),
            "planned_mg": amount,
            "taken_mg": amount,
        }
        if back % 2:
            body.update(status="different", taken_mg="0.25", note='late "again" é <b>')
        if back == 4:
            body.update(status="skipped", taken_mg=None, note="")
        client.create("doses", body)


def keep_varied_medications(client: ApiClient) -> None:
    client.create("medications")
    client.create(
        "medications",
        {
            **create_body("medications"),
            "name": "sertraline",
            "kind": "other",
            "started": days_ago(40),
            "stopped": days_ago(2),
            "notes": "tapered",
        },
    )


@pytest.mark.parametrize(
    ("resource", "keep", "schema"),
    [("doses", keep_varied_doses, DoseOut), ("medications", keep_varied_medications, MedicationOut)],
)
def test_each_item_of_a_page_is_its_own_answer_byte_for_byte(
    alice_api: ApiClient, resource: str, keep: Any, schema: type[Any]
) -> None:
    keep(alice_api)
    listed = alice_api.get(f"/api/v1/{resource}")
    assert listed.status_code == 200 and listed["Content-Type"].startswith("application/json")
    page = json.loads(listed.content)
    assert len(page) >= 2
    alone = [alice_api.get(f"/api/v1/{resource}/{item['id']}").content.decode() for item in page]
    assert listed.content.decode() == f"[{', '.join(alone)}]"
    assert all("." in item["created_at"] for item in page), "times are written to the millisecond"
    checked = TypeAdapter(list[schema]).validate_json(listed.content)  # raises when it is not
    assert [item.id for item in checked] == [item["id"] for item in page]


def test_a_short_page_links_to_the_next_one(alice_api: ApiClient) -> None:
    keep_varied_doses(alice_api)
    first = alice_api.get("/api/v1/doses?limit=2")
    assert 'rel="next"' in first["Link"] and len(first.json()) == 2
