"""Sign-up, sign-in, sign-out and Settings.

Who may sign up (decided here, documented in docs/deployment.md): on a fresh install the first
visit shows the sign-up page, so the person who started ``benzotaper serve`` creates their account
without any command. Sign-up then stays open, so a family or a small group can share one server,
each seeing only their own journal; accounts carry no special rights over one another. A server
that should not take new people sets ``BENZOTAPER_SIGNUP=closed`` and creates accounts with
``benzotaper adduser NAME``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from benzotaper.web.accounts.forms import DeleteAccountForm, ProfileForm, SignInForm, SignupForm
from benzotaper.web.accounts.middleware import PersonRequest
from benzotaper.web.accounts.models import ApiToken, SignIn
from benzotaper.web.accounts.people import PersonExistsError, add_person
from benzotaper.web.accounts.signins import RECENT
from benzotaper.web.accounts.zones import local_time_zone


def _nobody_yet() -> bool:
    return not get_user_model()._default_manager.exists()


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing in or up: ``?next=`` when it is a page of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if not settings.SIGNUP_OPEN:
        return render(request, "accounts/signup_closed.html", {"nobody_yet": _nobody_yet()}, status=403)
    form = SignupForm(request.POST or None, initial={"time_zone": local_time_zone(), "country": "US"})
    if request.method == "POST" and form.is_valid():
        try:
            user = add_person(
                form.cleaned_data["username"],
                form.cleaned_data["password1"],
                time_zone=form.cleaned_data["time_zone"],
                country=form.cleaned_data["country"],
            )
        except PersonExistsError as error:
            form.add_error("username", str(error))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Your account is ready. Everything you enter stays on this server.")
            return redirect(_next_url(request))
    context = {"form": form, "first_person": _nobody_yet(), "next": request.GET.get("next", "")}
    return render(request, "accounts/signup.html", context)


class LoginView(auth_views.LoginView):
    """Django's sign-in page; on a fresh install (no account yet) it sends the visitor to sign up."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    form_class = SignInForm

    def form_invalid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if form.retry_after:  # throttled: 429 and when to come back
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if settings.SIGNUP_OPEN and not request.user.is_authenticated and _nobody_yet():
            target = reverse("accounts:signup")
            if next_url := request.GET.get("next"):
                target += "?" + urlencode({"next": next_url})
            return redirect(target)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context["signup_open"] = settings.SIGNUP_OPEN
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form: object) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever learnt the old password may have made a token with it: a new password ends them all.
        revoked = ApiToken.revoke_all(self.request.user)
        ended = f" Your {revoked} API token{'s' if revoked != 1 else ''} stopped working." if revoked else ""
        messages.success(self.request, "Your password is changed." + ended)
        return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def settings_page(request: PersonRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Settings saved.")
        return redirect("accounts:settings")
    sign_ins = SignIn.objects.for_user(request.user)[:RECENT]
    return render(request, "accounts/settings.html", {"form": form, "sign_ins": sign_ins})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and everything in it, after the password and a typed confirmation."""
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()  # every personal row goes with it (on_delete=CASCADE)
        messages.success(request, "Your account and all its data are deleted.")
        return redirect("accounts:login")
    return render(request, "accounts/delete.html", {"form": form})
