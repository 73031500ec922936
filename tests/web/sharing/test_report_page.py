"""The Report page: choose a period and sections, preview page 1, download the PDF (with a password)."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from report_story import TODAY

FORM = {"date_from": "2027-01-01", "date_to": TODAY.isoformat(), "name": "Alice", "questions": "Why?"}


def test_it_offers_the_last_90_days_by_default(tapering_client: Any) -> None:
    page = tapering_client.get("/report/").content.decode()
    assert 'value="2026-12-02"' in page and f'value="{TODAY.isoformat()}"' in page
    assert "/report/export/json/" in page


def test_the_preview_shows_page_one_as_an_image(tapering_client: Any) -> None:
    response = tapering_client.post_form("/report/", {**FORM, "action": "preview"})
    assert response.status_code == 200
    assert 'src="data:image/png;base64,' in response.content.decode()


def test_the_download_is_the_pdf_with_what_was_chosen(tapering_client: Any) -> None:
    response = tapering_client.post_form("/report/", {**FORM, "action": "download", "leave_out": ["notes"]})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="taper-report-{TODAY.isoformat()}.pdf"'
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Period: 2027-01-01 to 2027-03-01" in " ".join(text.split())
    assert "Step-by-step schedule" in text and "\nNotes\n" not in text


def test_with_a_password_the_pdf_opens_only_with_it(tapering_client: Any) -> None:
    response = tapering_client.post_form("/report/", {**FORM, "action": "download", "password": "s3cret"})
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.is_encrypted
    assert not reader.decrypt("wrong")
    assert reader.decrypt("s3cret")
    assert "Taper report" in reader.pages[0].extract_text()


def test_a_period_that_ends_before_it_starts_is_refused_and_keeps_what_was_typed(
    tapering_client: Any,
) -> None:
    data = {**FORM, "date_from": "2027-02-10", "date_to": "2027-02-01", "action": "download"}
    response = tapering_client.post_form("/report/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot end before it starts" in page
    assert 'value="2027-02-10"' in page and "Why?" in page


def test_a_period_that_ends_after_today_is_refused(tapering_client: Any) -> None:
    response = tapering_client.post_form("/report/", {**FORM, "date_to": "2027-03-05", "action": "preview"})
    assert "ends today at the latest" in response.content.decode()


def test_a_date_that_is_not_a_date_is_refused_without_an_error_page(tapering_client: Any) -> None:
    response = tapering_client.post_form("/report/", {**FORM, "date_from": "yesterday", "action": "preview"})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_a_person_with_nothing_recorded_gets_a_report_that_says_so(alice_client: Any) -> None:
    response = alice_client.post_form("/report/", {**FORM, "action": "download"})
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    assert "Not enough data" in text and "No saved plan" in text


def test_a_date_of_birth_after_today_is_refused(tapering_client: Any) -> None:
    response = tapering_client.post_form(
        "/report/", {**FORM, "date_of_birth": "2037-05-01", "action": "preview"}
    )
    page = response.content.decode()
    assert "A date of birth is before today" in page and "data:image/png" not in page
