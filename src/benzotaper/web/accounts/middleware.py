"""The person on the request: ``request.profile`` is read once, and times show in their time zone.

Views are typed with ``PersonRequest`` (as Healthchecks' ``AuthenticatedHttpRequest``) and take the
profile from the request instead of fetching it again. Reading it never writes: the profile is made
with the account (``accounts.people.add_person``); an account from before profiles existed gets the
defaults, unsaved, until the person saves their settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from benzotaper.web.accounts.models import Profile
from benzotaper.web.accounts.zones import is_time_zone

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_htmx.middleware import HtmxDetails


class PersonRequest(HttpRequest):
    """A request from a signed-in person, through the app's middleware."""

    user: User
    profile: Profile
    htmx: HtmxDetails


class PersonProfileMiddleware:
    """Sets ``request.profile`` for a signed-in person and shows times in their time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            profile = Profile.of(request.user)
            request.profile = profile  # type: ignore[attr-defined]
            zone = profile.time_zone
            timezone.activate(zone if is_time_zone(zone) else "UTC")
        else:
            timezone.deactivate()
        return self.get_response(request)
