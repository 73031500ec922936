"""The term-link filter never lets markup through: plain text is escaped before it is linked, and the
only links it adds go to the glossary page."""

from __future__ import annotations

import re

from django.template import engines
from hypothesis import given
from hypothesis import strategies as st

from benzotaper.knowledge import load_glossary
from benzotaper.web.glossary.linking import glossary_links

NAMES = [name for entry in load_glossary().entries for name in entry.names]


def linked(text: str) -> str:
    """The filter as a page uses it."""
    return engines["jinja2"].from_string("{{ text|glossary_links }}").render({"text": text})


def test_a_script_in_the_text_stays_escaped() -> None:
    html = linked('<script>alert("crossover")</script> hold <img src=x onerror=alert(1)>')
    assert "<script" not in html and "<img" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;"
        '<a class="term" href="/glossary/#crossover">crossover</a>'
        "&quot;)&lt;/script&gt; "
        '<a class="term" href="/glossary/#hold">hold</a> &lt;img src=x onerror=alert(1)&gt;'
    )


def test_text_is_escaped_even_where_autoescaping_is_off() -> None:
    assert str(glossary_links("<b>taper</b>")) == (
        '&lt;b&gt;<a class="term" href="/glossary/#taper">taper</a>&lt;/b&gt;'
    )


def test_a_term_written_to_break_out_of_an_attribute_stays_text() -> None:
    html = linked('" onmouseover="alert(1)" cut')
    assert html == '&quot; onmouseover=&quot;alert(1)&quot; <a class="term" href="/glossary/#cut">cut</a>'


@given(st.lists(st.sampled_from([*NAMES, "<", ">", "&", '"', "'", "<script>", " ", "-", "x"]), max_size=30))
def test_whatever_the_text_the_only_markup_is_links_to_the_glossary(pieces: list[str]) -> None:
    html = str(glossary_links("".join(pieces)))
    tags = re.findall(r"<[^>]*>", html)
    assert all(re.fullmatch(r'<a class="term" href="/glossary/#[a-z0-9-]+">|</a>', tag) for tag in tags), tags
    without_links = re.sub(r'<a class="term" href="/glossary/#[a-z0-9-]+">|</a>', "", html)
    assert "<" not in without_links and ">" not in without_links and '"' not in without_links
