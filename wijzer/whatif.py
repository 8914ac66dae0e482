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
answers, so a batch computes them once per distinct situation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

from wijzer.advice import Change, ChangeSet, WhatIf
from wijzer.answers import Answers
from wijzer.conditions import UNKNOWN
from wijzer.decision import Aggregate, LevelDecision, combine
from wijzer.ruleset import Question, RuleSet

MAX_CHANGES = 3
"""The most answers changed together in one suggestion."""
SHOWN_PER_DIRECTION = 3

Move = tuple[str, tuple[str, ...], tuple[str, ...]]
"""(question, current answer, new answer)."""


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
class _Table:
    """A group's options, sorted out per target level (memoised with the options)."""

    unchanged: _Option
    singles: tuple[_Option, ...]
    """Every change of exactly one answer in the group."""
    filled: tuple[tuple[str, str, Aggregate], ...]
    """For each unknown answer in the group: (question, option, the group's triple with it)."""
    keep_up: tuple[_Option | None, ...]
    provide_up: tuple[tuple[_Option, ...], ...]
    lower_cap: tuple[tuple[_Option, ...], ...]
    stay_low: tuple[_Option | None, ...]


def smallest_changes(rs: RuleSet, answers: Answers, level: int) -> tuple[ChangeSet, ...]:
    """Per direction, the fewest changed answers that move the level (nearest level first,
    answers on the capacity side preferred), at most SHOWN_PER_DIRECTION each."""
    decision = rs.decision
    tables = [_table(rs, i, answers) for i in range(len(decision.groups))]
    current: list[_Option | None] = [t.unchanged for t in tables]
    out: list[ChangeSet] = []
    if level < decision.top:
        plans = []
        for target in range(level + 1, decision.top + 1):
            keep = [t.keep_up[target] for t in tables]
            for p, table in enumerate(tables):
                plans += [_replace(keep, p, o) for o in table.provide_up[target]]
        out += _choose(rs, decision, plans, level, "hoger")
    if level > 0:
        plans = []
        for target in range(level - 1, -1, -1):
            for p, table in enumerate(tables):
                plans += [_replace(current, p, o) for o in table.lower_cap[target]]
            plans.append([t.stay_low[target] for t in tables])
        out += _choose(rs, decision, plans, level, "lager")
    return tuple(out)


def _table(rs: RuleSet, index: int, answers: Answers) -> _Table:
    decision = rs.decision
    questions, _ = decision.groups[index]
    key = ("wat_als", index, tuple(answers.get(q, (UNKNOWN,)) for q in questions))
    cached = rs.memo.get(key)
    if isinstance(cached, _Table):
        return cached
    options = _group_options(rs, index, answers, keep_all_singles=True)
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

    table = _Table(
        unchanged=options[0],
        singles=tuple(o for o in options if len(o.moves) == 1),
        filled=_filled(rs, index, answers),
        keep_up=tuple(first(keeps_cap(t)) for t in levels),
        provide_up=tuple(best(provides(t)) for t in levels),
        lower_cap=tuple(best(lowers_cap(t)) for t in levels),
        stay_low=tuple(first(stays_low(t)) for t in levels),
    )
    rs.memo[key] = table
    return table


def _group_options(
    rs: RuleSet, index: int, answers: Answers, keep_all_singles: bool = False
) -> list[_Option]:
    """Every way to change up to MAX_CHANGES answers in one group, best first per triple."""
    decision = rs.decision
    questions, rules = decision.groups[index]
    state = tuple(answers.get(q, (UNKNOWN,)) for q in questions)
    from wijzer.engine import answer_set

    objects = [rs.questions[q] for q in questions]
    choices = [[now, *alternatives(q, now)] for q, now in zip(objects, state, strict=True)]
    found: dict[Aggregate, list[_Option]] = {}
    unchanged: _Option | None = None
    for combo in product(*choices):
        moves = tuple(
            (q.id, now, new)
            for q, now, new in zip(objects, state, combo, strict=True)
            if new != now
        )
        if len(moves) > MAX_CHANGES:
            continue
        sets = {q.id: answer_set(q, a) for q, a in zip(objects, combo, strict=True)}
        triple = decision.fold(
            decision.empty, [i for i in rules if decision.predicates[i](sets, -1)]
        )
        option = _Option(triple, moves, _cost(rs, moves))
        if not moves:
            unchanged = option
        found.setdefault(triple, []).append(option)
    assert unchanged is not None
    best = sorted(
        (
            o
            for group in found.values()
            for n, o in enumerate(sorted(group, key=lambda o: o.rank))
            if n < 3 or (keep_all_singles and len(o.moves) == 1)
        ),
        key=lambda o: o.rank,
    )
    return [unchanged, *(o for o in best if o is not unchanged)]


def _cost(rs: RuleSet, moves: tuple[Move, ...]) -> tuple[int, int, int]:
    outside = sum(rs.questions[q].kant != "capaciteit" for q, _, _ in moves)
    step = 0
    for q, now, new in moves:
        order = rs.questions[q].option_ids
        step += sum(
            abs(order.index(a) - order.index(b))
            for a, b in zip(now, new, strict=False)
            if a in order and b in order
        )
    return (len(moves), outside, step)


