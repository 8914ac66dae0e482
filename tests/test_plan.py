"""The concept-participatieplan: front matter, process plan, checklist and sources, the
same in HTML, Markdown and Word (the .docx read back with python-docx)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import FULL_ANSWERS, REPO, Runner, compiled
from wijzer.answers import dump_answers, plan_meta
from wijzer.engine import advise
from wijzer.errors import InputError
from wijzer.loading import default_rules_path, parse_answers, ruleset_from
from wijzer.render.plan import build_plan, dutch_date
from wijzer.render.report import plan_content
from wijzer.ruleset import RuleSet
from wijzer.yamlio import parse

DATE = dt.date(2026, 12, 1)
META = """\
afdeling: Ruimte en Wonen
opsteller: A. de Vries
omschrijving: "Het stationsplein wordt opnieuw ingericht.\\nDe bussen blijven."
"""


def project(rules: RuleSet, answers: str = FULL_ANSWERS):  # type: ignore[no-untyped-def]
    return parse_answers(answers.replace("antwoorden:\n", META + "antwoorden:\n"), rules)


def test_dutch_dates() -> None:
    assert dutch_date(DATE) == "1 december 2026"
    assert dutch_date(dt.date(2027, 3, 9)) == "9 maart 2027"


def test_front_matter_from_the_answer_file_and_marked_blanks(rules: RuleSet) -> None:
    found = project(rules)
    assert (found.afdeling, found.opsteller) == ("Ruimte en Wonen", "A. de Vries")
    plan = build_plan(advise(compiled(rules), found), rules, DATE, plan_meta(found))
    front = {f.label: (f.value, f.blank) for f in plan.front}
    assert front["Afdeling of team"] == ("Ruimte en Wonen", False)
    assert front["Datum"] == ("1 december 2026", False)
    assert front["Status"] == ("concept, versie 0.1", False)
    bare = build_plan(advise(compiled(rules), parse_answers(FULL_ANSWERS, rules)), rules, DATE)
    blanks = {f.label for f in bare.front if f.blank}
    assert blanks == {"Afdeling of team", "Opgesteld door"}
    assert bare.description.blank
    assert "[" in bare.description.value


def test_metadata_survives_a_saved_answer_file(rules: RuleSet) -> None:
    found = project(rules)
    text = dump_answers(rules, found.antwoorden, found.naam, found.gemeente, meta=plan_meta(found))
    again = parse_answers(text, rules)
    assert plan_meta(again) == plan_meta(found)
    assert again.omschrijving == "Het stationsplein wordt opnieuw ingericht.\nDe bussen blijven."


def test_the_process_plan_starts_at_the_projects_phase(rules: RuleSet) -> None:
    plan = build_plan(advise(compiled(rules), project(rules)), rules, DATE)
    assert [p.name for p in plan.phases] == [
        "Planvorming",
        "Besluitvorming",
        "Uitvoering",
        "Evaluatie",
    ]
    assert [p.current for p in plan.phases] == [True, False, False, False]
    first = {row.label: row for row in plan.phases[0].rows}
    assert first["Niveau en werkvormen"].value.startswith("Adviseren")
    assert first["Planning"].blank
    assert first["Budget en capaciteit"].blank
    decision = {row.label for row in plan.phases[1].rows}
    assert "Werkvormen in deze fase" in decision  # residents speak; they do not advise there
    unknown = FULL_ANSWERS.replace("  fase: planvorming\n", "")
    every = build_plan(advise(compiled(rules), parse_answers(unknown, rules)), rules, DATE)
    assert len(every.phases) == 5
    assert not any(p.current for p in every.phases)


def test_the_checklist_starts_with_the_first_steps_and_groups_get_their_tips(
    rules: RuleSet,
) -> None:
    advice = advise(compiled(rules), project(rules))
    plan = build_plan(advice, rules, DATE)
    assert [i.text for i in plan.first] == [rules.tips_by_id[t].titel for t in advice.eerst_doen]
    rest = {i.text for s in plan.checklist for i in s.items}
    assert not rest & {i.text for i in plan.first}  # each tip once
    assert "Wettelijk kader" not in {s.title for s in plan.checklist}  # a chapter of its own
    assert plan.frame
    assert plan.frame[0].title == "Wettelijk kader"
    for group in plan.groups:  # a group's approach is spelled out, not a dangling title
        for tip in group.tips:
            assert tip.detail


def test_html_markdown_and_word_say_the_same(rules: RuleSet) -> None:
    found = project(rules)
    advice = advise(compiled(rules), found)
    html = plan_content(advice, rules, "html", DATE, plan_meta(found))
    markdown = plan_content(advice, rules, "markdown", DATE, plan_meta(found))
    word = plan_content(advice, rules, "docx", DATE, plan_meta(found))
    assert isinstance(html, str)
    assert isinstance(markdown, str)
    assert isinstance(word, bytes)
    doc = Document(io.BytesIO(word))
    paragraphs = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Samenvatting", "Het project", "Uitgangspunten", "Wettelijk kader"):
        assert heading in headings
        assert f"<h2>{heading}</h2>" in html
        assert f"## {heading}" in markdown
    for heading in ("Procesplan", "Aanpak: checklist", "Bronnen"):
        assert heading in headings
    assert headings.index("Samenvatting") < headings.index("Procesplan") < headings.index("Bronnen")
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    for value in ("Ruimte en Wonen", "A. de Vries", "1 december 2026", "concept, versie 0.1"):
        assert value in cells
        assert value in html
        assert value in markdown
    assert any(p == "Eerst doen" for p in paragraphs)
    section = doc.sections[0]
    assert round(section.page_width.cm) == 21
    assert round(section.page_height.cm) == 30
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert links
    assert all(link.startswith("https://") for link in links)
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer
    assert "NUMPAGES" in footer


def test_word_keeps_hostile_text_as_text(rules: RuleSet) -> None:
    hostile = FULL_ANSWERS.replace("Herinrichting Stationsplein", '"Plein </w:t><w:t>& <b>"')
    word = plan_content(advise(compiled(rules), parse_answers(hostile, rules)), rules, "docx", DATE)
    doc = Document(io.BytesIO(word))
    assert doc.paragraphs[0].text.startswith("Participatieplan: Plein")
    assert "</w:t><w:t>&" in doc.paragraphs[0].text  # literal text, not markup


def test_the_report_format_follows_the_extension(tmp_path: Path) -> None:
    answers = tmp_path / "p.yaml"
    answers.write_text(FULL_ANSWERS, encoding="utf-8")
    for name, start in (("plan.docx", b"PK"), ("plan.html", b"<!DOCTYPE"), ("plan.md", b"# ")):
        result = Runner().invoke(["advies", "-a", str(answers), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_bytes().startswith(start)
    refused = Runner().invoke(["advies", "-a", str(answers), "-o", str(tmp_path / "plan.pdf")])
    assert refused.exit_code == 2
    assert ".html, .md of .docx" in refused.stderr
    assert not (tmp_path / "plan.pdf").exists()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  vraag: fase\n  fasen:", "  vraag: faze\n  fasen:", "procesplan.vraag"),
        ("    - id: planvorming\n", "    - id: plan_vorming\n", "procesplan.fasen[1].id"),
        ("    url: https://www.iap2.org\n", "    url: javascript:alert(1)\n", "bronnen"),
        ("  vraag: fase\n  fasen:", "  vraag: doelgroepen\n  fasen:", "één antwoord"),
    ],
)
def test_a_broken_process_plan_or_link_is_a_located_error(
    old: str, new: str, expected: str
) -> None:
    source = default_rules_path().read_text(encoding="utf-8")
    assert old in source
    broken = source.replace(old, new, 1)
    with pytest.raises(InputError) as info:
        ruleset_from(parse(broken, "standaard.yaml")[0])
    message = str(info.value)
    assert expected in message
    assert "regel " in message


def test_the_default_rule_set_names_its_sources_with_safe_links() -> None:
    text = (REPO / "rules" / "standaard.yaml").read_text(encoding="utf-8")
    assert text.count("    url: https://") >= 8


def test_a_new_key_at_its_default_keeps_the_rule_sets_hash(rules: RuleSet) -> None:
    source = default_rules_path().read_text(encoding="utf-8")
    anchor = "  - id: verwachtingen\n    naam: Verwachtingen en randvoorwaarden\n"
    assert anchor in source
    explicit = source.replace(anchor, anchor + "    soort: tips\n", 1)
    again = ruleset_from(parse(explicit, "standaard.yaml")[0])
    assert again.content_hash == rules.content_hash
    framed = source.replace(anchor, anchor + "    soort: kader\n", 1)
    assert ruleset_from(parse(framed, "standaard.yaml")[0]).content_hash != rules.content_hash
