"""A page works its CSRF token out once (``jinja_env.kept_csrf``), as Django's templates did: Today's many
forms and its ``csrf-token`` meta tag (which htmx sends) carry the same token, and the server takes it."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.web.journal.models import CheckIn, SavedPlan


def test_todays_forms_carry_one_token_that_the_server_takes(
    alice: User, alice_client: Client, alice_plan: SavedPlan
) -> None:
    html = alice_client.get("/").content.decode()
    in_forms = re.findall(r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">', html)
    in_meta = re.findall(r'<meta name="csrf-token" content="([^"]+)">', html)
    assert len(in_forms) >= 4  # sign out, the doses' buttons, the quick check-in
    assert set(in_forms) == set(in_meta)
    assert len(set(in_forms)) == 1

    quick = {"date": "2027-01-04", "version": "0", "wellbeing": "6", "csrfmiddlewaretoken": in_forms[0]}
    assert alice_client.post("/checkin/quick/", quick).status_code == 302
    assert CheckIn.objects.for_user(alice).get().wellbeing == 6
