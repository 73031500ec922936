"""Each check-in's answer in the API (``GET /api/v1/checkins``), kept as JSON text on the check-in.

A page of the API's list is 100 check-ins rating about 30 symptoms each: reading those 3,000 ratings
and writing them out as JSON was most of the answer's time (docs/performance.md, round five). So each
check-in keeps its own answer, as the API writes it, in ``CheckIn.answer``, and the list sends the
texts as they are. The answer is made from what the database holds, in the transaction of every write
of the check-in or of its ratings: ``CheckIn.save``, ``CheckIn.set_scores`` and a restored backup call
``keep_answers``. The one part that is not the check-in's own, ``emergency`` (the advice for the
person's country when a red flag is recorded), is kept as null and made per page (``with_emergency``).

Changing what an answer holds (``answer_values``) means a migration that keeps them again, as
migration 0004 did first.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder

from benzotaper.web.journal.models import CheckIn, SymptomRating
from benzotaper.web.journal.scores import scores_by_checkin

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet

    from benzotaper.journal import SymptomScore

# What a kept answer holds in place of the advice; in JSON a quote inside a text is escaped, so this is
# found only as the key itself.
KEPT_EMERGENCY = '"emergency": null'
# The check-in's fields an answer is made from: only these are read (migration 0004 reads them too,
# before later columns exist).
ANSWERED = (
    "id",
    "version",
    "date",
    "wellbeing",
    "sleep_hours",
    "notes",
    "events",
    "red_flags",
    "created_at",
    "updated_at",
)


def answer_values(
    row: CheckIn, symptoms: Sequence[SymptomScore] | None = None, emergency: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The check-in as the API shows it, as plain values in ``CheckInOut``'s shape and field order.
    ``symptoms``: its ratings when read already; ``emergency``: the advice for its red flags."""
    record = row.to_record(symptoms)
    return {
        "id": row.pk,
        "version": row.version,
        "date": record.date,
        "wellbeing": record.wellbeing,
        "sleep_hours": record.sleep_hours,
        "notes": record.notes,
        "symptoms": [
            {"symptom": score.symptom, "severity": score.severity, "custom": score.custom}
            for score in record.symptoms
        ],
        "events": [{"kind": e.kind, "text": e.text} for e in record.events],
        "red_flags": list(record.red_flags),
        "emergency": emergency,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def as_json(values: Any) -> str:
    """``values`` written as the API writes its answers (django-ninja's renderer: Django's encoder,
    ``json.dumps``'s default separators)."""
    return json.dumps(values, cls=DjangoJSONEncoder)


def with_emergency(kept: str, emergency: str) -> str:
    """A kept answer with the advice (written as JSON) in place of its null."""
    return kept.replace(KEPT_EMERGENCY, f'"emergency": {emergency}', 1)


def keep_answers(user: AbstractBaseUser, checkins: QuerySet[CheckIn]) -> None:
    """Make and store the answer of each of ``checkins`` (``user``'s) from what the database holds now.
    Three queries to read, and one to write for every 500 of them."""
    rows = list(checkins.order_by().only(*ANSWERED))
    ratings = SymptomRating.objects.for_user(user).filter(checkin__in=[row.pk for row in rows])
    scores = scores_by_checkin(user, ratings)
    for row in rows:
        row.answer = as_json(answer_values(row, scores[row.pk]))
    CheckIn.objects.for_user(user).bulk_update(rows, ["answer"], batch_size=500)
