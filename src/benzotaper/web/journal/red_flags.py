"""What the red-flag panel shows when a check-in records a red flag (an emergency sign).

The signs, what to do and the numbers all come from the knowledge data, never from a template.
The panel is ``jinja2/journal/_red_flag_panel.html``; give it ``red_flag_panel(...)`` as
``panel``. It is shown above everything else on Today and on the check-in of that day.
"""

from __future__ import annotations

from collections.abc import Iterable

from benzotaper.knowledge import CrisisLine, RedFlag
from benzotaper.records import Record


class RedFlagPanel(Record):
    """The signs answered yes, with what to do for each; the emergency number for the person's
    country (the default one when it is not listed) and that country's crisis lines."""

    signs: tuple[RedFlag, ...]
    emergency_number: str
    crisis_lines: tuple[CrisisLine, ...]


def red_flag_panel(codes: Iterable[str], country: str) -> RedFlagPanel | None:
    """The panel for the red flags ``codes`` (as stored in ``CheckIn.red_flags``) and a two-letter
    ``country`` code; None when there are none. A code the knowledge data no longer has is shown
    by its code (with the emergency number), so a recorded red flag is never hidden."""
    codes = tuple(codes)
    if not codes:  # most check-ins (a list of a hundred asks for each)
        return None
    from benzotaper.knowledge import emergency_number, load_emergency_numbers, load_red_flags

    known = {flag.code: flag for flag in load_red_flags().emergency_signs}
    signs = tuple(known.get(code) or _unknown(code) for code in codes)
    numbers = load_emergency_numbers().for_country(country)
    return RedFlagPanel(
        signs=signs,
        emergency_number=emergency_number(country),
        crisis_lines=numbers.crisis_lines if numbers is not None else (),
    )


def _unknown(code: str) -> RedFlag:
    return RedFlag(
        code=code,
        sign=code.replace("_", " ").capitalize(),
        question="",
        what_to_do="",
        basis="",
        sources=(),
        confidence="M",
    )
