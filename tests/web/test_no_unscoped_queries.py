"""No view or API handler reaches personal data except through ``for_user``.

A reading of the source: in the web app and the command line, a personal model's manager is only
ever used as ``Model.objects.for_user(...)``. Models and the shared records module are exempt: they
implement the scoping (and the token look-up, which is how a person is found).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps

from benzotaper.web.records import PersonalQuerySet

SRC = Path(__file__).resolve().parents[2] / "src" / "benzotaper"
EXEMPT = {"models.py", "records.py"}


def personal_model_names() -> list[str]:
    return [m.__name__ for m in apps.get_models() if isinstance(m._default_manager.all(), PersonalQuerySet)]


def delivery_files() -> list[Path]:
    files = [SRC / "cli.py", *sorted((SRC / "web").rglob("*.py"))]
    return [f for f in files if f.name not in EXEMPT and "migrations" not in f.parts]


def test_personal_data_is_only_reached_through_for_user() -> None:
    names = "|".join(personal_model_names())
    unscoped = re.compile(rf"\b({names})\.(objects\.(?!for_user\b)|_default_manager|_base_manager)")
    offenders = []
    for file in delivery_files():
        for number, line in enumerate(file.read_text().splitlines(), 1):
            if unscoped.search(line):
                offenders.append(f"{file.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_check_finds_an_unscoped_query() -> None:
    names = "|".join(personal_model_names())
    unscoped = re.compile(rf"\b({names})\.(objects\.(?!for_user\b)|_default_manager|_base_manager)")
    assert unscoped.search("CheckIn.objects.get(pk=pk)")
    assert not unscoped.search("CheckIn.objects.for_user(request.user).get(pk=pk)")
