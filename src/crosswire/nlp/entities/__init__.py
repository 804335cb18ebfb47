"""Entities and actors: the analysis pipeline (``pipeline.build_nlp``), the
curated actor and military lexicons (``lexicon``), the phrase-matching ruler
(``ruler``) and the repair of organisation fragments (``repair``).

May import: ``nlp.core``.
"""
