"""Event mentions: triggers and their rules (``rules``), actors and targets
from the parse (``arguments``) and the per-article entry point
``find.find_events``, which reads what the other subpackages found.

May import: ``nlp.core``, ``nlp.entities``, ``nlp.places``, ``nlp.claims``,
``nlp.temporal``, ``nlp.quantities``.
"""
