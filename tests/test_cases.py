"""The example cases shipped beside the default rule set all hold."""

from __future__ import annotations

import pytest

from tests.conftest import compiled
from wijzer.authoring.cases import cases_path, exercised_rules, load_cases, run_case, run_cases
from wijzer.loading import default_rules_path, load_ruleset
from wijzer.ruleset import RuleSet

CASES = cases_path(default_rules_path())
_RULES = load_ruleset(default_rules_path())
_FILE, _PROJECTS = load_cases(CASES, _RULES)


def test_at_least_forty_cases_ship_each_naming_its_source() -> None:
    assert CASES.name == "standaard.voorbeelden.yaml"
    assert len(_FILE.voorbeelden) >= 40
    # Every case has a comment naming its source ('Naar: …') directly above it.
    lines = CASES.read_text(encoding="utf-8").splitlines()
    for at, line in enumerate(lines):
        if line.startswith("  - naam: "):
            above = []
            for earlier in reversed(lines[:at]):
                if not earlier.strip().startswith("#"):
                    break
                above.append(earlier)
            assert any("Naar:" in c for c in above), line


def test_the_cases_cover_every_level_and_every_group() -> None:
    levels = {c.verwacht.niveau for c in _FILE.voorbeelden}
    assert levels == {lv.id for lv in _RULES.niveaus}
    groups = {g for c in _FILE.voorbeelden for g in c.verwacht.groepen}
    assert groups == {s.id for s in _RULES.segmenten}
    chosen = {g for c in _FILE.voorbeelden for g in c.antwoorden.get("doelgroepen", [])}
    assert chosen == set(_RULES.questions["doelgroepen"].option_ids)


@pytest.mark.parametrize(
    "index", range(len(_FILE.voorbeelden)), ids=[c.naam for c in _FILE.voorbeelden]
)
def test_example_case(index: int) -> None:
    result = run_case(compiled(_RULES), _FILE.voorbeelden[index], _PROJECTS[index])
    assert result.passed, f"{result.case.naam}: {result.failures}"


def test_cases_exercise_every_rule(rules: RuleSet) -> None:
    results = run_cases(rules, CASES)
    assert {r.id for r in rules.regels} - exercised_rules(results) == set()


def test_a_wrong_expectation_is_reported(rules: RuleSet) -> None:
    first = _FILE.voorbeelden[0]
    wrong = first.verwacht.model_copy(update={"niveau": "meebeslissen", "tips": ("bestaat_niet",)})
    result = run_case(compiled(rules), first.model_copy(update={"verwacht": wrong}), _PROJECTS[0])
    assert not result.passed
    assert any("niveau" in f for f in result.failures)
    assert any("bestaat_niet" in f for f in result.failures)


def test_unwanted_warnings_group_levels_and_provisional_are_checked(rules: RuleSet) -> None:
    index = next(i for i, c in enumerate(_FILE.voorbeelden) if c.naam == "Nog niets bekend")
    case = _FILE.voorbeelden[index]
    wrong = case.verwacht.model_copy(
        update={
            "voorlopig": False,
            "geen_waarschuwingen": ("eerlijk_informeren",),
            "groep_niveaus": {"jongeren": "raadplegen"},
        }
    )
    project = _PROJECTS[index].model_copy(
        update={"antwoorden": {**_PROJECTS[index].antwoorden, "beleidsruimte": ("geen",)}}
    )
    result = run_case(compiled(rules), case.model_copy(update={"verwacht": wrong}), project)
    assert any("eerlijk_informeren" in f and "hoort er niet bij" in f for f in result.failures)
    assert any("jongeren" in f for f in result.failures)
    # With beleidsruimte 'geen' the level is fixed: the advice is no longer provisional.
    assert not any("voorlopig" in f for f in result.failures)
    provisional = run_case(
        compiled(rules), case.model_copy(update={"verwacht": wrong}), _PROJECTS[index]
    )
    assert any("voorlopig" in f for f in provisional.failures)
