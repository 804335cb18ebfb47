"""The REST API and web app: ``create_app(db)`` serves /api (JSON) and the pages.

Needs the ``web`` extra (FastAPI, uvicorn, Jinja2, python-multipart).
"""

from crosswire.web.app import create_app

__all__ = ["create_app"]
