"""Inference: a pure, deterministic function from a rule set and answers to an advice.

Hit policy (see docs/regelset.md): every rule whose condition holds fires. Level rules
aggregate as: ambition = the highest `voorstel`, capacity = the lowest `plafond`,
floor = the highest `bodem`. The level is min(ambition, capacity), raised to the floor
but never above the capacity: a municipality cannot promise what it cannot honour.
Tip and warning rules run afterwards and may test the level that came out.

Two stages: `verdict` reaches the level, its reasons and the warnings (all that a summary
line needs); `advise` completes a verdict with what would change it, the tips and the
groups. Both work on a compiled rule set (`wijzer.compiled`), whose stores keep the
parts, immutable, for every project with the same answers where they matter; the group
by group evaluation they rest on is `wijzer.evaluation`, the level kernel `wijzer.kernel`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from wijzer import texts
from wijzer.advice import (
    Advice,
    AdviceWarning,
    ChosenTip,
    GroupAdvice,
    Levels,
    Reason,
    RuleSetRef,
    Unknown,
)
from wijzer.answers import Answers, Project, unknown_questions
from wijzer.compiled import Compiled, RankedTip, SortedReason
from wijzer.conditions import AnswerSets
from wijzer.evaluation import Evaluation, Table
from wijzer.kernel import Aggregate, Outcome, answer_sets, combine, sets_for
from wijzer.ruleset import LEVEL_EFFECTS, LevelEffect, Question, Rule, RuleSet

_EFFECT_ORDER = {kind: i for i, kind in enumerate(LEVEL_EFFECTS)}


def level_of(compiled: Compiled, answers: Mapping[str, tuple[str, ...]]) -> str:
    """Only the advised level's id, decided from scratch (no evaluation is kept)."""
    rs = compiled.rs
    return rs.niveaus[compiled.decision.decide(answer_sets(rs, answers)).level].id


class Verdict(NamedTuple):
    """The level an advice comes to and why: all that a summary line needs. `advise`
    completes it with what would change it, the tips and the groups."""

    outcome: Outcome
    reasons: tuple[Reason, ...]
    warnings: tuple[AdviceWarning, ...]
    unknown: tuple[str, ...]
    """The questions answered with (or defaulted to) `weet_ik_niet`."""
    provisional: tuple[str, ...]
    """The unknown answers that can still change the level: the advice is provisional."""
    evaluation: Evaluation
    sets: AnswerSets


def named_levels(rs: RuleSet, outcome: Outcome) -> Levels:
    """The ids of an outcome's levels (no proposal counts as the lowest ambition)."""
    levels = rs.niveaus
    return Levels(
        niveau=levels[outcome.level].id,
        ambitie=levels[0 if outcome.ambition is None else outcome.ambition].id,
        plafond=None if outcome.cap is None else levels[outcome.cap].id,
        bodem=None if outcome.floor is None else levels[outcome.floor].id,
        spanning=outcome.ambition is not None
        and outcome.cap is not None
        and outcome.cap < outcome.ambition,
    )


def verdict(compiled: Compiled, answers: Answers) -> Verdict:
    """The level for answers checked against the rule set, its reasons and the warnings."""
    rs = compiled.rs
    sets = answer_sets(rs, answers)
    evaluation = Evaluation(compiled, answers)
    outcome = compiled.decision.outcome_of(evaluation.aggregate)
    levels = rs.niveaus
    warnings: list[AdviceWarning] = []
    unknown = unknown_questions(answers)
    provisional = _provisional(compiled, evaluation, unknown, outcome.level)
    if provisional:
        names = [rs.questions[q].label().lower() for q in provisional]
        warnings.append(
            compiled.shared(
                AdviceWarning,
                regel=None,
                tekst=texts.PROVISIONAL.format(questions=texts.listing(names)),
            )
        )
    if outcome.ambition is None:
        warnings.append(compiled.shared(AdviceWarning, regel=None, tekst=texts.NO_PROPOSAL))
    if outcome.floor is not None and outcome.cap is not None and outcome.floor > outcome.cap:
        floor, cap = levels[outcome.floor].id, levels[outcome.cap].id
        warnings.append(
            compiled.shared(
                AdviceWarning, regel=None, tekst=texts.FLOOR_ABOVE_CAP.format(floor=floor, cap=cap)
            )
        )
    warnings += _rule_warnings(compiled, sets, outcome.level)
    return Verdict(
        outcome=outcome,
        reasons=_reasons(compiled, evaluation),
        warnings=tuple(warnings),
        unknown=unknown,
        provisional=provisional,
        evaluation=evaluation,
        sets=sets,
    )


