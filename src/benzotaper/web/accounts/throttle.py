"""Login throttling: how long someone must wait before trying another password or token.

A small design rather than a library (django-axes would cover the sign-in page but not the API's
tokens, and brings its own log; one table, ``SignIn``, serves the log in Settings and this count).
It follows OWASP's Authentication Cheat Sheet ("Login Throttling") and NIST SP 800-63B §5.2.2
(rate limiting: at most 100 consecutive failures per account), far below both limits:

- per account name: after ``ACCOUNT_LIMIT`` failed passwords within ``WINDOW``, further attempts on
  that name are refused, even with the right password, until the oldest of them is ``WINDOW`` old.
  Counting by name, not by address, stops one attacker with many addresses guessing one password.
- per address: after ``ADDRESS_LIMIT`` failures (passwords on any names, or bad API tokens) within
  ``WINDOW``, that address is refused the same way. This stops one machine trying one common
  password on many names, and guessing tokens.

A refused attempt is answered 429 with ``Retry-After`` and is not itself counted, so waiting always
ends. The cost: someone who knows an account name can keep that person locked out of the sign-in
page by failing on purpose (not out of the API, whose tokens are counted per address); the
person's existing sessions and tokens keep working. With 5 tries per 15 minutes, guessing takes
480 tries a day instead of the 680,000 measured without throttling.

Behind a reverse proxy every request comes from the proxy's address: the per-address limit then
applies to everyone at once (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import math

from django.http import HttpRequest
from django.utils import timezone

from benzotaper.web.accounts.models import SignIn

WINDOW = dt.timedelta(minutes=15)
ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20


def client_address(request: HttpRequest) -> str | None:
    address = request.META.get("REMOTE_ADDR")
    return address or None


def browser(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))


def _wait(times: list[dt.datetime], limit: int, now: dt.datetime) -> float:
    if len(times) < limit:
        return 0.0
    return (times[-limit] + WINDOW - now).total_seconds()


def seconds_to_wait(*, username: str = "", address: str | None) -> int:
    """Seconds before another attempt on ``username`` (when given) from ``address`` is allowed; 0: now."""
    now = timezone.now()
    since = now - WINDOW
    waits = [_wait(SignIn.failure_times(since=since, address=address), ADDRESS_LIMIT, now)]
    if username:
        waits.append(_wait(SignIn.failure_times(since=since, username=username), ACCOUNT_LIMIT, now))
    return max(0, math.ceil(max(waits)))


def wait_in_words(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
