"""Properties of the default rule set's advice, over its whole answer space (issue 13).

Hypothesis draws answer sets from every question (unknown answers and multi-choice
subsets included) and checks them through the public engine, independently of the
analyser; `regels controleer` proves the unknown-answer bound exhaustively
(tests/test_analysis.py), and this file checks the same bound on drawn answers.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import compiled
from wijzer.answers import Project
from wijzer.conditions import UNKNOWN
from wijzer.engine import advise, level_of
from wijzer.loading import load_ruleset
from wijzer.ruleset import Question, RuleSet

RULES: RuleSet = load_ruleset(None)
RANK = RULES.rank
CAPACITY_ORDER = {
    # Each capacity question's options, from least to most the municipality can honour.
    "beleidsruimte": ["geen", "uitwerking", "keuzes", "alles"],
    "rol": ["kaderstellend", "sturend", "samenwerkend", "faciliterend"],
    "draagvlak": ["geen", "beperkt", "redelijk", "groot"],
    "middelen": ["krap", "beperkt", "voldoende"],
}
EXAMPLES = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def answer(question: Question) -> st.SearchStrategy[tuple[str, ...]]:
    if question.meerkeuze:
        subsets = st.lists(st.sampled_from(question.option_ids), min_size=1, unique=True)
        return st.one_of(
            st.just((UNKNOWN,)),
            subsets.map(lambda xs: tuple(sorted(xs, key=question.option_ids.index))),
        )
    return st.sampled_from([(o,) for o in question.option_ids] + [(UNKNOWN,)])


answer_sets = st.fixed_dictionaries({q.id: answer(q) for q in RULES.vragen})


def rank(answers: dict[str, Any]) -> int:
    return RANK[level_of(compiled(RULES), answers)]


def test_the_capacity_order_names_every_capacity_question() -> None:
    capacity = {q.id for q in RULES.vragen if q.kant == "capaciteit"}
    assert set(CAPACITY_ORDER) == capacity
    for q, order in CAPACITY_ORDER.items():
        assert sorted(order) == sorted(RULES.questions[q].option_ids)


@EXAMPLES
@given(answer_sets, st.sampled_from(sorted(CAPACITY_ORDER)))
def test_more_capacity_never_lowers_the_level(answers: dict[str, Any], q: str) -> None:
    order = CAPACITY_ORDER[q]
    levels = [rank({**answers, q: (option,)}) for option in order]
    assert levels == sorted(levels), (q, dict(zip(order, levels, strict=True)))


@EXAMPLES
@given(answer_sets)
def test_the_level_is_never_above_the_binding_cap(answers: dict[str, Any]) -> None:
    advice = advise(compiled(RULES), Project(antwoorden=answers))
    if advice.plafond is not None:
        assert RANK[advice.niveau] <= RANK[advice.plafond]
    caps = [RANK[r.niveau] for r in advice.redenen if r.effect == "plafond"]
    assert RANK[advice.niveau] <= min(caps, default=RANK[advice.niveau])


@EXAMPLES
@given(answer_sets)
def test_nothing_to_influence_means_informeren(answers: dict[str, Any]) -> None:
    for fixed in ({"beleidsruimte": ("geen",)}, {"draagvlak": ("geen",)}):
        advice = advise(compiled(RULES), Project(antwoorden={**answers, **fixed}))
        assert advice.niveau == "informeren"
        assert all(not t.id.startswith("sf_") for t in advice.tips)  # two-way factors


@EXAMPLES
@given(answer_sets, st.sampled_from([q.id for q in RULES.vragen]))
def test_an_unknown_answer_never_promises_more_than_its_bound(
    answers: dict[str, Any], q: str
) -> None:
    """Unknown, a question gives at most the level of its assumption, or without one, of
    its most cautious answer (the lowest level any answer gives, all else the same)."""
    question = RULES.questions[q]
    unknown = rank({**answers, q: (UNKNOWN,)})
    if question.aanname:
        bound = rank({**answers, q: question.aanname})
    else:  # (for a multi-choice question: the single answers, a stricter bound)
        bound = min(rank({**answers, q: (o,)}) for o in question.option_ids)
    assert unknown <= bound, (q, answers)


@EXAMPLES
@given(answer_sets)
def test_provisional_exactly_when_an_unknown_answer_can_move_the_level(
    answers: dict[str, Any],
) -> None:
    advice = advise(compiled(RULES), Project(antwoorden=answers))
    level = RANK[advice.niveau]
    movers = [
        q.id
        for q in RULES.vragen
        if answers[q.id] == (UNKNOWN,)
        and any(rank({**answers, q.id: (o,)}) != level for o in q.option_ids)
    ]
    assert list(advice.voorlopig) == movers
    provisional = [w for w in advice.waarschuwingen if w.regel is None and "voorlopig" in w.tekst]
    assert len(provisional) == (1 if movers else 0)


@EXAMPLES
@given(answer_sets)
def test_group_advice_only_for_groups_that_were_chosen(answers: dict[str, Any]) -> None:
    advice = advise(compiled(RULES), Project(antwoorden=answers))
    groups = RULES.questions["doelgroepen"]
    given = answers["doelgroepen"]
    chosen = set(groups.aanname if given == (UNKNOWN,) else given)
    for group in advice.per_groep:
        if group.segment in RULES.questions["doelgroepen"].option_set:
            assert group.segment in chosen
    if not chosen & {"lage_ses", "migrantenachtergrond"}:
        assert all(t.categorie != "lage_ses" for t in advice.tips)
