"""Writing the sign-in log: every password sign-in, good or bad (``SignIn``; read in Settings)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.http import HttpRequest

from benzotaper.web.accounts.models import SignIn
from benzotaper.web.accounts.throttle import browser, client_address

RECENT = 10
"""How many sign-ins Settings shows."""


def _succeeded(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None:
        SignIn.record(kind=SignIn.PASSWORD, succeeded=True, username=user.get_username(),
                      address=client_address(request), browser=browser(request))  # fmt: skip


def _failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is not None:
        SignIn.record(kind=SignIn.PASSWORD, succeeded=False, username=str(credentials.get("username", "")),
                      address=client_address(request), browser=browser(request))  # fmt: skip


def token_failed(request: HttpRequest) -> None:
    """Log a refused API token (no account: the token named none)."""
    SignIn.record(kind=SignIn.TOKEN, succeeded=False, username="", address=client_address(request),
                  browser=browser(request))  # fmt: skip


def connect() -> None:
    user_logged_in.connect(_succeeded, dispatch_uid="benzotaper.signins.succeeded")
    user_login_failed.connect(_failed, dispatch_uid="benzotaper.signins.failed")
