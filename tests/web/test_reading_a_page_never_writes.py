"""A GET only reads: an account without a profile (made before profiles existed) sees the defaults on
every page and in the API, and nothing is stored until the person saves their settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benzotaper.web.accounts.models import Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.test import Client

PATHS = ["/", "/checkin/", "/journal/", "/plan/", "/insights/", "/report/", "/accounts/settings/"]


@pytest.mark.parametrize("path", [*PATHS, "/api/v1/checkins", "/api/v1/insights"])
def test_it_shows_a_page_to_an_account_without_a_profile_without_writing(
    alice: User, alice_client: Client, path: str
) -> None:
    Profile.objects.for_user(alice).delete()
    with CaptureQueriesContext(connection) as captured:
        response = alice_client.get(path)
    assert response.status_code == 200
    writes = [q["sql"] for q in captured if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    writes = [sql for sql in writes if "django_session" not in sql]
    assert writes == []
    assert not Profile.objects.for_user(alice).exists()


def test_saving_the_settings_stores_the_profile(alice: User, alice_client: Client) -> None:
    Profile.objects.for_user(alice).delete()
    response = alice_client.post_form("/accounts/settings/", {"time_zone": "Europe/Paris", "country": "US"})
    assert response.status_code == 302
    assert Profile.objects.for_user(alice).get().time_zone == "Europe/Paris"
