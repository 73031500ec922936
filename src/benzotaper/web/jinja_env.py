"""The Jinja2 environment of the web pages: what every template can call, in one place.

The pages' templates are Jinja2 (in ``web/jinja2/``), rendered by Django's own Jinja2 backend
(``settings.TEMPLATES``); Jinja2 compiles a template to Python once, and a page renders several times
faster than with Django's template language (docs/performance.md, "Round three").

What the templates get, besides Jinja2's own filters and the context processors' variables (``request``,
``user``, ``messages``, and ``csrf_input`` and ``csrf_token`` from ``kept_csrf``):

- ``url(name, *args)``: Django's ``reverse``; the same name and arguments give the same address while the
  URL configuration and script prefix stay the same, so the answers are kept (``_kept_reverse``).
- ``static(path)``: the address of a static file.
- ``insights_alerts()``: the insights' warnings for the signed-in person (``insights.alerts_panel``).
- Filters: Django's ``date`` (in the person's time zone), ``capfirst``, ``floatformat``, ``pluralize``,
  ``linebreaksbr`` and ``truncatechars`` (Jinja2's look-alikes behave differently:
  ``capitalize`` lowers the rest of the text), and the app's own ``plain`` (an amount without padding)
  and ``glossary_links``.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from jinja2 import Environment, StrictUndefined

from benzotaper.planning import decimal_text
from benzotaper.web.glossary.linking import glossary_links
from benzotaper.web.insights.alerts_panel import insights_alerts


@functools.lru_cache(maxsize=4096)
def _kept_reverse(name: str, args: tuple[Any, ...], prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def url(name: str, *args: Any) -> str:
    """``reverse(name, args=args)``, kept: ``{% url %}`` worked out the same address on every render.
    The key holds all an address depends on besides its arguments: the script prefix (a server under
    ``/taper/``) and the URL configuration (a request's own, or the settings')."""
    return _kept_reverse(name, args, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def date(value: Any, arg: str | None = None) -> str:
    """Django's ``date`` filter, a time in the person's time zone as Django's templates show it. A day
    (not a time) reads the same for everyone in a format and a language, so its text is kept: a plan's
    page writes about 200 days, at about 20 µs each through Django's formatting."""
    if type(value) is dt.date:  # not a datetime, which is a subclass of date
        return _day_text(value, arg, get_language())
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return defaultfilters.date(value, arg)


@functools.lru_cache(maxsize=4096)
def _day_text(day: dt.date, arg: str | None, language: str | None) -> str:
    return defaultfilters.date(day, arg)


def plain(value: Decimal | None) -> str:
    """An amount as plain text, without the database's padding: Decimal("0.5000") -> "0.5"."""
    return "" if value is None else decimal_text(Decimal(value))


class _CsrfToken:
    """The request's CSRF token, worked out at its first use on a page and then kept, as Django's own
    templates do. Django's Jinja2 backend gives a lazy value that masks the token anew at every use,
    and Today has a form for each dose's buttons."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @functools.cached_property
    def value(self) -> str:
        return get_token(self._request)

    def __str__(self) -> str:
        return self.value

    def __html__(self) -> str:
        return self.value  # letters and digits only


class _CsrfInput:
    """``{{ csrf_input }}``: the hidden field of a form, as Django's ``csrf_input`` writes it."""

    def __init__(self, token: _CsrfToken) -> None:
        self._token = token

    def __html__(self) -> str:
        return f'<input type="hidden" name="csrfmiddlewaretoken" value="{self._token.value}">'

    __str__ = __html__


def kept_csrf(request: HttpRequest) -> dict[str, Any]:
    """A context processor of the Jinja2 engine: ``csrf_token`` and ``csrf_input``, one token a page."""
    token = _CsrfToken(request)
    return {"csrf_token": token, "csrf_input": _CsrfInput(token)}


class StrictUndefinedButFalse(StrictUndefined):
    """A missing variable that fails when printed, looped over or read from, but is false in a test:
    ``{% if new_share %}`` is how a page asks for what only some of its views give."""

    def __bool__(self) -> bool:  # type: ignore[override]
        return False


def environment(**options: Any) -> Environment:
    if settings.STRICT_TEMPLATES:
        # A misspelt variable fails loudly while developing and in the tests; in use it prints as
        # nothing, as Django's templates do.
        options["undefined"] = StrictUndefinedButFalse
    env = Environment(**options)  # autoescape: on, Django's backend sets it in options
    env.globals.update({"url": url, "static": static, "insights_alerts": insights_alerts})
    env.filters.update(
        {
            "date": date,
            "capfirst": defaultfilters.capfirst,
            "floatformat": defaultfilters.floatformat,
            "pluralize": defaultfilters.pluralize,
            "linebreaksbr": defaultfilters.linebreaksbr,
            "truncatechars": defaultfilters.truncatechars,
            "plain": plain,
            "glossary_links": glossary_links,
        }
    )
    return env
