"""The typer app: thin command bodies that parse -> load -> decide -> render.

The rule-set authors' commands (`wijzer regels …`) are a sub-app of their own
(`wijzer.cli.regels`); the options every command shares are in `wijzer.cli.options`.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wijzer import __version__, texts
from wijzer.cli import dutch
from wijzer.cli.options import RulesOption, command, output_option, set_option
from wijzer.errors import UsageError

if TYPE_CHECKING:
    from wijzer.advice import Advice
    from wijzer.answers import Project
    from wijzer.render.outline import Depth
    from wijzer.render.report import ReportFormat
    from wijzer.ruleset import RuleSet

dutch.install()  # Dutch help option and usage prefix, before any command is built

from wijzer.cli.regels import regels_app  # noqa: E402 - its help texts need `dutch.install`

app = typer.Typer(
    name="wijzer",
    help=(
        "Participatiewijzer: advies over of en hoe u inwoners bij een project betrekt, "
        "met de redenen erbij en praktische tips."
    ),
    add_completion=True,  # --install-completion, --show-completion (see `dutch`)
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},  # subcommands inherit them
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


class BatchFormat(StrEnum):
    """Output formats of `batch`."""

    tabel = "tabel"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    csv_excel = "csv-excel"
    yaml = "yaml"


class LevelsFormat(StrEnum):
    """Output formats of `niveaus`."""

    tekst = "tekst"
    json = "json"


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"wijzer {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    versie: Annotated[
        bool,
        typer.Option(
            "--versie",
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Toon de versie en stop.",
        ),
    ] = False,
) -> None:
    """Participatiewijzer: advies over of en hoe u inwoners bij een project betrekt."""


app.add_typer(regels_app)


def _rules(path: Path | None) -> RuleSet:
    from wijzer.loading import load_ruleset

    return load_ruleset(path)


@app.command()
@command
def advies(
    antwoorden: Annotated[
        Path | None,
        typer.Option(
            "--antwoorden",
            "-a",
            metavar="BESTAND",
            help=(
                "Antwoordbestand (YAML); '-' leest van standaardinvoer. Ontbrekende antwoorden "
                "worden in een terminal gevraagd, anders tellen ze als 'weet ik niet'."
            ),
            show_default=False,
            readable=False,
        ),
    ] = None,
    zet: Annotated[
        list[str] | None,
        set_option(
            "Zet een antwoord vast, bijvoorbeeld --set draagvlak=groot (herhaalbaar; "
            "meerdere opties met komma's). Gaat voor het antwoordbestand en het vraaggesprek."
        ),
    ] = None,
    hervat: Annotated[
        bool,
        typer.Option("--hervat", help="Ga verder met het onderbroken vraaggesprek."),
    ] = False,
    uitvoer: Annotated[
        Path | None,
        output_option(
            "Schrijf ook een concept-participatieplan; de naam kiest de vorm: plan.html "
            "(printbaar, A4), plan.md (Markdown) of plan.docx (Word)."
        ),
    ] = None,
    regels: RulesOption = None,
    formaat: Annotated[
        AdviceFormat,
        typer.Option(
            "--formaat", "-f", help="Uitvoer: tekst (voor mensen), json, yaml of markdown."
        ),
    ] = AdviceFormat.tekst,
    kort: Annotated[
        bool,
        typer.Option("--kort", help="Toon alleen het advies in één oogopslag (het eerste scherm)."),
    ] = False,
    volledig: Annotated[
        bool,
        typer.Option(
            "--volledig", help="Toon alles: alle tips voluit, met waarom, en uw antwoorden."
        ),
    ] = False,
) -> None:
    """Geef een participatieadvies: in een terminal als vraaggesprek, anders uit een bestand."""
    from wijzer.compiled import compile_rules
    from wijzer.engine import advise
    from wijzer.interview import needs_interview, require_terminal
    from wijzer.loading import load_answers
    from wijzer.precedence import combine, parse_assignments
    from wijzer.printable import is_stdin

    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    depth = _depth(kort, volledig, formaat)
    require_terminal(antwoorden is not None, hervat, terminal)
    report_format = _report_format(uitvoer)
    if uitvoer is not None:  # before anything is read or asked
        from wijzer.atomic import destination, refuse_input_as_output
        from wijzer.loading import rules_path

        inputs = [rules_path(regels), *([antwoorden] if antwoorden is not None else [])]
        refuse_input_as_output(uitvoer, inputs)
        destination(uitvoer)
    rs = _rules(regels)
    fixed = parse_assignments(zet or [], rs)
    file_project = load_answers(antwoorden, rs) if antwoorden is not None else None
    from_stdin = antwoorden is not None and is_stdin(antwoorden)
    if file_project is not None and not needs_interview(
        file_project, fixed, resume=hervat, terminal=terminal, from_stdin=from_stdin
    ):
        project = file_project.model_copy(
            update={"antwoorden": combine(fixed, file_project.antwoorden)}
        )
        advice = advise(compile_rules(rs), project)
        _print_advice(advice, rs, formaat, depth, project)
        _write_report(advice, project, rs, uitvoer, report_format)
        return
    _interactive(rs, fixed, file_project, hervat, (formaat, depth), uitvoer, report_format)


def _depth(kort: bool, volledig: bool, formaat: AdviceFormat) -> Depth:
    """How much of the advice to show as text; the other formats always hold everything."""
    if kort and volledig:
        raise UsageError(texts.DEPTH_BOTH)
    if (kort or volledig) and formaat is not AdviceFormat.tekst:
        raise UsageError(texts.DEPTH_TEXT_ONLY.format(option="--kort" if kort else "--volledig"))
    return "kort" if kort else "volledig" if volledig else "normaal"


def _report_format(path: Path | None) -> ReportFormat | None:
    """The report format for --uitvoer, checked before anything is asked or computed."""
    if path is None:
        return None
    from wijzer.render.report import format_for

    fmt = format_for(path)
    if fmt is None:
        raise UsageError(texts.UNSUPPORTED_REPORT.format(suffix=path.suffix or path.name))
    return fmt


def _write_report(
    advice: Advice, project: Project, rs: RuleSet, path: Path | None, fmt: ReportFormat | None
) -> None:
    if path is None or fmt is None:
        return
    from wijzer.answers import plan_meta
    from wijzer.atomic import write_atomic
    from wijzer.cli.output import say
    from wijzer.render.report import plan_content

    write_atomic(path, plan_content(advice, rs, fmt, meta=plan_meta(project)))
    say(texts.REPORT_WRITTEN.format(path=path))


def _interactive(
    rs: RuleSet,
    fixed: dict[str, tuple[str, ...]],
    file_project: Project | None,
    resume: bool,
    shown: tuple[AdviceFormat, Depth],
    uitvoer: Path | None,
    report_format: ReportFormat | None,
) -> None:
    from rich.console import Group
    from rich.text import Text

    from wijzer.cli import interactive
    from wijzer.cli.output import show, stdout_console
    from wijzer.cli.prompts import TerminalAsker
    from wijzer.compiled import compile_rules
    from wijzer.drafts import Drafts
    from wijzer.engine import advise
    from wijzer.render.outline import build
    from wijzer.render.report import format_for, plan_content
    from wijzer.render.text import summary

    console = stdout_console()
    asker = TerminalAsker(rs, console)
    drafts = Drafts()
    with interactive.interruptible(drafts):
        project = interactive.collect(rs, asker, drafts, fixed, file_project, resume)
        advice = advise(compile_rules(rs), project)
        _print_advice(advice, rs, *shown, project, hint=False)
        _write_report(advice, project, rs, uitvoer, report_format)

        def plan(path: Path, meta: dict[str, str | None]) -> str | bytes:
            return plan_content(advice, rs, format_for(path) or "html", meta=meta)

        where = interactive.offer_saving(rs, asker, drafts, project, None if uitvoer else plan)
        if shown[0] is AdviceFormat.tekst:  # the advice at a glance is what the user sees last
            glance = summary(build(advice, rs), fancy=console.is_terminal)
            show(console, Group(Text(), glance, Text()))
        for line in where:
            asker.say(line)


def _print_advice(
    advice: Advice,
    rs: RuleSet,
    formaat: AdviceFormat,
    depth: Depth,
    project: Project,
    *,
    hint: bool = True,
) -> None:
    from wijzer.cli.output import show, stdout_console, write

    if formaat is AdviceFormat.json:
        from wijzer.render.data import to_json

        write(to_json(advice))
    elif formaat is AdviceFormat.yaml:
        from wijzer.render.data import to_yaml

        write(to_yaml(advice))
    elif formaat is AdviceFormat.markdown:
        from wijzer.answers import plan_meta
        from wijzer.render.report import render_report

        write(render_report(advice, rs, "markdown", meta=plan_meta(project)))
    else:
        from wijzer.render.outline import build
        from wijzer.render.text import render as render_text

        console = stdout_console()
        fancy = console.is_terminal
        show(console, render_text(build(advice, rs), fancy=fancy, depth=depth, hint=hint))


@app.command("config")
@command
def config_command(
    zet: Annotated[
        list[str] | None,
        typer.Option(
            "--zet",
            metavar="SLEUTEL=WAARDE",
            help="Onthoud een waarde: gemeente, afdeling, opsteller of regels (een pad). "
            "Herhaalbaar; 'sleutel=' vergeet hem.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Toon wat wijzer onthoudt voor het participatieplan (gemeente, afdeling, opsteller)
    en welke regelset het gebruikt, en waar dat staat; met --zet past u het aan."""
    from wijzer.cli.output import write
    from wijzer.config import config_path, in_force, parse_change, remember

    path = config_path()
    if zet:
        remember(dict(parse_change(assignment) for assignment in zet), path)
    state = "" if path.exists() else texts.CONFIG_NONE
    lines = [texts.CONFIG_WHERE.format(path=path, state=state)]
    for key, value, variable in in_force(path):
        if variable:
            source = texts.CONFIG_FROM_ENV.format(variable=variable)
        elif not value:
            source = texts.CONFIG_DEFAULT_RULES if key == "regels" else texts.CONFIG_UNSET
        else:
            source = ""
        lines.append(f"  {key.ljust(10)} {value or '—'}{f'  ({source})' if source else ''}")
    write("\n".join(lines) + "\n")


