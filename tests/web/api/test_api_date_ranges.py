"""Lists take ``from`` and ``to`` (both included): doses and check-ins by their day, plans by the day
they were made (where the person is), medicines by the days they were taken."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from api_calls import ApiClient, create_body, days_ago


def ids(client: ApiClient, path: str) -> list[int]:
    response = client.send("GET", path)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()]


@pytest.mark.parametrize("resource", ["doses", "checkins"])
def test_records_are_listed_by_their_day_newest_first(alice_api: ApiClient, resource: str) -> None:
    made = {
        ago: alice_api.create(resource, {**create_body(resource), "date": days_ago(ago)})["id"]
        for ago in (1, 5, 9)
    }
    base = f"/api/v1/{resource}"
    assert ids(alice_api, base) == [made[1], made[5], made[9]]
    assert ids(alice_api, f"{base}?from={days_ago(5)}&to={days_ago(1)}") == [made[1], made[5]]
    assert ids(alice_api, f"{base}?from={days_ago(5)}") == [made[1], made[5]]
    assert ids(alice_api, f"{base}?to={days_ago(6)}") == [made[9]]
    assert ids(alice_api, f"{base}?from={days_ago(5)}&to={days_ago(5)}") == [made[5]]
    assert ids(alice_api, f"{base}?from={days_ago(4)}&to={days_ago(2)}") == []


def test_medicines_are_listed_when_taken_on_a_day_of_the_range(alice_api: ApiClient) -> None:
    def medicine(name: str, started: int | None, stopped: int | None) -> int:
        body = {
            "name": name,
            "started": days_ago(started) if started is not None else None,
            "stopped": days_ago(stopped) if stopped is not None else None,
        }
        return alice_api.create("medications", body)["id"]

    old = medicine("old", 100, 60)
    recent = medicine("recent", 30, None)
    undated = medicine("undated", None, None)
    assert ids(alice_api, f"/api/v1/medications?from={days_ago(50)}&to={days_ago(40)}") == [undated]
    assert set(ids(alice_api, f"/api/v1/medications?from={days_ago(70)}&to={days_ago(10)}")) == {
        old,
        recent,
        undated,
    }
    assert set(ids(alice_api, f"/api/v1/medications?to={days_ago(90)}")) == {old, undated}


def test_plans_are_listed_by_the_day_they_were_made_where_the_person_is(alice_api: ApiClient) -> None:
    # 23:30 UTC on 1 July is already 2 July in London (BST, UTC+1).
    with time_machine.travel(dt.datetime(2027, 7, 1, 23, 30, tzinfo=dt.UTC), tick=False):
        late = alice_api.create("plans")["id"]
    with time_machine.travel(dt.datetime(2027, 7, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        noon = alice_api.create("plans")["id"]
    assert ids(alice_api, "/api/v1/plans?from=2027-07-01&to=2027-07-01") == [noon]
    assert ids(alice_api, "/api/v1/plans?from=2027-07-02") == [late]
    assert ids(alice_api, "/api/v1/plans?to=2027-07-02") == [late, noon]  # newest first


def test_a_range_that_ends_before_it_starts_is_422(alice_api: ApiClient) -> None:
    response = alice_api.send("GET", "/api/v1/doses?from=2027-01-10&to=2027-01-01")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "from"]


@pytest.mark.parametrize("query", ["from=yesterday", "to=2027-02-30", "from=0001-01-01", "to=9999-12-31"])
def test_a_day_that_is_not_a_date_or_out_of_range_is_422(alice_api: ApiClient, query: str) -> None:
    response = alice_api.send("GET", f"/api/v1/plans?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"
