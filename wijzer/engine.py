"""Inference: a pure, deterministic function from a rule set and answers to an advice.

Hit policy (see docs/regelset.md): every rule whose condition holds fires. Level rules
aggregate as: ambition = the highest `voorstel`, capacity = the lowest `plafond`,
floor = the highest `bodem`. The level is min(ambition, capacity), raised to the floor
but never above the capacity: a municipality cannot promise what it cannot honour.
Tip and warning rules run afterwards and may test the level that came out.

Two stages: `verdict` reaches the level, its reasons and the warnings (all that a summary
line needs); `advise` completes a verdict with what would change it, the tips and the
groups. The parts of both are immutable and shared between projects with the same
answers where they matter (see `RuleSet.shared`, `RuleSet.recent`, `Situation.per_group`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

from wijzer import texts
from wijzer.advice import (
    Advice,
    AdviceWarning,
    ChosenTip,
    GroupAdvice,
    Reason,
    RuleSetRef,
    Unknown,
)
from wijzer.answers import Answers, Project, unknown_questions
from wijzer.conditions import AnswerSets
from wijzer.decision import Aggregate, Outcome, answer_set, answer_sets, combine
from wijzer.ruleset import LEVEL_EFFECTS, LevelEffect, Question, Rule, RuleSet
from wijzer.whatif import Situation, Table

_EFFECT_ORDER = {kind: i for i, kind in enumerate(LEVEL_EFFECTS)}


def decide(rs: RuleSet, sets: AnswerSets) -> Outcome:
    """Fire the level rules and aggregate them into one level."""
    return rs.decision.outcome(rs.decision.flags(sets))


def level_of(rs: RuleSet, answers: Mapping[str, tuple[str, ...]]) -> str:
    """Only the advised level's id (for what-if and analysis)."""
    return rs.niveaus[decide(rs, answer_sets(rs, answers)).level].id


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
    situation: Situation
    sets: AnswerSets


class Levels(NamedTuple):
    """An outcome's levels by id, as advice and summaries show them."""

    niveau: str
    ambitie: str
    plafond: str | None
    bodem: str | None
    spanning: bool
    """Whether a cap holds the ambition down."""


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


def verdict(rs: RuleSet, answers: Answers) -> Verdict:
    """The level for answers checked against `rs`, its reasons and the warnings."""
    sets = answer_sets(rs, answers)
    situation = Situation(rs, answers)
    outcome = rs.decision.outcome_of(situation.aggregate)
    levels = rs.niveaus
    warnings: list[AdviceWarning] = []
    unknown = unknown_questions(answers)
    provisional = _provisional(rs, situation, unknown, outcome.level)
    if provisional:
        names = [rs.questions[q].label().lower() for q in provisional]
        warnings.append(
            rs.shared(
                AdviceWarning,
                regel=None,
                tekst=texts.PROVISIONAL.format(questions=texts.listing(names)),
            )
        )
    if outcome.ambition is None:
        warnings.append(rs.shared(AdviceWarning, regel=None, tekst=texts.NO_PROPOSAL))
    if outcome.floor is not None and outcome.cap is not None and outcome.floor > outcome.cap:
        floor, cap = levels[outcome.floor].id, levels[outcome.cap].id
        warnings.append(
            rs.shared(
                AdviceWarning, regel=None, tekst=texts.FLOOR_ABOVE_CAP.format(floor=floor, cap=cap)
            )
        )
    warnings += _rule_warnings(rs, sets, outcome.level)
    return Verdict(
        outcome=outcome,
        reasons=_reasons(rs, situation),
        warnings=tuple(warnings),
        unknown=unknown,
        provisional=provisional,
        situation=situation,
        sets=sets,
    )


def advise(rs: RuleSet, project: Project, decided: Verdict | None = None) -> Advice:
    """The complete advice for a project whose answers were checked against `rs` (from its
    verdict, when that was already reached)."""
    answers = project.antwoorden
    found = decided or verdict(rs, answers)
    outcome, situation = found.outcome, found.situation
    return Advice(
        project=project.naam,
        gemeente=project.gemeente,
        bron=project.bron,
        **named_levels(rs, outcome)._asdict(),
        voorlopig=found.provisional,
        redenen=found.reasons,
        onbekend=_unknowns(rs, situation.unknown_levels()),
        wat_als=situation.single_changes(),
        per_groep=_groups(rs, found.sets, outcome.level),
        kleinste_wijzigingen=situation.smallest_changes(),
        tips=_tips(rs, found.sets, outcome.level),
        waarschuwingen=found.warnings,
        antwoorden=dict(answers),
        regelset=rs.shared(RuleSetRef, naam=rs.naam, versie=rs.versie, hash=rs.content_hash),
    )


def _provisional(
    rs: RuleSet, situation: Situation, unknown: tuple[str, ...], level: int
) -> tuple[str, ...]:
    """The unknown answers under some option of which the level would differ."""
    read = rs.decision.questions
    if not any(q in read for q in unknown):
        return ()  # no level rule reads an unknown answer: nothing to look up
    current = rs.niveaus[level].id
    per_question = situation.unknown_levels()
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


