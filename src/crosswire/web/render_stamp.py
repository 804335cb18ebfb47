"""The stamp of the code that renders stored answers (:mod:`crosswire.web.prerender`).

Apart from the renderer so that the read side (:mod:`crosswire.web.tables`),
which checks a stored body's stamp before serving it, need not import the
renderer, which imports the read side to render.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.resources import files

from crosswire import __version__
from crosswire.store.picture_rendered import FORMAT

# The modules whose code decides a rendered answer's bytes.
_RENDERING = (
    (
        "crosswire.web",
        (
            "views.py",
            "present.py",
            "tables.py",
            "items.py",
            "readmodel.py",
            "story_pages.py",
        ),
    ),
    ("crosswire.store", ("picture_reads.py",)),
)


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A hash of the rendering code, the package version and the stored format
    (:data:`~crosswire.store.picture_rendered.FORMAT`): bodies rendered or
    stored by other code are not served."""
    digest = hashlib.blake2b(f"{__version__} {FORMAT}".encode(), digest_size=8)
    for package, names in _RENDERING:
        for name in names:
            digest.update(files(package).joinpath(name).read_bytes())
    return digest.hexdigest()
