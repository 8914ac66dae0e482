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
MAX_CHANGES of its answers, and the triple it gives: `GroupOptions`) are made once per
group table (`wijzer.evaluation.Table`), so a batch computes them once per distinct
situation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeGuard

from wijzer.advice import Change, ChangeSet, WhatIf
from wijzer.compiled import Compiled
from wijzer.conditions import UNKNOWN_ANSWER
from wijzer.kernel import MAX_CHANGES, Aggregate, Others, answer_set, sets_for
from wijzer.ruleset import Question

SHOWN_PER_DIRECTION = 3

Move = tuple[str, tuple[str, ...], tuple[str, ...]]
"""(question, current answer, new answer)."""
RankedSingle = tuple[tuple[bool, bool, int, int], WhatIf]
"""A single change with its place in the list: up first, influenceable first."""


@dataclass(frozen=True)
class _Option:
    """One way to answer a group's questions: what it changes and what the group then gives."""

    triple: Aggregate
    moves: tuple[Move, ...]
    rank: tuple[int, int, int]
    """(number of changes, changes outside the capacity side, distance along the options)."""


def alternatives(question: Question, current: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every answer one step away: another option, or (multi-choice) one option toggled."""
    if current == UNKNOWN_ANSWER:
        return []
    if not question.meerkeuze:
        return [(o,) for o in question.option_ids if (o,) != current]
    toggled = []
    for o in question.option_ids:
        new = tuple(x for x in question.option_ids if (x in current) != (x == o))
        if new:
            toggled.append(new)
    return toggled


class GroupOptions:
    """One group table's options (every change of up to MAX_CHANGES of its answers, the
    first one the unchanged answers), sorted out per target level on first use."""

    def __init__(self, compiled: Compiled, index: int, state: tuple[tuple[str, ...], ...]) -> None:
        self.compiled = compiled
        self.index = index
        self.state = state

    @cached_property
    def _options(self) -> list[_Option]:
        return _group_options(self.compiled, self.index, self.state)

    @property
    def unchanged(self) -> _Option:
        """The group as answered."""
        return self._options[0]

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
        top = self.compiled.decision.top
        return tuple(self._best(_lowers_cap(t, top)) for t in self._levels)

    @cached_property
    def stay_low(self) -> tuple[_Option | None, ...]:
        return tuple(self._first(_stays_low(t)) for t in self._levels)

    @property
    def _levels(self) -> range:
        return range(self.compiled.decision.top + 1)

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


def single_changes(
    compiled: Compiled, options: GroupOptions, rest: Aggregate
) -> list[RankedSingle]:
    """Every single changed answer in one group that moves the level, given the aggregate
    of the other groups (`rest`), with its place in the list."""
    rs = compiled.rs
    together = compiled.decision.level_together
    level = together(rest, options.unchanged.triple)
    found = []
    for option in options.singles:
        ((question, now, new),) = option.moves
        rank = together(rest, option.triple)
        if rank == level:
            continue
        q = rs.questions[question]
        influence = q.influenceable(now)
        key = (rank < level, not influence, rs.position[question], q.option_ids.index(new[0]))
        move = compiled.shared(
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


_Plan = tuple[int, Sequence[_Option], int, _Option]
"""A candidate: (number of changes, the options it starts from, the group whose option it
replaces, the option put there)."""


def smallest_changes(
    compiled: Compiled, tables: list[GroupOptions], level: int
) -> tuple[ChangeSet, ...]:
    """Per direction, the fewest changed answers that move the level (nearest level
    first, answers on the capacity side preferred), at most SHOWN_PER_DIRECTION each."""
    decision = compiled.decision
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
        out += _choose(compiled, ups.plans, level, "hoger")
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
        out += _choose(compiled, downs.plans, level, "lager")
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


def _complete(plan: list[_Option | None]) -> TypeGuard[list[_Option]]:
    return all(o is not None for o in plan)


def _group_options(
    compiled: Compiled, index: int, state: tuple[tuple[str, ...], ...]
) -> list[_Option]:
    """Every way to change up to MAX_CHANGES answers in one group, best first per triple.

    Only those ways are enumerated (not the whole product of the group's answers, which a
    long chain of questions makes astronomically large), in the order the product would
    give them, so that ties are settled as they always were. A change re-tests only the
    rules that read a changed question; the others fire as they do now."""
    decision = compiled.decision
    questions, rules = decision.groups[index]
    objects = [compiled.rs.questions[q] for q in questions]
    choices = [[now, *alternatives(q, now)] for q, now in zip(objects, state, strict=True)]
    current = sets_for(compiled.rs, dict(zip(questions, state, strict=True)))
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
        triple = decision.aggregate(again, sets, base)
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


def _choose(
    compiled: Compiled, plans: Sequence[_Plan], level: int, direction: str
) -> list[ChangeSet]:
    """From plans with equally few changes: the nearest level, then the best answers."""
    decision = compiled.decision
    scored = []
    starts: dict[int, tuple[Others, int, int]] = {}
    for count, start, p, option in plans:
        # Plans mostly share their starting options: fold those once per start.
        known = starts.get(id(start))
        if known is None:
            known = starts[id(start)] = (
                Others(decision, [o.triple for o in start]),
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
        out.append(_change_set(compiled, moves, moved, direction))
        if len(out) == SHOWN_PER_DIRECTION:
            break
    return out


def _change_set(
    compiled: Compiled, moves: tuple[Move, ...], rank: int, direction: str
) -> ChangeSet:
    """A change set, shared: keyed by plain data (hashing models would cost more)."""
    rs = compiled.rs
    return compiled.change_sets(
        (moves, rank, direction),
        lambda: ChangeSet(
            wijzigingen=tuple(
                compiled.shared(Change, vraag=q, van=now, naar=new) for q, now, new in moves
            ),
            niveau=rs.niveaus[rank].id,
            richting="hoger" if direction == "hoger" else "lager",
            beinvloedbaar=all(rs.questions[q].influenceable(now) for q, now, _ in moves),
        ),
    )
