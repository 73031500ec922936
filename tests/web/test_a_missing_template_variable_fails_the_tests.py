"""In the tests (and with BENZOTAPER_DEBUG=true) a Jinja2 page that prints a variable its view did not
give fails, so a misspelt name cannot pass unseen; asking ``{% if %}`` of it is simply false."""

from __future__ import annotations

import pytest
from django.template import engines
from jinja2 import UndefinedError


def render(source: str) -> str:
    return engines["jinja2"].from_string(source).render({"given": "here"})


def test_printing_a_missing_variable_fails() -> None:
    assert render("{{ given }}") == "here"
    with pytest.raises(UndefinedError):
        render("{{ gvien }}")
    with pytest.raises(UndefinedError):
        render("{% for x in gvien %}{{ x }}{% endfor %}")


def test_testing_a_missing_variable_is_false() -> None:
    assert render("{% if new_share %}shared{% else %}not shared{% endif %}") == "not shared"
