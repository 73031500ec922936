"""Settings: the person's time zone and country."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.accounts.models import Profile


def test_it_saves_the_time_zone_and_country(alice_client: Client, alice: User, bob: User) -> None:
    response = alice_client.post_form(
        "/accounts/settings/", {"time_zone": "America/Chicago", "country": "US"}
    )
    assert response["Location"] == "/accounts/settings/"
    assert (Profile.of(alice).time_zone, Profile.of(alice).country) == ("America/Chicago", "US")
    assert Profile.of(bob).time_zone == "Europe/London"


def test_it_refuses_a_time_zone_that_does_not_exist(alice_client: Client, alice: User) -> None:
    response = alice_client.post_form("/accounts/settings/", {"time_zone": "Mars/Olympus", "country": "US"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_time_zone_error">' in html
    assert Profile.of(alice).time_zone == "Europe/London"


def test_dates_follow_the_persons_time_zone(alice: User) -> None:
    import datetime as dt

    import time_machine

    profile = Profile.of(alice)
    profile.time_zone = "Pacific/Auckland"
    profile.save()
    with time_machine.travel(dt.datetime(2027, 1, 4, 12, 0, tzinfo=dt.UTC), tick=False):
        assert profile.today() == dt.date(2027, 1, 5)
