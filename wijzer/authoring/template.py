"""A commented answer-file template: every question, every option explained."""

from __future__ import annotations

from wijzer import texts
from wijzer.answers import FORMAT_VERSION
from wijzer.authoring.schema import ANSWERS_SCHEMA_FILE
from wijzer.conditions import UNKNOWN
from wijzer.ruleset import RuleSet


def template(rs: RuleSet) -> str:
    """The template text; filled in as is, it is a valid answer file (everything unknown)."""
    lines = [
        f"# yaml-language-server: $schema={ANSWERS_SCHEMA_FILE}",
        *(
            f"# {line}"
            for line in texts.TEMPLATE_HEADER.format(
                name=rs.naam, version=rs.versie, schema=ANSWERS_SCHEMA_FILE
            ).splitlines()
        ),
        f"wijzer: {FORMAT_VERSION}",
        'project: ""',
        'gemeente: ""',
        "antwoorden:",
    ]
    width = max(len(o.id) for q in rs.vragen for o in q.opties) + 2
    for number, question in enumerate(rs.vragen, 1):
        lines.append("")
        lines.append(
            f"  # {number}. {question.tekst}"
            + (" (meerdere antwoorden: een lijst)" if question.meerkeuze else "")
        )
        if question.uitleg:
            lines += [f"  #    {part}" for part in _wrap(question.uitleg)]
        for option in question.opties:
            lines.append(f"  #    {option.id.ljust(width)}{option.tekst}")
        assumed = (
            texts.TEMPLATE_ASSUMED.format(assumed=", ".join(question.aanname))
            if question.aanname
            else ""
        )
        lines.append(f"  #    {UNKNOWN.ljust(width)}weet ik niet{assumed}")
        lines.append(f"  {question.id}:" + (" []" if question.meerkeuze else ""))
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int = 84) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width)