@app.command()
@command
def batch(
    paden: Annotated[
        list[str],
        typer.Argument(
            metavar="PAD...",
            help="Bestanden, mappen (alle *.yaml/*.yml, ook in submappen), globs, of '-' voor "
            "een YAML-stroom op standaardinvoer (één project per document).",
            show_default=False,
        ),
    ],
    formaat: Annotated[
        BatchFormat,
        typer.Option(
            "--formaat",
            "-f",
            help="Uitvoer: tabel (voor mensen), json, jsonl, csv, csv-excel (met puntkomma's, "
            "voor Excel) of yaml.",
        ),
    ] = BatchFormat.tabel,
    uitvoer: Annotated[
        Path | None,
        output_option("Schrijf de uitvoer naar dit bestand (in één keer: nooit half)."),
    ] = None,
    strikt: Annotated[
        bool, typer.Option("--strikt", help="Onbekende antwoorden gelden als fout.")
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            max=64,
            help="Aantal processen; 0 (standaard) kiest zelf: alle kernen bij grote batches.",
        ),
    ] = 0,
    zet: Annotated[
        list[str] | None,
        set_option("Zet een antwoord vast voor elk project (gaat voor de bestanden)."),
    ] = None,
    regels: RulesOption = None,
) -> int:
    """Beoordeel veel antwoordbestanden tegelijk: een overzicht, of data voor scripts."""
    from wijzer.cli.batch import BatchJob, run_batch

    job = BatchJob(
        paths=paden,
        format=formaat.value,
        output=uitvoer,
        strict=strikt,
        jobs=jobs,
        assignments=zet or [],
        rules=regels,
    )
    return run_batch(job)


@app.command()
@command
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
        from wijzer.render.data import levels_json

        write(levels_json(rs))
        return
    from wijzer.render.levels import render as render_levels

    console = stdout_console()
    show(console, render_levels(rs, fancy=console.is_terminal))


@app.command()
@command
def sjabloon(
    uitvoer: Annotated[
        Path | None,
        output_option("Schrijf naar dit bestand in plaats van naar het scherm."),
    ] = None,
    regels: RulesOption = None,
) -> None:
    """Schrijf een antwoordbestand met uitleg: alle vragen en opties, klaar om in te vullen."""
    from wijzer.authoring.template import template
    from wijzer.cli.output import write

    text = template(_rules(regels))
    if uitvoer is None:
        write(text)
        return
    from wijzer.atomic import refuse_existing, write_atomic

    refuse_existing(uitvoer)
    write_atomic(uitvoer, text)
