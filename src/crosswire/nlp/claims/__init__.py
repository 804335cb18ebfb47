"""Quotes and claims with their speakers: direct quotations (``quotes``,
``quote_owners``, which asks ``own_content`` whether a cue beside a
quotation said something of its own), claim drafts from the parse
(``drafts``, with their speakers from ``subjects`` and content spans from
``content_spans``; ``phrases``,
``cue_frames``), speaker spans and resolution (``speakers``) and the
two-pass entry point ``find.find_claims``.

May import: ``nlp.core``, ``nlp.quantities`` (word tables).
"""
