"""Link the words of the glossary in a piece of HTML, to their entries on the glossary page.

The rules, which the template filter ``glossary_links`` (below) applies to text of the app's pages:

- Every term and alias of ``knowledge.load_glossary()`` links to its entry. Names are compared ignoring
  case, and a space or a hyphen inside a name matches either ("red flag" finds "red-flag"), as the
  glossary compares them. Abbreviations written in capitals (DE, PAWS) match only in capitals, so that
  the "de" of "Dr de Vries" is not taken for a diazepam equivalent.
- Whole words only: a name never matches inside a longer word or a hyphenated compound ("cut" is not
  linked in "shortcut" or "cut-off").
- Where several names start at the same place the longest wins ("cut and hold" over "cut", "diazepam
  equivalents" over "diazepam equivalent").
- Each entry is linked once, at its first mention in the HTML given. Later mentions, by the same word or
  by another of the entry's names, stay plain, so a paragraph does not turn into a row of links.
- Only text is linked: never a tag or its attributes, never inside an HTML entity, and never inside a
  link (``<a>``), nor a button, a label, a form control, a script, a style, code or an SVG.

Why the output is safe. ``link_terms`` takes HTML: the filter escapes plain text first (Django's
``conditional_escape``), and text already marked safe is a template's own markup. The only markup added
is ``<a class="term" href="BASE#SLUG">WORD</a>``, where BASE is the glossary page's URL, SLUG is an
entry's slug (kebab-case, checked when the glossary loads, and escaped here anyway) and WORD is the
matched text, which was already escaped.

Speed. The names are grouped by their first word, each group in one regular expression (longest name
first), built once and cached (``glossary_matcher``). The text is read word by word, and only a word
that can begin a name tries that group's expression: 10,000 characters of plan text take about 1.5 ms
(``tests/web/glossary/test_term_links_are_fast.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping
from types import MappingProxyType

from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

from benzotaper.knowledge import Glossary, load_glossary
from benzotaper.records import Record
from benzotaper.web.erasure import forget_when_an_account_is_deleted

# Text inside these elements is never linked: a link inside a link or a control is invalid or useless,
# and code, scripts, styles and SVG are not prose.
_NO_LINKS_INSIDE = frozenset(
    {"a", "button", "label", "select", "option", "textarea", "script", "style", "code", "pre", "svg", "title"}
)

# A tag (quoted attribute values may hold ">"), a comment, or a character reference. Captured, so that
# ``split`` returns text and markup alternately.
_MARKUP = re.compile(
    r"""(<!--.*?-->"""
    r"""|<[!?/]?[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
    r"""|&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)""",
    re.DOTALL,
)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")

# Inside a name, a run of spaces or one hyphen; around it, no letter, digit, underscore or hyphen.
_SEPARATOR = r"(?:\s+|-)"
_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-])"
_WORD = re.compile(r"\w+")


def _is_abbreviation(word: str) -> bool:
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


def _word_pattern(word: str) -> str:
    escaped = re.escape(word)
    return f"(?-i:{escaped})" if _is_abbreviation(word) else escaped


def _name_pattern(name: str) -> str:
    words = name.replace("-", " ").replace("_", " ").split()
    return _SEPARATOR.join(_word_pattern(word) for word in words)


class _Names(Record):
    """The names that begin with one word: ``pattern`` tries them longest first, and ``slugs[i]`` is the
    entry of the name captured by group ``n{i}``."""

    pattern: re.Pattern[str]
    slugs: tuple[str, ...]


