"""The declarative condition language of rule sets: its models, and compilation to predicates.

A condition is data (nothing is evaluated as code). Leaves test one answer or the level;
`alle`, `een_van` and `niet` combine them. An answer is a frozenset of option ids: one id
for a known single-choice answer, the chosen ids for a multi-choice one, and for an
unknown answer `weet_ik_niet` plus the options the rule set assumes in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

UNKNOWN = "weet_ik_niet"
UNKNOWN_ANSWER = (UNKNOWN,)
"""An unknown answer, as answers hold it."""

AnswerSets = Mapping[str, frozenset[str]]
Predicate = Callable[[AnswerSets, int], bool]
"""A compiled condition: (answers, rank of the level or -1 before it is known) -> bool."""


class _Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class AnswerIs(_Node):
    """The single answer to `vraag` is `is` (an unknown answer also matches its assumption)."""

    vraag: str
    is_: str = Field(alias="is")


class AnswerIn(_Node):
    """The answer to `vraag` is (or, for multi-choice, includes) one of the options in `in`."""

    vraag: str
    in_: tuple[str, ...] = Field(alias="in", min_length=1)


class AnswerContains(_Node):
    """The multi-choice answer to `vraag` includes the option `bevat`."""

    vraag: str
    bevat: str


class LevelFrom(_Node):
    """The advised level is `niveau_vanaf` or higher (only in tip and warning rules)."""

    niveau_vanaf: str


class LevelAtMost(_Node):
    """The advised level is `niveau_hoogstens` or lower (only in tip and warning rules)."""

    niveau_hoogstens: str


class LevelIn(_Node):
    """The advised level is one of `niveau_in` (only in tip and warning rules)."""

    niveau_in: tuple[str, ...] = Field(min_length=1)


class AllOf(_Node):
    """Every sub-condition holds."""

    alle: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(_Node):
    """At least one sub-condition holds."""

    een_van: tuple[Condition, ...] = Field(min_length=1)


class Not(_Node):
    """The sub-condition does not hold."""

    niet: Condition


_OWN_KEYS = ("alle", "een_van", "niet", "niveau_vanaf", "niveau_hoogstens", "niveau_in")
"""The conditions named by a key of their own (the others by `vraag` and an operator)."""


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return _KIND_OF_MODEL.get(type(value))
    if not isinstance(value, dict):
        return None
    for key in _OWN_KEYS:
        if key in value:
            return key
    if "vraag" in value:
        for key in ("is", "in", "bevat"):
            if key in value:
                return key
    return None


CONDITION_HELP = (
    "verwacht een voorwaarde: {vraag: …, is: …}, {vraag: …, in: [...]}, "
    "{vraag: …, bevat: …}, {alle: [...]}, {een_van: [...]}, {niet: …}, "
    "{niveau_vanaf: …}, {niveau_hoogstens: …} of {niveau_in: [...]}"
)

Condition = Annotated[
    Annotated[AnswerIs, Tag("is")]
    | Annotated[AnswerIn, Tag("in")]
    | Annotated[AnswerContains, Tag("bevat")]
    | Annotated[LevelFrom, Tag("niveau_vanaf")]
    | Annotated[LevelAtMost, Tag("niveau_hoogstens")]
    | Annotated[LevelIn, Tag("niveau_in")]
    | Annotated[AllOf, Tag("alle")]
    | Annotated[AnyOf, Tag("een_van")]
    | Annotated[Not, Tag("niet")],
    Discriminator(
        _condition_kind,
        custom_error_type="invalid_condition",
        custom_error_message=CONDITION_HELP,
    ),
]

_KIND_OF_MODEL: dict[type[BaseModel], str] = {
    AnswerIs: "is",
    AnswerIn: "in",
    AnswerContains: "bevat",
    LevelFrom: "niveau_vanaf",
    LevelAtMost: "niveau_hoogstens",
    LevelIn: "niveau_in",
    AllOf: "alle",
    AnyOf: "een_van",
    Not: "niet",
}


def walk(
    condition: Condition, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[Any, tuple[str | int, ...]]]:
    """Yield every node of a condition with its path (relative to the condition)."""
    yield condition, path
    if isinstance(condition, AllOf):
        for i, sub in enumerate(condition.alle):
            yield from walk(sub, (*path, "alle", i))
    elif isinstance(condition, AnyOf):
        for i, sub in enumerate(condition.een_van):
            yield from walk(sub, (*path, "een_van", i))
    elif isinstance(condition, Not):
        yield from walk(condition.niet, (*path, "niet"))


def size_of(condition: Condition | None) -> int:
    """How many tests checking a condition may take: its nodes (1 for no condition). What
    an enumeration costs grows with it: a condition can be thousands of nodes (YAML
    aliases make that short to write)."""
    if condition is None:
        return 1
    count, stack = 0, [condition]
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, AllOf):
            stack.extend(node.alle)
        elif isinstance(node, AnyOf):
            stack.extend(node.een_van)
        elif isinstance(node, Not):
            stack.append(node.niet)
    return count


def questions_of(condition: Condition | None) -> list[str]:
    """The question ids a condition looks at, in order of appearance, without repeats."""
    if condition is None:
        return []
    found: dict[str, None] = {}
    for node, _ in walk(condition):
        if isinstance(node, (AnswerIs, AnswerIn, AnswerContains)):
            found.setdefault(node.vraag, None)
    return list(found)


def uses_level(condition: Condition | None) -> bool:
    """Whether a condition tests the advised level."""
    if condition is None:
        return False
    return any(isinstance(n, (LevelFrom, LevelAtMost, LevelIn)) for n, _ in walk(condition))


def compile_condition(condition: Condition | None, rank: Mapping[str, int]) -> Predicate:
    """Turn a (validated) condition into a fast predicate; `None` always holds."""
    if condition is None:
        return lambda answers, level: True
    if isinstance(condition, AnswerIs):
        question, option = condition.vraag, condition.is_
        return lambda answers, level: option in answers[question]
    if isinstance(condition, AnswerContains):
        question, option = condition.vraag, condition.bevat
        return lambda answers, level: option in answers[question]
    if isinstance(condition, AnswerIn):
        question, options = condition.vraag, frozenset(condition.in_)
        return lambda answers, level: not options.isdisjoint(answers[question])
    if isinstance(condition, LevelFrom):
        low = rank[condition.niveau_vanaf]
        return lambda answers, level: level >= low
    if isinstance(condition, LevelAtMost):
        high = rank[condition.niveau_hoogstens]
        return lambda answers, level: 0 <= level <= high
    if isinstance(condition, LevelIn):
        ranks = frozenset(rank[name] for name in condition.niveau_in)
        return lambda answers, level: level in ranks
    if isinstance(condition, AllOf):
        return _all(tuple(compile_condition(sub, rank) for sub in condition.alle))
    if isinstance(condition, AnyOf):
        return _any(tuple(compile_condition(sub, rank) for sub in condition.een_van))
    inner = compile_condition(condition.niet, rank)
    return lambda answers, level: not inner(answers, level)


def _all(parts: tuple[Predicate, ...]) -> Predicate:
    # Small fixed arities avoid a generator per call: predicates run in hot loops.
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda answers, level: first(answers, level) and second(answers, level)
    if len(parts) == 3:
        a, b, c = parts
        return lambda answers, level: a(answers, level) and b(answers, level) and c(answers, level)

    def every(answers: AnswerSets, level: int) -> bool:
        return all(part(answers, level) for part in parts)

    return every


def _any(parts: tuple[Predicate, ...]) -> Predicate:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda answers, level: first(answers, level) or second(answers, level)
    if len(parts) == 3:
        a, b, c = parts
        return lambda answers, level: a(answers, level) or b(answers, level) or c(answers, level)

    def some(answers: AnswerSets, level: int) -> bool:
        return any(part(answers, level) for part in parts)

    return some


Witness = Callable[[AnswerSets, int], list[str]]
"""A compiled witness: the questions whose answers make a holding condition true."""


def compile_witness(condition: Condition | None, rank: Mapping[str, int]) -> Witness:
    """The questions whose answers make a holding condition true (failed `een_van` branches
    left out), compiled: static parts are computed once."""
    if condition is None:
        return lambda answers, level: []
    if isinstance(condition, AllOf):
        parts = tuple(compile_witness(sub, rank) for sub in condition.alle)
        return lambda answers, level: _unique(q for p in parts for q in p(answers, level))
    if isinstance(condition, AnyOf):
        branches = tuple(
            (compile_condition(sub, rank), compile_witness(sub, rank)) for sub in condition.een_van
        )

        def held(answers: AnswerSets, level: int) -> list[str]:
            found = [w(answers, level) for holds, w in branches if holds(answers, level)]
            return _unique(q for qs in found for q in qs)

        return held
    fixed = questions_of(condition)
    return lambda answers, level: fixed


def _unique(items: Iterator[str] | list[str]) -> list[str]:
    return list(dict.fromkeys(items))
