"""Places: toponym detection (``mentions``), the false-toponym filters
(``filters``), designators such as "province of" (``designate``), candidate
ranking (``resolve``) and the offline gazetteer with its packaged sources
(``gazetteer``, ``gazetteer_build``, ``gazetteer_core``, ``source_*``,
``geonames_import``).

May import: ``nlp.core``, ``nlp.entities`` (``entities.names``: a person's name
is no place).
"""
