"""The pages' ``date`` filter keeps the text of a day (``web.day_text``): a plan's page shows about 200
days. A time of day is written each time, in the person's time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template import engines
from django.utils import translation

from benzotaper.web.day_text import kept_for_days


def test_a_day_is_written_once_per_format_and_language() -> None:
    asked: list[tuple[Any, str | None]] = []

    def written(value: Any, arg: str | None = None) -> str:
        asked.append((value, arg))
        return f"{value}|{arg}"

    date = kept_for_days(written)
    day = dt.date(2027, 1, 4)
    assert [date(day, "j M Y"), date(day, "j M Y"), date(day, "Y-m-d")] == [
        "2027-01-04|j M Y",
        "2027-01-04|j M Y",
        "2027-01-04|Y-m-d",
    ]
    with translation.override("de"):
        date(day, "j M Y")
    assert asked == [(day, "j M Y"), (day, "Y-m-d"), (day, "j M Y")]


def test_a_time_of_day_is_written_every_time() -> None:
    asked: list[Any] = []
    date = kept_for_days(lambda value, arg=None: asked.append(value) or "")
    moment = dt.datetime(2027, 1, 4, 8, 30, tzinfo=dt.UTC)
    date(moment, "H:i")
    date(moment, "H:i")
    assert asked == [moment, moment]


def test_the_pages_write_days_as_django_does() -> None:
    template = engines["jinja2"].from_string('{{ day|date("j M Y") }}, {{ day|date("l j F Y") }}')
    assert template.render({"day": dt.date(2027, 1, 4)}) == "4 Jan 2027, Monday 4 January 2027"
