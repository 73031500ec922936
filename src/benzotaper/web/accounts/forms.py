"""Forms of the account pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils import timezone

from benzotaper.web.accounts.models import ApiToken, Profile
from benzotaper.web.accounts.throttle import client_address, seconds_to_wait, wait_in_words
from benzotaper.web.accounts.zones import time_zone_names
from benzotaper.web.widgets import Select

# Names for the country codes of the knowledge data; an unknown code is shown as it is.
COUNTRY_NAMES = {"US": "United States", "UK": "United Kingdom"}
DELETE_WORD = "delete"


def country_choices() -> list[tuple[str, str]]:
    from benzotaper.knowledge import load_knowledge

    return [(code, COUNTRY_NAMES.get(code, code)) for code in load_knowledge().countries]


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


class PlaceFields(forms.Form):
    """Time zone and country, asked at sign-up and in Settings."""

    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        widget=Select,  # about 600 of them (web.widgets)
        help_text="Days start at midnight in this zone.",
    )
    country = forms.ChoiceField(
        choices=country_choices,
        help_text="Which medicines are sold where you live, and the emergency number.",
    )


class SignupForm(UserCreationForm):  # type: ignore[type-arg]
    time_zone = PlaceFields.base_fields["time_zone"]
    country = PlaceFields.base_fields["country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = "Letters, digits and @ . + - _ only. You sign in with it."


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    time_zone = PlaceFields.base_fields["time_zone"]
    country = PlaceFields.base_fields["country"]

    class Meta:
        model = Profile
        fields = ("time_zone", "country")


class DeleteAccountForm(forms.Form):
    """Deleting everything needs the password and the word "delete", typed."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.CharField(label=f'Type "{DELETE_WORD}" to confirm', max_length=20)

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password

    def clean_confirm(self) -> str:
        confirm: str = self.cleaned_data["confirm"]
        if confirm.strip().lower() != DELETE_WORD:
            raise forms.ValidationError(f'Type the word "{DELETE_WORD}" to confirm.')
        return confirm


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing attempts while the account name or the address is throttled
    (``throttle.py``). ``retry_after`` is then the seconds to wait, for the 429 answer."""

    retry_after = 0

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request is not None else None
        wait = seconds_to_wait(username=username, address=address)
        if wait:
            self.retry_after = wait
            raise forms.ValidationError(
                f"Too many failed sign-ins. Wait {wait_in_words(wait)}, then try again; "
                "if you forgot your password, ask the person who runs this server.",
                code="throttled",
            )
        return super().clean()


TOKEN_LIFETIMES = {"": "Never", "30": "In 30 days", "90": "In 90 days", "365": "In a year"}


class ApiTokenForm(forms.Form):
    """A new API token: a name to recognise it by, and when it stops working."""

    name = forms.CharField(
        label="What it is for",
        max_length=ApiToken._meta.get_field("name").max_length or 100,
        help_text="Like: phone app, backup script.",
        error_messages={"required": "Give the token a name, to recognise it later."},
    )
    lifetime = forms.ChoiceField(label="Stops working", choices=list(TOKEN_LIFETIMES.items()), required=False)

    def expires(self) -> dt.datetime | None:
        days = self.cleaned_data.get("lifetime")
        return timezone.now() + dt.timedelta(days=int(days)) if days else None
