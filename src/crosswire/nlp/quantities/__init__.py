"""Counts and measures with what they count: ``find.find_quantities`` and the
number-word and phrase tables in ``words``.

May import: ``nlp.core``.
"""
