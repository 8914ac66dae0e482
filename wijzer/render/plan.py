"""What the participation plan says, independent of its file format.

The concept-participatieplan (`--uitvoer plan.html|plan.md|plan.docx`) is built here once,
from the advice's outline (so it says what the screen says) and the rule set's process
plan; the HTML and Markdown templates (`wijzer.render.report`) and the Word writer
(`wijzer.render.docx`) only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wijzer import texts
from wijzer.advice import Advice
from wijzer.conditions import UNKNOWN
from wijzer.render.outline import Item, Outline, Section, build
from wijzer.ruleset import Level, RuleSet

STATUS = "concept"
VERSION = "0.1"


@dataclass(frozen=True)
class Field:
    """One line of the front matter; `blank` when the tool cannot know it (to fill in)."""

    label: str
    value: str
    blank: bool = False


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    unknown: bool


@dataclass(frozen=True)
class Phase:
    """One phase of the process plan, as rows of (label, text); `blank` rows are to fill in."""

    name: str
    current: bool
    rows: tuple[Field, ...]


@dataclass(frozen=True)
class Group:
    name: str
    toelichting: str
    tips: tuple[Item, ...]


@dataclass(frozen=True)
class Reference:
    citation: str
    url: str


@dataclass(frozen=True)
class Plan:
    """The participation plan, in the order a reader meets it."""

    title: str
    front: tuple[Field, ...]
    outline: Outline
    description: Field
    answers: tuple[Answer, ...]
    level: Level
    frame: tuple[Section, ...]
    """The legal frame: the tips of the rule set's `kader` categories."""
    reasons: Section | None
    changes: tuple[Section, ...]
    unknown: Section | None
    warnings: Section | None
    groups: tuple[Group, ...]
    phases: tuple[Phase, ...]
    first: tuple[Item, ...]
    """The checklist's first items: the tips to act on first, in full."""
    checklist: tuple[Section, ...]
    sources: tuple[Reference, ...]
    ruleset: str
    hash: str


def dutch_date(date: dt.date) -> str:
    """'1 december 2026'."""
    return f"{date.day} {texts.MONTHS[date.month - 1]} {date.year}"


def build_plan(
    advice: Advice,
    rs: RuleSet,
    date: dt.date,
    meta: dict[str, str | None] | None = None,
) -> Plan:
    """The plan for an advice; `meta` holds the front matter's `afdeling`, `opsteller` and
    `omschrijving` where they are known."""
    meta = meta or {}
    outline = build(advice, rs)
    sections = {s.key: s for s in outline.sections}
    tip_sections = [s for s in outline.sections if s.kind == "tips"]
    kader = {c.id for c in rs.categorieen if c.soort == "kader"}
    by_tip = {item.ref: item for section in tip_sections for item in section.items}
    checklist = []
    for section in tip_sections:
        if section.key.removeprefix("tips:") in kader:
            continue
        items = tuple(i for i in section.items if i.ref not in advice.eerst_doen)
        if items:
            checklist.append(Section(section.key, section.title, items, kind="tips"))
    description = meta.get("omschrijving") or ""
    return Plan(
        title=texts.PLAN["title"].format(project=advice.project or texts.PLAN["project_unknown"]),
        front=_front(advice, meta, date),
        outline=outline,
        description=Field(
            texts.PLAN["description"],
            description or texts.PLAN["description_blank"],
            blank=not description,
        ),
        answers=tuple(  # the outline's answers, shown in full there only
            Answer(i.label, i.text, i.mark == "onbekend") for i in sections["antwoorden"].items
        ),
        level=rs.levels[advice.niveau],
        frame=tuple(s for s in tip_sections if s.key.removeprefix("tips:") in kader),
        reasons=sections.get("redenen"),
        changes=tuple(s for s in outline.sections if s.key in ("spanning", "wat_als")),
        unknown=sections.get("onbekend"),
        warnings=sections.get("waarschuwingen"),
        groups=_groups(advice, rs, sections.get("per_groep")),
        phases=_phases(advice, rs),
        first=tuple(by_tip[t] for t in advice.eerst_doen),
        checklist=tuple(checklist),
        sources=_sources(advice, rs),
        ruleset=f"{advice.regelset.naam} {advice.regelset.versie}",
        hash=advice.regelset.hash,
    )


