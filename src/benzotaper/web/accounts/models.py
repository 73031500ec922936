"""The person's profile (time zone, country, risk factors) and their personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import zoneinfo
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from benzotaper.web.accounts.zones import is_time_zone
from benzotaper.web.records import PersonalQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User

    from benzotaper.planning import RiskFactors


def _validate_time_zone(name: str) -> None:
    from django.core.exceptions import ValidationError

    if not is_time_zone(name):
        raise ValidationError(f"{name} is not a time zone. Pick one like Europe/London.")


class Profile(models.Model):
    """One per person: where they are, and what they declared about themselves for the planner.

    The risk factors are those of ``benzotaper.planning.RiskFactors``; ``days_of_use`` is how many days
    the drugs have been taken daily (None: not known, which the planner treats as long-term).
    """

    owner_path: ClassVar[str] = "user"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    time_zone = models.CharField(max_length=64, default="UTC", validators=[_validate_time_zone])
    country = models.CharField(
        max_length=2,
        default="US",
        validators=[RegexValidator(r"^[A-Z]{2}$", "Use a two-letter country code, like US or UK.")],
    )
    seizure_history = models.BooleanField(default=False)
    age_65_or_over = models.BooleanField(default=False)
    alcohol_use = models.BooleanField(default=False)
    opioid_use = models.BooleanField(default=False)
    other_sedatives = models.BooleanField(default=False)
    days_of_use = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = PersonalQuerySet["Profile"].as_manager()

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"

    @classmethod
    def of(cls, user: AbstractBaseUser | AnonymousUser) -> Profile:
        """The person's profile; the defaults, unsaved, for an account that has none yet.

        Reading never writes (a GET stays a read): ``accounts.people.add_person`` makes the profile
        with the account, and saving the settings page stores the defaults of an older account."""
        profile: Profile | None = cls.objects.for_user(user).first()
        # for_user refused anyone not signed in, so the id is known here.
        return profile if profile is not None else cls(user_id=user.pk)  # type: ignore[misc]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def today(self) -> dt.date:
        """Today's date where the person is."""
        return timezone.now().astimezone(self.zone).date()

    def risk_factors(self) -> RiskFactors:
        from benzotaper.planning import RiskFactors

        return RiskFactors(
            seizure_history=self.seizure_history,
            age_65_or_over=self.age_65_or_over,
            alcohol_use=self.alcohol_use,
            opioid_use=self.opioid_use,
            other_sedatives=self.other_sedatives,
            days_of_use=self.days_of_use,
        )


class ApiToken(models.Model):
    """A personal token for the JSON API, sent as ``Authorization: Bearer bzt_...``.

    Only the SHA-256 of the token is stored, so a copy of the database does not give API access.
    A slow password hash is not needed: the token is 256 random bits, not something a person chose.
    ``prefix`` (8 characters after ``bzt_``) names the token in lists and for revoking it.
    """

    PREFIX = "bzt_"
    owner_path: ClassVar[str] = "user"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField(null=True, blank=True)
    """When the token stops working; None: it works until revoked."""

    objects = PersonalQuerySet["ApiToken"].as_manager()

    class Meta:
        ordering = ("-created",)

    def __str__(self) -> str:
        return f"{self.PREFIX}{self.prefix}… ({self.name})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @classmethod
    def issue(
        cls, user: AbstractBaseUser | AnonymousUser, name: str, expires: dt.datetime | None = None
    ) -> tuple[ApiToken, str]:
        """A new token for ``user``: the stored row and the token itself, to show once."""
        for _ in range(5):
            body = secrets.token_urlsafe(32)
            token = cls.PREFIX + body
            try:
                with transaction.atomic():
                    row = cls.objects.create(
                        user_id=user.pk,
                        name=name,
                        prefix=body[:8],
                        token_hash=cls.hash(token),
                        expires=expires,
                    )
            except IntegrityError:  # the same 8-character prefix as another token: draw again
                continue
            return row, token
        raise RuntimeError("Could not make a unique token.")

    @classmethod
    def authenticate(cls, token: str) -> User | None:
        """The active person a presented token belongs to, or None (unknown, revoked, expired, inactive
        user).

        The one lookup of personal rows not scoped to a person: it is how the person is found.
        """
        if not token.startswith(cls.PREFIX):
            return None
        row = (
            cls._base_manager.select_related("user")
            .filter(token_hash=cls.hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        now = timezone.now()
        if row is None or (row.expires is not None and row.expires <= now):
            return None
        # Record use at most once a minute: not a write on every API request.
        if row.last_used is None or now - row.last_used > dt.timedelta(minutes=1):
            cls._base_manager.filter(pk=row.pk).update(last_used=now)
        return row.user

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @classmethod
    def revoke_all(cls, user: AbstractBaseUser | AnonymousUser) -> int:
        """Revoke every active token of ``user`` (after a password change); how many there were."""
        return cls.objects.for_user(user).filter(revoked_at__isnull=True).update(revoked_at=timezone.now())

    @property
    def state(self) -> str:
        """ "active", "revoked" or "expired", as the tokens page and ``benzotaper token --list`` say."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires is not None and self.expires <= timezone.now():
            return "expired"
        return "active"


class SignIn(models.Model):
    """One attempt to sign in with a password, or to use an API token: the sign-in log.

    It serves two purposes: the person sees their recent sign-ins in Settings (and so notices one
    that was not them), and ``throttle.py`` counts the recent failures per account name and per
    address. ``username`` is the name as typed, lower-cased, even when no such account exists;
    ``user`` is the account it names (None for an unknown name and for a bad token). Rows older than
    ``KEEP`` are deleted as new ones are written.
    """

    PASSWORD, TOKEN = "password", "token"
    KEEP = dt.timedelta(days=90)
    owner_path: ClassVar[str] = "user"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="sign_ins"
    )
    username = models.CharField(max_length=150, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=[(PASSWORD, "password"), (TOKEN, "API token")])
    succeeded = models.BooleanField()
    browser = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = PersonalQuerySet["SignIn"].as_manager()

    class Meta:
        ordering = ("-at",)
        indexes = (
            models.Index(fields=("username", "at"), name="signin_username_at"),
            models.Index(fields=("address", "at"), name="signin_address_at"),
        )

    def __str__(self) -> str:
        return f"{self.kind} sign-in of {self.username or '?'} from {self.address} at {self.at}"

    @classmethod
    def record(
        cls, *, kind: str, succeeded: bool, username: str, address: str | None, browser: str = ""
    ) -> None:
        """Log an attempt, naming the account when ``username`` is one, and forget old attempts."""
        from django.contrib.auth import get_user_model

        name = username.strip().lower()[:150]
        user = get_user_model()._default_manager.filter(username__iexact=name).first() if name else None
        now = timezone.now()
        cls._base_manager.create(
            user=user, username=name, address=address, kind=kind, succeeded=succeeded,
            browser=browser[:200], at=now,
        )  # fmt: skip
        cls._base_manager.filter(at__lt=now - cls.KEEP).delete()

    @classmethod
    def failure_times(
        cls, *, since: dt.datetime, username: str = "", address: str | None = None
    ) -> list[dt.datetime]:
        """When the failed attempts since ``since`` on the account ``username`` (any kind), or from
        ``address``, happened: oldest first. The throttle's one unscoped look-up."""
        failures = cls._base_manager.filter(succeeded=False, at__gte=since)
        if username:
            failures = failures.filter(username=username.strip().lower()[:150])
        else:
            failures = failures.filter(address=address)
        return list(failures.order_by("at").values_list("at", flat=True))
