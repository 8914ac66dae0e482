"""Inference: a pure, deterministic function from a rule set and answers to an advice.

Hit policy (see docs/regelset.md): every rule whose condition holds fires. Level rules
aggregate as: ambition = the highest `voorstel`, capacity = the lowest `plafond`,
floor = the highest `bodem`. The level is min(ambition, capacity), raised to the floor
but never above the capacity: a municipality cannot promise what it cannot honour.
Tip and warning rules run afterwards and may test the level that came out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from wijzer import texts
from wijzer.advice import Advice, AdviceWarning, ChosenTip, Reason, RuleSetRef, Unknown, WhatIf
from wijzer.answers import Answers, Project
from wijzer.conditions import UNKNOWN, AnswerSets, witnesses
from wijzer.ruleset import LEVEL_EFFECTS, LevelEffect, Question, Rule, RuleSet

_EFFECT_ORDER = {kind: i for i, kind in enumerate(LEVEL_EFFECTS)}


class Outcome(NamedTuple):
    """The level decision in ranks (positions on the ladder), and the level rules that fired."""

    level: int
    base: int
    ambition: int | None
    cap: int | None
    floor: int | None
    fired: tuple[tuple[Rule, LevelEffect, int], ...]


def answer_sets(rs: RuleSet, answers: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Answers as condition inputs: an unknown answer is `weet_ik_niet` plus the assumption."""
    return {q.id: _answer_set(q, answers.get(q.id, (UNKNOWN,))) for q in rs.vragen}


def _answer_set(question: Question, answer: tuple[str, ...]) -> frozenset[str]:
    if answer == (UNKNOWN,):
        return frozenset((UNKNOWN, *question.aanname))
    return frozenset(answer)


def decide(rs: RuleSet, sets: AnswerSets) -> Outcome:
    """Fire the level rules and aggregate them into one level."""
    fired: list[tuple[Rule, LevelEffect, int]] = []
    ambition = cap = floor = None
    for rule, holds in rs.level_rules:
        if not holds(sets, -1):
            continue
        for kind, level_id in rule.level_effects:
            rank = rs.rank[level_id]
            fired.append((rule, kind, rank))
            if kind == "voorstel":
                ambition = rank if ambition is None else max(ambition, rank)
            elif kind == "plafond":
                cap = rank if cap is None else min(cap, rank)
            else:
                floor = rank if floor is None else max(floor, rank)
    top = len(rs.niveaus) - 1
    base = min(0 if ambition is None else ambition, top if cap is None else cap)
    level = base if floor is None else max(base, min(floor, top if cap is None else cap))
    return Outcome(level, base, ambition, cap, floor, tuple(fired))


def level_of(rs: RuleSet, answers: Mapping[str, tuple[str, ...]]) -> str:
    """Only the advised level's id (for what-if and analysis)."""
    return rs.niveaus[decide(rs, answer_sets(rs, answers)).level].id


def advise(rs: RuleSet, project: Project) -> Advice:
    """The complete advice for a project whose answers were checked against `rs`."""
    answers = project.antwoorden
    sets = answer_sets(rs, answers)
    outcome = decide(rs, sets)
    levels = rs.niveaus
    warnings: list[AdviceWarning] = []
    if outcome.ambition is None:
        warnings.append(AdviceWarning(regel=None, tekst=texts.NO_PROPOSAL))
    if outcome.floor is not None and outcome.cap is not None and outcome.floor > outcome.cap:
        floor, cap = levels[outcome.floor].id, levels[outcome.cap].id
        warnings.append(
            AdviceWarning(regel=None, tekst=texts.FLOOR_ABOVE_CAP.format(floor=floor, cap=cap))
        )
    tips, tip_warnings = _tips(rs, sets, outcome.level)
    return Advice(
        project=project.naam,
        gemeente=project.gemeente,
        bron=project.bron,
        niveau=levels[outcome.level].id,
        ambitie=levels[0 if outcome.ambition is None else outcome.ambition].id,
        plafond=None if outcome.cap is None else levels[outcome.cap].id,
        bodem=None if outcome.floor is None else levels[outcome.floor].id,
        spanning=outcome.ambition is not None
        and outcome.cap is not None
        and outcome.cap < outcome.ambition,
        redenen=_reasons(rs, sets, answers, outcome),
        onbekend=_unknowns(rs, answers),
        wat_als=_what_ifs(rs, answers, outcome.level),
        tips=tips,
        waarschuwingen=(*warnings, *tip_warnings),
        antwoorden=dict(answers),
        regelset=RuleSetRef(naam=rs.naam, versie=rs.versie, hash=rs.content_hash),
    )


