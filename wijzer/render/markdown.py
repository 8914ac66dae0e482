"""An advice outline as Markdown: a draft to attach to a memo or council proposal."""

from __future__ import annotations

from wijzer.outline import Item, Outline
from wijzer.texts import REASONS_LEGEND_MARKDOWN


def render(outline: Outline) -> str:
    """The advice as a Markdown document (ends with a newline)."""
    title = outline.title + (f": {outline.subtitle}" if outline.subtitle else "")
    lines = [f"# {_escape(title)}", "", f"**{_escape(outline.headline)}**", ""]
    lines += ["| | Niveau | |", "|---|---|---|"]
    for rung in outline.ladder:
        marker = "▶" if rung.advised else ""
        name = f"**{rung.name}**" if rung.advised else rung.name
        lines.append(f"| {marker} | {name} | {', '.join(rung.marks)} |")
    for section in outline.sections:
        lines += ["", f"## {_escape(section.title)}", ""]
        intro = REASONS_LEGEND_MARKDOWN if section.key == "redenen" else section.intro
        if intro:
            lines += [f"_{_escape(intro)}_", ""]
        checkbox = section.kind == "tips"
        lines += [_item(item, checkbox) for item in section.items]
    lines += ["", "---", "", f"_{_escape(outline.footer)}_", ""]
    return "\n".join(lines)


def _item(item: Item, checkbox: bool) -> str:
    text = _escape(item.text)
    lead = (
        f"**{_escape(item.label)}:** {text}"
        if item.label
        else (f"**{text}**" if item.emphasis or checkbox else text)
    )
    parts = [("- [ ] " if checkbox else "- ") + lead]
    if item.detail:
        parts.append(_escape(item.detail))
    if item.why:
        parts.append(f"_{_escape(item.why)}_")
    if item.sources:
        parts.append(f"(bron: {_escape(item.sources)})")
    return "  \n  ".join(parts)


def _escape(text: str) -> str:
    """Keep user text literal: Markdown and HTML markup characters are escaped."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text
