"""The data migration drops the old form's untouched default zeros, and only those it can prove."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps
from django.contrib.auth.models import User

from benzotaper.journal import CheckInRecord, SymptomScore
from benzotaper.knowledge import load_symptoms
from benzotaper.web.journal.models import CheckIn

migration = importlib.import_module("benzotaper.web.journal.migrations.0003_drop_untouched_default_ratings")
CODES = [item.code for item in load_symptoms().rated_items]


def checkin(user: User, day: int, scores: list[SymptomScore], **answers: object) -> CheckIn:
    row = CheckIn.from_record(user, CheckInRecord(dt.date(2026, 12, day), **answers))  # type: ignore[arg-type]
    row.save()
    row.set_scores(scores)
    return row


def every_item_at(severity: int = 0, **changes: int) -> list[SymptomScore]:
    return [SymptomScore(code, changes.get(code, severity)) for code in CODES]


def test_a_check_in_with_every_item_left_at_0_loses_its_ratings_and_keeps_its_answers(alice: User) -> None:
    row = checkin(alice, 1, every_item_at(0), wellbeing=6, red_flags=("seizure",))
    migration.drop_untouched_defaults(apps, None)
    row.refresh_from_db()
    assert row.ratings.count() == 0
    assert (row.wellbeing, row.red_flags) == (6, ["seizure"])


def test_a_check_in_with_one_rating_moved_keeps_every_rating(alice: User) -> None:
    row = checkin(alice, 2, every_item_at(0, anxiety=3))
    migration.drop_untouched_defaults(apps, None)
    assert row.ratings.count() == len(CODES)  # its 0s may have been answers: they stay


def test_a_partial_check_in_keeps_its_zeros(alice: User) -> None:
    row = checkin(alice, 3, [SymptomScore("anxiety", 0), SymptomScore("tremor", 0)])
    migration.drop_untouched_defaults(apps, None)
    assert row.ratings.count() == 2  # not every item: not the old form's defaults, so answers


def test_an_own_symptom_rated_above_0_keeps_the_checklist_zeros(alice: User) -> None:
    row = checkin(alice, 4, [*every_item_at(0), SymptomScore("jaw ache", 2, custom=True)])
    migration.drop_untouched_defaults(apps, None)
    assert row.ratings.count() == len(CODES) + 1