def _replace(plan: Sequence[_Option | None], index: int, option: _Option) -> list[_Option | None]:
    return [option if i == index else o for i, o in enumerate(plan)]


def _choose(
    rs: RuleSet,
    decision: LevelDecision,
    plans: Sequence[Sequence[_Option | None]],
    level: int,
    direction: str,
) -> list[ChangeSet]:
    """From candidate plans: the fewest changes, then the nearest level, then the best answers."""
    complete = [
        [o for o in plan if o is not None] for plan in plans if all(o is not None for o in plan)
    ]
    counted = [(sum(o.rank[0] for o in chosen), chosen) for chosen in complete]
    fewest = min((n for n, _ in counted if 0 < n <= MAX_CHANGES), default=None)
    scored = []
    seen_plans: set[tuple[int, ...]] = set()
    for count, chosen in counted:
        if count != fewest:  # only the fewest changes are shown: skip the rest unscored
            continue
        identity = tuple(id(o) for o in chosen)
        if identity in seen_plans:
            continue
        seen_plans.add(identity)
        aggregate = decision.empty
        for o in chosen:
            aggregate = combine(aggregate, o.triple)
        rank = decision.levels(aggregate)[1]
        if (rank > level) if direction == "hoger" else (rank < level):
            outside = sum(o.rank[1] for o in chosen)
            step = sum(o.rank[2] for o in chosen)
            moves = tuple(m for o in chosen for m in o.moves)
            scored.append(((count, abs(rank - level), outside, step), moves, rank))
    scored.sort(key=lambda item: item[0])
    out: list[ChangeSet] = []
    seen: set[tuple[str, ...]] = set()
    for score, moves, rank in scored:
        if out and score[:2] != scored[0][0][:2]:
            break  # only the fewest changes to the nearest level
        questions = tuple(sorted(q for q, _, _ in moves))
        if questions in seen:
            continue
        seen.add(questions)
        out.append(
            ChangeSet(
                wijzigingen=tuple(Change(vraag=q, van=now, naar=new) for q, now, new in moves),
                niveau=rs.niveaus[rank].id,
                richting="hoger" if direction == "hoger" else "lager",
                beinvloedbaar=all(rs.questions[q].kant == "capaciteit" for q, _, _ in moves),
            )
        )
        if len(out) == SHOWN_PER_DIRECTION:
            break
    return out


def _filled(rs: RuleSet, index: int, answers: Answers) -> tuple[tuple[str, str, Aggregate], ...]:
    from wijzer.engine import answer_set

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


def _rests(tables: list[_Table], decision: LevelDecision) -> list[Aggregate]:
    """Per group: the aggregate of every other group as it is now."""
    rests = []
    for index in range(len(tables)):
        aggregate = decision.empty
        for other, table in enumerate(tables):
            if other != index:
                aggregate = combine(aggregate, table.unchanged.triple)
        rests.append(aggregate)
    return rests


def single_changes(rs: RuleSet, answers: Answers, level: int) -> tuple[WhatIf, ...]:
    """Every single changed answer that moves the level: up first, influenceable first."""
    decision = rs.decision
    tables = [_table(rs, i, answers) for i in range(len(decision.groups))]
    order = {q.id: n for n, q in enumerate(rs.vragen)}
    found = []
    for table, rest in zip(tables, _rests(tables, decision), strict=True):
        for option in table.singles:
            ((question, now, new),) = option.moves
            rank = decision.levels(combine(rest, option.triple))[1]
            if rank == level:
                continue
            found.append(
                (
                    (
                        rank < level,
                        rs.questions[question].kant != "capaciteit",
                        order[question],
                        rs.questions[question].option_ids.index(new[0]) if new else 0,
                    ),
                    WhatIf(
                        vraag=question,
                        van=now,
                        naar=new,
                        niveau=rs.niveaus[rank].id,
                        richting="hoger" if rank > level else "lager",
                        beinvloedbaar=rs.questions[question].kant == "capaciteit",
                    ),
                )
            )
    return tuple(w for _, w in sorted(found, key=lambda item: item[0]))


def unknown_levels(rs: RuleSet, answers: Answers, level: int) -> dict[str, dict[str, str]]:
    """For every unknown answer: the level under each of its options."""
    decision = rs.decision
    tables = [_table(rs, i, answers) for i in range(len(decision.groups))]
    out: dict[str, dict[str, str]] = {}
    for table, rest in zip(tables, _rests(tables, decision), strict=True):
        for question, option, triple in table.filled:
            rank = decision.levels(combine(rest, triple))[1]
            out.setdefault(question, {})[option] = rs.niveaus[rank].id
    for q in rs.vragen:  # unknown answers that no level rule reads change nothing
        if answers.get(q.id, (UNKNOWN,)) == (UNKNOWN,) and q.id not in out:
            out[q.id] = dict.fromkeys(q.option_ids, rs.niveaus[level].id)
    return out
