"""The export's format names and version (light: the command line reads them at start-up)."""

FORMAT_VERSION = "1.1"
FORMATS = ("json", "jsonl", "csv", "parquet", "acled", "ucdp")