def _decisive(outcome: Outcome, kind: LevelEffect, rank: int) -> bool:
    """Whether a fired effect determined the level that came out."""
    if rank != outcome.level:
        return False
    if kind == "voorstel":
        return rank == outcome.ambition
    if kind == "plafond":
        return rank == outcome.cap and (outcome.ambition or 0) > rank
    return rank == outcome.floor and rank > outcome.base


def _reasons(
    rs: RuleSet, sets: AnswerSets, answers: Mapping[str, tuple[str, ...]], outcome: Outcome
) -> tuple[Reason, ...]:
    reasons = []
    for order, (rule, kind, rank) in enumerate(outcome.fired):
        deciding = witnesses(rule.als, sets, -1, rs.rank)
        reason = Reason(
            regel=rule.id,
            effect=kind,
            niveau=rs.niveaus[rank].id,
            toelichting=rule.toelichting,
            antwoorden={q: answers[q] for q in deciding},
            bepalend=_decisive(outcome, kind, rank),
            bronnen=tuple(rs.sources[s].citation() for s in rule.bronnen),
        )
        strength = -rank if kind == "voorstel" else rank
        reasons.append((not reason.bepalend, _EFFECT_ORDER[kind], strength, order, reason))
    return tuple(r for *_, r in sorted(reasons, key=lambda item: item[:4]))


def _tips(
    rs: RuleSet, sets: AnswerSets, level: int
) -> tuple[tuple[ChosenTip, ...], list[AdviceWarning]]:
    why: dict[str, list[str]] = {}
    chosen_by: dict[str, list[str]] = {}
    weight: dict[str, int] = {}
    warnings: list[AdviceWarning] = []
    for rule, holds in rs.tip_rules:
        if not holds(sets, level):
            continue
        if rule.waarschuwing:
            warnings.append(AdviceWarning(regel=rule.id, tekst=rule.waarschuwing))
        for tip_id in rule.tips:
            why.setdefault(tip_id, []).append(rule.toelichting)
            chosen_by.setdefault(tip_id, []).append(rule.id)
            weight[tip_id] = max(weight.get(tip_id, rule.gewicht), rule.gewicht)
    category_order = {c.id: i for i, c in enumerate(rs.categorieen)}
    tip_order = {t.id: i for i, t in enumerate(rs.tips)}
    chosen = sorted(
        why,
        key=lambda t: (category_order.get(rs.tips_by_id[t].categorie, 0), -weight[t], tip_order[t]),
    )
    return tuple(_chosen_tip(rs, t, why[t], chosen_by[t]) for t in chosen), warnings


def _chosen_tip(rs: RuleSet, tip_id: str, why: list[str], rules: list[str]) -> ChosenTip:
    tip = rs.tips_by_id[tip_id]
    return ChosenTip(
        id=tip.id,
        categorie=tip.categorie,
        titel=tip.titel,
        tekst=tip.tekst,
        waarom=tuple(dict.fromkeys(why)),
        regels=tuple(rules),
        bronnen=tuple(rs.sources[s].citation() for s in tip.bronnen),
    )


def _unknowns(rs: RuleSet, answers: Answers) -> tuple[Unknown, ...]:
    out = []
    for q in rs.vragen:
        if answers.get(q.id, (UNKNOWN,)) != (UNKNOWN,):
            continue
        per_option = {o: level_of(rs, {**answers, q.id: (o,)}) for o in q.option_ids}
        out.append(
            Unknown(
                vraag=q.id,
                aanname=q.aanname,
                uitleg=q.aanname_uitleg,
                niveau_per_antwoord=per_option,
            )
        )
    return tuple(out)


def _alternatives(question: Question, current: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every answer one step away: another option, or (multi-choice) one option toggled."""
    if current == (UNKNOWN,):
        return []
    if not question.meerkeuze:
        return [(o,) for o in question.option_ids if (o,) != current]
    toggled = []
    for o in question.option_ids:
        new = tuple(x for x in question.option_ids if (x in current) != (x == o))
        if new:
            toggled.append(new)
    return toggled


def _what_ifs(rs: RuleSet, answers: Answers, level: int) -> tuple[WhatIf, ...]:
    found = []
    for q in rs.vragen:
        current = answers.get(q.id, (UNKNOWN,))
        for alternative in _alternatives(q, current):
            rank = decide(rs, answer_sets(rs, {**answers, q.id: alternative})).level
            if rank == level:
                continue
            found.append(
                WhatIf(
                    vraag=q.id,
                    van=current,
                    naar=alternative,
                    niveau=rs.niveaus[rank].id,
                    richting="hoger" if rank > level else "lager",
                    beinvloedbaar=q.kant == "capaciteit",
                )
            )
    return tuple(sorted(found, key=lambda w: (w.richting != "hoger", not w.beinvloedbaar)))
