"""Inference: hand-worked advice for every level, and properties over random answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import compiled
from wijzer.answers import Project, check_answers
from wijzer.conditions import UNKNOWN
from wijzer.engine import advise, level_of
from wijzer.render.data import AdviceJson
from wijzer.ruleset import RuleSet

BASE = {
    "doel": "advies_vragen",
    "beleidsruimte": "alles",
    "rol": "faciliterend",
    "draagvlak": "groot",
    "middelen": "voldoende",
    "bijdrage": "kennis_ideeen",
    "impact": "merkbaar",
    "initiatief": "nee",
    "fase": "planvorming",
    "doelgroepen": ["alle_inwoners"],
    "thema": "anders",
}


def project(rules: RuleSet, **changes: Any) -> Project:
    raw = {**BASE, **changes}
    raw = {k: v for k, v in raw.items() if v is not None}
    return Project(antwoorden=check_answers(raw, rules))


@pytest.mark.parametrize(
    ("changes", "level", "decisive"),
    [
        # Ambition alone decides when capacity is ample.
        ({"doel": "informeren", "bijdrage": "kennisnemen"}, "informeren", {"basis_informeren"}),
        (
            {"doel": "meningen_peilen", "bijdrage": "mening"},
            "raadplegen",
            {"doel_meningen"},
        ),
        ({}, "adviseren", {"doel_advies"}),
        (
            {"doel": "samen_ontwikkelen", "bijdrage": "meewerken"},
            "coproduceren",
            {"doel_samen"},
        ),
        (
            {"doel": "inwoners_beslissen", "bijdrage": "eigenaarschap"},
            "meebeslissen",
            {"doel_beslissen"},
        ),
        # The contribution never lifts the ambition above the stated goal (a warning says so).
        ({"bijdrage": "meewerken"}, "adviseren", {"doel_advies"}),
        # Capacity caps: each capacity answer holds a high ambition down.
        ({"doel": "inwoners_beslissen", "beleidsruimte": "geen"}, "informeren", {"ruimte_geen"}),
        (
            {"initiatief": "burgerinitiatief", "beleidsruimte": "uitwerking"},
            "adviseren",
            {"ruimte_uitwerking"},
        ),
        # Working out the details together within fixed frames is co-production.
        (
            {"doel": "samen_ontwikkelen", "beleidsruimte": "uitwerking"},
            "coproduceren",
            {"doel_samen"},
        ),
        (
            {"initiatief": "burgerinitiatief", "beleidsruimte": "keuzes"},
            "coproduceren",
            {"ruimte_keuzes"},
        ),
        # Delegation within fixed frames: letting residents decide lifts the cap of the
        # fixed task (a wijkbudget), and of limited resources; not of scarce ones.
        (
            {"doel": "inwoners_beslissen", "beleidsruimte": "uitwerking", "middelen": "beperkt"},
            "meebeslissen",
            {"doel_beslissen"},
        ),
        (
            {"doel": "inwoners_beslissen", "rol": "kaderstellend"},
            "raadplegen",
            {"rol_kaderstellend"},
        ),
        ({"doel": "inwoners_beslissen", "rol": "sturend"}, "adviseren", {"rol_sturend"}),
        ({"doel": "inwoners_beslissen", "draagvlak": "geen"}, "informeren", {"draagvlak_geen"}),
        (
            {"doel": "inwoners_beslissen", "draagvlak": "redelijk"},
            "adviseren",
            {"draagvlak_redelijk"},
        ),
        ({"doel": "inwoners_beslissen", "middelen": "krap"}, "raadplegen", {"middelen_krap"}),
        # The lowest cap wins.
        (
            {"doel": "inwoners_beslissen", "middelen": "beperkt", "rol": "kaderstellend"},
            "raadplegen",
            {"rol_kaderstellend"},
        ),
        # A floor lifts a low ambition, but never above a cap.
        (
            {"doel": "informeren", "bijdrage": "kennisnemen", "impact": "groot"},
            "raadplegen",
            {"impact_groot"},
        ),
        # The floor asks for raadplegen, the cap holds it at informeren: the cap decided,
        # not the proposal that happens to equal it.
        (
            {
                "doel": "informeren",
                "bijdrage": "kennisnemen",
                "impact": "groot",
                "beleidsruimte": "geen",
            },
            "informeren",
            {"ruimte_geen"},
        ),
        # An existing initiative and a facilitating role ask for co-decision.
        (
            {"initiatief": "burgerinitiatief", "rol": "faciliterend", "bijdrage": "mening"},
            "meebeslissen",
            {"initiatief_volgen"},
        ),
        (
            {"initiatief": "burgerinitiatief", "rol": "samenwerkend", "bijdrage": "mening"},
            "coproduceren",
            {"initiatief_aansluiten"},
        ),
    ],
)
def test_hand_worked_levels(
    rules: RuleSet, changes: dict[str, Any], level: str, decisive: set[str]
) -> None:
    advice = advise(compiled(rules), project(rules, **changes))
    assert advice.niveau == level
    assert {r.regel for r in advice.redenen if r.bepalend} == decisive


def test_reasons_name_the_answers_that_decided(rules: RuleSet) -> None:
    advice = advise(
        compiled(rules), project(rules, doel="inwoners_beslissen", draagvlak="redelijk")
    )
    decisive = [r for r in advice.redenen if r.bepalend]
    assert [r.antwoorden for r in decisive] == [{"draagvlak": ("redelijk",)}]
    assert advice.spanning
    assert advice.ambitie == "meebeslissen"
    assert advice.plafond == "adviseren"


def test_nothing_to_influence_is_said_honestly(rules: RuleSet) -> None:
    advice = advise(compiled(rules), project(rules, beleidsruimte="geen", impact="groot"))
    assert advice.niveau == "informeren"
    rules_warned = {w.regel for w in advice.waarschuwingen}
    assert {"eerlijk_informeren", "waarschuwing_impact_zonder_ruimte"} <= rules_warned
    # The floor (impact) collides with the cap (no room): the engine says the cap wins.
    assert any(
        w.regel is None and "beloof inwoners niet meer" in w.tekst for w in advice.waarschuwingen
    )


def test_unknown_answers_use_the_assumption_and_show_each_outcome(rules: RuleSet) -> None:
    advice = advise(compiled(rules), project(rules, doel="inwoners_beslissen", draagvlak=UNKNOWN))
    assert advice.niveau == "raadplegen"  # assumed: beperkt
    unknown = {u.vraag: u for u in advice.onbekend}["draagvlak"]
    assert unknown.aanname == ("beperkt",)
    assert unknown.niveau_per_antwoord == {
        "geen": "informeren",
        "beperkt": "raadplegen",
        "redelijk": "adviseren",
        "groot": "meebeslissen",
    }


def test_what_if_names_the_capacity_answer_that_holds_the_level_down(rules: RuleSet) -> None:
    advice = advise(compiled(rules), project(rules, doel="samen_ontwikkelen", draagvlak="redelijk"))
    ups = [w for w in advice.wat_als if w.richting == "hoger"]
    assert ups[0].vraag == "draagvlak"
    assert ups[0].naar == ("groot",)
    assert ups[0].niveau == "coproduceren"
    assert ups[0].beinvloedbaar


def test_tips_are_grouped_in_category_order_and_explained(rules: RuleSet) -> None:
    advice = advise(compiled(rules), project(rules, doelgroepen=["lage_ses"]))
    order = [c.id for c in rules.categorieen]
    positions = [order.index(t.categorie) for t in advice.tips]
    assert positions == sorted(positions)
    assert all(t.waarom and t.bronnen and t.regels for t in advice.tips)
    assert {"pharos_verkennen", "persoonlijk_contact"} <= {t.id for t in advice.tips}


def test_success_factors_follow_the_level(rules: RuleSet) -> None:
    low = advise(compiled(rules), project(rules, doel="informeren", bijdrage="kennisnemen"))
    high = advise(
        compiled(rules), project(rules, doel="inwoners_beslissen", bijdrage="eigenaarschap")
    )
    low_sf = [t.id for t in low.tips if t.categorie == "succesfactoren"]
    high_sf = [t.id for t in high.tips if t.categorie == "succesfactoren"]
    assert "sf_controle_delen" not in low_sf
    assert high_sf[0] == "sf_controle_delen" or "sf_controle_delen" in high_sf[:2]
    assert len(high_sf) == 8  # at meebeslissen all eight matter


# --- properties ----------------------------------------------------------------------------


@st.composite
def answers(draw: st.DrawFn, rules: RuleSet) -> dict[str, tuple[str, ...]]:
    raw: dict[str, Any] = {}
    for q in rules.vragen:
        choice = draw(st.sampled_from(["missing", "unknown", "option"]))
        if choice == "unknown":
            raw[q.id] = UNKNOWN
        elif choice == "option":
            if q.meerkeuze:
                raw[q.id] = draw(st.lists(st.sampled_from(q.option_ids), min_size=1, unique=True))
            else:
                raw[q.id] = draw(st.sampled_from(q.option_ids))
    return check_answers(raw, rules)


ORDERED_CAPACITY = {
    "draagvlak": ["geen", "beperkt", "redelijk", "groot"],
    "middelen": ["krap", "beperkt", "voldoende"],
    "beleidsruimte": ["geen", "uitwerking", "keuzes", "alles"],
    "rol": ["kaderstellend", "sturend", "samenwerkend", "faciliterend"],
}


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_answer_set_gives_one_level_deterministically(
    rules: RuleSet, data: st.DataObject
) -> None:
    given_answers = data.draw(answers(rules))
    first = advise(compiled(rules), Project(antwoorden=given_answers))
    second = advise(compiled(rules), Project(antwoorden=dict(given_answers)))
    assert first == second
    assert first.niveau in rules.rank
    rank = rules.rank
    if first.plafond is not None:
        assert rank[first.niveau] <= rank[first.plafond]
    assert all(r.niveau == first.niveau for r in first.redenen if r.bepalend)
    assert any(r.bepalend for r in first.redenen)


_ADVICE_JSON = AdviceJson()
"""One for every example, as a batch has one: what it kept from earlier advice counts."""


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_json_put_together_from_parts_is_the_models_own(
    rules: RuleSet, data: st.DataObject
) -> None:
    """AdviceJson reuses the kept JSON of shared parts; it must equal pydantic's, byte for
    byte, whatever the answers and whatever was kept from earlier advice."""
    given_answers = data.draw(answers(rules))
    name = data.draw(st.one_of(st.none(), st.text(max_size=30)))
    advice = advise(
        compiled(rules), Project(naam=name, gemeente="Zwolle", antwoorden=given_answers)
    )
    assert _ADVICE_JSON(advice) == advice.model_dump_json().encode()


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_summary_from_the_verdict_alone_matches_the_full_advice(
    rules: RuleSet, data: st.DataObject
) -> None:
    """Tables and CSV summarise from the verdict without completing the advice."""
    from wijzer.batch import summarize
    from wijzer.engine import verdict

    project = Project(naam="P", antwoorden=data.draw(answers(rules)))
    summary = summarize(compiled(rules), project, verdict(compiled(rules), project.antwoorden))
    advice = advise(compiled(rules), project)
    assert (
        summary.levels.niveau,
        summary.levels.ambitie,
        summary.levels.plafond,
        summary.levels.bodem,
    ) == (
        advice.niveau,
        advice.ambitie,
        advice.plafond,
        advice.bodem,
    )
    assert summary.levels.spanning == advice.spanning
    assert summary.onbekend == len(advice.onbekend)
    assert summary.waarschuwingen == len(advice.waarschuwingen)
    assert summary.bepalend == tuple(r.regel for r in advice.redenen if r.bepalend)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_more_capacity_never_lowers_the_advice(rules: RuleSet, data: st.DataObject) -> None:
    given_answers = data.draw(answers(rules))
    question = data.draw(st.sampled_from(sorted(ORDERED_CAPACITY)))
    scale = ORDERED_CAPACITY[question]
    levels = [
        rules.rank[level_of(compiled(rules), {**given_answers, question: (o,)})] for o in scale
    ]
    assert levels == sorted(levels)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_what_if_claims_hold_when_applied(rules: RuleSet, data: st.DataObject) -> None:
    given_answers = data.draw(answers(rules))
    advice = advise(compiled(rules), Project(antwoorden=given_answers))
    for change in advice.wat_als:
        assert (
            level_of(compiled(rules), {**given_answers, change.vraag: change.naar}) == change.niveau
        )
    for unknown in advice.onbekend:
        for option, level in unknown.niveau_per_antwoord.items():
            assert level_of(compiled(rules), {**given_answers, unknown.vraag: (option,)}) == level


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_smallest_changes_are_correct_and_minimal(rules: RuleSet, data: st.DataObject) -> None:
    """Checked against brute force: every reported change set gives its level, and no smaller
    set of changed answers moves the level in that direction."""
    from itertools import combinations, product

    from wijzer.whatif import alternatives

    given_answers = data.draw(answers(rules))
    advice = advise(compiled(rules), Project(antwoorden=given_answers))
    rank = rules.rank
    level = rank[advice.niveau]
    for change in advice.kleinste_wijzigingen:
        changed = {**given_answers, **{w.vraag: w.naar for w in change.wijzigingen}}
        assert level_of(compiled(rules), changed) == change.niveau
        size = len(change.wijzigingen)
        known = [q for q in rules.vragen if given_answers[q.id] != (UNKNOWN,)]
        for smaller in range(1, size):
            for group in combinations(known, smaller):
                for picked in product(*(alternatives(q, given_answers[q.id]) for q in group)):
                    moved = rank[
                        level_of(
                            compiled(rules),
                            {
                                **given_answers,
                                **{q.id: a for q, a in zip(group, picked, strict=True)},
                            },
                        )
                    ]
                    assert not (moved > level if change.richting == "hoger" else moved < level)


def test_the_level_fields_of_an_advice_are_the_levels_type() -> None:
    """Advice, summaries and `named_levels` share one set of level fields, in one order."""
    from wijzer.advice import Advice, Levels

    fields = list(Advice.model_fields)
    start = fields.index(Levels._fields[0])
    assert tuple(fields[start : start + len(Levels._fields)]) == Levels._fields
