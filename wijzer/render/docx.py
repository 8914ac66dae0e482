"""The participation plan as a Word document (python-docx).

Word is where council proposals are written, so the plan uses Word's own building blocks:
real headings (Kop 1, Kop 2: the municipality's template styles them), real tables, numbered
and bulleted lists, and a page number in the footer. The content is the same `Plan` the
HTML and Markdown reports show (`wijzer.render.plan`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from wijzer import texts
from wijzer.printable import printable
from wijzer.render.outline import Item
from wijzer.render.plan import Field, Plan

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

_ACCENT = "5B2A86"
_SOFT = "E4DCEF"
_MUTED = RGBColor(0x55, 0x55, 0x55)
_CHECKBOX = "☐ "
_LABEL_WIDTH = Cm(4.5)
_VALUE_WIDTH = Cm(11.5)


def render_docx(plan: Plan) -> bytes:
    """The plan as the bytes of a .docx file."""
    t = texts.PLAN
    doc = Document()
    doc.core_properties.title = _text(plan.title)
    doc.core_properties.subject = t["title"].format(project="").rstrip(": ")
    author = next((f.value for f in plan.front if f.label == t["opsteller"] and not f.blank), "")
    doc.core_properties.author = _text(author or t["made"])
    _a4_in_dutch(doc)
    _page_numbers(doc)

    doc.add_heading(_text(plan.title), level=0)
    _field_table(doc, plan.front)

    o = plan.outline
    doc.add_heading(t["summary"], level=1)
    level = doc.add_paragraph()
    run = level.add_run(_text(f"{t['advised_level']}: {o.level}"))
    run.bold = True
    run.font.size = Pt(14)
    if o.summary.provisional:
        flag = level.add_run(f"  ({t['provisional']})")
        flag.bold = True
        flag.font.color.rgb = RGBColor(0xA0, 0x5A, 0x00)
    _ladder(doc, plan)
    for line in o.summary.lines:
        _labelled(doc.add_paragraph(), line.label, line.text)
    if o.summary.steps:
        doc.add_heading(t["steps"], level=2)
        for step in o.summary.steps:
            doc.add_paragraph(_text(step.text), style="List Number")

    doc.add_heading(_text(plan.description.label), level=1)
    description = doc.add_paragraph(_text(plan.description.value))
    if plan.description.blank:
        _muted(description)

    doc.add_heading(t["answers"], level=1)
    _lead(doc, t["answers_intro"])
    rows = [
        Field(a.question, a.answer + (f" ({t['unknown_mark']})" if a.unknown else ""))
        for a in plan.answers
    ]
    _field_table(doc, (Field(t["question"], t["answer"]), *rows), header=True)

    doc.add_heading(_text(f"{t['level']}: {plan.level.naam}"), level=1)
    facts = [
        (t["meaning"], plan.level.betekenis),
        (t["promise"], plan.level.belofte),
        (t["asks"], plan.level.vraagt),
    ]
    if plan.level.werkvormen:
        facts.append((t["work_forms"], ", ".join(plan.level.werkvormen)))
    for label, value in facts:
        _labelled(doc.add_paragraph(), label, value)
    if plan.level.risicos:
        doc.add_heading(t["risks"], level=2)
        for risk in plan.level.risicos:
            doc.add_paragraph(_text(risk), style="List Bullet")

    if plan.frame:
        doc.add_heading(t["frame"], level=1)
        for section in plan.frame:
            if len(plan.frame) > 1:
                doc.add_heading(_text(section.title), level=2)
            if section.intro:
                _lead(doc, _text(section.intro))
            for item in section.items:
                _tip(doc, item, style="List Bullet")

    if plan.reasons:
        doc.add_heading(t["reasons"], level=1)
        for item in plan.reasons.items:
            paragraph = doc.add_paragraph(style="List Bullet")
            lead = paragraph.add_run(_text(item.text))
            if item.mark == "bepalend":
                lead.bold = True
                paragraph.add_run(f" ({t['decisive']})")
            if item.detail:
                paragraph.add_run("\n" + _text(item.detail))
            if item.sources:
                _muted_run(paragraph, "\n" + _text(item.sources))

    listed = [s for s in (*plan.changes, plan.unknown, plan.warnings) if s is not None]
    for section in listed:
        if not (section.items or section.intro):
            continue
        doc.add_heading(_text(section.title), level=1)
        if section.intro:
            doc.add_paragraph(_text(section.intro))
        for item in section.items:
            paragraph = doc.add_paragraph(style="List Bullet")
            if item.label:
                paragraph.add_run(_text(f"{item.label}: ")).bold = True
            paragraph.add_run(_text(item.text))
            if item.detail:
                paragraph.add_run(" " + _text(item.detail))

    if plan.groups:
        doc.add_heading(t["groups"], level=1)
        for group in plan.groups:
            doc.add_heading(_text(group.name), level=2)
            doc.add_paragraph(_text(group.toelichting))
            for tip in group.tips:
                _tip(doc, tip, style="List Bullet")

    if plan.phases:
        doc.add_heading(t["process"], level=1)
        _lead(doc, t["process_intro"])
        for phase in plan.phases:
            title = phase.name + (f" ({t['current']})" if phase.current else "")
            doc.add_heading(_text(title), level=2)
            _field_table(doc, phase.rows)

    doc.add_heading(t["checklist"], level=1)
    _lead(doc, t["checklist_intro"])
    if plan.first:
        doc.add_heading(t["steps"], level=2)
        for number, item in enumerate(plan.first, 1):
            _tip(doc, item, prefix=f"{_CHECKBOX}{number}. ")
    for section in plan.checklist:
        doc.add_heading(_text(section.title), level=2)
        for item in section.items:
            _tip(doc, item, prefix=_CHECKBOX)

    doc.add_heading(t["sources"], level=1)
    for source in plan.sources:
        paragraph = doc.add_paragraph(_text(source.citation), style="List Number")
        if source.url:
            paragraph.add_run(" ")
            _hyperlink(paragraph, source.url)

    closing = doc.add_paragraph()
    _muted_run(closing, _text(f"{t['made']} · {t['ruleset']}: {plan.ruleset} · {t['hash']}: "))
    _muted_run(closing, plan.hash)
    _muted_run(closing, "\n" + t["reproduce"])

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text(value: str) -> str:
    """Printable text (see `wijzer.printable`): also what XML can hold."""
    return printable(value)


def _lead(doc: DocumentType, text: str) -> None:
    """A paragraph that introduces what follows, kept on its page."""
    doc.add_paragraph(text).paragraph_format.keep_with_next = True


def _labelled(paragraph: Paragraph, label: str, value: str) -> None:
    paragraph.add_run(_text(f"{label}: ")).bold = True
    paragraph.add_run(_text(value))


def _muted(paragraph: Paragraph) -> None:
    for run in paragraph.runs:
        run.italic = True
        run.font.color.rgb = _MUTED


def _muted_run(paragraph: Paragraph, value: str) -> None:
    run = paragraph.add_run(value)
    run.font.size = Pt(8.5)
    run.font.color.rgb = _MUTED


def _tip(doc: DocumentType, item: Item, *, style: str | None = None, prefix: str = "") -> None:
    """A tip: its title in bold, its text, why it was chosen and its sources."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(_text(prefix + item.text)).bold = True
    if item.detail:
        paragraph.add_run("\n" + _text(item.detail))
    if item.why:
        why = paragraph.add_run("\n" + _text(item.why))
        why.italic = True
    if item.sources:
        _muted_run(paragraph, "\n" + _text(item.sources))


