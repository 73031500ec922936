"""The journal's pages: Today (``today``), the check-in (``checkin``) and the journal (``history``)."""

from benzotaper.web.journal.views.checkin import checkin
from benzotaper.web.journal.views.history import checkin_delete, dose_add, dose_delete, dose_edit, history
from benzotaper.web.journal.views.short_list import choose_short_list
from benzotaper.web.journal.views.today import quick_checkin, record_dose, today

__all__ = [
    "checkin",
    "checkin_delete",
    "choose_short_list",
    "dose_add",
    "dose_delete",
    "dose_edit",
    "history",
    "quick_checkin",
    "record_dose",
    "today",
]
