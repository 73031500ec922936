"""Bob's report, exports, share links and calendar addresses hold nothing of Alice's, and he cannot touch
hers."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

SECRET = "alice-private-7319"


def alice_with_a_secret(alice: Any, make_rows: Any) -> dict[str, Any]:
    rows = make_rows(alice)
    for name in ("CheckIn", "DoseTaken", "Medication"):
        row = rows[name]
        setattr(row, "note" if name == "DoseTaken" else "notes", SECRET)
        row.save()
    return rows


def test_bobs_exports_and_report_hold_nothing_of_alices(alice: Any, make_rows: Any, bob_client: Any) -> None:
    alice_with_a_secret(alice, make_rows)
    for kind in ("json", "csv", "fhir", "ics"):
        body = bob_client.get(f"/report/export/{kind}/").content
        assert SECRET.encode() not in body, kind
        assert b"alprazolam" not in body, kind
    response = bob_client.post_form(
        "/report/", {"date_from": "2027-01-01", "date_to": "2027-01-18", "action": "download"}
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert SECRET not in text and "alprazolam" not in text


def test_bob_sees_and_revokes_none_of_alices_links(alice: Any, make_rows: Any, bob_client: Any) -> None:
    rows = alice_with_a_secret(alice, make_rows)
    page = bob_client.get("/report/").content.decode()
    assert rows["ShareLink"].prefix not in page and rows["CalendarFeed"].prefix not in page
    assert bob_client.post_form(f"/report/share/{rows['ShareLink'].pk}/revoke/").status_code == 404
    assert bob_client.post_form(f"/report/calendar/{rows['CalendarFeed'].pk}/revoke/").status_code == 404
    for row in (rows["ShareLink"], rows["CalendarFeed"]):
        row.refresh_from_db()
        assert row.revoked_at is None
