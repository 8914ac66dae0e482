"""Prove a rule set over its whole answer space, without crossing what does not interact.

The method (docs/analyse.md):

1. **Answer classes.** Options that no condition tells apart behave the same, so each
   question's domain shrinks to one representative per class (with its class size as a
   weight). A multi-choice answer is a subset; only its intersection with the mentioned
   options matters.
2. **Components.** The level is min/max of the effects of the level rules that fire, and
   min/max are associative: questions that never share a level rule do not interact.
   Questions are grouped into components (union-find over the rules' questions); each
   component is enumerated on its own and summarised as the distinct (highest proposal,
   lowest cap, highest floor) triples it can produce, each with an example and a count.
3. **Combination.** Components are combined by folding their triples, deduplicating
   after every step, so the work grows with the number of *distinct aggregates* (at most
   levels³), not with the product of all domains.
4. **Tip and warning rules** may test the level: each is checked over its own questions
   crossed with the components those share with level rules, and the aggregates of all
   other components.

Every finding carries a concrete answer set that reproduces it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from wijzer import texts
from wijzer.conditions import (
    UNKNOWN,
    AllOf,
    AnswerContains,
    AnswerIn,
    AnswerIs,
    Condition,
    Not,
    Predicate,
    compile_condition,
    questions_of,
    size_of,
    walk,
)
from wijzer.kernel import (
    MAX_ENUMERATION,
    NONE_LOW,
    Aggregate,
    LevelDecision,
    combine,
    oversized_groups,
    sets_for,
)
from wijzer.ruleset import Question, RuleSet

Severity = Literal["fout", "waarschuwing"]
Assignment = dict[str, tuple[str, ...]]
_Key = tuple[tuple[str, ...], ...]
"""A group's answers in the order of its questions."""

MAX_EVALUATIONS = 2_000_000
"""The most (answers, level) combinations one tip rule or segment may take to be shown
reachable before it is reported as too large."""
MAX_COMBINED = 500_000
"""The most aggregates one proof may combine across groups of questions (the default rule
set needs about 26,000); beyond it the proof stops and says so (about a second's work)."""
MAX_PROOF_CHECKS = 5_000_000
"""The most tests (combinations times the nodes of the group's level-rule conditions) the
proof enumerates for one group: about a second (the default rule set's largest group
takes 1,101,600). The what-if search of one advice has its own, smaller bound
(`kernel.MAX_RULE_CHECKS`): it runs for every advice, the proof once."""
MAX_COMPONENT = MAX_ENUMERATION
"""A group of questions with more answer combinations than this is not enumerated, and a
multi-choice question with more answer classes than this gets no domain: both are
reported instead, so that a hostile or badly factored rule set cannot make the check
hang or fill the memory. It is the bound `advies` and `batch` hold the what-if search to."""


@dataclass(frozen=True)
class Finding:
    """One result of the analysis, with an answer set that shows it."""

    soort: str
    ernst: Severity
    onderwerp: str
    melding: str
    voorbeeld: Assignment | None = None


