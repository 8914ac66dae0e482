"""The evaluation kernel: the level rules compiled, fired and aggregated into one level.

The aggregate of fired effects is three numbers (highest proposal, lowest cap, highest
floor), and max/min do not care about order or grouping. So questions that never share a
level rule form independent groups (`LevelDecision.groups`): the per-group evaluation of
an advice (`wijzer.evaluation`), the what-if search (`wijzer.whatif`), the proof and the
comparison of rule sets (`wijzer.authoring`) work per group and combine the groups'
aggregates. Every one of them turns answers into condition inputs with `sets_for` (or
`answer_sets`), fires a group's rules with `LevelDecision.aggregate` and combines with
`combine` or `Others`: this module is the one place that says how.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from wijzer.conditions import (
    UNKNOWN,
    AnswerSets,
    Predicate,
    compile_condition,
    compile_witness,
    questions_of,
    size_of,
)

if TYPE_CHECKING:
    from wijzer.ruleset import LevelEffect, Question, Rule, RuleSet

VOORSTEL, PLAFOND, BODEM = 0, 1, 2
_KIND = {"voorstel": VOORSTEL, "plafond": PLAFOND, "bodem": BODEM}
NONE_LOW = -1
"""An ambition or floor when no rule set one."""
MAX_ENUMERATION = 200_000
"""The most answer combinations the proof (`wijzer.authoring.analysis`) enumerates for one group of
questions; beyond it the group is reported, never enumerated for minutes."""
MAX_CHANGES = 3
"""The most answers the what-if search (`wijzer.whatif`) changes together."""
MAX_RULE_CHECKS = 2_000_000
"""The most tests (ways to change answers times the nodes of the group's rule conditions)
the what-if search (`wijzer.whatif`) of one advice may take: about a second at most; the
default rule set's largest group needs 62,016. (The proof enumerates a group once and has
its own bound, `analysis.MAX_PROOF_CHECKS`.)"""


def answer_sets(rs: RuleSet, answers: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Answers as condition inputs: an unknown answer is `weet_ik_niet` plus the assumption."""
    return {q.id: answer_set(q, answers.get(q.id, (UNKNOWN,))) for q in rs.vragen}


