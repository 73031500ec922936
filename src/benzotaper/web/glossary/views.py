"""The glossary page: every term of the knowledge data, A to Z, with its sources and how sure it is.

- ``glossary:index`` (``/glossary/``) lists every entry under the anchor ``#slug``, where the term
  links of the other pages point. ``glossary:term`` (``/glossary/<slug>/``) shows one entry; a term or an
  alias in place of the slug (``/glossary/DE/``) redirects to the entry's own address.
- No login is needed: the glossary is general knowledge, it shows nothing of anyone's journal (it reads
  only the knowledge data), and it helps before signing up or when talking with a prescriber.
- A source with a web address is a plain link to it with ``rel="noopener noreferrer"``. The page never
  loads it; the browser goes there only when the person follows the link. Only ``http(s)`` addresses
  become links.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from benzotaper.knowledge import Confidence, GlossaryEntry, load_glossary, load_knowledge
from benzotaper.records import Record

# What a confidence mark means for a glossary entry (the marks of the whole knowledge set are explained
# in docs/knowledge.md; for the glossary, C marks the app's own use of a word).
CONFIDENCE_MEANINGS: dict[Confidence, tuple[str, str]] = {
    "V": ("Verified", "checked against the published sources listed."),
    "V3": ("Verified in a reproduction", "checked in a third-party copy of the source, not the original."),
    "C": ("benzotaper's own", "how this app uses the word, built on verified facts."),
    "M": ("Unconfirmed", "written from memory of well-known sources and not yet checked against them."),
}


class Citation(Record):
    text: str
    url: str
    """The source's web address, or "" when it has none (or one that is not http or https)."""


class EntryPage(Record):
    """A glossary entry with its sources resolved to citations and its mark put in words."""

    entry: GlossaryEntry
    citations: tuple[Citation, ...]
    confidence_name: str
    confidence_meaning: str


def _citation(key: str) -> Citation:
    source = load_knowledge().sources[key]
    url = source.url if source.url.startswith(("https://", "http://")) else ""
    return Citation(source.citation, url)


def _entry_page(entry: GlossaryEntry) -> EntryPage:
    name, meaning = CONFIDENCE_MEANINGS[entry.confidence]
    return EntryPage(entry, tuple(_citation(key) for key in entry.sources), name, meaning)


def _marks() -> list[tuple[Confidence, str, str]]:
    return [(mark, name, meaning) for mark, (name, meaning) in CONFIDENCE_MEANINGS.items()]


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    entries = sorted(load_glossary().entries, key=lambda entry: entry.term.casefold())
    context = {"entries": [_entry_page(entry) for entry in entries], "marks": _marks()}
    return render(request, "glossary/index.html", context)


@require_safe
def term(request: HttpRequest, slug: str) -> HttpResponseBase:
    entry = load_glossary().find(slug)
    if entry is None:
        raise Http404("No such term in the glossary.")
    if entry.slug != slug:
        return redirect("glossary:term", slug=entry.slug)
    return render(request, "glossary/term.html", {"page": _entry_page(entry), "marks": _marks()})
