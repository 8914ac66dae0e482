"""Draw an advice outline with Rich: colour and a frame on a terminal, plain text otherwise.

The first screen (the summary) stands on its own: `kort` shows only that, `normaal` adds
the rest in short (tips beyond the prominent ones by title), `volledig` shows everything.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wijzer import texts
from wijzer.render.outline import Depth, Item, Mark, Outline, Section, Summary

_SECTION_STYLE = {"normal": "bold cyan", "warning": "bold yellow", "tips": "bold green"}
BULLETS: dict[Mark, tuple[str, str]] = {
    "": ("•", ""),
    "bepalend": ("●", "magenta"),
    "onbekend": ("?", "yellow"),
}
"""Each mark's symbol and style: one symbol, one meaning (the sections' legends say which)."""


def render(
    outline: Outline, fancy: bool, depth: Depth = "normaal", *, hint: bool = True
) -> RenderableType:
    """The advice as one Rich renderable. `fancy` adds a frame and rules (terminal only);
    `hint` names the options that show more (not after an interview, which offers them)."""
    parts: list[RenderableType] = [summary(outline, fancy)]
    if depth == "kort":
        return Group(*parts)
    tips_together = depth == "normaal"  # one tips section, its categories compact
    tips_titled = False
    for section in outline.sections:
        if section.full_only and depth != "volledig":
            continue
        if tips_together and section.kind == "tips":
            if not tips_titled:
                parts.extend(_title(texts.SECTION_TIPS, "tips", fancy))
                tips_titled = True
            parts.extend(_category(section))
            continue
        if depth != "volledig" and section.brief and not _shows_in_brief(section):
            continue  # all it holds is said elsewhere at this depth (the summary, say)
        parts.extend(_title(section.title, section.kind, fancy))
        parts.extend(_section(section, depth))
    parts.append(Text())
    if depth == "normaal" and hint:
        parts.append(Text(texts.SUMMARY_MORE, style="dim"))
    parts.append(Text(outline.footer, style="dim"))
    if depth == "volledig":
        parts.append(Text(texts.FOOTER_REPRODUCIBLE, style="dim"))
    return Group(*parts)


def summary(outline: Outline, fancy: bool) -> RenderableType:
    """The first screen: title, level (and whether it is provisional), the ladder, the
    promise, what decided, the tension, what is still open, and the first steps."""
    return Group(
        _header(outline, fancy),
        _ladder(outline),
        Text(),
        *(_labelled(item) for item in outline.summary.lines),
        *_steps(outline.summary),
    )


def _header(outline: Outline, fancy: bool) -> RenderableType:
    title = Text(outline.title, style="bold", no_wrap=True, overflow="ellipsis")
    if outline.subtitle:
        title.append(f" — {outline.subtitle}")
    headline = Text(outline.headline, style="bold magenta")
    if outline.summary.provisional:
        headline.highlight_words([texts.SUMMARY_PROVISIONAL_LABEL.lower()], "bold yellow")
    if fancy:
        return Panel(Group(title, headline), expand=False, border_style="magenta")
    return Group(title, headline)


def _ladder(outline: Outline) -> RenderableType:
    """The ladder on one line, from low to high, the advised level marked."""
    line = Text()
    for i, rung in enumerate(reversed(outline.ladder)):
        if i:
            line.append(texts.LADDER_SEPARATOR, style="dim")
        if rung.advised:
            line.append(f"▶ {rung.name}", style="bold reverse magenta")
        else:
            line.append(rung.name)
        # The advised level is what can be made good; only a wish beyond it is marked.
        others = [m for m in rung.marks if m != texts.RUNG_ADVICE]
        if rung.advised:
            others = [m for m in others if m != texts.RUNG_CAP]
        if others:
            line.append(f" ({', '.join(others)})", style="yellow")
    return Padding(line, (0, 0, 0, 2))


def _labelled(item: Item) -> RenderableType:
    """A summary line: its label in bold, the text after it, the block indented."""
    text = Text()
    text.append(f"{item.label}: ", style="bold")
    text.append(item.text)
    return Padding(text, (0, 0, 0, 2))


def _steps(summary_: Summary) -> list[RenderableType]:
    if not summary_.steps:
        return []
    out: list[RenderableType] = [Text(), Text(texts.SUMMARY_STEPS, style="bold green")]
    for number, step in enumerate(summary_.steps, 1):
        out.append(_hanging(Text(f"  {number}. "), Text(step.text, style="bold"), 5))
    return out


def _shows_in_brief(section: Section) -> bool:
    return bool(section.intro or section.rest or any(i.prominent for i in section.items))


def _title(title: str, kind: str, fancy: bool) -> list[RenderableType]:
    text = Text(title, style=_SECTION_STYLE[kind])
    return [Text(), Rule(text, align="left") if fancy else text]


def _category(section: Section) -> list[RenderableType]:
    """A tip category within the one tips section of a brief advice: its prominent tips
    under its name, the others by title; no prominent tip, one line."""
    shown = [i for i in section.items if i.prominent]
    if not shown:
        line = Text(f"{section.title}: ", style="bold")
        line.append(section.titles + ".")
        return [Padding(line, (0, 0, 0, 2))]
    out: list[RenderableType] = [Padding(Text(section.title, style="bold"), (0, 0, 0, 2))]
    out.extend(_item(item, section.kind, why=False) for item in shown)
    if section.rest and len(shown) < len(section.items):
        out.append(Padding(Text(section.rest, style="dim"), (0, 0, 0, 4)))
    return out


def _section(section: Section, depth: Depth) -> list[RenderableType]:
    out: list[RenderableType] = []
    brief = depth != "volledig" and section.brief
    tips = section.kind == "tips"
    if section.legend:
        out.append(Padding(Text(section.legend, style="italic"), (0, 0, 0, 2)))
    if section.intro and not (brief and tips):
        out.append(Padding(Text(section.intro, style="italic"), (0, 0, 0, 2)))
    items = section.items
    shown = [i for i in items if i.prominent] if brief else list(items)
    # At normal depth a reason's sources wait for --volledig; a tip keeps its short ones.
    sources = depth == "volledig" or tips
    out.extend(
        _item(item, section.kind, why=not brief, sources=sources, short=brief) for item in shown
    )
    if brief and section.rest and len(shown) < len(items):
        out.append(Padding(Text(section.rest, style="dim"), (0, 0, 0, 2)))
    return out


def _item(
    item: Item, kind: str, *, why: bool = True, sources: bool = True, short: bool = False
) -> RenderableType:
    symbol, style = BULLETS[item.mark]
    lead = Text()
    if item.label:
        lead.append(f"{item.label}: ", style="bold")
    shown_text = item.brief_text if short and item.brief_text else item.text
    lead.append(shown_text, style="bold" if item.mark == "bepalend" or kind == "tips" else "")
    body: list[RenderableType] = [lead]
    detail = Text()
    shown = item.short if short and item.short else item.detail
    if shown:
        detail.append(shown)
    if item.why and why:
        detail.append(("\n" if item.detail else "") + item.why, style="italic")
    if item.sources and sources:
        detail.append(f" ({item.sources})", style="dim")
    if detail:
        body.append(detail)
    return _hanging(Text(f"  {symbol} ", style=style), Group(*body), 4)


def _hanging(bullet: Text, body: RenderableType, width: int) -> RenderableType:
    """A bullet with the body beside it: wrapped lines get a hanging indent."""
    grid = Table.grid(padding=0)
    grid.add_column(width=width, no_wrap=True)
    grid.add_column()
    grid.add_row(bullet, body)
    return grid
