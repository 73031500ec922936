"""Every export downloads from the Report page, Settings and the "delete all my data" page."""

from __future__ import annotations

import json
from typing import Any

import pytest


@pytest.mark.parametrize("page", ["/report/", "/accounts/settings/", "/accounts/delete/"])
def test_the_page_offers_every_export(tapering_client: Any, page: str) -> None:
    body = tapering_client.get(page).content.decode()
    for kind in ("json", "csv", "fhir", "ics"):
        assert f"/report/export/{kind}/" in body


@pytest.mark.parametrize(
    ("kind", "content_type", "starts"),
    [
        ("json", "application/json", b'{\n "format": "benzotaper-backup"'),
        ("csv", "text/csv; charset=utf-8", b"date,"),
        ("fhir", "application/fhir+json", b'{\n "resourceType": "Bundle"'),
        ("ics", "text/calendar; charset=utf-8", b"BEGIN:VCALENDAR"),
    ],
)
def test_each_export_downloads_as_a_file(
    tapering_client: Any, kind: str, content_type: str, starts: bytes
) -> None:
    response = tapering_client.get(f"/report/export/{kind}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="benzotaper-2027-03-01.')
    assert response.content.startswith(starts)


def test_the_backup_download_restores_with_the_command_line_reader(tapering_client: Any) -> None:
    from benzotaper.reports.backup import read_backup

    account = read_backup(tapering_client.get("/report/export/json/").content)
    assert account.checkins and json.loads(tapering_client.get("/report/export/fhir/").content)["entry"]


def test_an_unknown_export_is_not_found(tapering_client: Any) -> None:
    assert tapering_client.get("/report/export/xlsx/").status_code == 404


def test_signed_out_there_is_no_export(client: Any) -> None:
    response = client.get("/report/export/json/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
