"""Symptom ratings read as plain rows, for reads of many check-ins (Insights, the API's list).

Making a model object for each rating (a page of 100 check-ins rating 30 symptoms each is 3,000 of
them, a two-year journal 22,000) took most of those reads' time; one ``values_list`` query (and one
for the names of the person's own symptoms) is a tenth of it. The mapping is
``SymptomRating.to_score``'s, and tests hold the two equal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from benzotaper.journal import SymptomScore
from benzotaper.web.journal.models import CustomSymptom
from benzotaper.web.kept_queries import PERSON, KeptQuery

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet

    from benzotaper.web.journal.models import SymptomRating


def scores_by_checkin(
    user: AbstractBaseUser | AnonymousUser, ratings: QuerySet[SymptomRating]
) -> defaultdict[int, list[SymptomScore]]:
    """The scores of ``ratings`` (already ``user``'s, filtered) by check-in id, each check-in's in the
    order given."""
    return scores_of_rows(user, ratings.order_by("id").values_list(*RATING_COLUMNS))


# A rating as a row: (check-in id, code, own symptom's id or None, severity).
RATING_COLUMNS = ("checkin_id", "code", "custom_id", "severity")


def scores_of_rows(
    user: AbstractBaseUser | AnonymousUser, rows: Iterable[tuple[int, str, int | None, int]]
) -> defaultdict[int, list[SymptomScore]]:
    """The scores of ratings read as rows of ``RATING_COLUMNS`` (``user``'s), by check-in id."""
    # The person's own symptoms by id, read apart: joining the ratings to the symptoms table made
    # PostgreSQL scan every person's custom symptoms (docs/performance.md, the PostgreSQL benchmark).
    names = dict(_OWN_SYMPTOMS.values(user))
    scores: defaultdict[int, list[SymptomScore]] = defaultdict(list)
    made: dict[tuple[str, str | None, int], SymptomScore] = {}  # a few hundred kinds among 20,000 ratings
    for checkin_id, code, custom_id, severity in rows:
        custom = None if custom_id is None else names[custom_id]
        score = made.get((code, custom, severity))
        if score is None:
            score = made[code, custom, severity] = (
                SymptomScore(custom, severity, custom=True)
                if custom is not None
                else SymptomScore(code, severity)
            )
        scores[checkin_id].append(score)
    return scores


# Its SQL written once (``kept_queries``): every read of many check-ins' ratings makes it.
_OWN_SYMPTOMS = KeptQuery(
    lambda person: CustomSymptom.objects.for_user(person).values_list("id", "name"), PERSON
)