def advise(compiled: Compiled, project: Project, decided: Verdict | None = None) -> Advice:
    """The complete advice for a project whose answers were checked against the rule set
    (from its verdict, when that was already reached)."""
    rs = compiled.rs
    answers = project.antwoorden
    found = decided or verdict(compiled, answers)
    outcome, evaluation = found.outcome, found.evaluation
    singles = [item for part in evaluation.single_changes() for item in part]
    return Advice(
        project=project.naam,
        gemeente=project.gemeente,
        bron=project.bron,
        **named_levels(rs, outcome)._asdict(),
        voorlopig=found.provisional,
        redenen=found.reasons,
        onbekend=_unknowns(compiled, evaluation.unknown_levels()),
        wat_als=tuple(move for _, move in sorted(singles, key=lambda item: item[0])),
        per_groep=_groups(compiled, found.sets, outcome.level),
        kleinste_wijzigingen=evaluation.smallest_changes(),
        tips=(tips := _tips(compiled, found.sets, outcome.level)),
        eerst_doen=first_steps(rs, tips),
        waarschuwingen=found.warnings,
        antwoorden=dict(answers),
        regelset=compiled.shared(RuleSetRef, naam=rs.naam, versie=rs.versie, hash=rs.content_hash),
    )


def _provisional(
    compiled: Compiled, evaluation: Evaluation, unknown: tuple[str, ...], level: int
) -> tuple[str, ...]:
    """The unknown answers under some option of which the level would differ."""
    rs = compiled.rs
    read = compiled.decision.questions
    if not any(q in read for q in unknown):
        return ()  # no level rule reads an unknown answer: nothing to look up
    current = rs.niveaus[level].id
    per_question = evaluation.unknown_levels()
    return tuple(
        q.id
        for q in rs.vragen
        if any(other != current for other in per_question.get(q.id, {}).values())
    )


def _decisive(outcome: Outcome, kind: LevelEffect, rank: int) -> bool:
    """Whether a fired effect determined the level that came out. When a cap holds a
    floor down, the cap decided, not the proposal that happens to equal it."""
    if rank != outcome.level:
        return False
    held_floor = outcome.floor is not None and outcome.floor > rank
    if kind == "voorstel":
        return rank == outcome.ambition and not held_floor
    if kind == "plafond":
        return rank == outcome.cap and ((outcome.ambition or 0) > rank or held_floor)
    return rank == outcome.floor and rank > outcome.base


def _reasons(compiled: Compiled, evaluation: Evaluation) -> tuple[Reason, ...]:
    """The fired level rules, deciding ones first, then by effect and strength."""

    def of_group(table: Table, rest: Aggregate) -> list[SortedReason]:
        return _group_reasons(compiled, table, rest)

    parts = evaluation.per_group(compiled.group_reasons, of_group)
    found = [item for part in parts for item in part]
    return tuple(reason for _, reason in sorted(found, key=lambda item: item[0]))


def _group_reasons(compiled: Compiled, table: Table, rest: Aggregate) -> list[SortedReason]:
    """The reasons one group of questions gives, with their sort keys."""
    decision = compiled.decision
    questions, indices = decision.groups[table.index]
    given = dict(zip(questions, table.state, strict=True))
    sets = sets_for(compiled.rs, given)
    outcome = decision.outcome_of(combine(rest, table.triple))
    found = []
    for index in indices:
        if not decision.predicates[index](sets, -1):
            continue
        rule, _, effects = decision.rules[index]
        deciding = tuple((q, given[q]) for q in decision.witnesses[rule.id](sets, -1))
        for n, (_, rank, kind) in enumerate(effects):
            decisive = _decisive(outcome, kind, rank)
            reason = _reason(compiled, rule, kind, rank, deciding, decisive)
            strength = -rank if kind == "voorstel" else rank
            found.append(((not reason.bepalend, _EFFECT_ORDER[kind], strength, index, n), reason))
    return found


def _tips(compiled: Compiled, sets: AnswerSets, level: int) -> tuple[ChosenTip, ...]:
    """The chosen tips: they depend only on which tip rules fired, so they are put
    together once per distinct set of fired rules."""
    fired = tuple(i for i, (_, holds) in enumerate(compiled.tip_rules) if holds(sets, level))
    return compiled.tips(fired, lambda: _chosen_tips(compiled, fired))


FIRST_STEPS = 3
"""How many tips the advice names as "Eerst doen"."""


def first_steps(rs: RuleSet, tips: tuple[ChosenTip, ...]) -> tuple[str, ...]:
    """The chosen tips to act on first: those with a priority, the highest first (ties
    keep the tips' order), at most `FIRST_STEPS`. A tip's priority is the highest that
    the rules choosing it give it, a rule without one giving the tip's own."""
    urgent = []
    for i, tip in enumerate(tips):
        own = rs.tips_by_id[tip.id].prioriteit
        given = [rs.rules_by_id[r].prioriteit or own for r in tip.regels]
        if any(given):
            urgent.append((-max(p for p in given if p), i, tip.id))
    return tuple(tip_id for _, _, tip_id in sorted(urgent)[:FIRST_STEPS])


