"""The journal's ``plain`` filter for the pages still on Django's template language (``web.jinja_env``)."""

from __future__ import annotations

from django import template

from benzotaper.web.jinja_env import plain

register = template.Library()
register.filter("plain", plain)
