"""Export the store as JSON, JSON Lines, CSV or Parquet (format documented in docs/export.md).

The writers (and the fusion records they use) are imported on first use, so the
command line can offer ``--format`` without loading them (``crosswire serve``
starts faster).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crosswire.export.formats import FORMAT_VERSION, FORMATS

if TYPE_CHECKING:
    from crosswire.export.writers import article_record, export, export_object

__all__ = ["FORMATS", "FORMAT_VERSION", "article_record", "export", "export_object"]

_LAZY = ("article_record", "export", "export_object")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from crosswire.export import writers

        return getattr(writers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
