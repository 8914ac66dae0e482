"""`wijzer regels …`: the tools for rule-set authors, as a sub-app of their own (the main
app adds it). Each command loads, runs a tool from `wijzer.authoring`, and writes what
`wijzer.render.authoring` makes of the result."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wijzer import texts
from wijzer.cli.options import RulesOption, command
from wijzer.cli.output import write
from wijzer.errors import EXIT_INVALID_INPUT, EXIT_OK, InputError, UsageError
from wijzer.printable import shown_path

if TYPE_CHECKING:
    from wijzer.ruleset import RuleSet

regels_app = typer.Typer(
    name="regels",
    help="Gereedschap voor wie een regelset schrijft: controleren, testen, vergelijken, schema.",
    no_args_is_help=True,
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)

PathArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="[PAD]",
        help="De regelset (YAML). Zonder pad: $WIJZER_REGELS of de standaardregelset.",
        show_default=False,
        readable=False,
    ),
]


def _load(path: Path | None, *, bounded: bool = True) -> tuple[Path, RuleSet]:
    from wijzer.loading import load_ruleset, rules_path

    chosen = rules_path(path)
    return chosen, load_ruleset(chosen, bounded=bounded)


@regels_app.command("controleer")
@command
def controleer(
    pad: PathArgument = None,
    streng: Annotated[
        bool, typer.Option("--streng", help="Waarschuwingen tellen ook als fout (exitcode 1).")
    ] = False,
    voorbeelden: Annotated[
        Path | None,
        typer.Option(
            "--voorbeelden",
            metavar="MAP",
            help="Schrijf bij elke bevinding het tegenvoorbeeld als antwoordbestand in deze map.",
            show_default=False,
            readable=False,
        ),
    ] = None,
) -> int:
    """Valideer een regelset en bewijs hem over alle combinaties van antwoorden."""
    from wijzer.authoring.analysis import analyse
    from wijzer.render.authoring import check_output

    path, rs = _load(pad, bounded=False)  # the proof reports what is too large itself
    if voorbeelden is not None:
        _make_folder(voorbeelden)
    started = time.perf_counter()
    report = analyse(rs)
    output = check_output(rs, path, report, time.perf_counter() - started)
    if voorbeelden is not None and output.examples:
        _write_new(
            {voorbeelden / f"{n:02d}-{kind}.yaml": text for n, kind, text in output.examples}
        )
    write(output.text)
    return EXIT_INVALID_INPUT if report.errors or (streng and report.warnings) else EXIT_OK


def _write_new(files: dict[Path, str]) -> None:
    """Write files that must be new (counterexamples): if any name is taken — an earlier
    run's example, the rule set itself, a link — nothing is written."""
    from wijzer.atomic import refuse_existing, write_atomic

    for path in files:
        refuse_existing(path)
    for path, text in files.items():
        write_atomic(path, text)


def _make_folder(folder: Path) -> None:
    """The folder that `--voorbeelden` names (its parent must exist), before any work."""
    from wijzer.atomic import WriteError

    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise WriteError(texts.WRITE_NOT_FOLDER.format(path=folder)) from None
    except OSError as exc:
        raise WriteError(
            texts.WRITE_FAILED_DIRECT.format(path=folder, reason=texts.os_reason(exc))
        ) from None


@regels_app.command("test")
@command
def run_tests(pad: PathArgument = None) -> int:
    """Draai de voorbeeldgevallen die naast een regelset staan (naam.voorbeelden.yaml)."""
    from wijzer.authoring.cases import cases_path, run_cases
    from wijzer.render.authoring import cases_output

    path, loaded = _load(pad)
    cases = cases_path(path)
    if not cases.is_file():
        raise InputError.single(str(cases), texts.CASES_MISSING)
    results = run_cases(loaded, cases)
    write(cases_output(loaded, cases, results))
    return EXIT_INVALID_INPUT if any(not r.passed for r in results) else EXIT_OK


@regels_app.command("vergelijk")
@command
def vergelijk(
    oud: Annotated[
        Path, typer.Argument(metavar="OUD", help="De huidige regelset.", readable=False)
    ],
    nieuw: Annotated[
        Path, typer.Argument(metavar="NIEUW", help="De nieuwe versie.", readable=False)
    ],
) -> None:
    """Toon welke combinaties van antwoorden een ander advies krijgen in de nieuwe versie."""
    from wijzer.authoring.compare import compare, question_differences
    from wijzer.loading import load_ruleset
    from wijzer.render.authoring import comparison_output

    old, new = load_ruleset(oud), load_ruleset(nieuw)
    differences = question_differences(old, new)
    if differences:
        raise UsageError(texts.COMPARE_NEEDS_SAME + " " + " ".join(differences))
    write(comparison_output(old, new, compare(old, new)))


@regels_app.command("schema")
@command
def schema(
    voor: Annotated[
        str,
        typer.Option(
            "--voor",
            metavar="antwoorden|regels",
            help="Schema voor antwoordbestanden of voor regelsets.",
        ),
    ] = "antwoorden",
    regels: RulesOption = None,
) -> None:
    """Schrijf een JSON Schema (uit de modellen gemaakt) voor editors met een YAML-taalserver."""
    from wijzer.authoring.schema import answers_schema, rules_schema
    from wijzer.render.data import pretty_json

    if voor not in ("antwoorden", "regels"):
        raise UsageError(texts.SCHEMA_FOR.format(got=voor))
    if voor == "regels":
        data = rules_schema()
    else:
        _, loaded = _load(regels)
        data = answers_schema(loaded)
    write(pretty_json(data))


@regels_app.command("nieuw")
@command
def nieuw(
    pad: Annotated[
        Path,
        typer.Argument(
            metavar="PAD", help="Waar de nieuwe regelset komt, bijv. eigen.yaml.", readable=False
        ),
    ],
) -> None:
    """Maak een eigen regelset als kopie van de standaardregelset, klaar om aan te passen."""
    from wijzer.atomic import refuse_existing, write_atomic
    from wijzer.authoring.cases import cases_path
    from wijzer.loading import default_rules_path

    if os.path.isdir(pad):  # noqa: PTH112 - unlike Path.is_dir, never raises
        raise UsageError(texts.WRITE_IS_DIR.format(path=pad))
    if pad.name in ("", ".", ".."):
        raise UsageError(texts.NEW_NEEDS_NAME.format(path=pad))
    target = pad if pad.suffix in (".yaml", ".yml") else pad.with_suffix(".yaml")
    source = default_rules_path()
    pairs = [(source, target), (cases_path(source), cases_path(target))]
    for _, destination in pairs:
        refuse_existing(destination)
    for origin, destination in pairs:
        text = origin.read_text(encoding="utf-8")
        if origin == source:
            text = text.replace(
                "naam: Standaard participatiewijzer", "naam: Eigen participatiewijzer", 1
            )
        write_atomic(destination, text)
    done = texts.NEW_DONE.format(rules=shown_path(target), cases=shown_path(cases_path(target)))
    write(done + "\n")
