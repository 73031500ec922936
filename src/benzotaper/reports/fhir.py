"""The journal as a FHIR R4 (4.0.1) Bundle of type "collection", for health records and clinic software.

Resources, each with a ``urn:uuid`` full URL derived from its content's place (the same account gives the
same bundle):

- ``Patient``: the person, with no name or other identifier (they can add them where the file goes).
- ``MedicationRequest`` (intent "plan"), one per drug of the active plan: a ``dosageInstruction`` per
  step and time of day, with the step's dates (``timing.repeat.boundsPeriod``), the time of day
  (``when``: MORN, NOON, AFT, EVE, NIGHT), the dose in mg and how to make it in words.
- ``MedicationStatement``, one per medicine in the journal (the tapered drugs and the others), with
  the dose as the person wrote it.
- ``MedicationAdministration``, one per dose recorded: "completed" with the amount taken, or "not-done"
  for a skipped dose.
- ``Observation`` (category "survey"), one per check-in: a component per symptom the person rated
  (0-4; unrated symptoms are absent), wellbeing (0-10), hours of sleep and red flags answered yes.

Codes: drugs carry their RxNorm ingredient code where the knowledge data has one (``rxnorm_code``), and
always their name as text; amounts use UCUM units (mg, h). Symptoms and red flags use this app's own
code system (``SYMPTOM_SYSTEM``), as no standard code covers the checklist items.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord
from benzotaper.planning import Plan, decimal_text, make_text
from benzotaper.reports.account import Account

UCUM = "http://unitsofmeasure.org"
SYMPTOM_SYSTEM = "urn:benzotaper:symptom"
RED_FLAG_SYSTEM = "urn:benzotaper:red-flag"
CHECKIN_SYSTEM = "urn:benzotaper:check-in"
# FHIR EventTiming codes for the knowledge data's times of day.
WHEN = {"morning": "MORN", "midday": "NOON", "afternoon": "AFT", "evening": "EVE", "night": "NIGHT"}
# A drug's CodeableConcept by name (``medication_concept``, looked up once per name in a bundle).
Concept = Callable[[str], dict[str, Any]]
_NAMESPACE = uuid.UUID("5f0b8e0e-4a8f-4c36-9f50-7d2c1a2b9e61")


def fhir_bundle(account: Account, generated_at: dt.datetime) -> dict[str, Any]:
    """The account as a FHIR R4 Bundle (JSON-ready); ``generated_at`` is the Bundle's timestamp."""
    entries: list[dict[str, Any]] = []

    def add(kind: str, key: str, resource: dict[str, Any]) -> str:
        url = f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{key}')}"
        entries.append({"fullUrl": url, "resource": {"resourceType": kind, **resource}})
        return url

    concepts: dict[str, dict[str, Any]] = {}

    def concept(name: str) -> dict[str, Any]:
        if name not in concepts:
            concepts[name] = medication_concept(name)
        return concepts[name]

    patient = {"reference": add("Patient", "person", {"active": True})}
    saved, plan = account.readable_active_plan()
    if saved is not None and plan is not None:
        for drug, resource in _requests(plan, saved.created_at, concept):
            add("MedicationRequest", drug, {**resource, "subject": patient})
    for index, medicine in enumerate(account.medications):
        add("MedicationStatement", str(index), {**_statement(medicine, concept), "subject": patient})
    for index, dose in enumerate(account.doses):
        add("MedicationAdministration", str(index), {**_administration(dose, concept), "subject": patient})
    for checkin in account.checkins:
        add("Observation", checkin.date.isoformat(), {**_observation(checkin), "subject": patient})
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": generated_at.isoformat(),
        "entry": entries,
    }


def fhir_json(account: Account, generated_at: dt.datetime) -> str:
    return json.dumps(fhir_bundle(account, generated_at), indent=1, ensure_ascii=False) + "\n"


def medication_concept(name: str) -> dict[str, Any]:
    """A CodeableConcept for a drug: its RxNorm code when the knowledge data has one, and its name."""
    from benzotaper.knowledge import UnknownDrugError, load_knowledge, rxnorm_code

    try:
        generic = load_knowledge().find_drug(name).name
    except UnknownDrugError:
        return {"text": name}
    code = rxnorm_code(generic)
    if code is None:
        return {"text": generic}
    return {"coding": [{"system": code.system, "code": code.code, "display": generic}], "text": generic}


def _quantity(value: Decimal, unit: str) -> dict[str, Any]:
    number: int | float = int(value) if value == value.to_integral_value() else float(value)
    return {"value": number, "unit": unit, "system": UCUM, "code": unit}


