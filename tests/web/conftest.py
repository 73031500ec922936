"""Personas and clients for the web tests.

- ``alice`` and ``bob``: two people with accounts (and profiles) on the same server. Neither may ever
  see the other's data; tests about isolation give both some rows and look from each side.
- ``csrf_client``: a test client that enforces CSRF like a browser would meet it (Django's default
  test client skips the check). ``csrf_client.post_form(url, data)`` posts with a valid token, as a
  page's form would; plain ``csrf_client.post`` sends none.
- ``alice_client`` / ``bob_client``: CSRF-enforcing clients already signed in.
- ``make_rows(user)``: one row of every personal model for a person, for isolation tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client
from django.utils.crypto import get_random_string

from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord, SymptomScore

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpResponse

# Models are imported inside the fixtures: when pytest is given a file under tests/web, this
# conftest is read before tests/conftest.py has set Django up.

PASSWORD = "tapered slowly 2027"


class CsrfClient(Client):
    """A test client that enforces CSRF checks, with ``post_form`` to post as a real form does."""

    def __init__(self, **defaults: Any) -> None:
        super().__init__(enforce_csrf_checks=True, **defaults)

    def csrf_token(self) -> str:
        """The CSRF secret in this client's cookie (set one, as the first page view would)."""
        cookie = self.cookies.get("csrftoken")
        if cookie is None or not cookie.value:
            self.cookies["csrftoken"] = get_random_string(32, CSRF_ALLOWED_CHARS)
        return str(self.cookies["csrftoken"].value)

    def post_form(self, path: str, data: dict[str, Any] | None = None, **extra: Any) -> HttpResponse:
        payload = {**(data or {}), "csrfmiddlewaretoken": self.csrf_token()}
        response: HttpResponse = self.post(path, payload, **extra)
        return response


@pytest.fixture
def password() -> str:
    """The password of alice and bob."""
    return PASSWORD


@pytest.fixture
def csrf_client() -> CsrfClient:
    return CsrfClient()


def _person(name: str) -> User:
    from django.contrib.auth.models import User

    from benzotaper.web.accounts.people import add_person

    user = add_person(name, PASSWORD, time_zone="Europe/London", country="UK")
    assert isinstance(user, User)
    return user


@pytest.fixture
def alice(db: None) -> User:
    """Alice tapers alprazolam and keeps a daily journal."""
    return _person("alice")


@pytest.fixture
def bob(db: None) -> User:
    """Bob uses the same server as Alice; he must never see her data, nor she his."""
    return _person("bob")


@pytest.fixture
def alice_client(alice: User) -> CsrfClient:
    client = CsrfClient()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob: User) -> CsrfClient:
    client = CsrfClient()
    client.force_login(bob)
    return client


@pytest.fixture
def make_rows(db: None) -> Callable[[User], dict[str, Any]]:
    """Give a person one row of every personal model; returns them by model name."""

    def make(user: User) -> dict[str, Any]:
        from benzotaper.planning import Dose, PlanRequest, make_plan
        from benzotaper.web.accounts.models import ApiToken, Profile, SignIn
        from benzotaper.web.insights.models import DrawnChart, KeptAnalysis
        from benzotaper.web.journal.models import (
            CheckIn,
            DoseTaken,
            Medication,
            PlanChange,
            SavedPlan,
            SymptomShortList,
        )
        from benzotaper.web.sharing.models import CalendarFeed, ShareLink, ShareView

        day = dt.date(2027, 1, 4)
        medication = Medication.from_record(
            user,
            MedicationRecord(name="alprazolam", kind="benzodiazepine", dose_text="0.5mg", time="morning"),
        )
        medication.save()
        dose = DoseTaken.from_record(
            user, DoseRecord(day, "morning", "alprazolam", Decimal("0.5"), Decimal("0.5"), "as_planned")
        )
        dose.save()
        checkin = CheckIn.from_record(user, CheckInRecord(date=day, wellbeing=6))
        checkin.save()
        checkin.set_scores([SymptomScore("anxiety", 2), SymptomScore("jaw ache", 1, custom=True)])
        plan = make_plan(PlanRequest(regimen=(Dose("diazepam", "night", Decimal("10")),), start=day))
        saved = SavedPlan.store(user, plan, name="first plan")
        token, _ = ApiToken.issue(user, "phone")
        SignIn.record(kind=SignIn.PASSWORD, succeeded=True, username=user.username, address="192.0.2.1")
        share, _ = ShareLink.issue(user, expires_at=dt.datetime(2027, 1, 18, tzinfo=dt.UTC), options={})
        feed, _ = CalendarFeed.issue(user)
        return {
            "Profile": Profile.of(user),
            "Medication": medication,
            "DoseTaken": dose,
            "CheckIn": checkin,
            "SymptomRating": checkin.ratings.get(code="anxiety"),
            "CustomSymptom": checkin.ratings.get(code="").custom,
            "SavedPlan": saved,
            "PlanChange": PlanChange.objects.for_user(user).get(plan=saved),
            "ApiToken": token,
            "SignIn": SignIn.objects.for_user(user).get(address="192.0.2.1"),
            "ShareLink": share,
            "ShareView": ShareView.objects.create(share=share, what="page"),
            "CalendarFeed": feed,
            "SymptomShortList": SymptomShortList.choose(user, ["anxiety"]),
            "DrawnChart": DrawnChart.objects.create(user=user, name="plan:1", digest="d", svg="<svg/>"),
            "KeptAnalysis": KeptAnalysis.objects.create(user=user, digest="d", data=b"kept"),
        }

    return make


@pytest.fixture(autouse=True, scope="session")
def strict_templates() -> None:
    """A variable a Jinja2 page misspells, or one its view forgot, fails the test instead of printing as
    nothing (in production it prints as nothing: settings.STRICT_TEMPLATES). The setting holds for the
    engines Django makes again when a test changes DEBUG; the engine made already is changed here."""
    from django.conf import settings
    from django.template import engines

    from benzotaper.web.jinja_env import StrictUndefinedButFalse

    settings.STRICT_TEMPLATES = True
    engines["jinja2"].env.undefined = StrictUndefinedButFalse  # type: ignore[attr-defined]
