"""Export the store as JSON, JSON Lines, CSV or Parquet (format documented in docs/export.md)."""

from crosswire.export.writers import FORMAT_VERSION, FORMATS, article_record, export, export_object

__all__ = ["FORMATS", "FORMAT_VERSION", "article_record", "export", "export_object"]
