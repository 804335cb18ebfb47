"""The analysis layer run over stored articles (entities, places, dates, quantities, claims)."""

from crosswire.analyze.runner import AnalyzeReport, analyze

__all__ = ["AnalyzeReport", "analyze"]
