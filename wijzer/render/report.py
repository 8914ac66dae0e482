"""The advice as a report to share: a concept-participatieplan in Markdown, printable HTML
or Word (`wijzer.render.docx`).

The wording comes from the outline (shared with the terminal rendering); the layout lives
in template files (`wijzer/render/templates/`), rendered by Jinja2 with auto-escaping for HTML and
an explicit escape filter for Markdown, so text from answer files always stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from wijzer import texts
from wijzer.advice import Advice
from wijzer.printable import printable
from wijzer.render.plan import Plan, build_plan
from wijzer.ruleset import RuleSet

ReportFormat = Literal["markdown", "html", "docx"]
TextFormat = Literal["markdown", "html"]
TEMPLATES = Path(__file__).resolve().parent / "templates"
SUFFIXES: dict[str, ReportFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}
_MD_SPECIAL = "\\`*_[]<>#|"


def format_for(path: Path) -> ReportFormat | None:
    """The report format a file name asks for, if any."""
    return SUFFIXES.get(path.suffix.lower())


def plan_content(
    advice: Advice,
    rs: RuleSet,
    fmt: ReportFormat,
    date: dt.date | None = None,
    meta: dict[str, str | None] | None = None,
) -> str | bytes:
    """The participation plan as a file holds it: text for Markdown and HTML, bytes for
    Word. `meta` gives the front matter's afdeling, opsteller and omschrijving."""
    plan = build_plan(advice, rs, date or dt.date.today(), meta)
    if fmt == "docx":
        from wijzer.render.docx import render_docx

        return render_docx(plan)
    return _render_template(plan, fmt)


def render_report(
    advice: Advice,
    rs: RuleSet,
    fmt: TextFormat,
    date: dt.date | None = None,
    meta: dict[str, str | None] | None = None,
) -> str:
    """The participation plan as Markdown or HTML text."""
    return _render_template(build_plan(advice, rs, date or dt.date.today(), meta), fmt)


def _render_template(plan: Plan, fmt: TextFormat) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable_value,
    )
    env.filters["md"] = markdown_escape
    name = "rapport.md.j2" if fmt == "markdown" else "rapport.html.j2"
    return env.get_template(name).render(t=texts.PLAN, plan=plan)


def _printable_value(value: object) -> object:
    """Every value a template shows is printable (see `wijzer.printable`)."""
    if isinstance(value, str):
        shown = printable(value)
        return value if shown is value else type(value)(shown)  # Markup stays Markup
    return value


def markdown_escape(value: object) -> str:
    """Keep text literal in Markdown and on its own line: line breaks fold into spaces
    (so no value can start a heading, `===` or a list of its own), markup and HTML
    characters are backslash-escaped, and so is a list or heading marker at its start."""
    text = " ".join(printable(str(value)).split())
    for char in _MD_SPECIAL:
        text = text.replace(char, "\\" + char)
    numbered = _NUMBERED.match(text)
    if numbered:
        return text[: numbered.end()] + "\\" + text[numbered.end() :]
    return "\\" + text if _MARKER.match(text) else text


_NUMBERED = re.compile(r"\d{1,9}(?=[.)](?:\s|$))")
"""A value that would start a numbered list item ('1. ')."""
_MARKER = re.compile(r"[-+](?:\s|$)|[-~]{2}|=")
"""A value that would start a bullet, a rule, a setext underline (a single '=' is one)
or a code fence."""
