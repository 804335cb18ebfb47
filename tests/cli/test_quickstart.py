"""The README's Quick start is what CI runs: the same two commands, in order."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHELL_OPERATORS = {"|", "||", "&&", ";", "&", ">", ">>", "2>", "2>&1", "<"}


def _command(line: str) -> str | None:
    """The ``./dev.sh ...`` command a shell line runs, without redirections or pipes."""
    try:
        tokens = shlex.split(line, comments=True)
    except ValueError:
        return None
    if not tokens or tokens[0] != "./dev.sh":
        return None
    words: list[str] = []
    for token in tokens:
        if token in SHELL_OPERATORS or token.startswith((">", "2>", "|")):
            break
        words.append(token)
    return " ".join(words)


def readme_quick_start() -> list[str]:
    """Commands of the first bash block under the README's '## Quick start'."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None, "the Quick start has no bash block"
    return [
        command for line in block.group(1).splitlines() if (command := _command(line)) is not None
    ]


def ci_commands() -> list[str]:
    """``./dev.sh`` commands that .ci/run runs, in order."""
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [command for line in lines if (command := _command(line.strip())) is not None]


def test_ci_runs_the_readme_quick_start() -> None:
    quick_start = readme_quick_start()
    assert quick_start == ["./dev.sh demo", "./dev.sh test"]
    assert ci_commands() == quick_start


def test_quick_start_says_what_demo_installs() -> None:
    dev = (REPO / "dev.sh").read_text(encoding="utf-8")
    extras = re.search(r"\n  demo\)\n    setup \"([^\"]+)\"", dev)
    assert extras is not None, "dev.sh demo no longer calls setup with its extras"
    section = (REPO / "README.md").read_text(encoding="utf-8").split("\n## Quick start", 1)[1]
    section = section.split("\n## ", 1)[0]
    for extra in extras.group(1).split(","):
        assert f"`{extra}`" in section, f"the Quick start does not say demo installs {extra}"


def test_command_parsing_ignores_comments_echoes_and_redirections() -> None:
    assert _command('./dev.sh demo 2>&1 | tee "$log"') == "./dev.sh demo"
    assert _command("./dev.sh test    # run the suite") == "./dev.sh test"
    assert _command('echo "ci: step 1/2: ./dev.sh demo" >&2') is None
    assert _command("# ./dev.sh lint") is None
