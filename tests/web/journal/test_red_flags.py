"""A red flag answered yes shows what to do and the emergency number at once, above everything."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client

from benzotaper.knowledge import load_red_flags
from benzotaper.web.accounts.models import Profile
from benzotaper.web.journal.models import CheckIn

Answers = Callable[..., dict[str, str]]


def live_in(user: User, country: str) -> None:
    profile = Profile.of(user)
    profile.country = country
    profile.save()


def test_a_red_flag_shows_the_panel_with_999_in_the_uk_and_records_it(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    response = alice_client.post_form("/checkin/", answers(flag_seizure="on"), follow=True)
    html = response.content.decode()
    seizure = load_red_flags().sign("seizure")
    assert html.index('class="red-flag-panel"') < html.index("<h1>")
    assert '<a class="call-button" href="tel:999">Call 999</a>' in html
    assert seizure.sign in html
    assert seizure.what_to_do in html
    assert "This check-in is saved." in html
    assert CheckIn.objects.for_user(alice).get().red_flags == ["seizure"]


def test_in_the_us_the_panel_gives_911_and_the_crisis_line(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    live_in(alice, "US")
    html = alice_client.post_form(
        "/checkin/", answers(flag_suicidal_thoughts="on"), follow=True
    ).content.decode()
    assert '<a class="call-button" href="tel:911">Call 911</a>' in html
    assert 'href="tel:988"' in html
    assert CheckIn.objects.for_user(alice).get().red_flags == ["suicidal_thoughts"]


def test_several_red_flags_are_all_recorded_and_shown(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    html = alice_client.post_form(
        "/checkin/", answers(flag_seizure="on", flag_confusion="on"), follow=True
    ).content.decode()
    assert CheckIn.objects.for_user(alice).get().red_flags == ["seizure", "confusion"]
    for code in ("seizure", "confusion"):
        assert load_red_flags().sign(code).what_to_do in html


def test_the_panel_shows_even_when_another_answer_must_be_corrected(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    response = alice_client.post_form("/checkin/", answers(flag_seizure="on", sleep_hours="30"))
    html = response.content.decode()
    assert html.index('class="red-flag-panel"') < html.index("Your check-in is not saved yet.")
    assert "Call 999" in html
    assert not CheckIn.objects.for_user(alice).exists()


def test_no_red_flag_no_panel(alice_client: Client, answers: Answers) -> None:
    html = alice_client.post_form("/checkin/", answers(), follow=True).content.decode()
    assert "red-flag-panel" not in html


def test_today_shows_the_panel_first_when_todays_check_in_has_a_red_flag(
    alice_client: Client, answers: Answers
) -> None:
    alice_client.post_form("/checkin/", answers(flag_over_sedation="on"))
    html = alice_client.get("/").content.decode()
    assert html.index('class="red-flag-panel"') < html.index("<h1>Today")
    assert load_red_flags().sign("over_sedation").what_to_do in html


def test_an_unlisted_country_gets_the_default_number(
    alice: User, alice_client: Client, answers: Answers
) -> None:
    live_in(alice, "ZZ")
    html = alice_client.post_form("/checkin/", answers(flag_seizure="on"), follow=True).content.decode()
    assert "Call 112" in html


def test_a_red_flag_the_knowledge_data_no_longer_has_is_still_shown() -> None:
    from benzotaper.web.journal.red_flags import red_flag_panel

    panel = red_flag_panel(["retired_sign"], "UK")
    assert panel is not None
    assert (panel.signs[0].sign, panel.emergency_number) == ("Retired sign", "999")
    assert red_flag_panel([], "UK") is None
