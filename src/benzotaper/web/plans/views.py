"""The plan pages (placeholder until they land; the URL name ``plans:plan`` is fixed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    return render(request, "journal/coming_soon.html", {"title": "Plan"})