@dataclass
class Report:
    """All findings, and how much of the space was covered and how."""

    findings: list[Finding] = field(default_factory=list)
    space: int = 0
    evaluated: int = 0
    components: list[list[str]] = field(default_factory=list)
    levels: dict[str, Assignment] = field(default_factory=dict)
    complete: bool = True
    """False when part of the space was too large to prove: then nothing derived from the
    proof (gaps, unreachable levels, dead rules and tips) is reported."""

    @property
    def errors(self) -> list[Finding]:
        """Findings that make the rule set wrong."""
        return [f for f in self.findings if f.ernst == "fout"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings an author should look at."""
        return [f for f in self.findings if f.ernst == "waarschuwing"]


# --- answer classes -------------------------------------------------------------------------


def mentioned(rs: RuleSet) -> dict[str, list[frozenset[str]]]:
    """Per question: the option sets that conditions test (`is`/`bevat`: one, `in`: several)."""
    conditions = [rule.als for rule in rs.regels] + [r.veronderstelt for r in rs.regels]
    conditions += [tip.veronderstelt for tip in rs.tips]
    conditions += [segment.als for segment in rs.segmenten]
    return tests_in(conditions)


def tests_in(conditions: Iterable[Condition | None]) -> dict[str, list[frozenset[str]]]:
    """Per question: the option sets that these conditions test."""
    found: dict[str, list[frozenset[str]]] = {}
    for condition in conditions:
        if condition is None:
            continue
        for node, _ in walk(condition):
            if isinstance(node, AnswerIs):
                found.setdefault(node.vraag, []).append(frozenset((node.is_,)))
            elif isinstance(node, AnswerContains):
                found.setdefault(node.vraag, []).append(frozenset((node.bevat,)))
            elif isinstance(node, AnswerIn):
                found.setdefault(node.vraag, []).append(frozenset(node.in_))
    return found


def option_classes(question: Question, tests: list[frozenset[str]]) -> list[list[str]]:
    """Options grouped by how every test on the question sees them (same signature, same class)."""
    classes: dict[tuple[bool, ...], list[str]] = {}
    for option in question.option_ids:
        signature = tuple(option in test for test in tests)
        classes.setdefault(signature, []).append(option)
    return list(classes.values())


def domain_size(question: Question, tests: list[frozenset[str]]) -> int:
    """How many representatives `domain` gives, counted before any is built."""
    classes = len(option_classes(question, tests))
    return 2**classes if question.meerkeuze else classes + 1


def domain(question: Question, tests: list[frozenset[str]]) -> list[tuple[tuple[str, ...], int]]:
    """Representative answers with their weights (how many real answers each stands for).
    A caller checks `domain_size` first: a multi-choice question has 2^classes of them."""
    classes = option_classes(question, tests)
    unknown: tuple[tuple[str, ...], int] = ((UNKNOWN,), 1)
    if not question.meerkeuze:
        return [*(((c[0],), len(c)) for c in classes), unknown]
    # A subset is seen only through which classes it touches: one representative per
    # non-empty combination of classes, weighted by the number of subsets behind it.
    reps: list[tuple[tuple[str, ...], int]] = []
    for size in range(1, len(classes) + 1):
        for combo in itertools.combinations(classes, size):
            weight = math.prod(2 ** len(c) - 1 for c in combo)
            reps.append(
                (tuple(sorted((c[0] for c in combo), key=question.option_ids.index)), weight)
            )
    return [*reps, unknown]


def space_size(rs: RuleSet) -> int:
    """The number of distinct answer sets (multi-choice: every non-empty subset, plus unknown)."""
    return math.prod((2 ** len(q.opties) if q.meerkeuze else len(q.opties) + 1) for q in rs.vragen)


# --- components -------------------------------------------------------------------------------


@dataclass
class _Component:
    questions: list[str]
    rules: list[int]
    triples: dict[Aggregate, tuple[int, Assignment]] = field(default_factory=dict)
    fired: dict[int, Assignment] = field(default_factory=dict)
    changes: dict[int, dict[tuple[Aggregate, Aggregate], Assignment]] = field(default_factory=dict)
    table: dict[_Key, Aggregate] = field(default_factory=dict)
    """Every representative assignment (its answers in `questions` order) -> its aggregate."""


def assignments(
    questions: list[str], domains: Mapping[str, list[tuple[tuple[str, ...], int]]]
) -> Iterator[tuple[Assignment, int]]:
    for combo in itertools.product(*(domains[q] for q in questions)):
        yield (
            {q: a for q, (a, _) in zip(questions, combo, strict=True)},
            math.prod(w for _, w in combo),
        )


class Analysis:
    """The analysis of one rule set; `run()` gives the report."""

    def __init__(self, rs: RuleSet) -> None:
        self.rs = rs
        self.decision = LevelDecision(rs)
        tests = mentioned(rs)
        # A single-choice question that level rules read is enumerated in the classes the
        # level rules tell apart (an option class of theirs gives one aggregate); a tip or
        # warning condition that tells its members apart expands them again (`_cut`).
        level_tests = tests_in(rule.als for rule, _, _ in self.decision.rules)
        self.domain_tests = {
            q.id: (
                level_tests if q.id in self.decision.questions and not q.meerkeuze else tests
            ).get(q.id, [])
            for q in rs.vragen
        }
        self.sizes = {q.id: domain_size(q, self.domain_tests[q.id]) for q in rs.vragen}
        self.domains = {
            q.id: domain(q, self.domain_tests[q.id])
            for q in rs.vragen
            if self.sizes[q.id] <= MAX_COMPONENT
        }
        self.members = {
            q.id: {c[0]: c for c in option_classes(q, self.domain_tests[q.id])}
            for q in rs.vragen
            if q.id in self.decision.questions and not q.meerkeuze
        }
        """Per single-choice question of the level rules: its representatives' classes."""
        self.tests = tests
        self.report = Report(space=space_size(rs))
        self.budget = MAX_COMBINED
        """Aggregates still to be combined across groups before the proof gives up."""
        self._cuts: dict[tuple[object, ...], list[tuple[Aggregate, Assignment]]] = {}
        """Per group and the questions a condition reads: see `_cut`."""
        self._projections: dict[
            tuple[int, tuple[str, ...]], dict[tuple[_Key, Aggregate], _Key]
        ] = {}
        self._found: dict[tuple[str, str], Finding] = {}
        """The findings so far, once per (kind, subject), in the order found."""

    def _size(self, questions: Iterable[str]) -> int:
        """The number of representative assignments of some questions."""
        return math.prod(self.sizes[q] for q in questions)

    def _too_big(self, questions: list[str], size: int) -> str:
        return texts.ANALYSIS_TOO_BIG.format(
            questions=texts.some(questions), size=texts.number(size)
        )

    # --- level ------------------------------------------------------------------------------
    def _level_components(self) -> list[_Component]:
        """The level decision's groups of questions, each with its level rules."""
        return [_Component(list(qs), list(rules)) for qs, rules in self.decision.groups]

    def _enumerate(self, component: _Component) -> bool:
        """Enumerate a component; False (and a finding) when it is too large to."""
        decision = self.decision
        size = self._size(component.questions)
        tests = sum(size_of(decision.rules[i][0].als) for i in component.rules)
        if size > MAX_COMPONENT or size * max(1, tests) > MAX_PROOF_CHECKS:
            subject = ", ".join(component.questions)
            self._find("te_groot", "fout", subject, self._too_big(component.questions, size))
            return False
        folded: dict[tuple[int, ...], Aggregate] = {}
        """Per set of fired rules, its aggregate: the same set gives the same triple, and
        what leaving each rule out does was recorded when the set was first seen."""
        questions = component.questions
        domains = [self.domains[q] for q in questions]
        answers = [[a for a, _ in d] for d in domains]
        weights = [[w for _, w in d] for d in domains]
        # Each rule reads a few of the group's questions: its truth is tabled once per
        # combination of those answers, and looked up for every assignment of the group.
        tables = []
        for i in component.rules:
            read = sorted({questions.index(q) for q in questions_of(decision.rules[i][0].als)})
            truth = {}
            for picks in itertools.product(*(range(len(domains[p])) for p in read)):
                chosen = {questions[p]: answers[p][k] for p, k in zip(read, picks, strict=True)}
                truth[picks] = decision.predicates[i](sets_for(self.rs, chosen), -1)
            tables.append((i, read, truth))
        # Depth first over the questions: a rule is looked up as soon as the last question
        # it reads has an answer, once per prefix instead of once per assignment.
        ready: list[list[tuple[int, list[int], dict[tuple[int, ...], bool]]]] = [
            [] for _ in questions
        ]
        always = tuple(i for i, read, truth in tables if not read and truth[()])
        for i, read, truth in tables:
            if read:
                ready[max(read)].append((i, read, truth))
        combo = [0] * len(questions)

        def leaf(fired: tuple[int, ...]) -> None:
            self.report.evaluated += 1
            key = tuple([answers[p][k] for p, k in enumerate(combo)])
            triple = folded.get(fired)
            first = triple is None
            if triple is None:
                triple = folded[fired] = decision.fold(decision.empty, fired)
            component.table[key] = triple
            weight = math.prod([weights[p][k] for p, k in enumerate(combo)])
            found = component.triples.get(triple)
            if found is None:
                component.triples[triple] = (weight, dict(zip(questions, key, strict=True)))
            else:
                component.triples[triple] = (found[0] + weight, found[1])
            if not first:
                return
            assignment = dict(zip(questions, key, strict=True))
            for index, without in zip(fired, decision.each_left_out(fired), strict=True):
                component.fired.setdefault(index, assignment)
                if without != triple:
                    component.changes.setdefault(index, {}).setdefault(
                        (triple, without), assignment
                    )

        def walk(depth: int, fired: tuple[int, ...]) -> None:
            if depth == len(questions):
                leaf(fired)
                return
            for k in range(len(domains[depth])):
                combo[depth] = k
                more = tuple(
                    [i for i, read, truth in ready[depth] if truth[tuple([combo[p] for p in read])]]
                )
                walk(depth + 1, fired + more)

        walk(0, always)
        return True

    def _fold(self, parts: Iterable[_Component]) -> dict[Aggregate, Chain]:
        """The distinct aggregates that a set of components can produce together, each with
        an example (kept as a chain of the components' examples: see `_example`). All
        folds of one proof share a budget; beyond it the proof stops (`_Unfinished`)."""
        state: dict[Aggregate, Chain] = {self.decision.empty: None}
        for part in parts:
            self.budget -= len(state) * len(part.triples)
            if self.budget < 0:
                raise _Unfinished
            nxt: dict[Aggregate, Chain] = {}
            for aggregate, chain in state.items():
                for triple, (_, sub) in part.triples.items():
                    combined = combine(aggregate, triple)
                    if combined not in nxt:
                        nxt[combined] = (chain, sub)
            state = nxt
        return state

    def _check_levels(self, parts: list[_Component]) -> None:
        decision = self.decision
        levels = self.rs.niveaus
        everything = self._fold(parts)
        for aggregate, chain in everything.items():
            rank = decision.levels(aggregate)[1]
            if levels[rank].id not in self.report.levels:
                self.report.levels[levels[rank].id] = _example(chain)
            if aggregate.ambition == NONE_LOW:
                self._find("gat", "fout", "-", texts.ANALYSIS_GAP, _example(chain))
            ceiling = min(aggregate.cap, decision.top)
            if aggregate.floor > ceiling:
                message = texts.ANALYSIS_CONFLICT.format(
                    floor=levels[aggregate.floor].id, cap=levels[ceiling].id
                )
                self._find(
                    "botsing",
                    "waarschuwing",
                    f"{levels[aggregate.floor].id}>{levels[ceiling].id}",
                    message,
                    _example(chain),
                )
        for level in levels:
            if level.id not in self.report.levels:
                self._find(
                    "onbereikbaar_niveau",
                    "fout",
                    level.id,
                    texts.ANALYSIS_LEVEL_UNREACHABLE.format(level=level.id),
                )
        for part in parts:
            rest = self._fold(p for p in parts if p is not part)
            for index in part.rules:
                rule = decision.rules[index][0]
                if index not in part.fired:
                    self._find(
                        "dode_regel", "fout", rule.id, texts.ANALYSIS_DEAD.format(rule=rule.id)
                    )
                    continue
                if not self._matters(part, index, rest):
                    self._find(
                        "overschaduwde_regel",
                        "waarschuwing",
                        rule.id,
                        texts.ANALYSIS_SHADOWED.format(rule=rule.id),
                        part.fired[index],
                    )

    def _matters(self, part: _Component, index: int, rest: dict[Aggregate, Chain]) -> bool:
        """Whether leaving the rule out changes the level, or opens a gap, somewhere."""
        levels = self.decision.levels
        for with_rule, without_rule in part.changes.get(index, {}):
            self.budget -= len(rest)
            if self.budget < 0:
                raise _Unfinished
            for aggregate in rest:
                before, after = combine(with_rule, aggregate), combine(without_rule, aggregate)
                if levels(before)[1] != levels(after)[1]:
                    return True
                if after.ambition == NONE_LOW and before.ambition != NONE_LOW:
                    return True
        return False

    # --- unknown answers ------------------------------------------------------------------
    def _check_unknowns(self, parts: list[_Component]) -> None:
        """An unknown answer never gives a higher level than its assumption (`aanname`), or,
        without one, than its most cautious answer: the lowest level any answer gives with
        everything else the same (docs/regelset.md). Each counterexample is reported."""
        for part in parts:
            rest: dict[Aggregate, Chain] | None = None
            for at, q in enumerate(part.questions):
                for key, (unknown, bounds) in self._unknown_pairs(part, at).items():
                    if all(_at_most(unknown, bound) for _, bound in bounds):
                        continue  # lower or equal whatever the other groups give
                    if rest is None:
                        rest = self._fold(p for p in parts if p is not part)
                    self._unknown_counterexample(part, q, key, unknown, bounds, rest)

    def _unknown_pairs(
        self, part: _Component, at: int
    ) -> dict[
        tuple[tuple[str, ...], ...], tuple[Aggregate, list[tuple[tuple[str, ...], Aggregate]]]
    ]:
        """For each assignment of a group with its `at`-th question unknown, once per
        distinct situation: the aggregate, and the aggregates of the answers that bound it."""
        question = self.rs.questions[part.questions[at]]
        answers = [a for a, _ in self.domains[question.id] if a != (UNKNOWN,)]
        if question.aanname:
            tests = self.domain_tests[question.id]
            answers = [_representative(question, tests, question.aanname)]
        seen: set[tuple[Aggregate, tuple[Aggregate, ...]]] = set()
        out = {}
        table = part.table
        others = [[a for a, _ in self.domains[q]] for q in part.questions]
        others[at] = [(UNKNOWN,)]
        for key in itertools.product(*others):  # only the assignments with it unknown
            unknown = table[key]
            bounds = [(a, table[(*key[:at], a, *key[at + 1 :])]) for a in answers]
            signature = (unknown, tuple(b for _, b in bounds))
            if signature not in seen:
                seen.add(signature)
                out[key] = (unknown, bounds)
        return out

    def _unknown_counterexample(
        self,
        part: _Component,
        q: str,
        key: _Key,
        unknown: Aggregate,
        bounds: list[tuple[tuple[str, ...], Aggregate]],
        rest: dict[Aggregate, Chain],
    ) -> None:
        levels, rs = self.decision.levels, self.rs
        self.budget -= len(rest) * len(bounds)
        if self.budget < 0:
            raise _Unfinished
        for aggregate, chain in rest.items():
            with_unknown = levels(combine(unknown, aggregate))[1]
            answer, lowest = min(
                ((a, levels(combine(b, aggregate))[1]) for a, b in bounds), key=lambda x: x[1]
            )
            if with_unknown <= lowest:
                continue
            question = rs.questions[q]
            message = texts.ANALYSIS_UNKNOWN_TOO_HIGH.format(
                question=q,
                level=rs.niveaus[with_unknown].id,
                answer=", ".join(answer),
                bound=rs.niveaus[lowest].id,
                what=texts.UNKNOWN_BOUND_ASSUMED
                if question.aanname
                else texts.UNKNOWN_BOUND_CAUTIOUS,
            )
            example = {**_example(chain), **dict(zip(part.questions, key, strict=True))}
            self._find("onbekend_te_hoog", "fout", q, message, example)
            return

    # --- tips and warnings ----------------------------------------------------------------
    def _premises(self) -> Iterator[tuple[str, Condition]]:
        """(subject, condition) for every way a text could contradict the answers: a
        warning rule firing where what it takes for granted (`veronderstelt`) does not
        hold, or a rule or segment choosing a tip whose premise does not hold."""
        rs = self.rs

        def against(condition: Condition | None, premise: Condition) -> Condition:
            return (
                Not(niet=premise)
                if condition is None
                else AllOf(alle=(condition, Not(niet=premise)))
            )

        for rule in rs.regels:
            if rule.waarschuwing and rule.veronderstelt is not None:
                yield rule.id, against(rule.als, rule.veronderstelt)
        choosers = [(r.id, r.als, r.tips) for r in rs.regels] + [
            (s.id, s.als, s.tips) for s in rs.segmenten
        ]
        for chooser, condition, tips in choosers:
            for tip_id in tips:
                premise = rs.tips_by_id[tip_id].veronderstelt
                if premise is not None:
                    yield f"{chooser} → {tip_id}", against(condition, premise)

    def _check_tip_rules(self, parts: list[_Component]) -> None:
        """Tip and warning rules and segments may test the level: each must be able to hold."""
        rs = self.rs
        owner = {q: part for part in parts for q in part.questions}
        reachable_tips: set[str] = set()
        checks = [
            (rule.id, rule.als, rule.tips, "dode_regel", texts.ANALYSIS_DEAD)
            for rule in rs.regels
            if rule.tips or rule.waarschuwing
        ] + [
            (seg.id, seg.als, seg.tips, "dood_segment", texts.ANALYSIS_DEAD_SEGMENT)
            for seg in rs.segmenten
        ]
        contradictions = [
            (subject, condition, (), "strijdige_tekst", texts.ANALYSIS_CONTRADICTION)
            for subject, condition in self._premises()
        ]
        everything = checks + contradictions
        read_anywhere = {q for _, condition, *_ in everything for q in questions_of(condition)}
        for part in parts:  # what no condition reads is projected away once, up front
            self._projected(part, tuple(q for q in part.questions if q in read_anywhere))
        for subject, condition, tips, kind, message in everything:
            qs = questions_of(condition)
            shared = [p for p in parts if any(owner.get(q) is p for q in qs)]
            free = [q for q in qs if q not in owner]
            rest = self._fold(p for p in parts if all(p is not s for s in shared))
            holds = compile_condition(condition, rs.rank)
            # A question no level rule reads is seen only by this condition: its answers
            # fall into the classes this condition tells apart.
            own_tests = tests_in([condition])
            domains = {q: domain(rs.questions[q], own_tests.get(q, [])) for q in free}
            try:
                example = self._find_firing(
                    holds, size_of(condition), qs, own_tests, shared, domains, rest
                )
            except _TooBig as big:
                self._find("te_groot", "fout", subject, self._too_big(big.questions, big.size))
                reachable_tips.update(tips)  # unknown, so not reported as unreachable too
                continue
            if kind == "strijdige_tekst":
                if example is not None:
                    self._find(kind, "fout", subject, message.format(rule=subject), example)
                continue
            if example is None:
                self._find(kind, "fout", subject, message.format(rule=subject))
                continue
            reachable_tips.update(tips)
        for tip in rs.tips:
            if tip.id not in reachable_tips:
                text = texts.ANALYSIS_TIP_UNREACHABLE.format(tip=tip.id)
                self._find("onbereikbare_tip", "fout", tip.id, text)

    def _find_firing(
        self,
        holds: Predicate,
        cost: int,
        read: list[str],
        tests: dict[str, list[frozenset[str]]],
        shared: list[_Component],
        free: dict[str, list[tuple[tuple[str, ...], int]]],
        rest: dict[Aggregate, Chain],
    ) -> Assignment | None:
        """Answers for which a tip or warning rule's condition (`holds`, `cost` tests, on the
        questions `read`) holds together with the level they give; None if there are none.

        A group the condition shares questions with matters only through the answers the
        condition reads and the group's aggregate: each group is cut down to its distinct
        (those answers, aggregate) pairs before anything is crossed."""
        cut = [
            self._cut(part, tuple(q for q in part.questions if q in read), tests) for part in shared
        ]
        size = math.prod(len(c) for c in cut) * math.prod(len(d) for d in free.values())
        questions = [q for p in shared for q in p.questions] + list(free)
        if size > MAX_COMPONENT:
            raise _TooBig(questions, size)
        budget = MAX_EVALUATIONS  # tests of the condition itself, for every level it meets
        levels = self.decision.levels
        for combo in itertools.product(*cut):
            own = self.decision.empty
            answers: Assignment = {}
            for triple, example in combo:
                own = combine(own, triple)
                answers.update(example)
            for extra, _ in assignments(list(free), free):
                self.report.evaluated += 1
                assignment = {**answers, **extra}
                sets = sets_for(self.rs, assignment)
                for aggregate, chain in rest.items():
                    budget -= cost
                    if budget < 0:
                        raise _TooBig(questions, size * len(rest))
                    if holds(sets, levels(combine(own, aggregate))[1]):
                        return {**_example(chain), **assignment}
        return None

    def _cut(
        self, part: _Component, read: tuple[str, ...], tests: dict[str, list[frozenset[str]]]
    ) -> list[tuple[Aggregate, Assignment]]:
        """A group's distinct (answers to `read`, aggregate) pairs, each with an example:
        what a condition that reads `read` (and tells options apart by `tests`) can see of
        the group. An answer enumerated by its level class is expanded to the classes the
        condition tells apart within it."""
        shape = tuple(tuple(sorted(tuple(sorted(t)) for t in tests.get(q, []))) for q in read)
        cache = (id(part), read, shape)
        found = self._cuts.get(cache)
        if found is not None:
            return found
        expand = [self._within(q, tests.get(q, [])) for q in read]
        seen: dict[tuple[_Key, Aggregate], Assignment] = {}
        for (projection, triple), key in self._projected(part, read).items():
            choices = [
                [value] if options is None else options[value]
                for value, options in zip(projection, expand, strict=True)
            ]
            for values in itertools.product(*choices):
                if (values, triple) not in seen:
                    example = dict(zip(part.questions, key, strict=True))
                    example.update(zip(read, values, strict=True))
                    seen[(values, triple)] = example
        found = self._cuts[cache] = [(t, example) for (_, t), example in seen.items()]
        return found

    def _projected(
        self, part: _Component, read: tuple[str, ...]
    ) -> dict[tuple[_Key, Aggregate], _Key]:
        """A group's distinct (answers to `read`, aggregate) pairs, each with one of its
        full assignments."""
        cache = (id(part), read)
        found = self._projections.get(cache)
        if found is not None:
            return found
        # Start from the smallest projection already made that keeps every answer in `read`.
        source: list[tuple[tuple[str, ...], dict[tuple[_Key, Aggregate], _Key]]] = [
            (part_read, table)
            for (owner, part_read), table in self._projections.items()
            if owner == id(part) and set(read) <= set(part_read)
        ]
        if source:
            kept, table = min(source, key=lambda item: len(item[1]))
            at = [kept.index(q) for q in read]
            rows = (((tuple(p[i] for i in at), t), key) for (p, t), key in table.items())
        else:
            at = [part.questions.index(q) for q in read]
            rows = (((tuple(key[i] for i in at), t), key) for key, t in part.table.items())
        found = {}
        for pair, key in rows:
            found.setdefault(pair, key)
        self._projections[cache] = found
        return found

    def _within(
        self, q: str, tests: list[frozenset[str]]
    ) -> dict[tuple[str, ...], list[tuple[str, ...]]] | None:
        """For a question enumerated by level classes: each representative -> one answer per
        class that `tests` tell apart within its level class (None: not reduced)."""
        classes = self.members.get(q)
        if classes is None:
            return None
        out: dict[tuple[str, ...], list[tuple[str, ...]]] = {(UNKNOWN,): [(UNKNOWN,)]}
        for rep, members in classes.items():
            parts: dict[tuple[bool, ...], str] = {}
            for option in members:
                parts.setdefault(tuple(option in t for t in tests), option)
            out[(rep,)] = [(option,) for option in parts.values()]
        return out

    # --- options ------------------------------------------------------------------------------
    def _check_options(self) -> None:
        for question in self.rs.vragen:
            tests = self.tests.get(question.id, [])
            if not tests:
                self._find(
                    "inerte_vraag",
                    "waarschuwing",
                    question.id,
                    texts.ANALYSIS_INERT_QUESTION.format(question=question.id),
                )
                continue
            for group in option_classes(question, tests):
                if len(group) > 1:
                    self._find(
                        "inerte_optie",
                        "waarschuwing",
                        f"{question.id}: {', '.join(group)}",
                        texts.ANALYSIS_INERT_OPTIONS.format(
                            question=question.id, options=", ".join(group)
                        ),
                    )

    def _find(
        self,
        kind: str,
        severity: Severity,
        subject: str,
        message: str,
        example: Assignment | None = None,
    ) -> None:
        key = (kind, subject)
        if key not in self._found:
            self._found[key] = Finding(kind, severity, subject, message, example)

    def _check_whatif(self) -> None:
        """A group too large for the what-if search is refused by `advies` and `batch`
        when they load the rule set; say so here too."""
        for questions, checks in oversized_groups(self.rs):
            message = texts.WHATIF_TOO_BIG.format(questions=texts.some(questions), checks=checks)
            self._find("te_groot", "fout", f"wat-als: {', '.join(questions)}", message)

    def run(self) -> Report:
        """Analyse everything; findings come out errors first. When part of the space is
        too large, only that is reported (with the checks that need no enumeration)."""
        parts = self._level_components()
        self._check_whatif()
        enumerated = [self._enumerate(part) for part in parts]
        self.report.components = [p.questions for p in parts if p.questions]
        before = len(self._found)
        try:
            if not all(enumerated):
                raise _Unfinished
            self._check_levels(parts)
            self._check_unknowns(parts)
            self._check_tip_rules(parts)
        except _Unfinished:
            for key in list(self._found)[before:]:  # derived from a proof that did not finish
                del self._found[key]
            self.report.levels.clear()
            self.report.complete = False
            if all(enumerated):
                self._find("te_groot", "fout", texts.ALL_GROUPS, texts.ANALYSIS_FOLD_TOO_BIG)
        self._check_options()
        self.report.findings = sorted(self._found.values(), key=lambda f: f.ernst != "fout")
        return self.report


Chain = tuple["Chain", Assignment] | None
"""An example built up while folding: (the example so far, one more component's part)."""


def _at_most(a: Aggregate, b: Aggregate) -> bool:
    """Whether `a` gives at most the level of `b` whatever is combined with them: the level
    only rises with the proposal, the cap and the floor."""
    return a.ambition <= b.ambition and a.cap <= b.cap and a.floor <= b.floor


def _representative(
    question: Question, tests: list[frozenset[str]], answer: tuple[str, ...]
) -> tuple[str, ...]:
    """The domain's representative of an answer: each option replaced by the first of its class."""
    first = {o: c[0] for c in option_classes(question, tests) for o in c}
    return tuple(sorted({first[o] for o in answer}, key=question.option_ids.index))


def _example(chain: Chain) -> Assignment:
    """The answers a chain of examples stands for, earliest component first."""
    parts: list[Assignment] = []
    while chain is not None:
        chain, part = chain
        parts.append(part)
    example: Assignment = {}
    for part in reversed(parts):
        example.update(part)
    return example


class _Unfinished(Exception):
    """The proof stopped: part of the space is too large to prove within the bounds."""


class _TooBig(Exception):
    """A check would have to enumerate more combinations than MAX_COMPONENT."""

    def __init__(self, questions: list[str], size: int) -> None:
        super().__init__(size)
        self.questions = questions
        self.size = size


def analyse(rs: RuleSet) -> Report:
    """Prove a rule set: see the module docstring for the method."""
    return Analysis(rs).run()
