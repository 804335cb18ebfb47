"""What the browser tests share: where Chromium is, how it is launched, and a
live server for an app.

Imported by tests/web/conftest.py (the ``browser`` fixture) and by the
browser test modules. It imports playwright and uvicorn only when called, so
the API tests in this folder run without them.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Debian's Chromium; CROSSWIRE_CHROMIUM points elsewhere (or at nothing, to check
# that the rest of tests/web runs when there is no browser).
CHROMIUM = Path(os.environ.get("CROSSWIRE_CHROMIUM", "/usr/bin/chromium"))
# Headless in a sandboxed CI box: no GPU, no sandbox, and no background
# traffic (updates, sync), since the tests must pass offline.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed"
    for module, what in (("playwright", "playwright"), ("uvicorn", "uvicorn")):
        if importlib.util.find_spec(module) is None:
            return f"{what} is not installed"
    return None


def launch() -> Iterator[Any]:
    """A headless Chromium browser, closed (with playwright) when the generator ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yield its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket, not a fixed delay
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
