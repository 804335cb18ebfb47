"""Shared NLP plumbing: loading the packaged spaCy model once per process
(``model``), the table-driven attribute ruler that replaces spaCy's
(``attributes``), and per-``Doc`` memos (``doccache``).

May import: spaCy and the standard library only. Every other ``nlp``
subpackage may import from here; nothing here imports them.
"""
