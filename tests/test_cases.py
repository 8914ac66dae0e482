"""The example cases shipped beside the default rule set all hold."""

from __future__ import annotations

import pytest

from wijzer.cases import cases_path, exercised_rules, load_cases, run_case, run_cases
from wijzer.loading import default_rules_path, load_ruleset
from wijzer.ruleset import RuleSet

CASES = cases_path(default_rules_path())
_RULES = load_ruleset(default_rules_path())
_FILE, _PROJECTS = load_cases(CASES, _RULES)


def test_at_least_fifteen_cases_ship() -> None:
    assert CASES.name == "standaard.voorbeelden.yaml"
    assert len(_FILE.voorbeelden) >= 15


@pytest.mark.parametrize(
    "index", range(len(_FILE.voorbeelden)), ids=[c.naam for c in _FILE.voorbeelden]
)
def test_example_case(index: int) -> None:
    result = run_case(_RULES, _FILE.voorbeelden[index], _PROJECTS[index])
    assert result.passed, f"{result.case.naam}: {result.failures}"


def test_cases_exercise_every_rule(rules: RuleSet) -> None:
    results = run_cases(rules, CASES)
    assert {r.id for r in rules.regels} - exercised_rules(results) == set()


def test_a_wrong_expectation_is_reported(rules: RuleSet) -> None:
    first = _FILE.voorbeelden[0]
    wrong = first.verwacht.model_copy(update={"niveau": "meebeslissen", "tips": ("bestaat_niet",)})
    result = run_case(rules, first.model_copy(update={"verwacht": wrong}), _PROJECTS[0])
    assert not result.passed
    assert any("niveau" in f for f in result.failures)
    assert any("bestaat_niet" in f for f in result.failures)
