"""Each other medicine is checked against the person's benzodiazepines and said plainly: an interaction
with its severity, why and what to ask; "no interaction documented" (warfarin); or "not in our data"."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.journal import MedicationRecord
from benzotaper.web.journal.models import Medication


def give(user: User, *medicines: MedicationRecord) -> None:
    for medicine in medicines:
        Medication.from_record(user, medicine).save()


def finding(html: str, name: str) -> str:
    start = html.index(f"<h3>{name}:")
    return html[start : html.index("</li>", start)]


def test_tramadol_warfarin_and_an_unknown_medicine(alice: User, alice_client: Client) -> None:
    give(
        alice,
        MedicationRecord("alprazolam", "benzodiazepine", "0.5mg", "morning"),
        MedicationRecord("Tramadol", "other", "50mg", "morning"),
        MedicationRecord("warfarin", "other", "3mg", "evening"),
        MedicationRecord("Mystery tonic", "other"),
    )
    html = alice_client.get("/insights/").content.decode()
    tramadol = finding(html, "Tramadol")
    assert "Major interaction" in tramadol and "With alprazolam." in tramadol
    assert "respiratory depression" in tramadol and "What to ask:" in tramadol
    warfarin = finding(html, "warfarin")
    assert "No interaction documented" in warfarin and "falls" in warfarin
    unknown = finding(html, "Mystery tonic")
    assert "Not in our data" in unknown and "does not mean it is safe" in unknown
    assert html.index("<h3>Tramadol:") < html.index("<h3>warfarin:") < html.index("<h3>Mystery tonic:")


def test_a_medicine_no_longer_taken_is_not_checked(alice: User, alice_client: Client) -> None:
    import datetime as dt

    give(
        alice, MedicationRecord("Tramadol", "other", stopped=dt.date(2020, 1, 1), started=dt.date(2019, 1, 1))
    )
    html = alice_client.get("/insights/").content.decode()
    assert "<h3>Tramadol:" not in html
