"""Rendering: golden text at a fixed width with colour off, Markdown, and the JSON contract."""

from __future__ import annotations

import datetime
import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from tests.conftest import FULL_ANSWERS, REPO, compiled
from wijzer.engine import advise
from wijzer.loading import parse_answers
from wijzer.render import data, text
from wijzer.render.outline import Depth, build
from wijzer.render.report import markdown_escape, render_report
from wijzer.ruleset import RuleSet

GOLDEN = REPO / "tests" / "golden"
UPDATE = os.environ.get("WIJZER_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"golden file {name} missing (run with WIJZER_UPDATE_GOLDEN=1)"
    assert actual == path.read_text(encoding="utf-8")


def advice_for(rules: RuleSet, answers: str = FULL_ANSWERS):  # type: ignore[no-untyped-def]
    return advise(compiled(rules), parse_answers(answers, rules, source="stationsplein.yaml"))


def plain(renderable: object, width: int = 80) -> str:
    console = Console(width=width, no_color=True, force_terminal=False, highlight=False)
    with console.capture() as capture:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n"


@pytest.mark.parametrize("depth", ["kort", "normaal", "volledig"])
def test_text_golden(rules: RuleSet, depth: Depth) -> None:
    advice = advice_for(rules)
    name = "stationsplein.txt" if depth == "normaal" else f"stationsplein.{depth}.txt"
    check_golden(name, plain(text.render(build(advice, rules), fancy=False, depth=depth)))


def test_text_golden_nothing_to_influence(rules: RuleSet) -> None:
    answers = "project: Windpark\nantwoorden:\n  doel: meningen_peilen\n  beleidsruimte: geen\n  impact: groot\n"
    advice = advice_for(rules, answers)
    check_golden("windpark.txt", plain(text.render(build(advice, rules), fancy=False)))


REPORT_DATE = datetime.date(2026, 11, 29)


def test_markdown_report_golden(rules: RuleSet) -> None:
    check_golden(
        "stationsplein.md", render_report(advice_for(rules), rules, "markdown", REPORT_DATE)
    )


def test_html_report_golden(rules: RuleSet) -> None:
    check_golden("stationsplein.html", render_report(advice_for(rules), rules, "html", REPORT_DATE))


def test_plain_text_has_no_escape_codes_or_frames(rules: RuleSet) -> None:
    output = plain(text.render(build(advice_for(rules), rules), fancy=False))
    assert "\x1b[" not in output
    assert not any(ch in output for ch in "╭╮╰╯│─")


def test_fancy_terminal_output_has_frame_and_colour(rules: RuleSet) -> None:
    console = Console(width=100, force_terminal=True, color_system="standard")
    with console.capture() as capture:
        console.print(text.render(build(advice_for(rules), rules), fancy=True))
    output = capture.get()
    assert "\x1b[" in output
    assert "╭" in output


@pytest.mark.parametrize("width", [40, 60, 120])
def test_text_wraps_at_any_width(rules: RuleSet, width: int) -> None:
    output = plain(text.render(build(advice_for(rules), rules), fancy=False), width=width)
    assert max(len(line) for line in output.splitlines()) <= width


JSON_KEYS = {
    "formaat",
    "project",
    "gemeente",
    "bron",
    "niveau",
    "ambitie",
    "plafond",
    "bodem",
    "voorlopig",
    "spanning",
    "redenen",
    "onbekend",
    "wat_als",
    "kleinste_wijzigingen",
    "per_groep",
    "tips",
    "eerst_doen",
    "waarschuwingen",
    "antwoorden",
    "regelset",
}


def test_json_contract(rules: RuleSet) -> None:
    parsed = json.loads(data.to_json(advice_for(rules)))
    assert set(parsed) == JSON_KEYS
    assert parsed["formaat"] == "wijzer.advies/1"
    assert parsed["niveau"] == "adviseren"
    assert parsed["spanning"] is True
    decisive = [r for r in parsed["redenen"] if r["bepalend"]]
    assert decisive == [
        {
            "regel": "draagvlak_redelijk",
            "effect": "plafond",
            "niveau": "adviseren",
            "toelichting": decisive[0]["toelichting"],
            "antwoorden": {"draagvlak": ["redelijk"]},
            "bepalend": True,
            "bronnen": decisive[0]["bronnen"],
        }
    ]
    assert set(parsed["regelset"]) == {"naam", "versie", "hash"}
    assert len(parsed["regelset"]["hash"]) == 64
    assert set(parsed["tips"][0]) == {
        "id",
        "categorie",
        "titel",
        "tekst",
        "waarom",
        "regels",
        "bronnen",
    }


def test_yaml_matches_json(rules: RuleSet) -> None:
    import yaml

    advice = advice_for(rules)
    assert yaml.safe_load(data.to_yaml(advice)) == json.loads(data.to_json(advice))


def test_markdown_escapes_user_text(rules: RuleSet) -> None:
    answers = FULL_ANSWERS.replace(
        "Herinrichting Stationsplein", "'<script>alert(1)</script> *vet*'"
    )
    output = render_report(advice_for(rules, answers), rules, "markdown", REPORT_DATE)
    assert "<script>" not in output
    assert "\\<script\\>" in output
    assert "\\*vet\\*" in output
    assert markdown_escape("a_b|c") == "a\\_b\\|c"


class _Structure(HTMLParser):
    """Collects tags, text, what the page would load from elsewhere, and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href" and tag == "a" and value:
                self.links.append(value)  # a link the reader may follow: loads nothing
            elif name in ("src", "href") and value:
                self.external.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_structure_and_escaping(rules: RuleSet) -> None:
    answers = FULL_ANSWERS.replace(
        "Herinrichting Stationsplein", "'<script>alert(1)</script> & <b>vet</b>'"
    )
    html = render_report(advice_for(rules, answers), rules, "html", REPORT_DATE)
    parser = _Structure()
    parser.feed(html)
    assert "script" not in parser.tags  # the project name stayed text
    assert "<script>alert(1)</script> & <b>vet</b>" in "".join(parser.text)
    assert parser.external == []  # self-contained: no links to stylesheets, scripts or images
    assert parser.links  # the sources with a web address are links
    assert all(link.startswith("https://") for link in parser.links)
    assert parser.tags.count("style") == 1
    sections = ("samenvatting", "project", "uitgangspunten", "niveau", "wettelijk-kader")
    sections += ("redenen", "procesplan", "checklist", "bronnen")
    positions = [html.index(f'<section id="{section}"') for section in sections]
    assert positions == sorted(positions)  # the summary first, the sources last
    assert "size: A4" in html
    assert 'counter(page) " van " counter(pages)' in html  # page numbers when printed
    assert "29 november 2026" in html  # REPORT_DATE, in Dutch
    assert "concept, versie 0.1" in html
    assert html.count("<svg") == 1
    assert html.count("<rect") == len(rules.niveaus)
    assert html.count("Risico&#39;s") == 1  # one heading over the level's risks
    assert html.count('class="checklist"') >= 3


def test_golden_folder_exists() -> None:
    assert Path(GOLDEN).is_dir()
