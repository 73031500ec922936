"""Paging of every API list: ``limit`` and ``offset`` in the query, a ``Link: <...>; rel="next"``
header when there is more (RFC 8288, as GitHub's API does).

The body stays a plain JSON array, so a client written before paging still reads it; it gets the
first page only (``PAGE_SIZE`` items, enough for most journals' recent months) and follows ``next``
for more. One page is one slice of one query, whatever the journal's size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from django.db import models
from ninja import Field, Schema

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

PAGE_SIZE = 100
PAGE_SIZE_MAX = 1000
# Far beyond any journal, small enough for every database's OFFSET.
OFFSET_MAX = 10**9

_Q = TypeVar("_Q", bound="models.QuerySet[Any]")


class Paging(Schema):
    """Which page of a list: ``limit`` items from ``offset`` (0: the first)."""

    limit: Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX, description="Items per page.")] = PAGE_SIZE
    offset: Annotated[int, Field(ge=0, le=OFFSET_MAX, description="Items to skip.")] = 0


# The response header a paged list may send, for the OpenAPI document (``openapi_extra``).
PAGED: dict[str, Any] = {
    "responses": {
        "200": {
            "headers": {
                "Link": {
                    "description": 'The next page, as `<url>; rel="next"`; absent on the last page.',
                    "schema": {"type": "string"},
                }
            }
        }
    }
}


def page(request: HttpRequest, response: HttpResponse, rows: _Q, paging: Paging) -> list[Any]:
    """The page of ``rows`` that ``paging`` asks for; a ``Link`` to the next page when there is one.

    Rows are ordered by their model's order, then by id, so that pages never overlap or skip."""
    order = list(rows.query.order_by or rows.model._meta.ordering)
    found = list(rows.order_by(*order, "pk")[paging.offset : paging.offset + paging.limit + 1])
    if len(found) > paging.limit:
        query = request.GET.copy()
        query["limit"] = str(paging.limit)
        query["offset"] = str(paging.offset + paging.limit)
        url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        response["Link"] = f'<{url}>; rel="next"'
    return found[: paging.limit]
