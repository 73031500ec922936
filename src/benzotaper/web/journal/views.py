"""The journal's pages. Today, Check-in and Journal are placeholders until their pages land:
the URL names are fixed (the navigation in base.html uses them)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _coming(request: HttpRequest, title: str) -> HttpResponse:
    return render(request, "journal/coming_soon.html", {"title": title})


@login_required
def today(request: HttpRequest) -> HttpResponse:
    return _coming(request, "Today")


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    return _coming(request, "Check-in")


@login_required
def history(request: HttpRequest) -> HttpResponse:
    return _coming(request, "Journal")
