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
        """The person's profile, made with the defaults the first time it is asked for."""
        profile: Profile = cls.objects.for_user(user).get_or_create(user_id=user.pk)[0]
        return profile

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

    objects = PersonalQuerySet["ApiToken"].as_manager()

    class Meta:
        ordering = ("-created",)

    def __str__(self) -> str:
        return f"{self.PREFIX}{self.prefix}… ({self.name})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    @classmethod
    def issue(cls, user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
        """A new token for ``user``: the stored row and the token itself, to show once."""
        for _ in range(5):
            body = secrets.token_urlsafe(32)
            token = cls.PREFIX + body
            try:
                with transaction.atomic():
                    row = cls.objects.create(
                        user_id=user.pk, name=name, prefix=body[:8], token_hash=cls.hash(token)
                    )
            except IntegrityError:  # the same 8-character prefix as another token: draw again
                continue
            return row, token
        raise RuntimeError("Could not make a unique token.")

    @classmethod
    def authenticate(cls, token: str) -> User | None:
        """The active person a presented token belongs to, or None (unknown, revoked, inactive user).

        The one lookup of personal rows not scoped to a person: it is how the person is found.
        """
        if not token.startswith(cls.PREFIX):
            return None
        row = (
            cls._base_manager.select_related("user")
            .filter(token_hash=cls.hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        # Record use at most once a minute: not a write on every API request.
        if row.last_used is None or now - row.last_used > dt.timedelta(minutes=1):
            cls._base_manager.filter(pk=row.pk).update(last_used=now)
        return row.user

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
