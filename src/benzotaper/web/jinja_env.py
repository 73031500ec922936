"""The Jinja2 environment of the web pages: what every template can call, in one place.

The pages' templates are Jinja2 (in ``web/jinja2/``), rendered by Django's own Jinja2 backend
(``settings.TEMPLATES``); Jinja2 compiles a template to Python once, and a page renders several times
faster than with Django's template language (docs/performance.md, "Round three").

What the templates get, besides Jinja2's own filters and the context processors' variables (``request``,
``user``, ``messages``, ``csrf_input``, ``csrf_token``):

- ``url(name, *args)``: Django's ``reverse``; the same name and arguments give the same address while the
  URL configuration and script prefix stay the same, so the answers are kept (``_kept_reverse``).
- ``static(path)``: the address of a static file.
- ``insights_alerts()``: the insights' warnings for the signed-in person (``insights.alerts_panel``).
- Filters: Django's ``date``, ``capfirst``, ``floatformat``, ``pluralize``, ``linebreaksbr``,
  ``truncatechars`` and ``yesno`` (Jinja2's look-alikes behave differently: ``capitalize`` lowers the
  rest of the text), and the app's own ``plain`` (an amount without padding) and ``glossary_links``.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import Environment, StrictUndefined

from benzotaper.planning import decimal_text
from benzotaper.web.day_text import kept_for_days
from benzotaper.web.glossary.linking import glossary_links
from benzotaper.web.insights.alerts_panel import insights_alerts


@functools.lru_cache(maxsize=4096)
def _kept_reverse(name: str, args: tuple[Any, ...], prefix: str, urlconf: str | None) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def url(name: str, *args: Any) -> str:
    """``reverse(name, args=args)``, kept: ``{% url %}`` worked out the same address on every render."""
    return _kept_reverse(name, args, get_script_prefix(), get_urlconf())


def plain(value: Decimal | None) -> str:
    """An amount as plain text, without the database's padding: Decimal("0.5000") -> "0.5"."""
    return "" if value is None else decimal_text(Decimal(value))


def environment(**options: Any) -> Environment:
    if settings.DEBUG:
        # A misspelt variable fails loudly while developing (and in the tests: tests/web/conftest.py);
        # in use it prints as nothing, as Django's templates do.
        options["undefined"] = StrictUndefined
    env = Environment(**options)  # autoescape: on, Django's backend sets it in options
    env.globals.update({"url": url, "static": static, "insights_alerts": insights_alerts})
    env.filters.update(
        {
            "date": defaultfilters.date,
            "capfirst": defaultfilters.capfirst,
            "floatformat": defaultfilters.floatformat,
            "pluralize": defaultfilters.pluralize,
            "linebreaksbr": defaultfilters.linebreaksbr,
            "truncatechars": defaultfilters.truncatechars,
            "yesno": defaultfilters.yesno,
            "plain": plain,
            "glossary_links": glossary_links,
        }
    )
    env.filters["date"] = kept_for_days(env.filters["date"])  # a plan's 200 days: web/day_text.py
    return env
