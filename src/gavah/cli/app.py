"""The root ``gavah`` command: global options, error handling and the command registry.

Owns turning a :class:`gavah.errors.GavahError` into one line on stderr and a non-zero exit, so
no command shows a traceback for bad input. Subcommands live in their own modules and are added
by their ``register(app)`` function.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from gavah import __version__
from gavah.cli import (
    accountability,
    bundle,
    claims,
    connectivity,
    demo,
    estimate,
    export,
    ingest,
    interchange,
    ledger,
    link,
    lists,
    publish,
    review,
    synth,
    users,
    vault,
    workspace,
)
from gavah.errors import GavahError
from gavah.workspace import Settings

__all__ = ["EXIT_USER_ERROR", "app", "main"]

EXIT_USER_ERROR = 1


class _GavahGroup(TyperGroup):
    """A Typer group that reports the project's errors as one line and a non-zero exit."""

    def invoke(self, ctx: Any) -> Any:  # Any: typer's vendored click Context type is private
        try:
            return super().invoke(ctx)
        except GavahError as err:
            typer.echo(f"gavah: error: {err}", err=True)
            raise typer.Exit(EXIT_USER_ERROR) from None


app = typer.Typer(
    name="gavah",
    cls=_GavahGroup,
    help=(
        "Gavah (گواه, 'witness'): preserve evidence with a chain of custody, merge lists of "
        "victims into a register, estimate the toll with honest uncertainty, and tie "
        "perpetrators to units and commanders.\n\n"
        "The workspace is chosen by --workspace, else GAVAH_HOME, else ./gavah-workspace. "
        "The passphrase comes from GAVAH_PASSPHRASE or a prompt."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gavah {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    ctx: typer.Context,
    workspace_dir: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Workspace folder (default: $GAVAH_HOME, else ./gavah-workspace).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Build the settings once, here at the entry point, and hand them to every command."""
    ctx.obj = Settings.build(os.environ, workspace_dir)


workspace.register(app)
synth.register(app)
estimate.register(app)
demo.register(app)
lists.register(app)
link.register(app)
review.register(app)
ingest.register(app)
ledger.register(app)
export.register(app)
accountability.register(app)
vault.register(app)
bundle.register(app)
connectivity.register(app)
claims.register(app)
interchange.register(app)
users.register(app)
publish.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
