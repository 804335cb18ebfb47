"""``python -m crosswire`` and ``python -m crosswire.cli`` run the same CLI as the script."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["crosswire", "crosswire.cli"])
def test_python_m_runs_the_cli(module: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "evaluate" in out.stdout and "serve" in out.stdout
