"""The FHIR R4 export: a Bundle the fhirclient R4 (4.0.1) models accept, with RxNorm and UCUM codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from report_story import NOW

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_is_valid_fhir_r4(tapering: User) -> None:
    from fhirclient.models.bundle import Bundle

    from benzotaper.reports.fhir import fhir_bundle
    from benzotaper.web.sharing.gather import account_of

    data = fhir_bundle(account_of(tapering), NOW)
    parsed = Bundle(data, strict=True)  # raises on an unknown field, a wrong type or a missing status
    assert parsed.type == "collection"
    assert parsed.as_json()["entry"][0]["resource"]["resourceType"] == "Patient"


def test_every_dose_and_check_in_is_in_the_bundle(tapering: User) -> None:
    from benzotaper.reports.fhir import fhir_bundle
    from benzotaper.web.sharing.gather import account_of

    account = account_of(tapering)
    data = fhir_bundle(account, NOW)
    given = resources(data, "MedicationAdministration")
    assert len(given) == len(account.doses)
    assert sum(r["status"] == "not-done" for r in given) == sum(d.status == "skipped" for d in account.doses)
    observations = resources(data, "Observation")
    assert [o["effectiveDateTime"] for o in observations] == [c.date.isoformat() for c in account.checkins]
    for observation, checkin in zip(observations, account.checkins, strict=True):
        rated = [c for c in observation["component"] if c["code"]["coding"][0]["system"].endswith("symptom")]
        assert [c["valueInteger"] for c in rated] == [s.severity for s in checkin.symptoms]


def test_drugs_carry_rxnorm_codes_and_doses_ucum_units(tapering: User) -> None:
    from benzotaper.reports.fhir import UCUM, fhir_bundle
    from benzotaper.web.sharing.gather import account_of

    data = fhir_bundle(account_of(tapering), NOW)
    requests = resources(data, "MedicationRequest")
    codes = {
        r["medicationCodeableConcept"]["text"]: r["medicationCodeableConcept"]["coding"][0] for r in requests
    }
    assert codes["diazepam"] == {
        "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
        "code": "3322",
        "display": "diazepam",
    }
    dose = requests[0]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
    assert dose["system"] == UCUM and dose["code"] == "mg"
    assert all(
        i["timing"]["repeat"]["when"][0] in {"MORN", "NOON", "AFT", "EVE", "NIGHT"}
        for r in requests
        for i in r["dosageInstruction"]
    )


def test_the_same_account_gives_the_same_bundle(tapering: User) -> None:
    from benzotaper.reports.fhir import fhir_json
    from benzotaper.web.sharing.gather import account_of

    assert fhir_json(account_of(tapering), NOW) == fhir_json(account_of(tapering), NOW)