def _reasons(rs: RuleSet, situation: Situation) -> tuple[Reason, ...]:
    """The fired level rules, deciding ones first, then by effect and strength."""
    found = [
        item
        for part in situation.per_group("redenen", partial(_group_reasons, rs))
        for item in part
    ]
    return tuple(reason for _, reason in sorted(found, key=lambda item: item[0]))


def _group_reasons(
    rs: RuleSet, table: Table, rest: Aggregate
) -> list[tuple[tuple[bool, int, int, int, int], Reason]]:
    """The reasons one group of questions gives, with their sort keys."""
    decision = rs.decision
    questions, indices = decision.groups[table.index]
    given = dict(zip(questions, table.state, strict=True))
    sets = {q: answer_set(rs.questions[q], a) for q, a in given.items()}
    outcome = decision.outcome_of(combine(rest, table.unchanged.triple))
    found = []
    for index in indices:
        if not decision.predicates[index](sets, -1):
            continue
        rule, _, effects = decision.rules[index]
        deciding = tuple((q, given[q]) for q in decision.witnesses[rule.id](sets, -1))
        for n, (_, rank, kind) in enumerate(effects):
            reason = _reason(rs, rule, kind, rank, deciding, _decisive(outcome, kind, rank))
            strength = -rank if kind == "voorstel" else rank
            found.append(((not reason.bepalend, _EFFECT_ORDER[kind], strength, index, n), reason))
    return found


def _tips(rs: RuleSet, sets: AnswerSets, level: int) -> tuple[ChosenTip, ...]:
    """The chosen tips: they depend only on which tip rules fired, so they are put
    together once per distinct set of fired rules."""
    fired = tuple(i for i, (_, holds) in enumerate(rs.tip_rules) if holds(sets, level))
    return rs.recent(("tips", fired), lambda: _chosen_tips(rs, fired))


def _rule_warnings(rs: RuleSet, sets: AnswerSets, level: int) -> list[AdviceWarning]:
    """The warnings of the rules that fired, in the rule set's order."""
    return [
        rs.shared(AdviceWarning, regel=rule.id, tekst=rule.waarschuwing)
        for rule, holds in rs.warning_rules
        if holds(sets, level)
    ]


def _chosen_tips(rs: RuleSet, fired: tuple[int, ...]) -> tuple[ChosenTip, ...]:
    choosers: dict[str, list[int]] = {}
    for index in fired:
        for tip_id in rs.tip_rules[index][0].tips:
            choosers.setdefault(tip_id, []).append(index)
    ranked = sorted(_ranked_tip(rs, tip_id, tuple(rules)) for tip_id, rules in choosers.items())
    return tuple(tip for _, tip in ranked)


def _ranked_tip(
    rs: RuleSet, tip_id: str, rules: tuple[int, ...]
) -> tuple[tuple[int, int, int], ChosenTip]:
    """A chosen tip with its place in the list: by category, then the weight of the
    strongest rule that chose it, then its place in the rule set. It depends only on the
    tip and the rules that chose it, so it is shared."""
    return rs.memo(("tip", tip_id, rules), lambda: _rank_tip(rs, tip_id, rules))


def _rank_tip(
    rs: RuleSet, tip_id: str, rules: tuple[int, ...]
) -> tuple[tuple[int, int, int], ChosenTip]:
    chosen_by = [rs.tip_rules[i][0] for i in rules]
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
    rs: RuleSet,
    rule: Rule,
    kind: LevelEffect,
    rank: int,
    deciding: tuple[tuple[str, tuple[str, ...]], ...],
    decisive: bool,
) -> Reason:
    """A reason; immutable, so identical ones are shared (memoised per rule set)."""
    return rs.memo(
        ("reden", rule.id, kind, deciding, decisive),
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


def _unknowns(rs: RuleSet, per_question: dict[str, dict[str, str]]) -> tuple[Unknown, ...]:
    return tuple(_unknown(rs, q, per_question[q.id]) for q in rs.vragen if q.id in per_question)


def _unknown(rs: RuleSet, question: Question, levels: dict[str, str]) -> Unknown:
    """An unknown answer with the level under each option, shared like the other parts."""
    return rs.memo(
        ("onbekend", question.id, tuple(levels.items())),
        lambda: Unknown(
            vraag=question.id,
            aanname=question.aanname,
            uitleg=question.aanname_uitleg,
            niveau_per_antwoord=levels,
        ),
    )


def _groups(rs: RuleSet, sets: AnswerSets, level: int) -> tuple[GroupAdvice, ...]:
    """The segments that apply: each group's level (capped where the segment says so) and tips."""
    applying = tuple(i for i, (_, holds) in enumerate(rs.segment_rules) if holds(sets, level))
    return rs.recent(("per_groep", level, applying), lambda: _group_advice(rs, applying, level))


def _group_advice(rs: RuleSet, applying: tuple[int, ...], level: int) -> tuple[GroupAdvice, ...]:
    out = []
    for index in applying:
        segment = rs.segment_rules[index][0]
        rank = level if segment.plafond is None else min(level, rs.rank[segment.plafond])
        out.append(
            rs.shared(
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
