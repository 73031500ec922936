"""The person's short list of checklist items: the ones their check-in asks first.

A person chooses it on the "Your list" page. Until they do, it is the items they rated (at any
severity, 0 included) in the last ``RECENT_DAYS`` days: what they track is what they rated. A new
person has no list yet, and their check-in opens the whole checklist.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from benzotaper.web.journal.models import SymptomRating, SymptomShortList
from benzotaper.web.kept_queries import DAY, PERSON, KeptQuery

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.db.models import QuerySet

# Four weeks: long enough to keep an item that comes and goes with waves, short enough that an item
# rated once a month ago does not stay on the list for ever.
RECENT_DAYS = 28


def chosen_list(user: AbstractBaseUser) -> list[str] | None:
    """The codes the person chose, or None when they never chose."""
    rows = _CHOSEN.values(user)
    return list(rows[0][0]) if rows else None


def recently_rated(user: AbstractBaseUser, today: dt.date) -> list[str]:
    """The checklist codes rated in the ``RECENT_DAYS`` days up to ``today``."""
    since = today - dt.timedelta(days=RECENT_DAYS - 1)
    return sorted(code for (code,) in _RATED.values(user, since, today))


def _chosen(person: AbstractBaseUser) -> QuerySet[Any]:
    return SymptomShortList.objects.for_user(person).order_by("pk").values_list("codes")[:1]


def _rated(person: AbstractBaseUser, since: dt.date, until: dt.date) -> QuerySet[Any]:
    rows = SymptomRating.objects.for_user(person).filter(
        checkin__date__gte=since, checkin__date__lte=until, custom__isnull=True
    )
    return rows.order_by().values_list("code").distinct()  # each code once, by the database


# Read on every check-in: their SQL written once (``kept_queries``).
_CHOSEN = KeptQuery(_chosen, PERSON)
_RATED = KeptQuery(_rated, PERSON, DAY, DAY)


def short_list(user: AbstractBaseUser, today: dt.date) -> list[str]:
    """The codes of the person's short list (chosen, or by default the items rated recently)."""
    chosen = chosen_list(user)
    return chosen if chosen is not None else recently_rated(user, today)
