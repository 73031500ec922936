"""The person's short list of checklist items: the ones their check-in asks first.

A person chooses it on the "Your list" page. Until they do, it is the items they rated (at any
severity, 0 included) in the last ``RECENT_DAYS`` days: what they track is what they rated. A new
person has no list yet, and their check-in opens the whole checklist.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from benzotaper.web.journal.models import SymptomRating, SymptomShortList

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Four weeks: long enough to keep an item that comes and goes with waves, short enough that an item
# rated once a month ago does not stay on the list for ever.
RECENT_DAYS = 28


def chosen_list(user: AbstractBaseUser) -> list[str] | None:
    """The codes the person chose, or None when they never chose."""
    row = SymptomShortList.objects.for_user(user).first()
    return list(row.codes) if row is not None else None


def recently_rated(user: AbstractBaseUser, today: dt.date) -> list[str]:
    """The checklist codes rated in the ``RECENT_DAYS`` days up to ``today``."""
    since = today - dt.timedelta(days=RECENT_DAYS - 1)
    rows = SymptomRating.objects.for_user(user).filter(
        checkin__date__gte=since, checkin__date__lte=today, custom__isnull=True
    )
    return sorted(
        rows.order_by().values_list("code", flat=True).distinct()
    )  # each code once, by the database


def short_list(user: AbstractBaseUser, today: dt.date) -> list[str]:
    """The codes of the person's short list (chosen, or by default the items rated recently)."""
    chosen = chosen_list(user)
    return chosen if chosen is not None else recently_rated(user, today)