def _field_table(doc: DocumentType, rows: tuple[Field, ...], *, header: bool = False) -> None:
    """A two-column table of labels and values, kept on one page where it fits."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for index, row in enumerate(rows):
        cells = table.add_row().cells
        cells[0].text = _text(row.label)
        cells[1].text = _text(row.value)
        cells[0].width, cells[1].width = _LABEL_WIDTH, _VALUE_WIDTH
        first = header and index == 0
        for cell in cells if first else cells[:1]:
            for run in cell.paragraphs[0].runs:
                run.bold = True
            _shade(cell, _SOFT)
        if row.blank:
            _muted(cells[1].paragraphs[0])
        if index < len(rows) - 1:
            _keep_with_next(cells)
    table.columns[0].width, table.columns[1].width = _LABEL_WIDTH, _VALUE_WIDTH
    if header:
        _repeat_header(table.rows[0])


def _ladder(doc: DocumentType, plan: Plan) -> None:
    """The ladder as a table, highest level on top, the advised level filled."""
    ladder = plan.outline.ladder
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for rung in ladder:
        cells = table.add_row().cells
        cells[0].text = _text(rung.name)
        cells[1].text = _text(", ".join(rung.marks))
        cells[0].width, cells[1].width = _LABEL_WIDTH, _LABEL_WIDTH
        if rung.advised:
            _shade(cells[0], _ACCENT)
            run = cells[0].paragraphs[0].runs[0]
            run.bold = True
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
        _keep_with_next(cells)
    table.columns[0].width = table.columns[1].width = _LABEL_WIDTH


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _keep_with_next(cells: tuple[_Cell, ...] | list[_Cell]) -> None:
    """Keep a table's rows together (Word keeps a row with the next one)."""
    for cell in cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _hyperlink(paragraph: Paragraph, url: str) -> None:
    """A clickable link (python-docx has no API for it: a relationship and a w:hyperlink)."""
    relation = paragraph.part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), _ACCENT)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def _a4_in_dutch(doc: DocumentType) -> None:
    """A4 pages (python-docx's template is US Letter), and Dutch as the text's language,
    so that Word checks the spelling in Dutch."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.2)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is not None:
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        language.set(qn("w:val"), "nl-NL")


def _page_numbers(doc: DocumentType) -> None:
    """'Pagina N van M' in the footer of every page (Word fields PAGE and NUMPAGES)."""
    t = texts.PLAN
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(f"{t['page']} ")
    _field(paragraph, "PAGE")
    paragraph.add_run(f" {t['of']} ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, the code, a placeholder result, end."""
    paragraph.add_run()._r.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    paragraph.add_run()._r.append(instruction)
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(_field_char("end"))


def _field_char(kind: str) -> object:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
