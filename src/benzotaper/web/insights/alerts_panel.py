"""The insights' warnings (a taper going too fast ...) for the signed-in person, with the one-click hold,
on the journal's pages (Today, the check-in): ``{{ insights_alerts() }}`` in a template. Red flags are left
out: those pages show them in their own emergency panel.

It reads only what the alerts look at (``data.alerts_journal``; the active plan is the page's own read
when its context has ``active_plan``), so Today stays quick with years of check-ins. When the analysis
fails the pages still work: the error is logged and nothing is shown, since recording a dose must never
depend on it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from benzotaper.web.insights.data import UNREAD, alerts_journal, alerts_of
from benzotaper.web.insights.display import AlertBlock, alert_block

logger = logging.getLogger(__name__)


def alert_block_for(request: HttpRequest, saved: Any = UNREAD) -> AlertBlock | None:
    """The alerts to show the person signed in on ``request``, or None (nobody signed in, or it failed).
    ``saved`` is the page's own read of the active plan, when it has one (Today does): not read again."""
    user = request.user
    if not user.is_authenticated:
        return None
    try:
        journal = alerts_journal(user, profile=getattr(request, "profile", None), saved=saved)
        return alert_block(alerts_of(journal), journal.plan, journal.plan_id, journal.today, notes=False)
    except Exception:
        logger.exception("The insights' alerts could not be worked out for user %s", user.pk)
        return None


@pass_context
def insights_alerts(context: Context) -> Markup:
    block = alert_block_for(context["request"], context.get("active_plan", UNREAD))
    if block is None:
        return Markup("")
    template = context.environment.get_template("insights/_alerts.html")
    return Markup(template.render(block=block, on_insights=False, csrf_input=context.get("csrf_input")))
