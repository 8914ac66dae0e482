"""Generated JSON Schemas accept every shipped answer file and the rule set, reject broken ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import REPO
from wijzer.authoring.cases import cases_path, load_cases
from wijzer.authoring.schema import answers_schema, rules_schema
from wijzer.authoring.template import template
from wijzer.loading import default_rules_path
from wijzer.ruleset import RuleSet


def valid(schema: dict[str, Any], data: Any) -> bool:
    return not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


@pytest.mark.parametrize(
    "path", sorted((REPO / "voorbeelden").glob("*.yaml")), ids=lambda p: p.name
)
def test_shipped_answer_files_are_valid(rules: RuleSet, path: Path) -> None:
    assert valid(answers_schema(rules), yaml.safe_load(path.read_text(encoding="utf-8")))


def test_template_and_example_cases_are_valid(rules: RuleSet) -> None:
    schema = answers_schema(rules)
    assert valid(schema, yaml.safe_load(template(rules)))
    file, _ = load_cases(cases_path(default_rules_path()), rules)
    for case in file.voorbeelden:
        assert valid(schema, {"antwoorden": case.antwoorden}), case.naam


@pytest.mark.parametrize(
    "answers",
    [
        {"doel": "advies_vrage"},
        {"doelgroep": ["jongeren"]},
        {"doelgroepen": ["jongeren", "tieners"]},
        {"impact": 3},
        {"rol": ["sturend", "faciliterend"]},
    ],
)
def test_broken_answer_files_are_rejected(rules: RuleSet, answers: dict[str, Any]) -> None:
    assert not valid(answers_schema(rules), {"antwoorden": answers})


def test_unknown_top_level_key_is_rejected(rules: RuleSet) -> None:
    assert not valid(answers_schema(rules), {"antwoorde": {}})


def test_rule_set_schema_accepts_the_default_rule_set() -> None:
    data = yaml.safe_load(default_rules_path().read_text(encoding="utf-8"))
    assert valid(rules_schema(), data)
    data["regels"][1]["als"] = {"vraag": "doel", "gelijk": "x"}
    assert not valid(rules_schema(), data)
