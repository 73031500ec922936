"""What every personal model shares: a per-person manager and optimistic concurrency.

**Per-person access.** Each model that holds someone's data names the path to its owner
(``owner_path``, "user" or e.g. "checkin__user") and uses ``PersonalQuerySet.as_manager()``.
Views reach personal rows only through ``Model.objects.for_user(request.user)``; there is no
unscoped query of personal data in a view (``tests/web/test_no_unscoped_queries.py`` checks it).

**Optimistic concurrency.** An editable record (``Versioned``) has a ``version`` number. Saving an
existing row writes only if the row still has the version the object was read with, and then counts
it up; otherwise ``StaleEditError`` is raised and nothing is written. So when the same check-in is
open in two tabs, the second save does not silently overwrite the first: the view catches the error
and shows the person both versions. A form carries the version it was shown with in a hidden field
and sets it on the object before saving::

    checkin = get_object_or_404(CheckIn.objects.for_user(request.user), date=day)
    form = CheckInForm(request.POST, instance=checkin)   # includes the hidden "version" field
    try:
        form.save()
    except StaleEditError as error:
        ...  # error.current is the row as the other tab saved it (None if it was deleted)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

_M = TypeVar("_M", bound=models.Model)


class PersonalQuerySet(models.QuerySet[_M]):
    def for_user(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """The rows that belong to ``user``. PermissionDenied for someone not signed in."""
        if not user.is_authenticated or user.pk is None:
            raise PermissionDenied("Sign in to see your own journal.")
        owner_path: str = getattr(self.model, "owner_path", "user")
        return self.filter(**{owner_path: user.pk})


class StaleEditError(Exception):
    """The row was changed (or deleted) since this copy was read: saving would lose that change."""

    def __init__(self, current: models.Model | None) -> None:
        super().__init__("This was changed elsewhere (another tab or device) since you opened it.")
        self.current = current


class Versioned(models.Model):
    """An editable record with a version number, saved only over the version it was read with."""

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    owner_path: ClassVar[str] = "user"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or kwargs.get("force_insert"):
            super().save(*args, **kwargs)
            return
        expected = self.version
        manager = type(self)._base_manager
        with transaction.atomic(using=kwargs.get("using") or self._state.db):
            # Compare and swap: a concurrent save of the same version finds 0 rows to update.
            if not manager.filter(pk=self.pk, version=expected).update(version=expected + 1):
                raise StaleEditError(manager.filter(pk=self.pk).first())
            self.version = expected + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.version = expected
                raise
