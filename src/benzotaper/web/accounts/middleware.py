"""Show times in the person's own time zone (stored times are UTC)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from benzotaper.web.accounts.models import Profile
from benzotaper.web.accounts.zones import is_time_zone


class PersonTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            zone = Profile.objects.for_user(request.user).values_list("time_zone", flat=True).first()
            timezone.activate(zone if zone and is_time_zone(zone) else "UTC")
        else:
            timezone.deactivate()
        return self.get_response(request)
