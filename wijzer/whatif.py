"""The smallest changes of answers that move the advice up or down — exact, and fast.

The level depends on three numbers: the highest proposal A, the lowest cap C and the
highest floor F, each the max/min over independent groups of questions (see
`LevelDecision.groups`). With C capped at the top level:

    level >= t  ⟺  C >= t and (A >= t or F >= t)
    level <= t  ⟺  C <= t or (A <= t and F <= t)

So the cheapest way up to t is: in one group ("the provider") the cheapest change that
keeps C >= t and brings A or F to t, and in every other group the cheapest change that
keeps C >= t. The cheapest way down to t is one group lowering C to t, or every group
keeping A and F at most t. Trying every provider and every target level finds the exact
minimum without crossing the groups. Each group's options (every change of up to
MAX_CHANGES of its answers, and the triple it gives) are memoised per group and current
answers, so a batch computes them once per distinct situation; what a group contributes to
one advice (its single changes, its unknown answers, its reasons) depends only on its own
answers and the aggregate of the other groups, and is memoised on that pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeGuard, TypeVar

from wijzer.advice import Change, ChangeSet, WhatIf
from wijzer.answers import Answers
from wijzer.conditions import UNKNOWN
from wijzer.decision import (
    MAX_CHANGES,
    NONE_LOW,
    Aggregate,
    LevelDecision,
    answer_set,
    combine,
)
from wijzer.ruleset import Question, RuleSet

UNKNOWN_ANSWER = (UNKNOWN,)
SHOWN_PER_DIRECTION = 3

Move = tuple[str, tuple[str, ...], tuple[str, ...]]
"""(question, current answer, new answer)."""
T = TypeVar("T")


@dataclass(frozen=True)
class _Option:
    """One way to answer a group's questions: what it changes and what the group then gives."""

    triple: Aggregate
    moves: tuple[Move, ...]
    rank: tuple[int, int, int]
    """(number of changes, changes outside the capacity side, distance along the options)."""


def alternatives(question: Question, current: tuple[str, ...]) -> list[tuple[str, ...]]:
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


@dataclass(frozen=True)
class Table:
    """A group's options, sorted out per target level (memoised per group and answers)."""

    index: int
    """The group's position in `LevelDecision.groups`."""
    state: tuple[tuple[str, ...], ...]
    """The group's answers, in the order of its questions."""
    unchanged: _Option
    singles: tuple[_Option, ...]
    """Every change of exactly one answer in the group."""
    filled: tuple[tuple[str, str, Aggregate], ...]
    """For each unknown answer in the group: (question, option, the group's triple with it)."""
    keep_up: tuple[_Option | None, ...]
    provide_up: tuple[tuple[_Option, ...], ...]
    lower_cap: tuple[tuple[_Option, ...], ...]
    stay_low: tuple[_Option | None, ...]
    parts: dict[str, dict[Aggregate, object]] = field(default_factory=dict, compare=False)
    """What this group contributes to an advice, per kind and aggregate of the other groups
    (see `Situation.per_group`)."""


