"""The insights' warnings (a taper going too fast ...) for the signed-in person, with the one-click hold,
on the journal's pages (Today, the check-in): ``{{ insights_alerts() }}`` in a template. Red flags are left
out: those pages show them in their own emergency panel.

It reads only what the alerts look at (``data.alerts_journal``; the active plan is the page's own read
when its context has ``active_plan``), so Today stays quick with years of check-ins. When the analysis
fails the pages still work: the error is logged and nothing is shown, since recording a dose must never
depend on it.

The alerts worked out last for each person are kept with what they were worked out from (the tallies of
the check-ins read, the plan, the country and today): a page whose read gives the same inputs shows the
same alerts without working them out again, and any change to the journal, the plan or the profile
changes the inputs, so kept alerts are never stale. A person's alerts are kept under their id and
compared with their own read only; they go when the account is deleted.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from benzotaper.web.insights.data import UNREAD, AlertsJournal, alerts_journal, alerts_of
from benzotaper.web.insights.display import AlertBlock, alert_block
from benzotaper.web.last_used import LastUsed

logger = logging.getLogger(__name__)


def alert_block_for(request: HttpRequest, saved: Any = UNREAD) -> AlertBlock | None:
    """The alerts to show the person signed in on ``request``, or None (nobody signed in, or it failed).
    ``saved`` is the page's own read of the active plan, when it has one (Today does): not read again."""
    user = request.user
    if not user.is_authenticated:
        return None
    try:
        journal = alerts_journal(user, profile=getattr(request, "profile", None), saved=saved)
        return _block_of(user.pk, journal)
    except Exception:
        logger.exception("The insights' alerts could not be worked out for user %s", user.pk)
        return None


PEOPLE_KEPT = 64
_kept: LastUsed[Any, tuple[AlertsJournal, AlertBlock]] = LastUsed(PEOPLE_KEPT)


def _block_of(person: Any, journal: AlertsJournal) -> AlertBlock:
    """The alerts of ``journal``, the person's read: those kept for them when worked out from the same
    inputs (the same plan object: a plan read again from changed text is another object)."""
    kept = _kept.get(person)
    if kept is not None and _same_inputs(kept[0], journal):
        return kept[1]
    block = alert_block(alerts_of(journal), journal.plan, journal.plan_id, journal.today, notes=False)
    _kept.put(person, (journal, block))
    return block


def _same_inputs(kept: AlertsJournal, journal: AlertsJournal) -> bool:
    return (
        kept.plan is journal.plan
        and (kept.plan_id, kept.country, kept.today) == (journal.plan_id, journal.country, journal.today)
        and kept.checkins == journal.checkins
    )


@pass_context
def insights_alerts(context: Context) -> Markup:
    block = alert_block_for(context["request"], context.get("active_plan", UNREAD))
    if block is None:
        return Markup("")
    template = context.environment.get_template("insights/_alerts.html")
    return Markup(template.render(block=block, on_insights=False, csrf_input=context.get("csrf_input")))
