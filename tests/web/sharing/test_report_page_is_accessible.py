"""The Report page labels every field, and the shared report has the page's landmarks without the menu."""

from __future__ import annotations

import re
from typing import Any

from report_story import TODAY


def test_every_field_of_the_report_page_has_a_label(tapering_client: Any) -> None:
    html = tapering_client.get("/report/").content.decode()
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html)
    assert len(ids) >= 10
    for field_id in ids:
        assert f'<label for="{field_id}"' in html, f"{field_id} has no label"


def test_the_shared_report_has_landmarks_and_no_menu(tapering_client: Any, client: Any) -> None:
    form = {"date_from": "2027-01-01", "date_to": TODAY.isoformat(), "action": "share"}
    page = tapering_client.post_form("/report/", form).content.decode()
    address = re.search(r"http://testserver(/share/[\w-]+/)", page)
    assert address
    html = client.get(address.group(1)).content.decode()
    assert '<main id="main"' in html and "<h1>" in html
    assert '<nav aria-label="Main">' not in html  # the clinician is not signed in: no menu of the app