def _front(advice: Advice, meta: dict[str, str | None], date: dt.date) -> tuple[Field, ...]:
    t = texts.PLAN
    fields = [
        (t["project"], advice.project),
        (t["gemeente"], advice.gemeente),
        (t["afdeling"], meta.get("afdeling")),
        (t["opsteller"], meta.get("opsteller")),
    ]
    front = [Field(label, value or t["blank"], blank=not value) for label, value in fields]
    front += [
        Field(t["date"], dutch_date(date)),
        Field(t["status"], t["status_value"].format(status=STATUS, version=VERSION)),
    ]
    return tuple(front)


def _groups(advice: Advice, rs: RuleSet, section: Section | None) -> tuple[Group, ...]:
    """Each group as the outline says it, with its own approach in full: the group's tips
    need not be among the advice's tips, so the plan gives their text here."""
    if section is None:
        return ()
    return tuple(
        Group(
            item.text,
            item.detail,
            tuple(Item(rs.tips_by_id[t].titel, detail=rs.tips_by_id[t].tekst) for t in group.tips),
        )
        for item, group in zip(section.items, advice.per_groep, strict=True)
    )


def _phases(advice: Advice, rs: RuleSet) -> tuple[Phase, ...]:
    """The process plan from the project's phase on (all phases when it is unknown)."""
    plan = rs.procesplan
    if plan is None:
        return ()
    t = texts.PLAN
    question = rs.questions[plan.vraag]
    answer = advice.antwoorden.get(plan.vraag, (UNKNOWN,))[0]
    ids = [p.id for p in plan.fasen]
    start = ids.index(answer) if answer in ids else 0
    level = rs.levels[advice.niveau]
    level_line = level.naam
    if level.werkvormen:
        level_line += t["work_forms_with"].format(forms=", ".join(level.werkvormen))
    phases = []
    for phase in plan.fasen[start:]:
        name = next(o.tekst for o in question.opties if o.id == phase.id)
        rows = (
            Field(t["what"], phase.wat),
            Field(t["with_whom"], phase.met_wie),
            Field(t["phase_forms"], phase.werkvormen)
            if phase.werkvormen
            else Field(t["level_forms"], level_line),
            Field(t["report_back"], phase.terugkoppelen),
            Field(t["decides"], phase.wie_beslist),
            Field(t["evaluate"], phase.evalueren),
            Field(t["planning"], t["blank"], blank=True),
            Field(t["budget"], t["blank"], blank=True),
        )
        phases.append(Phase(name, phase.id == answer, rows))
    return tuple(phases)


def _sources(advice: Advice, rs: RuleSet) -> tuple[Reference, ...]:
    """Every source the plan rests on, once, in the order the plan first cites it."""
    segments = {s.id: s for s in rs.segmenten}
    ids: dict[str, None] = dict.fromkeys(rs.levels[advice.niveau].bronnen)
    for reason in advice.redenen:
        ids.update(dict.fromkeys(rs.rules_by_id[reason.regel].bronnen))
    for tip in advice.tips:
        ids.update(dict.fromkeys(rs.tips_by_id[tip.id].bronnen))
    for group in advice.per_groep:
        ids.update(dict.fromkeys(segments[group.segment].bronnen))
        for tip_id in group.tips:
            ids.update(dict.fromkeys(rs.tips_by_id[tip_id].bronnen))
    if rs.procesplan is not None:
        for phase in rs.procesplan.fasen:
            ids.update(dict.fromkeys(phase.bronnen))
    return tuple(Reference(rs.sources[s].citation(), rs.sources[s].url) for s in ids)
