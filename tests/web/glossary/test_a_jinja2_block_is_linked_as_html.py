"""``{% filter glossary_links %}`` on a Jinja2 page: the block's own markup stays markup (Jinja2 hands the
filter a ``Markup``, not Django's ``SafeString``), while the values printed inside it stay escaped."""

from __future__ import annotations

from django.template import engines


def test_a_jinja2_filter_block_keeps_its_markup_and_links_its_terms() -> None:
    template = engines["jinja2"].from_string(
        "{% filter glossary_links %}<p>Each <strong>taper</strong> step: {{ typed }}</p>{% endfilter %}"
    )
    html = template.render({"typed": "<b>hold</b>"})
    assert html == (
        '<p>Each <strong><a class="term" href="/glossary/#taper">taper</a></strong> '
        '<a class="term" href="/glossary/#step">step</a>: '
        '&lt;b&gt;<a class="term" href="/glossary/#hold">hold</a>&lt;/b&gt;</p>'
    )