class Situation:
    """One project's answers seen through the rule set's question groups: the tables of
    every group, the aggregate of all of them and the level it gives, and per group the
    aggregate of all the others as they are now."""

    def __init__(self, rs: RuleSet, answers: Answers) -> None:
        self.rs, self.answers = rs, answers
        decision = rs.decision
        self.tables = []
        for index, ((questions, _), known) in enumerate(
            zip(decision.groups, _tables(rs), strict=True)
        ):
            state = tuple([answers.get(q, UNKNOWN_ANSWER) for q in questions])
            table = known.get(state)
            if table is None:
                table = known[state] = _table(rs, index, answers, state)
            self.tables.append(table)
        triples = [t.unchanged.triple for t in self.tables]
        others = _Others(decision, triples)
        self.rests = [others.rest(i) for i in range(len(triples))]
        self.aggregate = combine(self.rests[0], triples[0]) if triples else decision.empty
        self.level = decision.levels(self.aggregate)[1]

    def per_group(
        self, kind: str, compute: Callable[[Table, Aggregate], Sequence[T]]
    ) -> list[Sequence[T]]:
        """`compute(table, rest)` for every group, memoised per group answers and rest: what
        a group contributes depends on nothing else. Kept as tuples (empty ones shared):
        a long batch keeps thousands of them."""
        out = []
        for table, rest in zip(self.tables, self.rests, strict=True):
            kept = table.parts.get(kind)
            if kept is None:
                kept = table.parts[kind] = {}
            found = kept.get(rest)
            if found is None:
                found = kept[rest] = tuple(compute(table, rest))
            out.append(found)
        return out  # type: ignore[return-value]  # one `compute` per kind stored it

    def single_changes(self) -> tuple[WhatIf, ...]:
        """Every single changed answer that moves the level: up first, influenceable first."""
        found = [item for part in self.per_group("wat_als", self._singles) for item in part]
        return tuple(move for _, move in sorted(found, key=lambda item: item[0]))

    def _singles(
        self, table: Table, rest: Aggregate
    ) -> list[tuple[tuple[bool, bool, int, int], WhatIf]]:
        rs = self.rs
        together = rs.decision.level_together
        level = together(rest, table.unchanged.triple)
        found = []
        for option in table.singles:
            ((question, now, new),) = option.moves
            rank = together(rest, option.triple)
            if rank == level:
                continue
            q = rs.questions[question]
            influence = q.influenceable(now)
            key = (rank < level, not influence, rs.position[question], q.option_ids.index(new[0]))
            move = rs.shared(
                WhatIf,
                vraag=question,
                van=now,
                naar=new,
                niveau=rs.niveaus[rank].id,
                richting="hoger" if rank > level else "lager",
                beinvloedbaar=influence,
            )
            found.append((key, move))
        return found

    def unknown_levels(self) -> dict[str, dict[str, str]]:
        """For every unknown answer: the level under each of its options."""
        rs = self.rs
        out: dict[str, dict[str, str]] = {}
        for part in self.per_group("onbekend", self._filled_levels):
            out.update(part)
        for q in rs.vragen:  # unknown answers that no level rule reads change nothing
            if self.answers.get(q.id, (UNKNOWN,)) == (UNKNOWN,) and q.id not in out:
                out[q.id] = dict.fromkeys(q.option_ids, rs.niveaus[self.level].id)
        return out

    def _filled_levels(self, table: Table, rest: Aggregate) -> list[tuple[str, dict[str, str]]]:
        rs = self.rs
        together = rs.decision.level_together
        out: dict[str, dict[str, str]] = {}
        for question, option, triple in table.filled:
            out.setdefault(question, {})[option] = rs.niveaus[together(rest, triple)].id
        return list(out.items())

    def smallest_changes(self) -> tuple[ChangeSet, ...]:
        """Per direction, the fewest changed answers that move the level (nearest level
        first, answers on the capacity side preferred), at most SHOWN_PER_DIRECTION each."""
        return _smallest_changes(self.rs, self.tables, self.level)


_Plan = tuple[int, Sequence[_Option], int, _Option]
"""A candidate: (number of changes, the options it starts from, the group whose option it
replaces, the option put there)."""


def _smallest_changes(rs: RuleSet, tables: list[Table], level: int) -> tuple[ChangeSet, ...]:
    decision = rs.decision
    out: list[ChangeSet] = []
    if level < decision.top:
        ups = _Fewest()
        for target in range(level + 1, decision.top + 1):
            keep = [t.keep_up[target] for t in tables]
            if not _complete(keep):
                continue
            count = sum(o.rank[0] for o in keep)
            for p, table in enumerate(tables):
                others = count - keep[p].rank[0]
                for o in table.provide_up[target]:
                    ups.add(others + o.rank[0], keep, p, o)
        out += _choose(rs, ups.plans, level, "hoger")
    if level > 0:
        current = [t.unchanged for t in tables]
        downs = _Fewest()
        for target in range(level - 1, -1, -1):
            for p, table in enumerate(tables):
                for o in table.lower_cap[target]:
                    downs.add(o.rank[0], current, p, o)
            low = [t.stay_low[target] for t in tables]
            if _complete(low):
                downs.add(sum(o.rank[0] for o in low), low, 0, low[0])
        out += _choose(rs, downs.plans, level, "lager")
    return tuple(out)


