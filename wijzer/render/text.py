"""Draw an advice outline with Rich: colour and a frame on a terminal, plain text otherwise."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wijzer.render.outline import TIPS_IN_FULL, Item, Outline, Section
from wijzer.texts import MORE_TIPS, REASONS_LEGEND_TEXT

_SECTION_STYLE = {"normal": "bold cyan", "warning": "bold yellow", "tips": "bold green"}


def render(outline: Outline, fancy: bool) -> RenderableType:
    """The advice as one Rich renderable. `fancy` adds a frame and rules (terminal only)."""
    parts: list[RenderableType] = [_header(outline, fancy), _ladder(outline)]
    for section in outline.sections:
        parts.append(Text())
        if fancy:
            parts.append(
                Rule(Text(section.title, style=_SECTION_STYLE[section.kind]), align="left")
            )
        else:
            parts.append(Text(section.title, style=_SECTION_STYLE[section.kind]))
        parts.extend(_section(section))
    parts += [Text(), Text(outline.footer, style="dim")]
    return Group(*parts)


def _header(outline: Outline, fancy: bool) -> RenderableType:
    title = Text(outline.title, style="bold")
    if outline.subtitle:
        title.append(f" — {outline.subtitle}")
    headline = Text(outline.headline, style="bold magenta")
    if fancy:
        return Panel(Group(title, headline), expand=False, border_style="magenta")
    return Group(title, headline)


def _ladder(outline: Outline) -> RenderableType:
    width = max(len(r.name) for r in outline.ladder)
    lines = [Text()]
    for rung in outline.ladder:
        line = Text("  ▶ " if rung.advised else "    ")
        line.append(rung.name.ljust(width), style="bold reverse magenta" if rung.advised else "")
        if rung.marks:
            line.append(
                "  ← " + " · ".join(rung.marks), style="magenta" if rung.advised else "yellow"
            )
        lines.append(line)
    return Group(*lines)


def _section(section: Section) -> list[RenderableType]:
    out: list[RenderableType] = []
    intro = REASONS_LEGEND_TEXT if section.key == "redenen" else section.intro
    if intro:
        out.append(Padding(Text(intro, style="italic"), (0, 0, 0, 2)))
    items = section.items
    shown = items[:TIPS_IN_FULL] if section.kind == "tips" else items
    out.extend(_item(item, section.kind) for item in shown)
    if len(items) > len(shown):
        titles = "; ".join(item.text for item in items[len(shown) :])
        out.append(Padding(Text(MORE_TIPS.format(titles=titles), style="dim"), (0, 0, 0, 2)))
    return out


def _item(item: Item, kind: str) -> RenderableType:
    bullet = Text("  ● " if item.emphasis else "  • ", style="magenta" if item.emphasis else "")
    lead = Text()
    if item.label:
        lead.append(f"{item.label}: ", style="bold")
    lead.append(item.text, style="bold" if item.emphasis or kind == "tips" else "")
    body: list[RenderableType] = [lead]
    detail = Text()
    if item.detail:
        detail.append(item.detail)
    if item.why:
        detail.append(("\n" if item.detail else "") + item.why, style="italic")
    if item.sources:
        detail.append(f" ({item.sources})", style="dim")
    if detail:
        body.append(detail)
    # A two-column grid gives wrapped lines a hanging indent under the bullet.
    grid = Table.grid(padding=0)
    grid.add_column(width=4, no_wrap=True)
    grid.add_column()
    grid.add_row(bullet, Group(*body))
    return grid