def _rule_warnings(compiled: Compiled, sets: AnswerSets, level: int) -> list[AdviceWarning]:
    """The warnings of the rules that fired, in the rule set's order."""
    return [
        compiled.shared(AdviceWarning, regel=rule.id, tekst=rule.waarschuwing)
        for rule, holds in compiled.warning_rules
        if holds(sets, level)
    ]


def _chosen_tips(compiled: Compiled, fired: tuple[int, ...]) -> tuple[ChosenTip, ...]:
    choosers: dict[str, list[int]] = {}
    for index in fired:
        for tip_id in compiled.tip_rules[index][0].tips:
            choosers.setdefault(tip_id, []).append(index)
    ranked = sorted(
        _ranked_tip(compiled, tip_id, tuple(rules)) for tip_id, rules in choosers.items()
    )
    return tuple(tip for _, tip in ranked)


def _ranked_tip(compiled: Compiled, tip_id: str, rules: tuple[int, ...]) -> RankedTip:
    """A chosen tip with its place in the list: by category, then the weight of the
    strongest rule that chose it, then its place in the rule set. It depends only on the
    tip and the rules that chose it, so it is shared."""
    return compiled.ranked_tips((tip_id, rules), lambda: _rank_tip(compiled, tip_id, rules))


def _rank_tip(compiled: Compiled, tip_id: str, rules: tuple[int, ...]) -> RankedTip:
    rs = compiled.rs
    chosen_by = [compiled.tip_rules[i][0] for i in rules]
    category, position = rs.tip_order[tip_id]
    tip = rs.tips_by_id[tip_id]
    return (
        (category, -max(r.gewicht for r in chosen_by), position),
        ChosenTip(
            id=tip.id,
            categorie=tip.categorie,
            titel=tip.titel,
            tekst=tip.tekst,
            waarom=tuple(dict.fromkeys(r.toelichting for r in chosen_by)),
            regels=tuple(r.id for r in chosen_by),
            bronnen=rs.citations[tip.id],
        ),
    )


def _reason(
    compiled: Compiled,
    rule: Rule,
    kind: LevelEffect,
    rank: int,
    deciding: tuple[tuple[str, tuple[str, ...]], ...],
    decisive: bool,
) -> Reason:
    """A reason; immutable, so identical ones are shared."""
    rs = compiled.rs
    return compiled.reasons(
        (rule.id, kind, deciding, decisive),
        lambda: Reason(
            regel=rule.id,
            effect=kind,
            niveau=rs.niveaus[rank].id,
            toelichting=rule.toelichting,
            antwoorden=dict(deciding),
            bepalend=decisive,
            bronnen=rs.citations[rule.id],
        ),
    )


def _unknowns(compiled: Compiled, per_question: dict[str, dict[str, str]]) -> tuple[Unknown, ...]:
    return tuple(
        _unknown(compiled, q, per_question[q.id])
        for q in compiled.rs.vragen
        if q.id in per_question
    )


def _unknown(compiled: Compiled, question: Question, levels: dict[str, str]) -> Unknown:
    """An unknown answer with the level under each option, shared like the other parts."""
    return compiled.unknowns(
        (question.id, tuple(levels.items())),
        lambda: Unknown(
            vraag=question.id,
            aanname=question.aanname,
            uitleg=question.aanname_uitleg,
            niveau_per_antwoord=levels,
        ),
    )


def _groups(compiled: Compiled, sets: AnswerSets, level: int) -> tuple[GroupAdvice, ...]:
    """The segments that apply: each group's level (capped where the segment says so) and tips."""
    applying = tuple(i for i, (_, holds) in enumerate(compiled.segment_rules) if holds(sets, level))
    return compiled.groups((level, applying), lambda: _group_advice(compiled, applying, level))


def _group_advice(
    compiled: Compiled, applying: tuple[int, ...], level: int
) -> tuple[GroupAdvice, ...]:
    rs = compiled.rs
    out = []
    for index in applying:
        segment = compiled.segment_rules[index][0]
        rank = level if segment.plafond is None else min(level, rs.rank[segment.plafond])
        out.append(
            compiled.shared(
                GroupAdvice,
                segment=segment.id,
                naam=segment.naam,
                niveau=rs.niveaus[rank].id,
                toelichting=segment.toelichting,
                tips=segment.tips,
                bronnen=rs.citations[segment.id],
            )
        )
    return tuple(out)
