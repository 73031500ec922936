"""``/glossary/`` lists every term of the knowledge data, A to Z, each under its own anchor with its
definition, aliases, sources and confidence mark; ``/glossary/<slug>/`` shows one. No login is needed."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from markupsafe import escape  # as the pages escape (Jinja2)

from benzotaper.knowledge import CONFIDENCES, load_glossary, load_knowledge
from benzotaper.web.glossary.views import CONFIDENCE_MEANINGS

GLOSSARY = load_glossary()
SOURCES = load_knowledge().sources


@pytest.fixture
def page(client: Client) -> str:
    response = client.get("/glossary/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, slug: str) -> str:
    found = re.search(rf'<section class="glossary-entry" id="{slug}".*?</section>', html, re.S)
    assert found, slug
    return found.group()


def test_anyone_can_read_it_without_signing_in(page: str) -> None:
    assert "<h1>Glossary</h1>" in page
    assert "Sign out" not in page


def test_it_shows_nothing_of_the_person_signed_in(alice: User, alice_client: Client, page: str) -> None:
    signed_in = alice_client.get("/glossary/").content.decode()
    assert "alice" not in signed_in
    assert signed_in.split("<main", 1)[1] == page.split("<main", 1)[1]


def test_every_knowledge_term_is_on_the_page_under_its_anchor(page: str) -> None:
    for entry in GLOSSARY.entries:
        assert f'id="{entry.slug}"' in page
        assert f'<h2 id="{entry.slug}-term">{escape(entry.term)}</h2>' in section(page, entry.slug)
        assert f'<li><a href="#{entry.slug}">{escape(entry.term)}</a></li>' in page


def test_the_terms_are_in_alphabetical_order(page: str) -> None:
    terms = re.findall(r'<h2 id="[a-z0-9-]+-term">([^<]+)</h2>', page)
    assert terms == sorted((escape(e.term) for e in GLOSSARY.entries), key=str.casefold)


def test_each_entry_shows_its_definition_aliases_and_note(page: str) -> None:
    for entry in GLOSSARY.entries:
        html = section(page, entry.slug)
        plain = re.sub(r"<[^>]+>", "", html)
        assert entry.definition in unescape(plain)
        if entry.aliases:
            assert f"Also called: {escape(', '.join(entry.aliases))}" in html
        if entry.note:
            assert escape(entry.note) in html


def test_a_definition_links_the_other_terms_it_uses_but_not_its_own(page: str) -> None:
    html = section(page, "check-in")
    assert '<a class="term" href="/glossary/#red-flag">red-flag</a>' in html
    assert 'href="/glossary/#check-in"' not in html


def test_each_entry_cites_its_sources_with_plain_links(page: str) -> None:
    for entry in GLOSSARY.entries:
        html = section(page, entry.slug)
        for key in entry.sources:
            source = SOURCES[key]
            citation = escape(source.citation)
            if source.url:
                expected = f'<a href="{escape(source.url)}" rel="noopener noreferrer">{citation}</a>'
            else:
                expected = f"<li>{citation}</li>"
            assert expected in html, (entry.slug, key)


def test_each_entry_explains_its_confidence_mark(page: str) -> None:
    assert set(CONFIDENCE_MEANINGS) == set(CONFIDENCES)
    for entry in GLOSSARY.entries:
        name, meaning = CONFIDENCE_MEANINGS[entry.confidence]
        expected = f"How sure: <strong>{escape(name)}</strong> ({entry.confidence}), {escape(meaning)}"
        assert expected in section(page, entry.slug)
    for mark, (name, _) in CONFIDENCE_MEANINGS.items():
        assert f"<dt>{escape(name)} ({mark})</dt>" in page


def test_a_term_has_a_page_of_its_own(client: Client) -> None:
    html = client.get("/glossary/crossover/").content.decode()
    assert '<h1 id="term-heading">Crossover</h1>' in html
    assert '<a href="/glossary/#crossover">' in html
    assert "rightdecisions.scot.nhs.uk" in html


def test_an_alias_in_the_address_leads_to_its_entry(client: Client) -> None:
    response = client.get("/glossary/DE/")
    assert response.status_code == 302
    assert response["Location"] == "/glossary/diazepam-equivalent/"


def test_an_unknown_term_is_not_found(client: Client) -> None:
    assert client.get("/glossary/no-such-term/").status_code == 404


def test_the_pages_only_answer_reads(client: Client) -> None:
    assert client.post("/glossary/").status_code == 405
    assert client.post("/glossary/crossover/").status_code == 405


def test_every_page_links_to_the_glossary_in_its_footer(client: Client, alice_client: Client) -> None:
    footer = '<footer class="site-footer">'
    for html in (client.get("/accounts/login/").content.decode(), alice_client.get("/").content.decode()):
        assert '<a href="/glossary/">Glossary</a>' in html.split(footer, 1)[1]