def _requests(plan: Plan, authored: dt.datetime, concept: Concept) -> list[tuple[str, dict[str, Any]]]:
    drugs = list(dict.fromkeys(d.drug for s in plan.steps for d in s.doses))
    out = []
    for drug in drugs:
        instructions = []
        for step in plan.steps:
            for dose in step.doses:
                if dose.drug != drug or dose.mg <= 0:
                    continue
                how = make_text(dose.make)
                instructions.append(
                    {
                        "sequence": step.number,
                        "text": f"Step {step.number}: {decimal_text(dose.mg)} mg {dose.time}"
                        + (f" ({how})" if how else ""),
                        "timing": {
                            "repeat": {
                                "boundsPeriod": {
                                    "start": step.start.isoformat(),
                                    "end": step.end.isoformat(),
                                },
                                "frequency": 1,
                                "period": 1,
                                "periodUnit": "d",
                                "when": [WHEN[dose.time]],
                            }
                        },
                        "doseAndRate": [{"doseQuantity": _quantity(dose.mg, "mg")}],
                    }
                )
        resource = {
            "status": "active",
            "intent": "plan",
            "medicationCodeableConcept": concept(drug),
            "authoredOn": authored.isoformat(),
            "note": [{"text": f"Taper plan, knowledge version {plan.knowledge_version}."}],
            "dosageInstruction": instructions,
        }
        out.append((drug, resource))
    return out


def _statement(medicine: MedicationRecord, concept: Concept) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "status": "active" if medicine.stopped is None else "completed",
        "medicationCodeableConcept": concept(medicine.name),
    }
    period = {}
    if medicine.started is not None:
        period["start"] = medicine.started.isoformat()
    if medicine.stopped is not None:
        period["end"] = medicine.stopped.isoformat()
    if period:
        resource["effectivePeriod"] = period
    dosage = " ".join(part for part in (medicine.dose_text, medicine.time) if part)
    if dosage:
        resource["dosage"] = [{"text": dosage}]
    if medicine.notes:
        resource["note"] = [{"text": medicine.notes}]
    return resource


def _administration(dose: DoseRecord, concept: Concept) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "status": "not-done" if dose.status == "skipped" else "completed",
        "medicationCodeableConcept": concept(dose.drug),
        "effectiveDateTime": dose.date.isoformat(),
    }
    text = f"{dose.time}, {dose.status.replace('_', ' ')}"
    if dose.planned_mg is not None:
        text += f", planned {decimal_text(dose.planned_mg)} mg"
    dosage: dict[str, Any] = {"text": text}
    if dose.taken_mg is not None:
        dosage["dose"] = _quantity(dose.taken_mg, "mg")
    resource["dosage"] = dosage
    if dose.note:
        resource["note"] = [{"text": dose.note}]
    return resource


def _observation(checkin: CheckInRecord) -> dict[str, Any]:
    components: list[dict[str, Any]] = []
    for score in checkin.symptoms:
        code = f"own:{score.symptom}" if score.custom else score.symptom
        components.append(
            {
                "code": {"coding": [{"system": SYMPTOM_SYSTEM, "code": code}], "text": score.symptom},
                "valueInteger": score.severity,
            }
        )
    if checkin.wellbeing is not None:
        components.append({"code": _own("wellbeing", "Wellbeing, 0-10"), "valueInteger": checkin.wellbeing})
    if checkin.sleep_hours is not None:
        components.append(
            {"code": _own("sleep", "Hours of sleep"), "valueQuantity": _quantity(checkin.sleep_hours, "h")}
        )
    for flag in checkin.red_flags:
        components.append(
            {
                "code": {"coding": [{"system": RED_FLAG_SYSTEM, "code": flag}], "text": flag},
                "valueBoolean": True,
            }
        )
    resource: dict[str, Any] = {
        "status": "final",
        "category": [
            {
                "coding": [
                    {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"}
                ]
            }
        ],
        "code": _own("check-in", "Benzodiazepine withdrawal symptom check-in"),
        "effectiveDateTime": checkin.date.isoformat(),
    }
    if components:
        resource["component"] = components
    notes = [checkin.notes] if checkin.notes else []
    notes += [f"{e.kind.replace('_', ' ')}: {e.text}" if e.text else e.kind for e in checkin.events]
    if notes:
        resource["note"] = [{"text": note} for note in notes]
    return resource


def _own(code: str, text: str) -> dict[str, Any]:
    return {"coding": [{"system": CHECKIN_SYSTEM, "code": code}], "text": text}
