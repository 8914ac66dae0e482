"""What every command shares: the common options, and the wrapper that hands whatever a
command raises to `wijzer.cli.main`, which has `wijzer.cli.exits` explain it and give its
exit code (the one place that does)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from wijzer.cli.stops import Escaped

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--regels",
        "-r",
        envvar="WIJZER_REGELS",
        metavar="PAD",
        help=(
            "Pad naar een eigen regelset (YAML). Zonder deze optie: de ingebouwde "
            "standaardregelset."
        ),
        show_default=False,
        readable=False,  # wijzer's own reader says in Dutch why it cannot read a file
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


def command(body: Callable[P, R]) -> Callable[P, R]:
    """A command body whose exceptions reach `wijzer.cli.main` as they were raised (to be
    mapped by `wijzer.cli.exits.exit_code`): click
    would turn Ctrl-C into a blank line and an `Abort`, and a closed pipe into exit 1.
    Exit codes a command returns pass through."""

    @functools.wraps(body)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return body(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BaseException as exc:
            raise Escaped(exc) from exc

    return wrapper


def output_option(help_text: str) -> Any:
    """The `--uitvoer/-o BESTAND` option, with its own help per command."""
    return typer.Option(
        "--uitvoer", "-o", metavar="BESTAND", help=help_text, show_default=False, readable=False
    )


def set_option(help_text: str) -> Any:
    """The repeatable `--set VRAAG=OPTIE` option."""
    return typer.Option("--set", metavar="VRAAG=OPTIE", help=help_text, show_default=False)
