"""crosswire: turn a pile of news articles into a cross-checked, source-attributed picture."""

from crosswire.model import Article, DateCandidate, Outcome, RawDocument, RejectedDate, Removed

__all__ = ["Article", "DateCandidate", "Outcome", "RawDocument", "RejectedDate", "Removed"]
__version__ = "0.1.0"
