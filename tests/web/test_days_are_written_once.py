"""The pages' ``date`` filter (``web.jinja_env.date``) keeps the text of a day: a plan's page shows about
200 days. A time of day is written each time, in the person's time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.template import engines
from django.utils import timezone, translation

from benzotaper.web import jinja_env


def test_a_day_is_written_once_per_format_and_language() -> None:
    jinja_env._day_text.cache_clear()
    day = dt.date(2027, 1, 4)
    assert [jinja_env.date(day, "j M Y"), jinja_env.date(day, "j M Y"), jinja_env.date(day, "Y-m-d")] == [
        "4 Jan 2027",
        "4 Jan 2027",
        "2027-01-04",
    ]
    with translation.override("de"):
        jinja_env.date(day, "j M Y")
    info = jinja_env._day_text.cache_info()
    assert (info.hits, info.misses) == (1, 3)


def test_a_time_of_day_is_written_every_time_in_the_persons_zone() -> None:
    jinja_env._day_text.cache_clear()
    moment = dt.datetime(2027, 1, 4, 8, 30, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Berlin")):
        assert jinja_env.date(moment, "H:i") == "09:30"
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        assert jinja_env.date(moment, "H:i") == "03:30"
    assert jinja_env._day_text.cache_info().currsize == 0


def test_the_pages_write_days_as_django_does() -> None:
    template = engines["jinja2"].from_string('{{ day|date("j M Y") }}, {{ day|date("l j F Y") }}')
    assert template.render({"day": dt.date(2027, 1, 4)}) == "4 Jan 2027, Monday 4 January 2027"
