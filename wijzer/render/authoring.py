"""The outputs of the rule-set authors' commands, as plain text: `regels controleer`
(the proof's findings with their counterexamples), `regels test` (the example cases) and
`regels vergelijk` (what changes between two versions)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wijzer import texts
from wijzer.answers import dump_answers
from wijzer.authoring.analysis import Report
from wijzer.authoring.cases import CaseResult, exercised_rules
from wijzer.authoring.compare import Comparison
from wijzer.printable import shown_path
from wijzer.ruleset import RuleSet


@dataclass(frozen=True)
class CheckOutput:
    """What `regels controleer` shows, and each finding's counterexample as an answer
    file (the finding's number, its kind, the file's text) for `--voorbeelden`."""

    text: str
    examples: tuple[tuple[int, str, str], ...]


def check_output(rs: RuleSet, path: Path, report: Report, seconds: float) -> CheckOutput:
    """The proof's report: the space covered, the levels reached, errors, then warnings."""
    lines = [texts.CHECK_HEADER.format(name=rs.naam, version=rs.versie, path=shown_path(path))]
    if report.complete:
        lines += [
            texts.CHECK_SPACE.format(
                space=texts.number(report.space),
                evaluated=texts.number(report.evaluated),
                parts=len(report.components),
                seconds=texts.decimal(seconds),
            ),
            texts.CHECK_LEVELS.format(levels=", ".join(report.levels) or "-"),
        ]
    else:
        lines.append(texts.CHECK_SPACE_UNFINISHED.format(space=texts.number(report.space)))
    examples: list[tuple[int, str, str]] = []
    for title, findings in (
        (texts.CHECK_ERRORS, report.errors),
        (texts.CHECK_WARNINGS, report.warnings),
    ):
        lines += ["", f"{title} ({len(findings)})"]
        for number, finding in enumerate(findings, 1):
            lines.append(f"  {number}. [{finding.soort}] {finding.onderwerp}: {finding.melding}")
            if finding.voorbeeld is not None:
                example = dump_answers(rs, finding.voorbeeld)
                lines += _example(example, "     ", "       ")
                examples.append((number, finding.soort, example))
    lines += ["", texts.CHECK_OK if not report.errors else texts.CHECK_FAILED]
    return CheckOutput("\n".join(lines) + "\n", tuple(examples))


def cases_output(rs: RuleSet, cases: Path, results: list[CaseResult]) -> str:
    """Every case with its level (and what failed), the rules they cover, the tally."""
    lines = [texts.CASES_HEADER.format(count=len(results), path=shown_path(cases))]
    for result in results:
        mark = "✔" if result.passed else "✘"
        lines.append(f"  {mark} {result.case.naam} → {result.advice.niveau}")
        lines += [f"      {failure}" for failure in result.failures]
    rules = {r.id for r in rs.regels}
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
    return "\n".join(lines) + "\n"


def comparison_output(old: RuleSet, new: RuleSet, result: Comparison) -> str:
    """How many answer sets get another level, per move (most first), each with an example."""
    lines = [
        texts.COMPARE_HEADER.format(old=f"{old.naam} {old.versie}", new=f"{new.naam} {new.versie}"),
        texts.COMPARE_SUMMARY.format(
            changed=texts.number(result.changed),
            space=texts.number(result.space),
            percent=texts.decimal(100 * result.changed / result.space),
        ),
    ]
    order = {level.id: i for i, level in enumerate(new.niveaus)}
    moves = sorted(result.transitions.items(), key=lambda kv: (kv[0][0] == kv[0][1], -kv[1][0]))
    for (before, after), (count, example) in moves:
        if before == after:
            continue
        arrow = "↑" if order.get(after, 0) > order.get(before, 0) else "↓"
        lines.append(f"  {arrow} {before} → {after}: {count}")
        lines += _example(dump_answers(new, example), "      ", "        ")
    lines.append(texts.COMPARE_SAME.format(same=result.space - result.changed))
    return "\n".join(lines) + "\n"


def _example(answers: str, label_indent: str, indent: str) -> list[str]:
    """A counterexample under its label, without the answer file's comments."""
    return [f"{label_indent}{texts.CHECK_EXAMPLE}"] + [
        f"{indent}{line}" for line in answers.splitlines() if not line.lstrip().startswith("#")
    ]
