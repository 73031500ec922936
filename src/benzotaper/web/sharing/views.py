"""The Report page, exports, share links and the calendar subscription.

Signed-in pages work on the person's own rows only (``for_user``). Two addresses work without signing in,
each opened by a long random token whose hash is stored (``sharing.models``): a clinician's read-only
share (``shared``, ``shared_pdf``), where every view is logged for the person to see, and the calendar
feed (``calendar_feed``). A revoked or expired share answers 410 Gone, says which, and shows nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.accounts.models import Profile
from benzotaper.web.sharing import exports
from benzotaper.web.sharing.forms import CalendarForm, ReportForm, ShareForm, shared_options
from benzotaper.web.sharing.models import CalendarFeed, ShareLink, ShareView
from benzotaper.web.sharing.report_data import report_input

if TYPE_CHECKING:
    from benzotaper.reports.report import ReportInput


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report(request: PersonRequest) -> HttpResponse:
    """Choose the period and what to show; preview page 1, download the PDF or share it."""
    from benzotaper.reports.report import report_pdf, report_preview_png

    profile = request.profile
    form = ReportForm(request.POST or None, today=profile.today(), time_zone=profile.time_zone)
    share_form = ShareForm(request.POST if request.POST.get("action") == "share" else None)
    context: dict[str, Any] = {"form": form, "share_form": share_form}
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "preview")
        if action == "share":
            if share_form.is_valid():
                days = share_form.cleaned_data["days"]
                _, token = ShareLink.issue(
                    request.user,
                    label=share_form.cleaned_data["label"],
                    expires_at=timezone.now() + dt.timedelta(days=days),
                    options=form.shared(),
                )
                context["new_share"] = request.build_absolute_uri(reverse("sharing:shared", args=[token]))
        else:
            data = report_input(request.user, form.report_options, profile=profile)
            if action == "download":
                pdf = report_pdf(data, form.cleaned_data["password"])
                return _pdf_response(pdf, f"taper-report-{form.report_options.date_to.isoformat()}.pdf")
            png = report_preview_png(data)
            context["preview"] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    context.update(_shares_and_feeds(request))
    return render(request, "sharing/report.html", context)


def _shares_and_feeds(request: HttpRequest) -> dict[str, Any]:
    shares = list(ShareLink.objects.for_user(request.user).prefetch_related("views"))
    now = timezone.now()
    return {
        "shares": [(share, share.state(now)) for share in shares],
        "feeds": CalendarFeed.objects.for_user(request.user).filter(revoked_at__isnull=True),
        "calendar_form": CalendarForm(),
    }


@login_required
@require_POST
def revoke_share(request: HttpRequest, pk: int) -> HttpResponse:
    return _revoke(request, get_object_or_404(ShareLink.objects.for_user(request.user), pk=pk))


def _revoke(request: HttpRequest, row: ShareLink | CalendarFeed) -> HttpResponse:
    row.revoke()
    what = (
        "share link is revoked: it shows"
        if isinstance(row, ShareLink)
        else "calendar address is revoked: it gives"
    )
    messages.success(request, f"The {what} nothing any more.")
    return redirect("sharing:report")


@login_required
@require_POST
def add_calendar(request: PersonRequest) -> HttpResponse:
    form = CalendarForm(request.POST)
    reminders = form.is_valid() and form.cleaned_data["reminders"]
    _, token = CalendarFeed.issue(request.user, reminders=reminders)
    context = {
        "form": ReportForm(today=request.profile.today(), time_zone="UTC"),
        "share_form": ShareForm(),
        "new_feed": request.build_absolute_uri(reverse("sharing:calendar", args=[token])),
        **_shares_and_feeds(request),
    }
    return render(request, "sharing/report.html", context)


@login_required
@require_POST
def revoke_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    return _revoke(request, get_object_or_404(CalendarFeed.objects.for_user(request.user), pk=pk))


@login_required
@require_http_methods(["GET", "HEAD"])
def export(request: PersonRequest, kind: str) -> HttpResponse:
    """Download everything in one format: json (backup), csv, fhir or ics."""
    if kind not in exports.KINDS:
        raise Http404("There is no such export.")
    body, content_type, filename = exports.export(request.user, kind, timezone.now(), profile=request.profile)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _not_kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the addresses opened by a token: no cache keeps a copy (a revoked share must show nothing),
    and no search engine lists one that leaks."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _open_share(request: HttpRequest, token: str, what: str) -> tuple[ShareLink, ReportInput] | HttpResponse:
    """The share a token opens and its report's data, the view logged; or the page that says why not."""
    share = ShareLink.by_token(token)
    if share is None:
        return render(request, "sharing/share_gone.html", {"state": "unknown"}, status=404)
    state = share.state()
    if state != "open":
        return render(request, "sharing/share_gone.html", {"state": state}, status=410)
    ShareView.objects.for_user(share.user).create(share=share, what=what)
    options = shared_options(share.options, Profile.of(share.user).time_zone)
    return share, report_input(share.user, options)


@_not_kept
@require_http_methods(["GET", "HEAD"])
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """A clinician's read-only view of the report and charts the person shared."""
    from benzotaper.reports.report import report_content

    opened = _open_share(request, token, "page")
    if isinstance(opened, HttpResponse):
        return opened
    share, data = opened
    context = {"report": report_content(data), "charts": data.charts, "share": share, "token": token}
    return render(request, "sharing/shared.html", context)


@_not_kept
@require_http_methods(["GET", "HEAD"])
def shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    from benzotaper.reports.report import report_pdf

    opened = _open_share(request, token, "pdf")
    if isinstance(opened, HttpResponse):
        return opened
    return _pdf_response(report_pdf(opened[1]), "taper-report.pdf")


@_not_kept
@require_http_methods(["GET", "HEAD"])
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The plan as iCalendar for a subscribed calendar app; 410 once revoked."""
    feed = CalendarFeed.by_token(token)
    if feed is None:
        return HttpResponse("There is no calendar at this address.", status=404, content_type="text/plain")
    if feed.revoked_at is not None:
        return HttpResponse("This calendar address was revoked.", status=410, content_type="text/plain")
    body = exports.calendar(feed.user, timezone.now(), reminders=feed.reminders)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
