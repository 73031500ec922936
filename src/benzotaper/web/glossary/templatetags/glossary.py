"""``{% load glossary %}`` for the pages still on Django's template language: the ``glossary_links``
filter of ``benzotaper.web.glossary.linking`` (where it is explained)."""

from __future__ import annotations

from django import template

from benzotaper.web.glossary.linking import glossary_links

register = template.Library()
register.filter("glossary_links", glossary_links)
