"""The analysis layer, one subpackage per concern.

* ``core``: model loading and per-Doc caches, shared by all the others;
* ``entities``: the spaCy pipeline, actors and lexicons;
* ``places``: toponyms and the gazetteer;
* ``temporal``: dates and time expressions;
* ``quantities``: counts and measures;
* ``claims``: quotes, claims and speakers;
* ``events``: event mentions built from all of the above.

Nothing in ``nlp`` imports ``analyze``, ``fusion``, ``export``, ``web``,
``report`` or ``cli``.
"""
