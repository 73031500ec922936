"""Form fields for the bounded values every editable journal entry has: its version and its note.

The bounds themselves are the journal core's (``benzotaper.journal.NOTE_MAX``, ``VERSION_MAX``), the
same the API's schemas use, so a note saved on a page can always be edited through the API and a
forged version number is a clear form error rather than an integer overflow in the database.
"""

from __future__ import annotations

from django import forms

from benzotaper.journal import NOTE_MAX, VERSION_MAX


def version_field() -> forms.IntegerField:
    """The hidden version a form was shown with: 0 for a new entry, else the entry's version."""
    out_of_range = "This form is out of date or was changed: reload the page and enter it again."
    return forms.IntegerField(
        min_value=0,
        max_value=VERSION_MAX,
        widget=forms.HiddenInput,
        required=False,
        error_messages={"min_value": out_of_range, "max_value": out_of_range, "invalid": out_of_range},
    )


def note_field(label: str, rows: int) -> forms.CharField:
    """A free-text note, at most ``NOTE_MAX`` characters."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": f"Keep it to {NOTE_MAX:,} characters or fewer (now %(show_value)d)."},
    )
