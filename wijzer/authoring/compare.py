"""Compare two versions of a rule set over the whole answer space (`wijzer regels vergelijk`).

The same machinery as the proof (`wijzer.authoring.analysis`, docs/analyse.md) runs on both rule
sets at once: the question groups are those of both sets of level rules together, each
group yields (old aggregate, new aggregate) pairs with counts, and folding the pairs gives,
for every (old level, new level), the exact number of answer sets and an example.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wijzer import texts
from wijzer.authoring.analysis import (
    MAX_COMPONENT,
    Assignment,
    assignments,
    domain,
    domain_size,
    space_size,
    tests_in,
)
from wijzer.conditions import questions_of
from wijzer.errors import WijzerError
from wijzer.kernel import Aggregate, LevelDecision, combine, components, sets_for
from wijzer.ruleset import Question, RuleSet

MAX_CROSSED = 100_000
"""The most pairs of aggregates a comparison may cross (two copies of the default rule set
need under a thousand); beyond it the comparison stops and says so, within a second."""


class ComparisonTooBig(WijzerError):
    """The two rule sets' answer space is too large to compare exactly (exit 1)."""


@dataclass
class Comparison:
    """How the advised level changes between two rule sets, over the whole answer space."""

    space: int
    transitions: dict[tuple[str, str], tuple[int, Assignment]]

    @property
    def changed(self) -> int:
        """How many answer sets get another level."""
        return sum(count for (old, new), (count, _) in self.transitions.items() if old != new)


def question_differences(old: RuleSet, new: RuleSet) -> list[str]:
    """Question and option ids that differ (a comparison needs the same answer space)."""
    problems = []
    old_q = {q.id: q for q in old.vragen}
    new_q = {q.id: q for q in new.vragen}
    for qid in sorted(set(old_q) ^ set(new_q)):
        problems.append(
            texts.COMPARE_QUESTION.format(question=qid, side="oud" if qid in old_q else "nieuw")
        )
    for qid in sorted(set(old_q) & set(new_q)):
        a, b = old_q[qid], new_q[qid]
        if set(a.option_ids) != set(b.option_ids) or a.meerkeuze != b.meerkeuze:
            problems.append(texts.COMPARE_OPTIONS.format(question=qid))
    return problems


def compare(old: RuleSet, new: RuleSet) -> Comparison:
    """Count, per (old level, new level), the answer sets that get it; with an example each."""
    versions = (old, new)
    decisions = (LevelDecision(old), LevelDecision(new))
    # Only the level is compared: options that no level rule of either version tells
    # apart give the same pair of aggregates, so each question is enumerated in those classes.
    tests = tests_in(rule.als for d in decisions for rule, _, _ in d.rules)
    sizes = {q.id: domain_size(q, tests.get(q.id, [])) for q in new.vragen}
    groups = components(rule for d in decisions for rule, _, _ in d.rules)
    for group in groups:  # sizes first: nothing large is built before it is known to fit
        size = math.prod(sizes[q] for q in group)
        if size > MAX_COMPONENT:
            raise ComparisonTooBig(
                texts.COMPARE_TOO_BIG.format(questions=texts.some(group), size=texts.number(size))
            )
    domains = {q: domain(new.questions[q], tests.get(q, [])) for g in groups for q in g}
    grouped = {q for g in groups for q in g}
    budget = [MAX_CROSSED]

    def rules_in(decision: LevelDecision, questions: set[str]) -> list[int]:
        return [
            i
            for i, (rule, _, _) in enumerate(decision.rules)
            if set(questions_of(rule.als)) <= questions
            and (questions or not questions_of(rule.als))
        ]

    start = tuple(d.fold(d.empty, rules_in(d, set())) for d in decisions)
    state: dict[tuple[Aggregate, Aggregate], tuple[int, Assignment]] = {
        (start[0], start[1]): (1, {})
    }
    for group in groups:
        own = [rules_in(d, set(group)) for d in decisions]
        own = [
            [i for i in ids if questions_of(d.rules[i][0].als)]
            for d, ids in zip(decisions, own, strict=True)
        ]
        table: dict[tuple[Aggregate, Aggregate], tuple[int, Assignment]] = {}
        for assignment, weight in assignments(group, domains):
            pair = [  # each version with its own assumptions for unknown answers
                d.aggregate(ids, sets_for(rs, assignment))
                for rs, d, ids in zip(versions, decisions, own, strict=True)
            ]
            key = (pair[0], pair[1])
            count, example = table.get(key, (0, assignment))
            table[key] = (count + weight, example)
        state = _cross(state, table, budget)
    outside = math.prod(_answers(q) for q in new.vragen if q.id not in grouped)
    transitions: dict[tuple[str, str], tuple[int, Assignment]] = {}
    for (agg_old, agg_new), (count, example) in state.items():
        move = (
            old.niveaus[decisions[0].levels(agg_old)[1]].id,
            new.niveaus[decisions[1].levels(agg_new)[1]].id,
        )
        total, first = transitions.get(move, (0, example))
        transitions[move] = (total + count * outside, first)
    return Comparison(space_size(new), transitions)


def _answers(question: Question) -> int:
    """How many answers a question has (multi-choice: every non-empty subset), unknown too."""
    return 2 ** len(question.opties) if question.meerkeuze else len(question.opties) + 1


def _cross(
    state: dict[tuple[Aggregate, Aggregate], tuple[int, Assignment]],
    table: dict[tuple[Aggregate, Aggregate], tuple[int, Assignment]],
    budget: list[int],
) -> dict[tuple[Aggregate, Aggregate], tuple[int, Assignment]]:
    budget[0] -= len(state) * len(table)
    if budget[0] < 0:
        raise ComparisonTooBig(texts.COMPARE_FOLD_TOO_BIG)
    out: dict[tuple[Aggregate, Aggregate], tuple[int, Assignment]] = {}
    for (a_old, a_new), (count_a, example_a) in state.items():
        for (t_old, t_new), (count_t, example_t) in table.items():
            key = (combine(a_old, t_old), combine(a_new, t_new))
            count, example = out.get(key, (0, {**example_a, **example_t}))
            out[key] = (count + count_a * count_t, example)
    return out
