"""Dates and other time expressions resolved against the publication date:
``find.find_dates`` and the pattern table in ``rules``.

May import: ``nlp.core``, ``nlp.quantities`` (number words).
"""
