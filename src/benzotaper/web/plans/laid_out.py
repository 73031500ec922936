"""A saved plan laid out as HTML (``plans/_plan.html``: its steps, chart, supply and notes), kept.

The plan page and a saved plan's page write the same table of steps, chart and supply table on every
view: about a millisecond of a 6 ms page. What they write is a function of the stored plan (its text),
the day (the step marked "Today", the chart's line for today) and the person (whose kept chart it
shows), so the HTML is kept under exactly those (``web.kept_fragments``: memory only, dropped when an
account is deleted). A plan row read without its text (not through the query set's ``as_texts``) is
laid out each time.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from benzotaper.web.journal.models import SavedPlan
from benzotaper.web.kept_fragments import Fragment, KeptFragments
from benzotaper.web.plans.display import PlanDisplay

_kept = KeptFragments(32)


def plan_html(person: int, saved: SavedPlan, display: PlanDisplay) -> Fragment:
    """``plans/_plan.html`` for ``display``, the layout of ``saved`` for ``person`` (an id) on its day."""

    def write() -> str:
        return render_to_string("plans/_plan.html", {"plan": display})

    texts = (getattr(saved, "plan_text", None), getattr(saved, "request_text", None))
    if not all(isinstance(text, str) for text in texts):
        return Fragment(write())
    return _kept.written((person, *texts, display.today), write)