class _Fewest:
    """Candidate plans, of which only those with the fewest (but some) changes are kept:
    only they are worth scoring."""

    def __init__(self) -> None:
        self.fewest = MAX_CHANGES
        self.plans: list[_Plan] = []

    def add(self, count: int, start: Sequence[_Option], p: int, option: _Option) -> None:
        if 0 < count <= self.fewest:
            if count < self.fewest:
                self.fewest, self.plans = count, []
            self.plans.append((count, start, p, option))


class _Others:
    """For a list of triples, the aggregate of all but one of them, for any position:
    folded once (the best and second best of each part, in plain ints), then each rest
    is a pick between the two. This runs for every project."""

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


def _complete(plan: list[_Option | None]) -> TypeGuard[list[_Option]]:
    return all(o is not None for o in plan)


def _tables(rs: RuleSet) -> list[dict[tuple[tuple[str, ...], ...], Table]]:
    """Per group: the tables made so far, by the group's answers."""
    return rs.memo(("wat_als",), lambda: [{} for _ in rs.decision.groups])


def _table(rs: RuleSet, index: int, answers: Answers, state: tuple[tuple[str, ...], ...]) -> Table:
    decision = rs.decision
    options = _group_options(rs, index, answers)
    levels = range(decision.top + 1)

    def first(wanted: Callable[[_Option], bool]) -> _Option | None:
        return next((o for o in options if wanted(o)), None)

    def best(wanted: Callable[[_Option], bool]) -> tuple[_Option, ...]:
        return tuple([o for o in options if wanted(o)][:2])

    top = decision.top

    def keeps_cap(t: int) -> Callable[[_Option], bool]:
        return lambda o: o.triple.cap >= t

    def provides(t: int) -> Callable[[_Option], bool]:
        return lambda o: o.triple.cap >= t and max(o.triple.ambition, o.triple.floor) >= t

    def lowers_cap(t: int) -> Callable[[_Option], bool]:
        return lambda o: min(o.triple.cap, top) <= t

    def stays_low(t: int) -> Callable[[_Option], bool]:
        return lambda o: max(o.triple.ambition, o.triple.floor) <= t

    return Table(
        index=index,
        state=state,
        unchanged=options[0],
        singles=tuple(o for o in options if len(o.moves) == 1),
        filled=_filled(rs, index, answers),
        keep_up=tuple(first(keeps_cap(t)) for t in levels),
        provide_up=tuple(best(provides(t)) for t in levels),
        lower_cap=tuple(best(lowers_cap(t)) for t in levels),
        stay_low=tuple(first(stays_low(t)) for t in levels),
    )


def _group_options(rs: RuleSet, index: int, answers: Answers) -> list[_Option]:
    """Every way to change up to MAX_CHANGES answers in one group, best first per triple.

    Only those ways are enumerated (not the whole product of the group's answers, which a
    long chain of questions makes astronomically large), in the order the product would
    give them, so that ties are settled as they always were."""
    decision = rs.decision
    questions, rules = decision.groups[index]
    state = tuple(answers.get(q, (UNKNOWN,)) for q in questions)
    objects = [rs.questions[q] for q in questions]
    choices = [[now, *alternatives(q, now)] for q, now in zip(objects, state, strict=True)]
    current = {q.id: answer_set(q, now) for q, now in zip(objects, state, strict=True)}
    found: dict[Aggregate, list[_Option]] = {}
    unchanged: _Option | None = None
    for picks in _within(tuple(len(c) for c in choices), MAX_CHANGES):
        sets = dict(current)
        moves = []
        for at, pick in picks:
            question, new = objects[at], choices[at][pick]
            sets[question.id] = answer_set(question, new)
            moves.append((question.id, state[at], new))
        triple = decision.fold(
            decision.empty, [i for i in rules if decision.predicates[i](sets, -1)]
        )
        option = _Option(triple, tuple(moves), _cost(rs, tuple(moves)))
        if not moves:
            unchanged = option
        found.setdefault(triple, []).append(option)
    assert unchanged is not None
    best = sorted(
        (
            o
            for group in found.values()
            for n, o in enumerate(sorted(group, key=lambda o: o.rank))
            if n < 3 or len(o.moves) == 1  # every single change is kept for `wat_als`
        ),
        key=lambda o: o.rank,
    )
    return [unchanged, *(o for o in best if o is not unchanged)]


