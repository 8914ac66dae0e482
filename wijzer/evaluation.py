"""One project's answers evaluated group by group: what a verdict and an advice rest on.

The level rules fall into independent groups of questions (`LevelDecision.groups`). For
each group, a `Table` holds what its answers give: the group's aggregate as answered and,
for each unknown answer, with each option filled in; on first use also its what-if
options (`wijzer.whatif`). Tables are kept in the compiled rule set per group and answers,
so a batch makes each one once per distinct situation. An `Evaluation` puts a project's
tables together: the aggregate and level, and per group the aggregate of all the others,
on which what a group contributes to an advice (its reasons, its single changes, its
unknown answers) depends, together with its own answers only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TypeVar

from wijzer.advice import ChangeSet
from wijzer.answers import Answers
from wijzer.compiled import Compiled
from wijzer.conditions import UNKNOWN_ANSWER
from wijzer.kernel import Aggregate, Others, combine, sets_for
from wijzer.whatif import GroupOptions, RankedSingle, single_changes, smallest_changes

TableKey = tuple[tuple[str, ...], ...]
"""A group's answers, in the order of its questions."""
T = TypeVar("T")


class Table:
    """One group of questions with one set of answers: its aggregate, and more on demand."""

    def __init__(self, compiled: Compiled, index: int, state: TableKey) -> None:
        self.compiled = compiled
        self.index = index
        """The group's position in `LevelDecision.groups`."""
        self.state = state
        """The group's answers, in the order of its questions."""
        questions, rules = compiled.decision.groups[index]
        self.triple = compiled.decision.aggregate(
            rules, sets_for(compiled.rs, dict(zip(questions, state, strict=True)))
        )
        """The group's aggregate as answered."""

    @cached_property
    def filled(self) -> tuple[tuple[str, str, Aggregate], ...]:
        """For each unknown answer in the group: (question, option, the group's aggregate
        with that option filled in)."""
        compiled = self.compiled
        decision = compiled.decision
        questions, rules = decision.groups[self.index]
        given = dict(zip(questions, self.state, strict=True))
        current = sets_for(compiled.rs, given)
        out = []
        for q, answer in given.items():
            if answer != UNKNOWN_ANSWER:
                continue
            for option in compiled.rs.questions[q].option_ids:
                sets = {**current, q: frozenset((option,))}
                out.append((q, option, decision.aggregate(rules, sets)))
        return tuple(out)

    @cached_property
    def options(self) -> GroupOptions:
        """The ways to change up to `kernel.MAX_CHANGES` of the group's answers."""
        return GroupOptions(self.compiled, self.index, self.state)


class Evaluation:
    """One project's answers seen through the rule set's question groups: the table of
    every group, the aggregate of all of them and the level it gives, and per group the
    aggregate of all the others as they are now."""

    def __init__(self, compiled: Compiled, answers: Answers) -> None:
        self.compiled, self.answers = compiled, answers
        decision = compiled.decision
        self.tables: list[Table] = []
        for index, ((questions, _), known) in enumerate(
            zip(decision.groups, compiled.tables, strict=True)
        ):
            state = tuple([answers.get(q, UNKNOWN_ANSWER) for q in questions])
            table = known.get(state)
            if table is None:
                table = known[state] = Table(compiled, index, state)
            self.tables.append(table)
        triples = [t.triple for t in self.tables]
        others = Others(decision, triples)
        self.rests = [others.rest(i) for i in range(len(triples))]
        self.aggregate = combine(self.rests[0], triples[0]) if triples else decision.empty
        self.level = decision.levels(self.aggregate)[1]

    def per_group(
        self,
        store: dict[tuple[Table, Aggregate], tuple[T, ...]],
        compute: Callable[[Table, Aggregate], list[T]],
    ) -> list[tuple[T, ...]]:
        """`compute(table, rest)` for every group, kept in `store` per group table and rest:
        what a group contributes depends on nothing else. Kept as tuples: a long batch
        keeps thousands of them."""
        out = []
        for table, rest in zip(self.tables, self.rests, strict=True):
            key = (table, rest)
            found = store.get(key)
            if found is None:
                found = store[key] = tuple(compute(table, rest))
            out.append(found)
        return out

    def single_changes(self) -> list[tuple[RankedSingle, ...]]:
        """Per group, every single changed answer that moves the level (see `whatif`)."""
        return self.per_group(
            self.compiled.group_singles,
            lambda table, rest: single_changes(self.compiled, table.options, rest),
        )

    def unknown_levels(self) -> dict[str, dict[str, str]]:
        """For every unknown answer: the level under each of its options."""
        compiled = self.compiled
        rs = compiled.rs
        out: dict[str, dict[str, str]] = {}
        for part in self.per_group(compiled.group_unknowns, self._filled_levels):
            out.update(part)
        for q in rs.vragen:  # unknown answers that no level rule reads change nothing
            if self.answers.get(q.id, UNKNOWN_ANSWER) == UNKNOWN_ANSWER and q.id not in out:
                out[q.id] = dict.fromkeys(q.option_ids, rs.niveaus[self.level].id)
        return out

    def _filled_levels(self, table: Table, rest: Aggregate) -> list[tuple[str, dict[str, str]]]:
        levels = self.compiled.rs.niveaus
        together = self.compiled.decision.level_together
        out: dict[str, dict[str, str]] = {}
        for question, option, triple in table.filled:
            out.setdefault(question, {})[option] = levels[together(rest, triple)].id
        return list(out.items())

    def smallest_changes(self) -> tuple[ChangeSet, ...]:
        """Per direction, the fewest changed answers that move the level (see `whatif`)."""
        return smallest_changes(self.compiled, [t.options for t in self.tables], self.level)
