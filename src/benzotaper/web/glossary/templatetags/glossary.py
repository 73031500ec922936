"""``{% load glossary %}``: the ``glossary_links`` filter, which links the field's words to the glossary.

``{{ text|glossary_links }}`` escapes plain text, then links the first mention of each glossary entry
to ``/glossary/#slug`` (the rules are in ``benzotaper.web.glossary.linking``). Text already marked safe
is read as HTML, so a whole block can be linked at once, each entry once per block::

    {% filter glossary_links %}<ul>{% for w in warnings %}<li>{{ w }}</li>{% endfor %}</ul>{% endfilter %}

``{{ entry.definition|glossary_links:entry.slug }}`` leaves out one entry (a definition does not link to
itself). The result is always escaped, whether or not autoescaping is on.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

from benzotaper.web.glossary.linking import glossary_matcher, link_terms

register = template.Library()


@register.filter
def glossary_links(value: object, exclude: str = "") -> SafeString:
    html = str(conditional_escape(value if isinstance(value, SafeData) else str(value)))
    skip = {exclude} if exclude else set()
    linked = link_terms(html, glossary_matcher(), reverse("glossary:index"), exclude=skip)
    # Safe: the input was escaped or was already safe, and link_terms adds only its own escaped links.
    return mark_safe(linked)
