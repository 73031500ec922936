"""Drawn charts, kept across requests, processes and restarts.

Drawing a chart with matplotlib takes 50-150 ms, twice (wide and for a phone): most of a page's time.
A chart is the same bytes for the same input (``benzotaper.charts``), so each is kept with a digest of
everything it is drawn from and of the drawing code's version, at two levels:

1. in this process, the latest few dozen, keyed by person, name and digest;
2. in the database (``DrawnChart``), one row per person and chart name: every server process and every
   restart finds it, it is encrypted with the database when that is, and it goes with the account.

Both levels are keyed by the person, so one person's chart (their doses, their symptoms) is never served
to another, even for the same input. Storing is best effort: a chart that cannot be stored (a busy
database) is still shown, and the next view stores it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, transaction

import benzotaper
from benzotaper.records import Record
from benzotaper.web.insights.models import DrawnChart
from benzotaper.web.last_used import LastUsed

if TYPE_CHECKING:
    from benzotaper.web.insights.data import Person

logger = logging.getLogger(__name__)

# Bump when the drawing of a chart changes without its input changing: every stored chart is drawn again.
DRAWING_VERSION = 1
# A few dozen pages' worth in memory (about 100 kB each).
CACHE_SIZE = 64


class Chart(Record):
    """A chart as SVG, what it shows in words, and its data as a table (``columns`` and ``rows``)."""

    svg: str
    summary: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    phone_svg: str = ""
    """The same chart drawn for a phone (shown instead below 600 px wide)."""

    @property
    def labelled_rows(self) -> list[tuple[Any, list[tuple[str, Any]]]]:
        """Each row as its first cell and the (column, cell) pairs after it: on a phone every cell
        carries its column's name."""
        return [(row[0], list(zip(self.columns[1:], row[1:], strict=True))) for row in self.rows]


_memory: LastUsed[tuple[Any, str, str], Chart] = LastUsed(CACHE_SIZE)


def digest(data: Any) -> str:
    """A digest of ``data`` (plain values: its ``repr`` is its content) and of the drawing code."""
    content = repr((DRAWING_VERSION, benzotaper.__version__, data))
    return hashlib.blake2b(content.encode(), digest_size=20).hexdigest()


def kept_chart(person: Person, name: str, data: Any, draw: Callable[[], Chart]) -> Chart:
    """``person``'s chart ``name`` drawn from ``data`` (everything ``draw`` uses, as plain values): from
    memory, else from the database, else drawn by ``draw`` and kept at both levels."""
    drawn_from = digest(data)
    key = (person.pk, name, drawn_from)
    kept = _memory.get(key)
    if kept is not None:
        return kept
    row = DrawnChart.objects.for_user(person).filter(name=name, digest=drawn_from).first()
    if row is not None:
        chart = _chart_of(row)
    else:
        chart = draw()
        _store(person, name, drawn_from, chart)
    _memory.put(key, chart)
    return chart


def recall(person: Person, prefix: str) -> None:
    """Bring ``person``'s stored charts named ``<prefix>...`` (a page's charts) into this process's memory
    with one query, when it holds none of them (a new process, a restart), so that ``kept_chart`` does
    not read them one query each. Charts drawn from other input are read too and never matched."""
    if _memory.any_key(lambda key: key[0] == person.pk and key[1].startswith(prefix)):
        return
    for row in DrawnChart.objects.for_user(person).filter(name__startswith=prefix):
        _memory.put((person.pk, row.name, row.digest), _chart_of(row))


def _chart_of(row: DrawnChart) -> Chart:
    header, *rows = row.table or [[]]
    return Chart(row.svg, row.summary, tuple(header), tuple(map(tuple, rows)), row.phone_svg)


def _store(person: Person, name: str, drawn_from: str, chart: Chart) -> None:
    table = [list(chart.columns), *map(list, chart.rows)] if chart.columns else []
    fields: dict[str, Any] = {"digest": drawn_from, "svg": chart.svg, "phone_svg": chart.phone_svg}
    fields.update(summary=chart.summary, table=table)
    try:
        with transaction.atomic():
            DrawnChart.objects.for_user(person).update_or_create(
                name=name, defaults=fields, create_defaults={**fields, "user": person}
            )
    except DatabaseError as error:  # shown anyway; the next view stores it
        logger.warning("The chart %s could not be stored: %s", name, error)


def forget_in_memory() -> None:
    """Empty this process's level (as a new process starts); the database keeps its charts."""
    _memory.clear()
