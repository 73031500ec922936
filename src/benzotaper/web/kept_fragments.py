"""Parts of a page kept as written HTML, under the person and everything the part is written from.

A part of a page that is a function of a few stored values (a saved plan's layout: its text and the
day; the blank plan builder: the values it is filled in with) reads the same on every view, and
writing it is most of its page's time. ``KeptFragments.written(key, write)`` writes it once for a key
and gives the same HTML again while the key is the same. The key must hold the person's id and every
value the part is written from, so a part is never shown to another person nor after what it shows
changed. A form's CSRF field is left out of the kept HTML: the part is written with ``CSRF_INPUT``
standing in for it, and the page puts its own in (``Fragment.with_csrf``).

In this process's memory only (the last few parts), never written anywhere, and all dropped when
any account is deleted (docs/security.md).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from typing import Any

from django.urls import get_script_prefix, get_urlconf
from markupsafe import Markup

from benzotaper.records import Record
from benzotaper.web.last_used import LastUsed

# What stands for a form's CSRF field in a kept part: a comment no page writes (random per process).
CSRF_INPUT = Markup(f"<!-- the form's CSRF field {secrets.token_hex(16)} -->")


class Fragment(Record):
    """A kept part of a page, to write with ``{{ part }}``, or ``{{ part.with_csrf(csrf_input) }}``
    when it holds a form."""

    html: str

    def __html__(self) -> str:
        return self.html

    def with_csrf(self, csrf_input: Any) -> Markup:
        """The part with the page's own CSRF field where it was left out."""
        return Markup(self.html.replace(CSRF_INPUT, Markup(csrf_input).__html__()))


class KeptFragments:
    """The last ``size`` parts written, by key (see the module's notes on what the key must hold)."""

    def __init__(self, size: int) -> None:
        self._kept: LastUsed[Hashable, Fragment] = LastUsed(size)

    def written(self, key: Hashable, write: Callable[[], str]) -> Fragment:
        """The part kept for ``key``, else ``write()`` kept. Its addresses (``url()``) depend on the
        script prefix and the URL configuration too, so they are part of the key here."""
        key = (key, get_script_prefix(), get_urlconf())
        fragment = self._kept.get(key)
        if fragment is None:
            fragment = Fragment(str(write()))
            self._kept.put(key, fragment)
        return fragment

    def forget(self) -> None:
        self._kept.clear()
