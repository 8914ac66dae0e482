"""Draw the participation ladder (`wijzer niveaus`) with Rich."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from wijzer import texts
from wijzer.ruleset import RuleSet


def render(rs: RuleSet, fancy: bool) -> RenderableType:
    """Every level, lowest first: meaning, promise, what it asks, work forms and risks."""
    parts: list[RenderableType] = [
        Text(texts.LEVELS_TITLE, style="bold"),
        Text(texts.LEVELS_INTRO, style="italic"),
    ]
    for number, level in enumerate(rs.niveaus, start=1):
        heading = Text(f"{number}. {level.naam}", style="bold cyan")
        parts += [Text(), Rule(heading, align="left") if fancy else heading]
        rows = [
            (texts.ITEM_MEANING, level.betekenis),
            (texts.ITEM_PROMISE, level.belofte),
            (texts.ITEM_ASKS, level.vraagt),
            (texts.LEVELS_WORK_FORMS, ", ".join(level.werkvormen)),
            *((texts.ITEM_RISKS, risk) for risk in level.risicos),
        ]
        for label, value in rows:
            line = Text(f"{label}: ", style="bold")
            line.append(value)
            parts.append(Padding(line, (0, 0, 0, 2)))
    return Group(*parts)
