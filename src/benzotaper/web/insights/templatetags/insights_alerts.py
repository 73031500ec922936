"""``{% insights_alerts %}``: the insights' warnings (a taper going too fast ...) for the signed-in person,
with the one-click hold, on the journal's pages (Today, the check-in). Red flags are left out: those pages
show them in their own emergency panel.

It reads only what the alerts look at (``data.alerts_journal``; the active plan is the page's own read
when its context has ``active_plan``), so Today stays quick with years of
check-ins. When the analysis fails the pages still work: the error is logged and nothing is shown, since
recording a dose must never depend on it.
"""

from __future__ import annotations

import logging
from typing import Any

from django import template

from benzotaper.web.insights.data import UNREAD, alerts_journal, alerts_of
from benzotaper.web.insights.display import alert_block

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("insights/_alerts.html", takes_context=True)
def insights_alerts(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"block": None}
    try:
        # The page's own read of the active plan, when it gave one (Today does), is not read again.
        saved = context.get("active_plan", UNREAD)
        journal = alerts_journal(user, profile=getattr(request, "profile", None), saved=saved)
        block = alert_block(alerts_of(journal), journal.plan, journal.plan_id, journal.today, notes=False)
    except Exception:
        logger.exception("The insights' alerts could not be worked out for user %s", user.pk)
        return {"block": None}
    return {"block": block, "csrf_token": context.get("csrf_token")}
