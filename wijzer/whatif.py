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
from dataclasses import dataclass
from functools import cached_property
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


class Table:
    """A group's options, sorted out per target level (memoised per group and answers).

    What a verdict needs (the group's aggregate as answered, and with each unknown answer
    filled in) is made at once; the ways to change up to MAX_CHANGES answers, which only
    the smallest changes and the single changes of a full advice need, on first use."""

    def __init__(self, rs: RuleSet, index: int, state: tuple[tuple[str, ...], ...]) -> None:
        self.rs = rs
        self.index = index
        """The group's position in `LevelDecision.groups`."""
        self.state = state
        """The group's answers, in the order of its questions."""
        decision = rs.decision
        questions, rules = decision.groups[index]
        sets = {q: answer_set(rs.questions[q], a) for q, a in zip(questions, state, strict=True)}
        fired = [i for i in rules if decision.predicates[i](sets, -1)]
        self.unchanged = _Option(decision.fold(decision.empty, fired), (), (0, 0, 0))
        self.parts: dict[str, dict[Aggregate, object]] = {}
        """What this group contributes to an advice, per kind and aggregate of the other
        groups (see `Situation.per_group`)."""

    @cached_property
    def filled(self) -> tuple[tuple[str, str, Aggregate], ...]:
        """For each unknown answer in the group: (question, option, the group's triple with it)."""
        return _filled(self.rs, self.index, self.state)

    @cached_property
    def _options(self) -> list[_Option]:
        return _group_options(self.rs, self.index, self.state)

    @cached_property
    def singles(self) -> tuple[_Option, ...]:
        """Every change of exactly one answer in the group."""
        return tuple(o for o in self._options if len(o.moves) == 1)

    @cached_property
    def keep_up(self) -> tuple[_Option | None, ...]:
        return tuple(self._first(_keeps_cap(t)) for t in self._levels)

    @cached_property
    def provide_up(self) -> tuple[tuple[_Option, ...], ...]:
        return tuple(self._best(_provides(t)) for t in self._levels)

    @cached_property
    def lower_cap(self) -> tuple[tuple[_Option, ...], ...]:
        return tuple(self._best(_lowers_cap(t, self.rs.decision.top)) for t in self._levels)

    @cached_property
    def stay_low(self) -> tuple[_Option | None, ...]:
        return tuple(self._first(_stays_low(t)) for t in self._levels)

    @property
    def _levels(self) -> range:
        return range(self.rs.decision.top + 1)

    def _first(self, wanted: Callable[[_Option], bool]) -> _Option | None:
        return next((o for o in self._options if wanted(o)), None)

    def _best(self, wanted: Callable[[_Option], bool]) -> tuple[_Option, ...]:
        return tuple([o for o in self._options if wanted(o)][:2])


def _keeps_cap(t: int) -> Callable[[_Option], bool]:
    return lambda o: o.triple.cap >= t


def _provides(t: int) -> Callable[[_Option], bool]:
    return lambda o: o.triple.cap >= t and max(o.triple.ambition, o.triple.floor) >= t


def _lowers_cap(t: int, top: int) -> Callable[[_Option], bool]:
    return lambda o: min(o.triple.cap, top) <= t


def _stays_low(t: int) -> Callable[[_Option], bool]:
    return lambda o: max(o.triple.ambition, o.triple.floor) <= t


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
                table = known[state] = Table(rs, index, state)
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


def _group_options(rs: RuleSet, index: int, state: tuple[tuple[str, ...], ...]) -> list[_Option]:
    """Every way to change up to MAX_CHANGES answers in one group, best first per triple.

    Only those ways are enumerated (not the whole product of the group's answers, which a
    long chain of questions makes astronomically large), in the order the product would
    give them, so that ties are settled as they always were. A change re-tests only the
    rules that read a changed question; the others fire as they do now."""
    decision = rs.decision
    questions, rules = decision.groups[index]
    objects = [rs.questions[q] for q in questions]
    choices = [[now, *alternatives(q, now)] for q, now in zip(objects, state, strict=True)]
    current = {q.id: answer_set(q, now) for q, now in zip(objects, state, strict=True)}
    readers = [[i for i in rules if question.id in decision.reads[i]] for question in objects]
    fired_now = {i for i in rules if decision.predicates[i](current, -1)}
    found: dict[Aggregate, list[_Option]] = {}
    unchanged: _Option | None = None
    costs: dict[tuple[int, int], tuple[Move, int, int, frozenset[str]]] = {}
    # Per set of changed positions: the aggregate of the rules they leave as they are,
    # and the rules to test again.
    partial: dict[tuple[int, ...], tuple[Aggregate, list[int]]] = {}
    for picks in _within(tuple(len(c) for c in choices), MAX_CHANGES):
        sets = dict(current)
        moves = []
        outside = step = 0
        for at, pick in picks:
            cost = costs.get((at, pick))
            if cost is None:
                question, new = objects[at], choices[at][pick]
                move = (question.id, state[at], new)
                out, distance = _move_cost(question, state[at], new)
                cost = costs[(at, pick)] = (move, out, distance, answer_set(question, new))
            move, out, distance, answered = cost
            sets[move[0]] = answered
            moves.append(move)
            outside += out
            step += distance
        changed = tuple(at for at, _ in picks)
        known = partial.get(changed)
        if known is None:
            retest = {i for at in changed for i in readers[at]}
            kept = [i for i in rules if i in fired_now and i not in retest]
            known = partial[changed] = (
                decision.fold(decision.empty, kept),
                [i for i in rules if i in retest],
            )
        base, again = known
        triple = decision.fold(base, [i for i in again if decision.predicates[i](sets, -1)])
        option = _Option(triple, tuple(moves), (len(moves), outside, step))
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


def _move_cost(question: Question, now: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int]:
    """What one changed answer costs: (1 if the municipality cannot bring it about itself,
    the distance along the options)."""
    order = question.option_ids
    distance = sum(
        abs(order.index(a) - order.index(b))
        for a, b in zip(now, new, strict=False)
        if a in order and b in order
    )
    return (0 if question.influenceable(now) else 1), distance


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


def _filled(
    rs: RuleSet, index: int, state: tuple[tuple[str, ...], ...]
) -> tuple[tuple[str, str, Aggregate], ...]:
    decision = rs.decision
    questions, rules = decision.groups[index]
    current = {q: answer_set(rs.questions[q], a) for q, a in zip(questions, state, strict=True)}
    out = []
    for q, answer in zip(questions, state, strict=True):
        if answer != (UNKNOWN,):
            continue
        for option in rs.questions[q].option_ids:
            sets = {**current, q: frozenset((option,))}
            fired = [i for i in rules if decision.predicates[i](sets, -1)]
            out.append((q, option, decision.fold(decision.empty, fired)))
    return tuple(out)
