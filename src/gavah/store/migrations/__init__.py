"""Alembic migration environment of the Gavah store (``env.py`` and ``versions/``)."""
