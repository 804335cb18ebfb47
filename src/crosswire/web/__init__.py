"""The REST API and web app: ``create_app(db)`` serves /api (JSON) and the pages.

Serving needs the ``web`` extra (FastAPI, uvicorn, Jinja2, python-multipart). The
read model and the picture tables it materialises (``crosswire.web.materialize``)
run without it: the CLI refreshes them after fusion, so FastAPI is imported only
when ``create_app`` is first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crosswire.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from crosswire.web.app import create_app

        return create_app
    raise AttributeError(f"module 'crosswire.web' has no attribute {name!r}")
