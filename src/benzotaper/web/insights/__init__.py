"""Insights: what a person's journal shows (windows and waves, cuts, alerts, interactions), on a page,
in the API and on the command line. The analysis is ``benzotaper.insights``; this app gathers the journal
for it (``data``) and shows the result (``views``, ``display``)."""
