"""What the person shares: read-only links for a clinician (with every view logged) and the private
calendar subscription.

Both are reached from outside by a long random token (256 bits, ``secrets.token_urlsafe(32)``) in the URL.
Only its SHA-256 is stored, as for API tokens (``accounts.models.ApiToken``): a copy of the database does
not open anyone's share. A slow hash is not needed for a random token. ``prefix`` (the first 8 characters)
names a link in lists. The token itself is shown once, when it is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils import timezone

from benzotaper.web.records import PersonalQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# How long a share link works unless the person chooses otherwise, and the longest they may choose.
SHARE_DAYS_DEFAULT = 14
SHARE_DAYS_MAX = 90


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class _Tokened(models.Model):
    """A row found by a secret token: only the token's hash and its first characters are kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    owner_path: ClassVar[str] = "user"

    class Meta:
        abstract = True

    @classmethod
    def issue(cls, user: AbstractBaseUser | AnonymousUser, **fields: Any) -> tuple[Self, str]:
        """A new row for ``user`` with a fresh token: the row and the token, to show once."""
        token = secrets.token_urlsafe(32)
        row = cls._default_manager.create(
            user_id=user.pk, token_hash=token_hash(token), prefix=token[:8], **fields
        )
        return row, token

    @classmethod
    def by_token(cls, token: str) -> Self | None:
        """The row a presented token opens, revoked or not (the view says which), or None.

        Not scoped to a person: the token is how the person's share is found.
        """
        return cls._base_manager.select_related("user").filter(token_hash=token_hash(token)).first()

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class ShareLink(_Tokened):
    """A read-only link to the person's report and charts for a clinician, until ``expires_at``.

    ``options`` are the report's choices when it was shared (period, name, date of birth, questions,
    sections left out; never a password), as ``sharing.forms.ReportForm`` reads them.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links")
    label = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()
    options = models.JSONField(default=dict)

    objects = PersonalQuerySet["ShareLink"].as_manager()

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"share {self.prefix}… ({self.label})"

    def state(self, now: dt.datetime | None = None) -> str:
        """ "open", "revoked" or "expired"."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if (now or timezone.now()) >= self.expires_at else "open"


class ShareView(models.Model):
    """One look at a share link: when, and what was opened (the page or the PDF)."""

    WHAT = (("page", "Page"), ("pdf", "PDF"))
    owner_path: ClassVar[str] = "share__user"

    share = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="views")
    viewed_at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=4, choices=WHAT)

    objects = PersonalQuerySet["ShareView"].as_manager()

    class Meta:
        ordering = ("-viewed_at", "-id")

    def __str__(self) -> str:
        return f"{self.what} at {self.viewed_at:%Y-%m-%d %H:%M}"


class CalendarFeed(_Tokened):
    """The private address a calendar app subscribes to for the plan (``reminders``: with the daily
    dose and check-in alarms)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    reminders = models.BooleanField(default=True)

    objects = PersonalQuerySet["CalendarFeed"].as_manager()

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"calendar {self.prefix}…"
