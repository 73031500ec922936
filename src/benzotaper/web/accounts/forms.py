"""Forms of the account pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm

from benzotaper.web.accounts.models import Profile
from benzotaper.web.accounts.zones import time_zone_names

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
