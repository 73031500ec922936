"""Symptom ratings read as plain rows, for reads of many check-ins (Insights, the API's list).

Making a model object for each rating (a page of 100 check-ins rating 30 symptoms each is 3,000 of
them, a two-year journal 22,000) took most of those reads' time; one ``values_list`` query is a tenth
of it. The mapping is ``SymptomRating.to_score``'s, and tests hold the two equal.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from benzotaper.journal import SymptomScore

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from benzotaper.web.journal.models import SymptomRating


def scores_by_checkin(ratings: QuerySet[SymptomRating]) -> defaultdict[int, list[SymptomScore]]:
    """The scores of ``ratings`` (already the person's, filtered) by check-in id, each check-in's in
    the order given."""
    scores: defaultdict[int, list[SymptomScore]] = defaultdict(list)
    made: dict[tuple[str, str | None, int], SymptomScore] = {}  # a few hundred kinds among 20,000 ratings
    for checkin_id, code, custom, severity in ratings.order_by("id").values_list(
        "checkin_id", "code", "custom__name", "severity"
    ):
        score = made.get((code, custom, severity))
        if score is None:
            score = made[code, custom, severity] = (
                SymptomScore(custom, severity, custom=True)
                if custom is not None
                else SymptomScore(code, severity)
            )
        scores[checkin_id].append(score)
    return scores
