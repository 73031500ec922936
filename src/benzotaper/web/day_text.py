"""Days written out once: the Jinja2 pages' ``date`` filter answering from memory for a day it wrote before.

A plan's page shows each of its steps' first and last days, about 200 dates for a year's plan, and
Django's date formatting costs about 20 µs a date (its month names go through the translation
machinery): a fifth of the page. A day (a ``datetime.date``) reads the same for everyone in a format and
a language, so its text is kept; a time of day (a ``datetime``) is not, since it shows in each person's
own time zone.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.utils.translation import get_language

DateFilter = Callable[..., str]


def kept_for_days(date_filter: DateFilter) -> DateFilter:
    """``date_filter`` (Django's ``date``, as the pages' environment has it), keeping its text of days."""

    @functools.lru_cache(maxsize=4096)
    def day_text(day: dt.date, arg: str | None, language: str | None) -> str:
        return date_filter(day, arg)

    def date(value: Any, arg: str | None = None) -> str:
        if type(value) is dt.date:  # not a datetime, a subclass of date
            return day_text(value, arg, get_language())
        return date_filter(value, arg)

    return date
