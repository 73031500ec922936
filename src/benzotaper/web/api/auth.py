"""Who is calling: a personal token, or the browser session of someone signed in.

Why these two, and why in this order.

- ``Authorization: Bearer bzt_...`` (``ApiToken``, made with ``benzotaper token``) is for scripts
  and apps. A browser never sends this header on its own, so a
  page on another site cannot make one of our tokens travel: no CSRF check is needed. A request that
  presents a token which is unknown, revoked, or belongs to a deactivated account is refused (401)
  even when it also carries a session cookie: a bad token is never quietly replaced by the cookie.
- The Django session is for the app's own pages (htmx) and the docs page. A browser attaches the
  cookie to any request, including ones a hostile page triggers, so every unsafe method (POST, PUT,
  PATCH, DELETE) must carry the CSRF token (header ``X-CSRFToken``), checked by Django's own
  middleware logic; without it the answer is 403. Someone not signed in gets 401, not 403.
- Refused tokens are logged and counted per address with the failed passwords
  (``accounts/throttle.py``): past the limit, every token from that address gets 429 with
  ``Retry-After`` until the window has passed, so tokens cannot be guessed at speed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from ninja.errors import AuthenticationError, Throttled
from ninja.security import APIKeyCookie, HttpBearer

from benzotaper.web.accounts.models import ApiToken
from benzotaper.web.accounts.signins import token_failed
from benzotaper.web.accounts.throttle import client_address, seconds_to_wait, wait_in_words

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest


class PersonalToken(HttpBearer):
    """``Authorization: Bearer bzt_...``; the token's last use is recorded (at most once a minute)."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        wait = seconds_to_wait(address=client_address(request))
        if wait:
            throttled = Throttled(wait)
            throttled.message = f"Too many refused tokens from your address. Wait {wait_in_words(wait)}."
            raise throttled
        user = ApiToken.authenticate(token)
        if user is None:
            token_failed(request)
            raise AuthenticationError(
                message="The token is not valid: unknown, revoked, expired or of a closed account."
            )
        return user


class SignedInSession(APIKeyCookie):
    """The Django session cookie, with CSRF checked on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None  # 401 rather than a CSRF 403 for someone who is not signed in
        return super()._get_key(request)  # checks CSRF (403 when it fails)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None
