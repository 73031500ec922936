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
    start = html.index(f"<h3>{name}</h3>")
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
    assert "<strong>Major interaction</strong> with alprazolam" in tramadol
    assert "respiratory depression" in tramadol and "What to ask your prescriber:" in tramadol
    assert "<summary>The figures and sources</summary>" in tramadol
    assert '<a href="https://www.fda.gov/Drugs/DrugSafety/ucm518473.htm"' in tramadol  # the source, a link
    warfarin = finding(html, "warfarin")
    assert "No interaction documented" in warfarin and "falls" in warfarin
    unknown = finding(html, "Mystery tonic")
    assert "Not in our data" in unknown and "does not mean it is safe" in unknown
    assert (
        html.index("<h3>Tramadol</h3>")
        < html.index("<h3>warfarin</h3>")
        < html.index("<h3>Mystery tonic</h3>")
    )


def test_a_medicine_no_longer_taken_is_not_checked(alice: User, alice_client: Client) -> None:
    import datetime as dt

    give(
        alice, MedicationRecord("Tramadol", "other", stopped=dt.date(2020, 1, 1), started=dt.date(2019, 1, 1))
    )
    html = alice_client.get("/insights/").content.decode()
    assert "<h3>Tramadol</h3>" not in html


def test_each_medicine_shows_only_what_concerns_it_and_the_persons_benzodiazepine(
    alice: User, alice_client: Client
) -> None:
    give(
        alice,
        MedicationRecord("diazepam", "benzodiazepine", "5mg", "morning"),
        MedicationRecord("omeprazole", "other", "20mg", "morning"),
        MedicationRecord("melatonin", "other", "2mg", "night"),
    )
    html = alice_client.get("/insights/").content.decode()
    omeprazole = finding(html, "omeprazole")
    assert "Omeprazole 40 mg/d" in omeprazole and "diazepam" in omeprazole
    for other in ("fluvoxamine", "Fluvoxamine", "voriconazole", "Voriconazole"):
        assert other not in omeprazole
    melatonin = finding(html, "melatonin")
    assert "sleepier than either alone" in melatonin
    for other in ("kava", "Kava", "semicomatose", "alprazolam"):
        assert other not in melatonin
    assert '<a href="https://discovery.researcher.life/' in omeprazole  # its source, behind a link
