"""Start Django outside ``manage.py``: for the command line (``benzotaper serve``, ``adduser``...)."""

from __future__ import annotations

import os

SETTINGS_MODULE = "benzotaper.web.settings"


def start_django(*, migrate: bool) -> None:
    """Set Django up with the benzotaper settings and, when ``migrate``, create or update the tables.

    Migrating at every start is how a fresh install gets its database and an upgraded one its new
    tables; with nothing to do it takes a few milliseconds.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