class TermMatcher(Record):
    """Finds glossary names in text, by their first word (lowercase)."""

    by_first_word: Mapping[str, _Names]

    @classmethod
    def build(cls, glossary: Glossary) -> TermMatcher:
        grouped: dict[str, list[tuple[str, str]]] = {}
        for entry in glossary.entries:
            for name in entry.names:
                first = _WORD.match(name)  # every name starts with a letter (a test checks each links)
                if first is not None:
                    grouped.setdefault(first.group().lower(), []).append((name, entry.slug))
        by_first_word = {}
        for word, names in grouped.items():
            names.sort(key=lambda pair: -len(pair[0]))
            groups = "|".join(f"(?P<n{index}>{_name_pattern(name)})" for index, (name, _) in enumerate(names))
            pattern = re.compile(f"{_BEFORE}(?:{groups}){_AFTER}", re.IGNORECASE)
            by_first_word[word] = _Names(pattern, tuple(slug for _, slug in names))
        return cls(MappingProxyType(by_first_word))

    def link(self, text: str, linked: set[str], base_url: str) -> str:
        """``text`` (no markup) with the first mention of each entry not in ``linked`` made a link; the
        entries it links are added to ``linked``."""
        out: list[str] = []
        copied = skipped = 0  # text[:copied] is in out; no match may start before skipped
        for word in _WORD.finditer(text):
            start = word.start()
            names = self.by_first_word.get(word.group().lower()) if start >= skipped else None
            match = names.pattern.match(text, start) if names is not None else None
            if names is None or match is None:
                continue
            skipped = match.end()
            slug = names.slugs[int(str(match.lastgroup)[1:])]
            if slug in linked:
                continue
            linked.add(slug)
            href = f"{escape(base_url)}#{escape(slug)}"
            out += (text[copied:start], f'<a class="term" href="{href}">', match.group(), "</a>")
            copied = skipped
        out.append(text[copied:])
        return "".join(out)


@functools.cache
def glossary_matcher() -> TermMatcher:
    """The matcher of the app's glossary, built once per process."""
    return TermMatcher.build(load_glossary())


def link_terms(html: str, matcher: TermMatcher, base_url: str, exclude: Collection[str] = ()) -> str:
    """``html`` with the first mention of each glossary entry wrapped in ``<a class="term">``.

    ``base_url`` is the glossary page ("/glossary/"); a link goes to ``base_url#slug``. Entries whose
    slug is in ``exclude`` are not linked (an entry's own definition does not link to itself).
    """
    linked = set(exclude)
    inside: dict[str, int] = {}  # open elements of _NO_LINKS_INSIDE, by name
    parts = _MARKUP.split(html)
    for index, part in enumerate(parts):
        if index % 2:  # markup
            _track(part, inside)
        elif part and not any(inside.values()):
            parts[index] = matcher.link(part, linked, base_url)
    return "".join(parts)


def _track(markup: str, inside: dict[str, int]) -> None:
    """Count the open elements whose text is never linked."""
    tag = _TAG_NAME.match(markup)
    if tag is None:
        return  # a comment, a doctype or a character reference
    closing, name = tag.group(1) == "/", tag.group(2).lower()
    if name not in _NO_LINKS_INSIDE:
        return
    if closing:
        inside[name] = max(inside.get(name, 0) - 1, 0)
    elif not markup.endswith("/>"):
        inside[name] = inside.get(name, 0) + 1


def glossary_links(value: object, exclude: str = "") -> SafeString:
    """The templates' ``glossary_links`` filter: ``{{ text|glossary_links }}`` escapes plain text, then
    links the first mention of each glossary entry to ``/glossary/#slug``. Text already marked safe is
    read as HTML, so a whole block can be linked at once, each entry once per block::

        {% filter glossary_links %}<ul>{% for w in warnings %}<li>{{ w }}</li>{% endfor %}</ul>{% endfilter %}

    ``{{ entry.definition|glossary_links(entry.slug) }}`` leaves out one entry (a definition does not
    link to itself). The result is always escaped, whether or not autoescaping is on.
    """
    # Safe text, Django's SafeString or Jinja2's Markup (a {% filter %} block's), is kept as HTML.
    html = str(conditional_escape(value if isinstance(value, str) else str(value)))
    # Safe: the input was escaped or was already safe, and link_terms adds only its own escaped links.
    return mark_safe(_linked(html, exclude, reverse("glossary:index")))


@functools.lru_cache(maxsize=128)
def _linked(html: str, exclude: str, base_url: str) -> str:
    """``link_terms`` of the app's glossary, kept: a page links the same blocks on every view (a plan's
    table of steps, 10 to 40 kB, takes about 2 ms to link). Kept in this process's memory only, and all
    dropped when an account is deleted, since a block can hold a person's plan (docs/security.md)."""
    return link_terms(html, glossary_matcher(), base_url, exclude={exclude} if exclude else set())


forget_when_an_account_is_deleted(_linked.cache_clear)
