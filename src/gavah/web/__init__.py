"""The web application (FastAPI + Jinja2): for now the minimal page the demo serves.

It reads through the store and must never be imported by the domain core.
"""

from gavah.web.app import create_app

__all__ = ["create_app"]
