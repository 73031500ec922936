"""Bob tries every page and API route of the app against Alice's records, and gets nothing.

The routes come from Django's URL resolver (the API's routes included), so a new route is tried as soon
as it exists. Every id parameter is filled with the id of each of Alice's records; every method is tried.
Bob has no records of his own, so any success on a URL that names an id would be Alice's record. Alice's
private text never appears in a response to Bob, and her records are unchanged afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ALICE_SECRET = "alice-private-7319"
METHODS = ("get", "post", "put", "patch", "delete")


def routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every route as (route text with <name> placeholders, {name: converter})."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        text = prefix + str(pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, text)
        elif isinstance(entry, URLPattern):
            yield text, dict(getattr(pattern, "converters", {}))


def fill(route: str, converters: dict[str, Any], ids: list[int], day: str) -> Iterator[str]:
    """Concrete URLs: each int parameter takes each of Alice's ids, other parameters her check-in day."""
    if route.startswith("^") or "(?P" in route:
        return  # regex routes (static files, admin) are not the app's
    names = list(converters)
    int_names = [n for n in names if names_a_record(n, converters[n])]
    values = ids if int_names else [0]
    for value in values:
        url = route
        for name in names:
            text = str(value) if name in int_names else day
            url = url.replace(f"<{type_prefix(converters[name])}{name}>", text).replace(f"<{name}>", text)
        yield "/" + url.lstrip("/")


def names_a_record(name: str, converter: Any) -> bool:
    """An id parameter: an int converter, or a name like ``pk`` or ``plan_id`` (the API's routes use
    string converters for their ids)."""
    return type(converter).__name__ == "IntConverter" or name == "pk" or name.endswith("id")


def type_prefix(converter: Any) -> str:
    kind = {
        "IntConverter": "int",
        "StringConverter": "str",
        "SlugConverter": "slug",
        "UUIDConverter": "uuid",
        "PathConverter": "path",
    }.get(type(converter).__name__)
    return f"{kind}:" if kind else ""


def snapshot(rows: dict[str, Any]) -> dict[str, Any]:
    fresh = {}
    for name, row in rows.items():
        row.refresh_from_db()
        fresh[name] = json.dumps(model_to_dict(row), default=str, sort_keys=True)
    return fresh


@pytest.mark.django_db
def test_bob_can_reach_none_of_alices_records_on_any_route(
    alice: Any, bob: Any, make_rows: Any, bob_client: Client
) -> None:
    rows = make_rows(alice)
    rows["CheckIn"].notes = ALICE_SECRET
    rows["CheckIn"].save()
    rows["DoseTaken"].note = ALICE_SECRET
    rows["DoseTaken"].save()
    rows["Medication"].notes = ALICE_SECRET
    rows["Medication"].save()
    before = snapshot(rows)
    ids = sorted({row.pk for row in rows.values()})
    day = rows["CheckIn"].date.isoformat()

    tried_with_ids = 0
    for route, converters in routes():
        for url in fill(route, converters, ids, day):
            names_an_id = any(names_a_record(n, c) for n, c in converters.items())
            for method in METHODS:
                for query in ("", f"?date={day}&from={day}&to={day}"):
                    if method == "get":
                        response = bob_client.get(url + query)
                    else:
                        send = getattr(bob_client, method)
                        response = send(url + query, data="{}", content_type="application/json")
                    body = response.content.decode(errors="replace")
                    assert ALICE_SECRET not in body, f"{method.upper()} {url}{query} shows Alice's text"
                    assert response.status_code < 500, (
                        f"{method.upper()} {url}{query} -> {response.status_code}"
                    )
                    if names_an_id:
                        assert not 200 <= response.status_code < 300, (
                            f"{method.upper()} {url}{query} answered {response.status_code} to Bob"
                        )
            tried_with_ids += names_an_id

    assert snapshot(rows) == before, "Alice's records changed"
    # 6 pages and 4 API resources x 4 methods name a record today; fewer means routes went missing.
    assert tried_with_ids >= 20, f"only {tried_with_ids} routes name a record: the test would prove little"
