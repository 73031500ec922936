"""The glossary: a page of the field's words (``/glossary/``) and the filter that links them in the app."""
