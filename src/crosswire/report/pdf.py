"""Optional PDF output: print the HTML report with a local headless Chromium.

Only an installed browser is used (Debian's ``chromium`` package, or one named
by ``CROSSWIRE_CHROMIUM``); nothing is downloaded. The report has no script
and no external resource, and the browser runs with networking disabled by a
proxy that points nowhere, so printing cannot reach the network.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from crosswire.report.build import ReportError

log = logging.getLogger(__name__)

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> Path | None:
    """The Chromium executable to print with, or None when none is installed."""
    named = os.environ.get("CROSSWIRE_CHROMIUM")
    if named:
        return Path(named) if Path(named).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return Path("/usr/bin/chromium")
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def write_pdf(html_path: Path, pdf_path: Path, *, timeout: float = 120.0) -> Path:
    """Print ``html_path`` to ``pdf_path``; raises :class:`ReportError` E803/E804."""
    browser = find_chromium()
    if browser is None:
        raise ReportError("E803 PDF output needs a local Chromium (apt install chromium)")
    with tempfile.TemporaryDirectory(prefix="crosswire-pdf-") as profile:
        cmd = [
            str(browser),
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-extensions",
            # Any network request goes to a proxy that does not exist.
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path.resolve()}",
            html_path.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError(f"E804 PDF printing failed: {exc}") from exc
    if done.returncode != 0 or not pdf_path.is_file():
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise ReportError(f"E804 PDF printing failed: {' '.join(tail) or done.returncode}")
    log.info("printed %s to %s", html_path, pdf_path)
    return pdf_path
