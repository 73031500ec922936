"""``{% insights_alerts %}`` for the pages still on Django's template language: the same panel as the
Jinja2 pages' ``insights_alerts()`` (``web.insights.alerts_panel``, which works it out)."""

from __future__ import annotations

from typing import Any

from django import template

from benzotaper.web.insights.alerts_panel import alert_block_for
from benzotaper.web.insights.data import UNREAD

register = template.Library()


@register.inclusion_tag("insights/_alerts.html", takes_context=True)
def insights_alerts(context: template.Context) -> dict[str, Any]:
    block = alert_block_for(context["request"], context.get("active_plan", UNREAD))
    return {"block": block, "csrf_token": context.get("csrf_token")}
