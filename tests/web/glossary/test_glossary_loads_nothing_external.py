"""The glossary page loads only this server's files. Its source links go to other sites, but they are
plain links the browser follows only when the person does, and they pass on nothing (``noreferrer``)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from benzotaper.knowledge import load_knowledge

SOURCE_URLS = {source.url for source in load_knowledge().sources.values() if source.url}
EXTERNAL = re.compile(r"""^(?:[a-z][a-z0-9+.-]*:|//)""", re.I)


@pytest.fixture(params=["/glossary/", "/glossary/crossover/", "/glossary/hyperbolic-tapering/"])
def page(request: pytest.FixtureRequest, client: Client) -> str:
    return client.get(request.param).content.decode()


def test_nothing_is_loaded_from_another_host(page: str) -> None:
    for tag, attribute, value in re.findall(r'<([a-z]+)\b[^>]*?\b(src|href|srcset|action)="([^"]*)"', page):
        if tag == "a" and attribute == "href":
            continue
        assert not EXTERNAL.match(value), (tag, attribute, value)
    assert "url(" not in page and "@import" not in page


def test_links_to_other_sites_are_the_cited_sources_and_send_no_referrer(page: str) -> None:
    external = re.findall(r'<a href="((?:https?:)?//[^"]*)"([^>]*)>', page)
    assert external
    for url, rest in external:
        assert url.replace("&amp;", "&") in SOURCE_URLS
        assert rest == ' rel="noopener noreferrer"'


def test_no_inline_script_or_style(page: str) -> None:
    assert all(" src=" in tag for tag in re.findall(r"<script\b[^>]*>", page))
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"\son[a-z]+=", page)


def test_the_page_is_served_with_the_content_security_policy(client: Client) -> None:
    policy = client.get("/glossary/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