def sets_for(rs: RuleSet, assignment: Mapping[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    """Some questions' answers as condition inputs (see `answer_set`)."""
    questions = rs.questions
    return {q: answer_set(questions[q], answer) for q, answer in assignment.items()}


def answer_set(question: Question, answer: tuple[str, ...]) -> frozenset[str]:
    """One answer as a condition input (an unknown answer also counts as the assumption)."""
    if answer == (UNKNOWN,):
        return frozenset((UNKNOWN, *question.aanname))
    return frozenset(answer)


def components(rules: Iterable[Rule]) -> list[list[str]]:
    """Questions grouped so that no rule looks at two groups (union-find)."""
    parent: dict[str, str] = {}

    def find(q: str) -> str:
        while parent.setdefault(q, q) != q:
            parent[q] = parent[parent[q]]
            q = parent[q]
        return q

    for rule in rules:
        qs = questions_of(rule.als)
        for q in qs:
            find(q)
        for a, b in itertools.pairwise(qs):
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for q in parent:
        groups.setdefault(find(q), []).append(q)
    return sorted(groups.values(), key=lambda g: g[0])


class Aggregate(NamedTuple):
    """Ranks aggregated so far: highest proposal, lowest cap, highest floor.

    Plain ints keep the hot loops cheap: no proposal or floor is NONE_LOW, no cap is
    `LevelDecision.no_cap` (one above the top level).
    """

    ambition: int
    cap: int
    floor: int


def combine(a: Aggregate, b: Aggregate) -> Aggregate:
    """Two aggregates together: max of proposals, min of caps, max of floors."""
    return Aggregate(max(a.ambition, b.ambition), min(a.cap, b.cap), max(a.floor, b.floor))


class Outcome(NamedTuple):
    """The level decision in ranks (positions on the ladder); None where no rule set one.
    (Which rules fired, and why, is per question group: see `wijzer.evaluation` and
    `wijzer.engine`.)"""

    level: int
    base: int
    ambition: int | None
    cap: int | None
    floor: int | None


class LevelDecision:
    """A rule set's level rules, compiled once."""

    def __init__(self, rs: RuleSet) -> None:
        self.top = len(rs.niveaus) - 1
        self.no_cap = self.top + 1
        self.empty = Aggregate(NONE_LOW, self.no_cap, NONE_LOW)
        """Nothing fired yet."""
        compiled: list[tuple[Rule, Predicate, tuple[tuple[int, int, LevelEffect], ...]]] = []
        for rule in rs.regels:
            effects = tuple(
                (_KIND[kind], rs.rank[level], kind) for kind, level in rule.level_effects
            )
            if effects:
                compiled.append((rule, compile_condition(rule.als, rs.rank), effects))
        self.rules = tuple(compiled)
        self.predicates = tuple(holds for _, holds, _ in compiled)
        self.effects = tuple(
            tuple((kind, rank) for kind, rank, _ in effects) for _, _, effects in compiled
        )
        self.witnesses = {rule.id: compile_witness(rule.als, rs.rank) for rule, _, _ in compiled}
        self.reads = tuple(frozenset(questions_of(rule.als)) for rule, _, _ in compiled)
        """Per level rule: the questions its condition reads."""
        # Independent groups of questions, each with the level rules that look at them; the
        # rules without a condition form a group of their own with no questions.
        grouped = components(r for r, _, _ in compiled)
        owner = {q: i for i, group in enumerate(grouped) for q in group}
        self.questions = rs.level_questions
        """The questions that some level rule reads."""
        groups: list[tuple[tuple[str, ...], list[int]]] = [(tuple(g), []) for g in grouped]
        constant: list[int] = []
        for index, (rule, _, _) in enumerate(compiled):
            qs = questions_of(rule.als)
            (groups[owner[qs[0]]][1] if qs else constant).append(index)
        self.groups = tuple((qs, tuple(ids)) for qs, ids in groups) + (
            (((), tuple(constant)),) if constant else ()
        )

    def aggregate(
        self, indices: Iterable[int], sets: AnswerSets, base: Aggregate | None = None
    ) -> Aggregate:
        """The aggregate of the rules at `indices` that hold for these answers (added to
        `base`, by default nothing fired yet): the one way wijzer fires level rules."""
        # One loop that tests and folds (no list of the rules that held in between): it
        # runs for every way the what-if search tries.
        predicates, effects = self.predicates, self.effects
        ambition, cap, floor = self.empty if base is None else base
        for index in indices:
            if not predicates[index](sets, -1):
                continue
            for kind, rank in effects[index]:
                if kind == VOORSTEL:
                    if rank > ambition:
                        ambition = rank
                elif kind == PLAFOND:
                    if rank < cap:
                        cap = rank
                elif rank > floor:
                    floor = rank
        return Aggregate(ambition, cap, floor)

    def fold(self, aggregate: Aggregate, indices: Iterable[int]) -> Aggregate:
        """`aggregate` with the effects of the rules at `indices` added."""
        ambition, cap, floor = aggregate
        for index in indices:
            for kind, rank in self.effects[index]:
                if kind == VOORSTEL:
                    ambition = max(ambition, rank)
                elif kind == PLAFOND:
                    cap = min(cap, rank)
                else:
                    floor = max(floor, rank)
        return Aggregate(ambition, cap, floor)

    def each_left_out(self, indices: Sequence[int]) -> list[Aggregate]:
        """For each rule at `indices`, the aggregate of all the others: what leaving it out
        gives. One pass however many rules fired (leaving one out each time and folding
        the rest is quadratic): per kind, the best value, how many rules give it, and the
        second best decide."""
        kinds = ((VOORSTEL, NONE_LOW, 1), (PLAFOND, self.no_cap, -1), (BODEM, NONE_LOW, 1))
        tops = []
        for kind, none, sign in kinds:
            first = second = none
            count = 0
            for index in indices:
                for effect, rank in self.effects[index]:
                    if effect != kind:
                        continue
                    if rank * sign > first * sign:
                        first, second, count = rank, first, 1
                    elif rank == first:
                        count += 1
                    elif rank * sign > second * sign:
                        second = rank
            tops.append((first, second, count))
        out = []
        for index in indices:
            values = []
            for (kind, _, _), (first, second, count) in zip(kinds, tops, strict=True):
                own = [rank for effect, rank in self.effects[index] if effect == kind]
                values.append(second if own and own[0] == first and count == 1 else first)
            out.append(Aggregate(*values))
        return out

    def levels(self, aggregate: Aggregate) -> tuple[int, int]:
        """(base, level): min(ambition, cap), raised to the floor but never above the cap."""
        ambition, cap, floor = aggregate
        ceiling = min(cap, self.top)
        base = min(max(ambition, 0), ceiling)
        return base, max(base, min(floor, ceiling))

    def level_together(self, a: Aggregate, b: Aggregate) -> int:
        """The level of two aggregates combined (the what-if hot path: no tuple is built)."""
        ceiling = min(a[1], b[1], self.top)
        base = min(max(a[0], b[0], 0), ceiling)
        return max(base, min(max(a[2], b[2]), ceiling))

    def decide(self, sets: AnswerSets) -> Outcome:
        """Fire every level rule for these answers and decide."""
        return self.outcome_of(self.aggregate(range(len(self.predicates)), sets))

    def outcome_of(self, aggregate: Aggregate) -> Outcome:
        """The decision that an aggregate gives."""
        base, level = self.levels(aggregate)
        ambition, cap, floor = aggregate
        return Outcome(
            level,
            base,
            None if ambition == NONE_LOW else ambition,
            None if cap == self.no_cap else cap,
            None if floor == NONE_LOW else floor,
        )


class Others:
    """For a list of aggregates (one per group), the aggregate of all but one of them, for
    any position: folded once (the best and second best of each part, in plain ints), then
    each rest is a pick between the two. This runs for every project."""

    def __init__(self, decision: LevelDecision, triples: Sequence[Aggregate]) -> None:
        a1 = a2 = f1 = f2 = NONE_LOW
        c1 = c2 = decision.no_cap
        ai = ci = fi = -1
        for i, (a, c, f) in enumerate(triples):
            if a > a1:
                a1, a2, ai = a, a1, i
            elif a > a2:
                a2 = a
            if c < c1:
                c1, c2, ci = c, c1, i
            elif c < c2:
                c2 = c
            if f > f1:
                f1, f2, fi = f, f1, i
            elif f > f2:
                f2 = f
        self._best = (a1, a2, ai, c1, c2, ci, f1, f2, fi)

    def rest(self, p: int) -> Aggregate:
        """The aggregate of every triple but the one at position `p`."""
        a1, a2, ai, c1, c2, ci, f1, f2, fi = self._best
        return Aggregate(a2 if p == ai else a1, c2 if p == ci else c1, f2 if p == fi else f1)

    def with_(self, p: int, triple: Aggregate) -> Aggregate:
        """The aggregate with the triple at position `p` replaced by `triple`."""
        a1, a2, ai, c1, c2, ci, f1, f2, fi = self._best
        a, c, f = a2 if p == ai else a1, c2 if p == ci else c1, f2 if p == fi else f1
        return Aggregate(
            a if a > triple[0] else triple[0],
            c if c < triple[1] else triple[1],
            f if f > triple[2] else triple[2],
        )


def enumeration_size(rs: RuleSet, questions: Sequence[str]) -> int:
    """How many ways the what-if search (`wijzer.whatif`) may try for a group of questions: up to
    MAX_CHANGES of them changed, each to any other answer (the most a known answer has)."""
    ways = [1] + [0] * MAX_CHANGES  # ways[k]: changes of exactly k questions
    for q in questions:
        question = rs.questions[q]
        others = len(question.opties) if question.meerkeuze else len(question.opties) - 1
        for k in range(MAX_CHANGES, 0, -1):
            ways[k] += ways[k - 1] * others
    return sum(ways)


def oversized_groups(rs: RuleSet) -> Iterator[tuple[tuple[str, ...], int]]:
    """The question groups whose what-if search would take more than MAX_RULE_CHECKS
    tests (ways to try times the nodes of the group's conditions), with that number:
    `advies` and `batch` refuse such a rule set when they load it, so that no advice takes
    minutes."""
    # The groups as `LevelDecision.groups` has them, without compiling a single rule:
    # loading checks this for every command, most of which never decide a level.
    rules = [r for r in rs.regels if r.level_effects]
    groups = components(rules)
    owner = {q: i for i, group in enumerate(groups) for q in group}
    tests = [0] * len(groups)  # per group: the tests of all its rules' conditions
    for rule in rules:
        asked = questions_of(rule.als)
        if asked:
            tests[owner[asked[0]]] += size_of(rule.als)
    for group, count in zip(groups, tests, strict=True):
        checks = enumeration_size(rs, group) * max(1, count)
        if checks > MAX_RULE_CHECKS:
            yield tuple(group), checks
