"""JSON Schemas generated from the models, with a rule set's ids as enums (for editors)."""

from __future__ import annotations

from typing import Any

from wijzer.answers import AnswerFile
from wijzer.conditions import UNKNOWN
from wijzer.ruleset import Question, RuleSet

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ANSWERS_SCHEMA_FILE = "wijzer-antwoorden.schema.json"


def answers_schema(rs: RuleSet) -> dict[str, Any]:
    """The answer-file schema: the AnswerFile model, with every question and option spelled out."""
    schema: dict[str, Any] = _without_descriptions(AnswerFile.model_json_schema())
    schema["$schema"] = DRAFT
    schema["description"] = (
        "Een antwoordbestand voor wijzer: één project, met de antwoorden op de vragen."
    )
    schema["title"] = f"wijzer-antwoordbestand ({rs.naam} {rs.versie})"
    schema["properties"]["wijzer"] = {
        "const": 1,
        "description": "Formaatversie van het antwoordbestand.",
    }
    schema["properties"]["antwoorden"] = {
        "type": "object",
        "description": (
            "Per vraag de gekozen optie; een ontbrekend of leeg antwoord telt als weet_ik_niet."
        ),
        "properties": {q.id: _question(q) for q in rs.vragen},
        "additionalProperties": False,
    }
    return schema


def _question(question: Question) -> dict[str, Any]:
    lines = [
        question.tekst,
        *(f"{o.id}: {o.tekst}" for o in question.opties),
        f"{UNKNOWN}: weet ik niet",
    ]
    description = "\n".join(lines)
    options = list(question.option_ids)
    if question.meerkeuze:
        return {
            "description": description,
            "anyOf": [
                {"type": "array", "items": {"enum": options}, "uniqueItems": True},
                {"type": "array", "items": {"const": UNKNOWN}, "minItems": 1, "maxItems": 1},
                {"enum": [*options, UNKNOWN]},
                {"type": "null"},
            ],
        }
    return {"description": description, "anyOf": [{"enum": [*options, UNKNOWN]}, {"type": "null"}]}


def rules_schema() -> dict[str, Any]:
    """The rule-set schema, straight from the RuleSet model."""
    schema: dict[str, Any] = _without_descriptions(RuleSet.model_json_schema())
    schema["$schema"] = DRAFT
    schema["description"] = "Een regelset voor wijzer: niveaus, vragen, regels, tips en bronnen."
    schema["title"] = "wijzer-regelset (formaat 1)"
    return schema


def _without_descriptions(node: Any) -> Any:
    """Drop the models' docstrings (English, for developers) from a generated schema."""
    if isinstance(node, dict):
        return {k: _without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [_without_descriptions(v) for v in node]
    return node
