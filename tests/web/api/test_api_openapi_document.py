"""The OpenAPI document at /api/openapi.json lists every route, and the docs page at /api/docs is
served from this server alone: no CDN, no validator badge calling swagger.io."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from api_calls import RESOURCES

if TYPE_CHECKING:
    from django.test import Client

ROUTES = {
    **{f"/api/v1/{resource}": {"get", "post"} for resource in RESOURCES},
    **{
        f"/api/v1/{resource}/{{{resource.removesuffix('s')}_id}}": {"get", "put", "patch", "delete"}
        for resource in RESOURCES
    },
    "/api/v1/insights": {"get"},
    "/api/v1/symptoms": {"get"},
}


def test_the_document_lists_every_route_and_method(client: Client) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert {path: set(operations) for path, operations in document["paths"].items()} == ROUTES


def test_every_route_needs_a_token_or_a_session(client: Client) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["components"]["securitySchemes"] == {
        "PersonalToken": {"type": "http", "scheme": "bearer"},
        "SignedInSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for operations in document["paths"].values():
        for operation in operations.values():
            assert operation["security"] == [{"PersonalToken": []}, {"SignedInSession": []}]
            assert {"401", "403", "422"} <= set(operation["responses"])


def test_the_docs_page_loads_only_this_servers_own_files(client: Client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls and all(url.startswith("/static/ninja/") for url in urls), urls
    assert "//" not in "".join(urls)
    assert '"validatorUrl": null' in page
    assert '"url": "/api/openapi.json"' in page
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_docs_page_keeps_the_content_security_policy(client: Client) -> None:
    policy = client.get("/api/docs").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
