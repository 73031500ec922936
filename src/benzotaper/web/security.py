"""Content-Security-Policy: the browser runs only our own files, and no one can frame our pages.

Why this policy. The journal holds health data; the worst thing a bug could do is let someone else's
script read it. So every page says::

    default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;
    connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'

- Scripts and styles load only from this server, never inline: an injected ``<script>`` or
  ``onclick=`` does not run even if escaping ever failed. This is why htmx is vendored (no CDN), why
  ``static/js/htmx-config.js`` turns off htmx's ``eval`` (``hx-on``, ``js:`` values) and its
  injected indicator ``<style>``, and why the CSRF token reaches htmx from a ``<meta>`` tag rather
  than from an inline script. Charts are server-rendered SVG, so no chart script needs an exception.
- ``img-src data:`` allows small inline images (SVG icons); ``connect-src 'self'`` keeps htmx
  requests on this server.
- ``frame-ancestors 'none'`` (with Django's ``X-Frame-Options: DENY``) stops clickjacking;
  ``form-action`` and ``base-uri`` stop an injected ``<form>`` or ``<base>`` from sending data away.

The other headers come from Django's ``SecurityMiddleware``, set in ``settings.py``:
``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin`` (a link to an outside site
does not tell it which page of the journal it came from).

Two more headers come from ``PrivateResponseMiddleware`` below:

- ``Cache-Control: no-store, private`` on every answer to someone signed in (a session or an API
  token): a journal page or API answer must not stay in a shared proxy's cache, nor in the browser's
  disk cache where the next user of a shared computer could open it with the Back button.
- ``Permissions-Policy`` turns off the browser features the app never uses (camera, microphone,
  location, payment, USB...), so even injected content could not ask for them.

The ``Server`` header is not sent at all (``serve`` gives waitress an empty identity): the product
name and version tell a scanner which known weaknesses to try.

Django 5.2 has no CSP support of its own (it arrives in 6.0), and one fixed header needs no library.
A view that truly needs another policy can set its own ``Content-Security-Policy`` header; this
middleware never overwrites one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
    )
)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi",
        "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial",
        "usb", "xr-spatial-tracking",
    )
)  # fmt: skip
PRIVATE_CACHE_CONTROL = "no-store, private"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class PrivateResponseMiddleware:
    """No caching of anything a signed-in person sees; no browser feature the app does not use.

    Placed after the authentication middleware, so ``request.user`` is known; a request with an
    ``Authorization`` header (an API token) counts as signed in whether or not the token was good.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response
