"""Every list of the API is paged: ``limit`` items from ``offset``, a ``Link: <...>; rel="next"``
header while there is more, none on the last page; the body stays a JSON array."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from api_calls import ApiClient, create_body, days_ago

if TYPE_CHECKING:
    from django.http import HttpResponse


def next_page(response: HttpResponse) -> str | None:
    """The path and query of the ``next`` link, or None on the last page."""
    link = response.headers.get("Link")
    if link is None:
        return None
    found = re.fullmatch(r'<http://testserver(/[^>]+)>; rel="next"', link)
    assert found is not None, link
    return found.group(1)


def five(api: ApiClient, resource: str) -> set[int]:
    ids = set()
    for day in range(1, 6):
        body = create_body(resource)
        if resource == "medications":
            body["name"] = f"medicine {day}"
        elif resource == "plans":
            body["name"] = f"plan {day}"
        else:
            body["date"] = days_ago(day)
        ids.add(api.create(resource, body)["id"])
    return ids


@pytest.mark.parametrize("resource", ["doses", "checkins", "medications", "plans"])
def test_it_walks_a_list_page_by_page_to_its_end(alice_api: ApiClient, resource: str) -> None:
    created = five(alice_api, resource)
    seen: list[int] = []
    path: str | None = f"/api/v1/{resource}?limit=2"
    pages = 0
    while path is not None:
        response = alice_api.send("GET", path)
        assert response.status_code == 200
        assert len(response.json()) <= 2
        seen += [item["id"] for item in response.json()]
        path = next_page(response)
        pages += 1
    assert pages == 3
    assert sorted(seen) == sorted(created)


def test_the_next_link_keeps_the_date_filter(alice_api: ApiClient) -> None:
    five(alice_api, "doses")
    response = alice_api.send("GET", f"/api/v1/doses?from={days_ago(4)}&limit=3")
    path = next_page(response)
    assert path is not None
    rest = alice_api.send("GET", path).json()
    assert [dose["date"] for dose in rest] == [days_ago(4)]
    assert next_page(alice_api.send("GET", path)) is None


def test_a_list_without_paging_gives_the_first_hundred(alice_api: ApiClient) -> None:
    five(alice_api, "checkins")
    response = alice_api.send("GET", "/api/v1/checkins")
    assert len(response.json()) == 5
    assert "Link" not in response.headers


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=two"])
def test_it_refuses_a_page_out_of_bounds(alice_api: ApiClient, query: str) -> None:
    response = alice_api.send("GET", f"/api/v1/doses?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"