def _within(sizes: tuple[int, ...], budget: int) -> Iterator[tuple[tuple[int, int], ...]]:
    """Every pick of at most `budget` positions and, at each, a choice other than the first
    (0), as (position, choice) pairs: in the order of the product of all choices."""
    stack: list[tuple[int, int, tuple[tuple[int, int], ...]]] = [(0, budget, ())]
    while stack:
        at, left, picks = stack.pop()
        if at == len(sizes) or not left:
            yield picks
            continue
        # Pushed in reverse, so that choice 0 (no change) comes out first.
        for choice in range(sizes[at] - 1, 0, -1):
            stack.append((at + 1, left - 1, (*picks, (at, choice))))
        stack.append((at + 1, left, picks))


def _cost(rs: RuleSet, moves: tuple[Move, ...]) -> tuple[int, int, int]:
    outside = sum(not rs.questions[q].influenceable(now) for q, now, _ in moves)
    step = 0
    for q, now, new in moves:
        order = rs.questions[q].option_ids
        step += sum(
            abs(order.index(a) - order.index(b))
            for a, b in zip(now, new, strict=False)
            if a in order and b in order
        )
    return (len(moves), outside, step)


def _choose(rs: RuleSet, plans: Sequence[_Plan], level: int, direction: str) -> list[ChangeSet]:
    """From plans with equally few changes: the nearest level, then the best answers."""
    decision = rs.decision
    scored = []
    starts: dict[int, tuple[_Others, int, int]] = {}
    for count, start, p, option in plans:
        # Plans mostly share their starting options: fold those once per start.
        known = starts.get(id(start))
        if known is None:
            known = starts[id(start)] = (
                _Others(decision, [o.triple for o in start]),
                sum(o.rank[1] for o in start),
                sum(o.rank[2] for o in start),
            )
        others, outside, step = known
        was, now = start[p].rank, option.rank
        outside, step = outside - was[1] + now[1], step - was[2] + now[2]
        moved = decision.levels(others.with_(p, option.triple))[1]
        if (moved > level) if direction == "hoger" else (moved < level):
            scored.append(((count, abs(moved - level), outside, step), start, p, option, moved))
    scored.sort(key=lambda item: item[0])
    out: list[ChangeSet] = []
    seen: set[tuple[str, ...]] = set()
    for score, start, p, option, moved in scored:
        if out and score[:2] != scored[0][0][:2]:
            break  # only the fewest changes to the nearest level
        moves = tuple(m for i, o in enumerate(start) for m in (option if i == p else o).moves)
        questions = tuple(sorted(q for q, _, _ in moves))
        if questions in seen:
            continue  # the same plan reached from another target level, or an equivalent one
        seen.add(questions)
        out.append(_change_set(rs, moves, moved, direction))
        if len(out) == SHOWN_PER_DIRECTION:
            break
    return out


def _change_set(rs: RuleSet, moves: tuple[Move, ...], rank: int, direction: str) -> ChangeSet:
    """A change set, shared: keyed by plain data (hashing models would cost more)."""
    return rs.memo(
        ("wijzigingen", moves, rank, direction),
        lambda: ChangeSet(
            wijzigingen=tuple(
                rs.shared(Change, vraag=q, van=now, naar=new) for q, now, new in moves
            ),
            niveau=rs.niveaus[rank].id,
            richting="hoger" if direction == "hoger" else "lager",
            beinvloedbaar=all(rs.questions[q].influenceable(now) for q, now, _ in moves),
        ),
    )


def _filled(rs: RuleSet, index: int, answers: Answers) -> tuple[tuple[str, str, Aggregate], ...]:
    decision = rs.decision
    questions, rules = decision.groups[index]
    current = {q: answer_set(rs.questions[q], answers.get(q, (UNKNOWN,))) for q in questions}
    out = []
    for q in questions:
        if answers.get(q, (UNKNOWN,)) != (UNKNOWN,):
            continue
        for option in rs.questions[q].option_ids:
            sets = {**current, q: frozenset((option,))}
            fired = [i for i in rules if decision.predicates[i](sets, -1)]
            out.append((q, option, decision.fold(decision.empty, fired)))
    return tuple(out)
