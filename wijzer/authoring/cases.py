"""Example cases that ship with a rule set: answers -> the advice that is expected.

A case file sits next to its rule set (`standaard.yaml` -> `standaard.voorbeelden.yaml`).
Running the cases checks the level, and that named rules, tips and warnings are (or are
not) part of the advice; the result says which rules the cases exercised.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from wijzer import texts
from wijzer.advice import Advice
from wijzer.answers import Project, check_answers
from wijzer.compiled import Compiled, compile_rules
from wijzer.engine import advise
from wijzer.loading import single_document
from wijzer.ruleset import Frozen, RuleSet
from wijzer.validation import validate
from wijzer.yamlio import RULESET_LIMITS, load_file

FORMAT_VERSION = 1
CASES_SUFFIX = ".voorbeelden.yaml"


class Expected(Frozen):
    """What a case expects of the advice."""

    niveau: str
    bepalend: tuple[str, ...] = ()
    redenen: tuple[str, ...] = ()
    geen_redenen: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()
    geen_tips: tuple[str, ...] = ()
    waarschuwingen: tuple[str, ...] = ()
    geen_waarschuwingen: tuple[str, ...] = ()
    groepen: tuple[str, ...] = ()
    geen_groepen: tuple[str, ...] = ()
    groep_niveaus: dict[str, str] = Field(default_factory=dict)
    """Segment id -> the level that group must get."""
    voorlopig: bool | None = None
    """Whether the advice must be provisional (an unknown answer can move the level)."""
    eerst_doen: tuple[str, ...] | None = None
    """The tips the advice must name as first steps, in this order."""


class Case(Frozen):
    """One example: a name, the answers, and what the advice must be."""

    naam: str
    antwoorden: dict[str, Any] = Field(default_factory=dict)
    verwacht: Expected


class CaseFile(Frozen):
    """A file of example cases."""

    wijzer_voorbeelden: int
    voorbeelden: tuple[Case, ...] = Field(min_length=1)


@dataclass(frozen=True)
class CaseResult:
    """The outcome of one case: the advice and every expectation it failed."""

    case: Case
    advice: Advice
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Whether every expectation held."""
        return not self.failures


def cases_path(rules_path: Path) -> Path:
    """Where the cases of a rule set live: beside it, `<name>.voorbeelden.yaml`."""
    return rules_path.with_name(rules_path.name.removesuffix(".yaml") + CASES_SUFFIX)


def load_cases(path: Path, rs: RuleSet) -> tuple[CaseFile, list[Project]]:
    """Load a case file; each case's answers are checked against the rule set."""
    doc = single_document(load_file(path, RULESET_LIMITS), str(path), texts.CASES_EXPECTED)
    file: CaseFile = validate(CaseFile, doc)
    projects = []
    for i, case in enumerate(file.voorbeelden):
        at = ("voorbeelden", i, "antwoorden")
        answers = check_answers(case.antwoorden, rs, doc.source, doc.line_of, at)
        projects.append(Project(naam=case.naam, bron=doc.source, antwoorden=answers))
    return file, projects


def run_case(compiled: Compiled, case: Case, project: Project) -> CaseResult:
    """Advise on a case's answers and compare with what it expects."""
    advice = advise(compiled, project)
    want = case.verwacht
    failures: list[str] = []
    if advice.niveau != want.niveau:
        failures.append(f"niveau: verwacht {want.niveau}, gekregen {advice.niveau}")
    decisive = {r.regel for r in advice.redenen if r.bepalend}
    fired = {r.regel for r in advice.redenen}
    tips = {t.id for t in advice.tips}
    warnings = {w.regel for w in advice.waarschuwingen}
    groups = {g.segment for g in advice.per_groep}
    checks = (
        ("bepalend", want.bepalend, decisive, True),
        ("reden", want.redenen, fired, True),
        ("reden", want.geen_redenen, fired, False),
        ("tip", want.tips, tips, True),
        ("tip", want.geen_tips, tips, False),
        ("waarschuwing", want.waarschuwingen, warnings, True),
        ("waarschuwing", want.geen_waarschuwingen, warnings, False),
        ("groep", want.groepen, groups, True),
        ("groep", want.geen_groepen, groups, False),
    )
    for kind, wanted, present, should in checks:
        for item in wanted:
            if (item in present) != should:
                failures.append(f"{kind} '{item}' {'ontbreekt' if should else 'hoort er niet bij'}")
    group_levels = {g.segment: g.niveau for g in advice.per_groep}
    for segment, level in want.groep_niveaus.items():
        got = group_levels.get(segment)
        if got != level:
            failures.append(
                texts.CASE_GROUP_LEVEL.format(group=segment, want=level, got=got or "-")
            )
    if want.eerst_doen is not None and advice.eerst_doen != want.eerst_doen:
        failures.append(
            texts.CASE_FIRST_STEPS.format(
                want=", ".join(want.eerst_doen) or "-", got=", ".join(advice.eerst_doen) or "-"
            )
        )
    if want.voorlopig is not None and bool(advice.voorlopig) != want.voorlopig:
        failures.append(texts.CASE_PROVISIONAL if want.voorlopig else texts.CASE_NOT_PROVISIONAL)
    return CaseResult(case, advice, tuple(failures))


def run_cases(rs: RuleSet, path: Path) -> list[CaseResult]:
    """Run every case of a case file."""
    file, projects = load_cases(path, rs)
    compiled = compile_rules(rs)
    return [run_case(compiled, case, p) for case, p in zip(file.voorbeelden, projects, strict=True)]


def exercised_rules(results: list[CaseResult]) -> set[str]:
    """The ids of the rules that fired in at least one case (for a coverage figure)."""
    fired: set[str] = set()
    for result in results:
        fired |= {r.regel for r in result.advice.redenen}
        fired |= {w.regel for w in result.advice.waarschuwingen if w.regel}
        fired |= {rule for tip in result.advice.tips for rule in tip.regels}
    return fired
