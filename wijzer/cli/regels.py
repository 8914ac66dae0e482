"""`wijzer regels …` and `wijzer sjabloon`: tools for rule-set authors."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wijzer import texts
from wijzer.cli.app import RulesOption, app, output_option, reports_errors
from wijzer.cli.output import write
from wijzer.errors import EXIT_INVALID_INPUT, InputError, UsageError
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
app.add_typer(regels_app)

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
@reports_errors
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
) -> None:
    """Valideer een regelset en bewijs hem over alle combinaties van antwoorden."""
    from wijzer.answers import dump_answers
    from wijzer.authoring.analysis import analyse

    path, rs = _load(pad, bounded=False)  # the proof reports what is too large itself
    if voorbeelden is not None:
        _make_folder(voorbeelden)
    started = time.perf_counter()
    report = analyse(rs)
    seconds = time.perf_counter() - started
    lines = [texts.CHECK_HEADER.format(name=rs.naam, version=rs.versie, path=shown_path(path))]
    if report.complete:
        lines += [
            texts.CHECK_SPACE.format(
                space=report.space,
                evaluated=report.evaluated,
                parts=len(report.components),
                seconds=seconds,
            ),
            texts.CHECK_LEVELS.format(levels=", ".join(report.levels) or "-"),
        ]
    else:
        lines.append(texts.CHECK_SPACE_UNFINISHED.format(space=report.space))
    examples: dict[Path, str] = {}
    for title, findings in (
        (texts.CHECK_ERRORS, report.errors),
        (texts.CHECK_WARNINGS, report.warnings),
    ):
        lines += ["", f"{title} ({len(findings)})"]
        for number, finding in enumerate(findings, 1):
            lines.append(f"  {number}. [{finding.soort}] {finding.onderwerp}: {finding.melding}")
            if finding.voorbeeld is not None:
                example = dump_answers(rs, finding.voorbeeld)
                lines.append(f"     {texts.CHECK_EXAMPLE}")
                lines += [
                    f"       {line}"
                    for line in example.splitlines()
                    if not line.lstrip().startswith("#")
                ]
                if voorbeelden is not None:
                    examples[voorbeelden / f"{number:02d}-{finding.soort}.yaml"] = example
    if examples:
        _write_new(examples)
    verdict = texts.CHECK_OK if not report.errors else texts.CHECK_FAILED
    lines += ["", verdict]
    write("\n".join(lines) + "\n")
    if report.errors or (streng and report.warnings):
        raise typer.Exit(EXIT_INVALID_INPUT)


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
@reports_errors
def run_tests(pad: PathArgument = None) -> None:
    """Draai de voorbeeldgevallen die naast een regelset staan (naam.voorbeelden.yaml)."""
    from wijzer.authoring.cases import cases_path, exercised_rules, run_cases

    path, loaded = _load(pad)
    cases = cases_path(path)
    if not cases.is_file():
        raise InputError.single(str(cases), texts.CASES_MISSING)
    results = run_cases(loaded, cases)
    lines = [texts.CASES_HEADER.format(count=len(results), path=shown_path(cases))]
    for result in results:
        mark = "✔" if result.passed else "✘"
        lines.append(f"  {mark} {result.case.naam} → {result.advice.niveau}")
        lines += [f"      {failure}" for failure in result.failures]
    rules = {r.id for r in loaded.regels}
    covered = exercised_rules(results) & rules
    failed = sum(not r.passed for r in results)
    lines.append("")
    lines.append(
        texts.CASES_COVERAGE.format(
            covered=len(covered), total=len(rules), percent=100 * len(covered) // max(1, len(rules))
        )
    )
    missing = sorted(rules - covered)
    if missing:
        lines.append(texts.CASES_UNCOVERED.format(rules=", ".join(missing)))
    lines.append(texts.CASES_RESULT.format(passed=len(results) - failed, failed=failed))
    write("\n".join(lines) + "\n")
    if failed:
        raise typer.Exit(EXIT_INVALID_INPUT)


@regels_app.command("vergelijk")
@reports_errors
def vergelijk(
    oud: Annotated[
        Path, typer.Argument(metavar="OUD", help="De huidige regelset.", readable=False)
    ],
    nieuw: Annotated[
        Path, typer.Argument(metavar="NIEUW", help="De nieuwe versie.", readable=False)
    ],
) -> None:
    """Toon welke combinaties van antwoorden een ander advies krijgen in de nieuwe versie."""
    from wijzer.answers import dump_answers
    from wijzer.authoring.compare import compare, question_differences
    from wijzer.loading import load_ruleset

    old, new = load_ruleset(oud), load_ruleset(nieuw)
    differences = question_differences(old, new)
    if differences:
        raise UsageError(texts.COMPARE_NEEDS_SAME + " " + " ".join(differences))
    result = compare(old, new)
    lines = [
        texts.COMPARE_HEADER.format(old=f"{old.naam} {old.versie}", new=f"{new.naam} {new.versie}"),
        texts.COMPARE_SUMMARY.format(
            changed=result.changed, space=result.space, percent=100 * result.changed / result.space
        ),
    ]
    order = {level.id: i for i, level in enumerate(new.niveaus)}
    moves = sorted(result.transitions.items(), key=lambda kv: (kv[0][0] == kv[0][1], -kv[1][0]))
    for (before, after), (count, example) in moves:
        if before == after:
            continue
        arrow = "↑" if order.get(after, 0) > order.get(before, 0) else "↓"
        lines.append(f"  {arrow} {before} → {after}: {count}")
        lines.append(f"      {texts.CHECK_EXAMPLE}")
        lines += [
            f"        {line}"
            for line in dump_answers(new, example).splitlines()
            if not line.lstrip().startswith("#")
        ]
    lines.append(texts.COMPARE_SAME.format(same=result.space - result.changed))
    write("\n".join(lines) + "\n")


@regels_app.command("schema")
@reports_errors
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

    if voor not in ("antwoorden", "regels"):
        raise UsageError(texts.SCHEMA_FOR.format(got=voor))
    if voor == "regels":
        data = rules_schema()
    else:
        _, loaded = _load(regels)
        data = answers_schema(loaded)
    write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@regels_app.command("nieuw")
@reports_errors
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


@app.command()
@reports_errors
def sjabloon(
    uitvoer: Annotated[
        Path | None,
        output_option("Schrijf naar dit bestand in plaats van naar het scherm."),
    ] = None,
    regels: RulesOption = None,
) -> None:
    """Schrijf een antwoordbestand met uitleg: alle vragen en opties, klaar om in te vullen."""
    from wijzer.authoring.template import template

    _, loaded = _load(regels)
    text = template(loaded)
    if uitvoer is None:
        write(text)
        return
    from wijzer.atomic import refuse_existing, write_atomic

    refuse_existing(uitvoer)
    write_atomic(uitvoer, text)
