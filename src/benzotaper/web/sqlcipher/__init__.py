"""A Django database backend for a SQLite file encrypted with SQLCipher (``base.py``)."""
