"""The private calendar address: a phone subscribes to the plan; it can be revoked."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.test import Client
from icalendar import Calendar


def subscribe(client: Any, reminders: bool = True) -> str:
    response = client.post_form("/report/calendar/", {"reminders": "on"} if reminders else {})
    found = re.search(r"http://testserver(/calendar/[\w-]+\.ics)", response.content.decode())
    assert found
    return found.group(1)


def test_the_address_gives_the_plan_as_a_calendar(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.gather import account_of

    address = subscribe(tapering_client)
    response = Client().get(address)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    steps = account_of(tapering).active_plan.plan().steps  # type: ignore[union-attr]
    assert len([e for e in calendar.events if "rrule" not in e]) == len(steps)
    assert any("rrule" in e for e in calendar.events)  # with reminders


def test_only_the_hash_of_the_token_is_stored(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.models import CalendarFeed

    token = subscribe(tapering_client).removeprefix("/calendar/").removesuffix(".ics")
    assert (
        CalendarFeed.objects.for_user(tapering).get().token_hash == hashlib.sha256(token.encode()).hexdigest()
    )


def test_a_revoked_address_gives_nothing(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.models import CalendarFeed

    address = subscribe(tapering_client, reminders=False)
    feed = CalendarFeed.objects.for_user(tapering).get()
    assert not feed.reminders
    tapering_client.post_form(f"/report/calendar/{feed.pk}/revoke/")
    response = Client().get(address)
    assert response.status_code == 410
    assert b"BEGIN:VEVENT" not in response.content


def test_without_a_plan_the_calendar_is_empty_not_an_error(alice_client: Any) -> None:
    response = Client().get(subscribe(alice_client))
    assert response.status_code == 200
    assert not Calendar.from_ical(response.content).events
