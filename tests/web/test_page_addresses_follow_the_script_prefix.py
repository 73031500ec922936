"""The pages' ``url()`` keeps the addresses it worked out, but never across a change of what they depend
on: a server mounted under a prefix (``SCRIPT_NAME``) links under that prefix."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import get_script_prefix, set_script_prefix

from benzotaper.web.jinja_env import url


@pytest.fixture
def root_prefix() -> Iterator[None]:
    before = get_script_prefix()
    yield
    set_script_prefix(before)


def test_an_address_follows_the_script_prefix(root_prefix: None) -> None:
    set_script_prefix("/")
    assert url("journal:dose_edit", 7) == "/journal/dose/7/"
    set_script_prefix("/taper/")
    assert url("journal:dose_edit", 7) == "/taper/journal/dose/7/"
    assert url("journal:today") == "/taper/"
    set_script_prefix("/")
    assert url("journal:dose_edit", 7) == "/journal/dose/7/"
