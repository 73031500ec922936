"""The JSON backup: everything a person entered, to keep or to restore into an empty account.

The file is one JSON object::

    {"format": "benzotaper-backup", "version": 1, "profile": {...}, "medications": [...],
     "custom_symptoms": [...], "plans": [...], "doses": [...], "checkins": [...]}

Doses, sleep and other decimals are strings ("0.5"), never floats, so they come back exactly; dates are
ISO 8601. A check-in lists only the symptoms the person rated (an unrated symptom is absent, never 0).
Saved plans carry the planner's own JSON (``request`` and ``plan``) untouched.

``read_backup`` checks the whole file before anything is restored and raises ``BackupError`` with where
and what is wrong; a file written by a newer version of benzotaper is refused (its meaning may have
changed), an older one is read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from benzotaper.journal import (
    NOTE_MAX,
    CheckInRecord,
    DoseRecord,
    Event,
    MedicationRecord,
    SymptomScore,
    journal_day_problem,
)
from benzotaper.planning import RiskFactors
from benzotaper.records import asdict, fields
from benzotaper.reports.account import (
    Account,
    CustomSymptomRecord,
    PlanChangeRecord,
    ProfileRecord,
    SavedPlanRecord,
)

FORMAT = "benzotaper-backup"
VERSION = 1

_T = TypeVar("_T")


class BackupError(ValueError):
    """The file is not a backup this version can restore; the message says where and why."""


def backup_json(account: Account) -> str:
    """The account as the backup's JSON text (UTF-8, keys in a fixed order: the same data gives the
    same file)."""
    return json.dumps(backup_dict(account), indent=1, ensure_ascii=False) + "\n"


def backup_dict(account: Account) -> dict[str, Any]:
    profile = account.profile
    return {
        "format": FORMAT,
        "version": VERSION,
        "profile": {"time_zone": profile.time_zone, "country": profile.country, **asdict(profile.risk)},
        "medications": [
            {
                "name": m.name,
                "kind": m.kind,
                "dose_text": m.dose_text,
                "time": m.time,
                "started": _date_text(m.started),
                "stopped": _date_text(m.stopped),
                "notes": m.notes,
            }
            for m in account.medications
        ],
        "custom_symptoms": [{"name": s.name, "active": s.active} for s in account.custom_symptoms],
        "plans": [
            {
                "key": p.key,
                "created_at": p.created_at.isoformat(),
                "name": p.name,
                "status": p.status,
                "replaces": p.replaces,
                "reason": p.reason,
                "knowledge_version": p.knowledge_version,
                "request": p.request,
                "plan": p.plan_json,
                "changes": [
                    {
                        "date": c.date.isoformat(),
                        "kind": c.kind,
                        "reason": c.reason,
                        "details": c.details,
                        "created_at": c.created_at.isoformat() if c.created_at else None,
                    }
                    for c in p.changes
                ],
            }
            for p in account.plans
        ],
        "doses": [
            {
                "date": d.date.isoformat(),
                "time": d.time,
                "drug": d.drug,
                "planned_mg": _decimal_text(d.planned_mg),
                "taken_mg": _decimal_text(d.taken_mg),
                "status": d.status,
                "note": d.note,
            }
            for d in account.doses
        ],
        "checkins": [
            {
                "date": c.date.isoformat(),
                "wellbeing": c.wellbeing,
                "sleep_hours": _decimal_text(c.sleep_hours),
                "notes": c.notes,
                "symptoms": [
                    {"symptom": s.symptom, "severity": s.severity, "custom": s.custom} for s in c.symptoms
                ],
                "events": [{"kind": e.kind, "text": e.text} for e in c.events],
                "red_flags": list(c.red_flags),
            }
            for c in account.checkins
        ],
    }


def read_backup(text: str | bytes, now: dt.datetime | None = None) -> Account:
    """The account in a backup file's text; ``BackupError`` when it cannot be restored as it is.

    What was logged must be dated from 1970 to the person's today (``journal_day_problem``, the same
    rule as the forms and the API), judged at ``now`` (default: the clock) in the backup's time zone.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(
            f"The file is not JSON ({error}). Choose a backup made by benzotaper export."
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("The file is not a benzotaper backup. Choose a file made by benzotaper export.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError("The backup has no valid version number. Make the backup again.")
    if version > VERSION:
        raise BackupError(
            f"The backup was made by a newer benzotaper (backup version {version}; this one reads up to "
            f"{VERSION}). Update benzotaper, then import it again."
        )
    reader = _Reader(now or dt.datetime.now(dt.UTC))
    account = reader.account(data)
    _check_plans(account)
    return account


def _check_plans(account: Account) -> None:
    keys = [p.key for p in account.plans]
    if len(keys) != len(set(keys)):
        raise BackupError("plans: two plans have the same key. Make the backup again.")
    if sum(p.status == "active" for p in account.plans) > 1:
        raise BackupError("plans: more than one plan is active. Make the backup again.")
    for index, plan in enumerate(account.plans):
        if plan.replaces is not None and plan.replaces not in keys:
            raise BackupError(f"plans[{index}].replaces: there is no plan {plan.replaces}.")
        try:
            plan.plan()
        except ValueError as error:
            raise BackupError(f"plans[{index}]: the plan cannot be read ({error}).") from None


class _Reader:
    """Reads the JSON into records, naming the place of the first problem (``checkins[3].date``)."""

    def __init__(self, now: dt.datetime) -> None:
        self.where: list[str] = []
        self.now = now
        self.today = now.date()

    def day(self, data: dict[str, Any], key: str) -> dt.date:
        """A date of something logged, within the journal's bounds (``journal_day_problem``)."""
        return self._bounded(key, self.at(data, key, _date))

    def optional_day(self, data: dict[str, Any], key: str) -> dt.date | None:
        day = self.at(data, key, _optional(_date))
        return None if day is None else self._bounded(key, day)

    def _bounded(self, key: str, day: dt.date) -> dt.date:
        problem = journal_day_problem(day, self.today)
        if problem:
            raise self.fail_at(key, problem.rstrip("."))
        return day

    def note(self, data: dict[str, Any], key: str) -> str:
        text = self.at(data, key, _text)
        if len(text) > NOTE_MAX:
            raise self.fail_at(key, f"is longer than {NOTE_MAX:,} characters")
        return text

    def fail_at(self, key: str, message: str) -> BackupError:
        self.where.append(f".{key}")
        try:
            return self.fail(message)
        finally:
            self.where.pop()

    def fail(self, message: str) -> BackupError:
        place = "".join(self.where).lstrip(".") or "the file"
        return BackupError(f"{place}: {message}. The backup is damaged; nothing was imported.")

    def at(self, data: dict[str, Any], key: str, read: Callable[[Any], _T]) -> _T:
        self.where.append(f".{key}")
        if key not in data:
            raise self.fail("is missing")
        try:
            return read(data[key])
        except (ValueError, TypeError, InvalidOperation) as error:
            if isinstance(error, BackupError):
                raise
            raise self.fail(str(error) or "has the wrong type") from None
        finally:
            self.where.pop()

    def items(self, data: dict[str, Any], key: str, read: Callable[[dict[str, Any]], _T]) -> tuple[_T, ...]:
        rows = self.at(data, key, _list)
        out = []
        for index, row in enumerate(rows):
            self.where.append(f".{key}[{index}]")
            try:
                if not isinstance(row, dict):
                    raise self.fail("is not an object")
                out.append(read(row))
            except BackupError:
                raise
            except (
                ValueError,
                TypeError,
            ) as error:  # a record's own check, e.g. a skipped dose with an amount
                raise self.fail(str(error)) from None
            finally:
                self.where.pop()
        return tuple(out)

    def account(self, data: dict[str, Any]) -> Account:
        return Account(
            profile=self.at(data, "profile", self.profile),
            medications=self.items(data, "medications", self.medication),
            custom_symptoms=self.items(
                data,
                "custom_symptoms",
                lambda r: CustomSymptomRecord(self.at(r, "name", _text), self.at(r, "active", _bool)),
            ),
            plans=self.items(data, "plans", self.plan),
            doses=self.items(data, "doses", self.dose),
            checkins=self.items(data, "checkins", self.checkin),
        )

    def profile(self, data: Any) -> ProfileRecord:
        record = self._profile(data)
        # An unknown time zone keeps UTC's today here: the restore refuses it with its own message.
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            self.today = self.now.astimezone(ZoneInfo(record.time_zone)).date()
        return record

    def _profile(self, data: Any) -> ProfileRecord:
        data = _object(data)
        # Every risk factor is a flag but the days of use, a whole number or null (planning.RiskFactors).
        risk: dict[str, Any] = {
            f.name: self.at(data, f.name, _optional(_int) if f.name == "days_of_use" else _bool)
            for f in fields(RiskFactors)
        }
        return ProfileRecord(
            time_zone=self.at(data, "time_zone", _text),
            country=self.at(data, "country", _text),
            risk=RiskFactors(**risk),
        )

    def medication(self, r: dict[str, Any]) -> MedicationRecord:
        return MedicationRecord(
            name=self.at(r, "name", _text),
            kind=self.at(r, "kind", _text),  # type: ignore[arg-type]  # checked by MedicationRecord
            dose_text=self.at(r, "dose_text", _text),
            time=self.at(r, "time", _text),
            started=self.optional_day(r, "started"),
            stopped=self.optional_day(r, "stopped"),
            notes=self.note(r, "notes"),
        )

    def plan(self, r: dict[str, Any]) -> SavedPlanRecord:
        return SavedPlanRecord(
            key=self.at(r, "key", _int),
            created_at=self.at(r, "created_at", _datetime),
            name=self.at(r, "name", _text),
            status=self.at(r, "status", _text),
            replaces=self.at(r, "replaces", _optional(_int)),
            reason=self.at(r, "reason", _text),
            knowledge_version=self.at(r, "knowledge_version", _text),
            request=self.at(r, "request", _object),
            plan_json=self.at(r, "plan", _object),
            changes=self.items(r, "changes", self.change),
        )

    def change(self, r: dict[str, Any]) -> PlanChangeRecord:
        return PlanChangeRecord(
            date=self.at(r, "date", _date),
            kind=self.at(r, "kind", _text),
            reason=self.at(r, "reason", _text),
            details=self.at(r, "details", _object),
            created_at=self.at(r, "created_at", _optional(_datetime)),
        )

    def event(self, r: dict[str, Any]) -> Event:
        kind = self.at(r, "kind", _text)
        return Event(kind, self.at(r, "text", _text))  # type: ignore[arg-type]  # Event checks the kind

    def dose(self, r: dict[str, Any]) -> DoseRecord:
        return DoseRecord(
            date=self.day(r, "date"),
            time=self.at(r, "time", _text),
            drug=self.at(r, "drug", _text),
            planned_mg=self.at(r, "planned_mg", _optional(_decimal)),
            taken_mg=self.at(r, "taken_mg", _optional(_decimal)),
            status=self.at(r, "status", _text),  # type: ignore[arg-type]  # checked by DoseRecord
            note=self.note(r, "note"),
        )

    def checkin(self, r: dict[str, Any]) -> CheckInRecord:
        return CheckInRecord(
            date=self.day(r, "date"),
            wellbeing=self.at(r, "wellbeing", _optional(_int)),
            sleep_hours=self.at(r, "sleep_hours", _optional(_decimal)),
            notes=self.note(r, "notes"),
            symptoms=self.items(
                r,
                "symptoms",
                lambda s: SymptomScore(
                    self.at(s, "symptom", _text), self.at(s, "severity", _int), self.at(s, "custom", _bool)
                ),
            ),
            events=self.items(r, "events", self.event),
            red_flags=tuple(self.at(r, "red_flags", _texts)),
        )


def _date_text(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("is not text")
    return value


def _texts(value: Any) -> list[str]:
    return [_text(item) for item in _list(value)]


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("is not true or false")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("is not a whole number")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("is not a list")
    return value


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("is not an object")
    return value


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(_text(value))


def _datetime(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("has no time zone offset")
    return moment


def _decimal(value: Any) -> Decimal:
    number = Decimal(_text(value))
    if not number.is_finite():
        raise ValueError(f"{value} is not a number")
    return number


def _optional(read: Callable[[Any], _T]) -> Callable[[Any], _T | None]:
    return lambda value: None if value is None else read(value)
