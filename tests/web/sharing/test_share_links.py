"""Share links: a clinician sees the report read-only until it expires or is revoked; every view is
logged for the person; the token is stored only as its hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import time_machine
from django.test import Client
from report_story import NOW, TODAY

FORM = {"date_from": "2027-01-01", "date_to": TODAY.isoformat(), "name": "Alice", "action": "share"}


def share(client: Any, **extra: str) -> str:
    """Make a share link on the Report page; its address, shown once."""
    response = client.post_form("/report/", {**FORM, "days": "14", "label": "Dr Who", **extra})
    found = re.search(r"http://testserver(/share/[\w-]+/)", response.content.decode())
    assert found, "the new link is shown"
    return found.group(1)


def test_a_clinician_sees_the_report_and_charts_without_signing_in(tapering_client: Any) -> None:
    address = share(tapering_client)
    response = Client().get(address)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Taper report of Alice" in page and "<svg" in page
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    pdf = Client().get(address + "report.pdf")
    assert pdf["Content-Type"] == "application/pdf"


def test_only_the_hash_of_the_token_is_stored(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.models import ShareLink

    token = share(tapering_client).split("/")[2]
    row = ShareLink.objects.for_user(tapering).get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.for_user(tapering).values().get())
    assert len(token) >= 43  # 256 random bits


def test_it_expires_after_the_days_chosen_and_then_shows_nothing(tapering_client: Any) -> None:
    address = share(tapering_client, days="3")
    with time_machine.travel(NOW + dt.timedelta(days=3, seconds=1), tick=False):
        response = Client().get(address)
        assert response.status_code == 410
        page = response.content.decode()
        assert "This link has expired" in page
        assert "Alice" not in page and "<svg" not in page
        assert Client().get(address + "report.pdf").status_code == 410


def test_it_works_for_14_days_unless_the_person_chooses(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.models import ShareLink

    tapering_client.post_form("/report/", {**FORM})
    assert ShareLink.objects.for_user(tapering).get().expires_at == NOW + dt.timedelta(days=14)


def test_a_revoked_link_says_so_and_shows_nothing(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.models import ShareLink

    address = share(tapering_client)
    row = ShareLink.objects.for_user(tapering).get()
    tapering_client.post_form(f"/report/share/{row.pk}/revoke/")
    response = Client().get(address)
    assert response.status_code == 410
    assert "This link was revoked" in response.content.decode()
    assert "Alice" not in response.content.decode()


def test_every_view_is_logged_for_the_person_to_see(tapering: Any, tapering_client: Any) -> None:
    from benzotaper.web.sharing.models import ShareView

    address = share(tapering_client)
    Client().get(address)
    Client().get(address + "report.pdf")
    assert sorted(ShareView.objects.for_user(tapering).values_list("what", flat=True)) == ["page", "pdf"]
    page = tapering_client.get("/report/").content.decode()
    assert "Opened 2 times" in page and "(PDF)" in page


def test_an_unknown_token_opens_nothing(db: None) -> None:
    response = Client().get("/share/not-a-real-token/")
    assert response.status_code == 404
    assert "There is no share at this address" in response.content.decode()


def test_the_share_form_refuses_more_than_90_days_and_makes_no_link(
    tapering: Any, tapering_client: Any
) -> None:
    from benzotaper.web.sharing.models import ShareLink

    response = tapering_client.post_form("/report/", {**FORM, "days": "365"})
    assert "less than or equal to 90" in response.content.decode()
    assert not ShareLink.objects.for_user(tapering).exists()


def test_bob_cannot_revoke_alices_link(tapering_client: Any, tapering: Any, bob_client: Any) -> None:
    from benzotaper.web.sharing.models import ShareLink

    share(tapering_client)
    row = ShareLink.objects.for_user(tapering).get()
    assert bob_client.post_form(f"/report/share/{row.pk}/revoke/").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None
