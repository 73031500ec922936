"""The API tokens page in Settings: make a token (shown once), see each one's name and last use,
revoke one. The same tokens as ``benzotaper token`` (docs/api.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from benzotaper.web.accounts.forms import ApiTokenForm
from benzotaper.web.accounts.models import ApiToken


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        _, new_token = ApiToken.issue(request.user, form.cleaned_data["name"], form.expires())
        form = ApiTokenForm()
    context = {"form": form, "new_token": new_token, "tokens": ApiToken.objects.for_user(request.user)}
    return render(request, "accounts/tokens.html", context, status=201 if new_token else 200)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=token_id)
    token.revoke()
    messages.success(request, f"The token {token} no longer works.")
    return redirect("accounts:tokens")
