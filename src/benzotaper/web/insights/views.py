"""The Insights page (``insights:index``): alerts first, then the charts, windows and waves, the response
to cuts, the trend, the time between doses, interactions and illustrative blood levels (see ``display``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.insights.analysis_cache import journal_and_insights
from benzotaper.web.insights.display import insights_page


@login_required
@require_http_methods(["GET", "HEAD"])
def index(request: PersonRequest) -> HttpResponse:
    journal, result = journal_and_insights(request.user, request.profile)
    page = insights_page(journal, result, request.user)
    return render(request, "insights/index.html", {"page": page})
