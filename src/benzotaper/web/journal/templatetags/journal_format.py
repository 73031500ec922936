"""Template filters of the journal pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from benzotaper.planning import decimal_text

register = template.Library()


@register.filter
def plain(value: Decimal | None) -> str:
    """An amount as plain text, without the database's padding: Decimal("0.5000") -> "0.5"."""
    return "" if value is None else decimal_text(Decimal(value))
