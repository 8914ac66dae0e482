"""The typer app: thin command bodies that parse -> load -> decide -> render."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from wijzer import __version__, texts
from wijzer.errors import UsageError, WijzerError

if TYPE_CHECKING:
    from wijzer.advice import Advice
    from wijzer.ruleset import RuleSet

app = typer.Typer(
    name="wijzer",
    help=(
        "Participatiewijzer: advies over of en hoe u inwoners bij een project betrekt, "
        "met de redenen erbij en praktische tips."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)


class AdviceFormat(StrEnum):
    """Output formats of `advies`."""

    tekst = "tekst"
    json = "json"
    yaml = "yaml"
    markdown = "markdown"


class LevelsFormat(StrEnum):
    """Output formats of `niveaus`."""

    tekst = "tekst"
    json = "json"


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
        dir_okay=True,
    ),
]


P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Explain expected errors on stderr and exit with their code (1 input, 2 usage)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except WijzerError as exc:
            from wijzer.cli.output import report_error

            report_error(exc)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"wijzer {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    versie: Annotated[
        bool,
        typer.Option(
            "--versie", callback=_show_version, is_eager=True, help="Toon de versie en stop."
        ),
    ] = False,
) -> None:
    """Participatiewijzer: advies over of en hoe u inwoners bij een project betrekt."""


def _rules(path: Path | None) -> RuleSet:
    from wijzer.loading import load_ruleset

    return load_ruleset(path)


@app.command()
@reports_errors
def advies(
    antwoorden: Annotated[
        Path | None,
        typer.Option(
            "--antwoorden",
            "-a",
            metavar="BESTAND",
            help=(
                "Antwoordbestand (YAML) met de antwoorden van het project; '-' leest van "
                "standaardinvoer."
            ),
            show_default=False,
            dir_okay=True,
        ),
    ] = None,
    regels: RulesOption = None,
    formaat: Annotated[
        AdviceFormat,
        typer.Option(
            "--formaat", "-f", help="Uitvoer: tekst (voor mensen), json, yaml of markdown."
        ),
    ] = AdviceFormat.tekst,
) -> None:
    """Geef een participatieadvies voor een project: het niveau, de redenen en de tips."""
    if antwoorden is None:
        raise UsageError(texts.NEED_ANSWERS)
    from wijzer.engine import advise
    from wijzer.loading import load_answers

    rs = _rules(regels)
    project = load_answers(antwoorden, rs)
    advice = advise(rs, project)
    _print_advice(advice, rs, formaat)


def _print_advice(advice: Advice, rs: RuleSet, formaat: AdviceFormat) -> None:
    from wijzer.cli.output import show, stdout_console, write

    if formaat is AdviceFormat.json:
        from wijzer.render.data import to_json

        write(to_json(advice))
    elif formaat is AdviceFormat.yaml:
        from wijzer.render.data import to_yaml

        write(to_yaml(advice))
    else:
        from wijzer.outline import build

        outline = build(advice, rs)
        if formaat is AdviceFormat.markdown:
            from wijzer.render.markdown import render as render_markdown

            write(render_markdown(outline))
        else:
            from wijzer.render.text import render as render_text

            console = stdout_console()
            show(console, render_text(outline, fancy=console.is_terminal))


@app.command()
@reports_errors
def niveaus(
    regels: RulesOption = None,
    formaat: Annotated[
        LevelsFormat, typer.Option("--formaat", "-f", help="Uitvoer: tekst of json.")
    ] = LevelsFormat.tekst,
) -> None:
    """Toon de participatieladder: per niveau betekenis, belofte, wat het vraagt, werkvormen."""
    rs = _rules(regels)
    from wijzer.cli.output import show, stdout_console, write

    if formaat is LevelsFormat.json:
        import json

        data = [level.model_dump(mode="json") for level in rs.niveaus]
        write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    from wijzer.render.levels import render as render_levels

    console = stdout_console()
    show(console, render_levels(rs, fancy=console.is_terminal))
