"""The doctor's report, exports and import, share links for a clinician and the calendar subscription."""
