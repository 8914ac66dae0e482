"""What an advice says, in Dutch, independent of how it is drawn.

The terminal renderer (`wijzer.render.text`) and the report templates (`wijzer.render.report`)
both format this outline, so the wording of an advice lives in one place and every
output says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from wijzer import texts
from wijzer.advice import Advice, Change, ChangeSet, Reason
from wijzer.conditions import UNKNOWN
from wijzer.ruleset import RuleSet

TIPS_IN_FULL = 3
"""Per tip category, the text renderer shows this many tips in full and lists the rest."""


@dataclass(frozen=True)
class Rung:
    """One level on the drawn ladder, with its marks (advies, ambitie, plafond)."""

    id: str
    name: str
    advised: bool
    marks: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One line of a section: a lead text, optional detail and sources."""

    text: str
    detail: str = ""
    emphasis: bool = False
    sources: str = ""
    label: str = ""
    why: str = ""


@dataclass(frozen=True)
class Section:
    """A titled block of the advice; `kind` lets renderers style warnings and tips."""

    key: str
    title: str
    items: tuple[Item, ...]
    intro: str = ""
    kind: str = "normal"


@dataclass(frozen=True)
class Outline:
    """The whole advice as titled sections."""

    title: str
    subtitle: str
    level: str
    headline: str
    ladder: tuple[Rung, ...]
    sections: tuple[Section, ...]
    footer: str


def build(advice: Advice, rs: RuleSet) -> Outline:
    """Phrase an advice for people."""
    level = rs.levels[advice.niveau]
    names = {lv.id: lv.naam for lv in rs.niveaus}
    subtitle = " — ".join(p for p in (advice.project, advice.gemeente) if p)
    sections = [
        _level_section(rs, advice.niveau),
        _reasons_section(rs, advice.redenen, names),
        *_change_sections(rs, advice, names),
        *_unknown_section(rs, advice, names),
        *_warning_section(advice),
        *_group_section(rs, advice, names),
        *_tip_sections(rs, advice),
        _answers_section(rs, advice),
    ]
    return Outline(
        title=texts.ADVICE_TITLE,
        subtitle=subtitle,
        level=level.naam,
        headline=(texts.RECOMMENDED_PROVISIONAL if advice.voorlopig else texts.RECOMMENDED).format(
            level=level.naam.lower()
        ),
        ladder=_ladder(rs, advice),
        sections=tuple(s for s in sections if s.items or s.intro),
        footer=texts.FOOTER.format(
            name=advice.regelset.naam,
            version=advice.regelset.versie,
            hash=advice.regelset.hash[:12],
        ),
    )


def _ladder(rs: RuleSet, advice: Advice) -> tuple[Rung, ...]:
    rungs = []
    for lv in reversed(rs.niveaus):
        marks = []
        if lv.id == advice.niveau:
            marks.append(texts.RUNG_ADVICE)
        if advice.spanning and lv.id == advice.ambitie:
            marks.append(texts.RUNG_AMBITION)
        if advice.spanning and lv.id == advice.plafond:
            marks.append(texts.RUNG_CAP)
        rungs.append(Rung(lv.id, lv.naam, lv.id == advice.niveau, tuple(marks)))
    return tuple(rungs)


def _level_section(rs: RuleSet, level_id: str) -> Section:
    lv = rs.levels[level_id]
    items = [
        Item(lv.betekenis, label=texts.ITEM_MEANING),
        Item(lv.belofte, label=texts.ITEM_PROMISE, emphasis=True),
        Item(lv.vraagt, label=texts.ITEM_ASKS),
    ]
    items += [Item(risk, label=texts.ITEM_RISKS) for risk in lv.risicos]
    return Section("niveau", texts.SECTION_LEVEL, tuple(items))


def _answer_phrase(rs: RuleSet, answers: dict[str, tuple[str, ...]], short: bool = False) -> str:
    """The answers that made a rule fire; `short`: the questions' labels only."""
    if not answers:
        return texts.REASON_ALWAYS
    if short:  # the question the rule is about: its first (a `niet` adds the others)
        return rs.questions[next(iter(answers))].label()
    parts = []
    for q, answer in answers.items():
        question = rs.questions[q]
        shown = rs.answer_label(q, answer)
        if answer == (UNKNOWN,) and question.aanname:
            assumed = rs.answer_label(q, question.aanname)
            shown = texts.UNKNOWN_IN_REASON.format(answer=shown, assumed=assumed)
        parts.append(f"{question.label()}: {shown}")
    return "; ".join(parts)


def _reasons_section(rs: RuleSet, reasons: tuple[Reason, ...], names: dict[str, str]) -> Section:
    """What decided the level in full; what weighed without deciding folded into one line."""
    items = []
    brief: dict[str, dict[str, None]] = {}  # effect -> the questions behind it, in order
    for reason in reasons:
        effect = texts.EFFECT_PHRASE[reason.effect].format(level=names[reason.niveau].lower())
        if not reason.bepalend:
            brief.setdefault(effect, {})[_answer_phrase(rs, reason.antwoorden, short=True)] = None
            continue
        items.append(
            Item(
                f"{_answer_phrase(rs, reason.antwoorden)} → {effect}",
                detail=reason.toelichting,
                emphasis=reason.bepalend,
                sources="; ".join(
                    rs.sources[s].short() for s in rs.rules_by_id[reason.regel].bronnen
                ),
            )
        )
    if brief:
        folded = [
            texts.REASON_BRIEF.format(answer=", ".join(questions), effect=effect)
            for effect, questions in brief.items()
        ]
        items.append(Item(texts.REASONS_NOT_BINDING.format(items="; ".join(folded))))
    return Section("redenen", texts.SECTION_REASONS, tuple(items))


def _change_phrase(rs: RuleSet, change: ChangeSet, names: dict[str, str]) -> str:
    parts = [
        texts.CHANGE_PART.format(
            question=rs.questions[w.vraag].label().lower(), answer=rs.answer_label(w.vraag, w.naar)
        )
        for w in change.wijzigingen
    ]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + texts.AND + parts[-1]
    template = _change_template(rs, change)
    return template.format(changes=joined, level=names[change.niveau].lower())


def _is_fact(rs: RuleSet, change: Change) -> bool:
    """A fact about the project, or an answer fixed from outside (by law, an earlier
    decision): no lever, only something that may turn out otherwise."""
    question = rs.questions[change.vraag]
    return question.feit or not question.fixed.isdisjoint(change.van)


def _change_template(rs: RuleSet, change: ChangeSet) -> str:
    """'Blijkt …' for a fact, or for an estimate that turns out lower; 'Kiest u …' for one of
    the officer's own choices (the goal, the expected contribution) that lowers the level;
    'Met …' for the rest."""
    if any(_is_fact(rs, w) for w in change.wijzigingen):
        return texts.CHANGE_DOWN
    if change.richting == "hoger":
        return texts.CHANGE_UP
    if all(rs.questions[w.vraag].kant == "ambitie" for w in change.wijzigingen):
        return texts.CHANGE_CHOICE
    return texts.CHANGE_DOWN


def _change_sections(rs: RuleSet, advice: Advice, names: dict[str, str]) -> list[Section]:
    def item(change: ChangeSet) -> Item:
        detail = (
            texts.CHANGE_INFLUENCE if change.beinvloedbaar and change.richting == "hoger" else ""
        )
        return Item(_change_phrase(rs, change, names), detail=detail, emphasis=bool(detail))

    # A fact that was answered is not offered as a way up (it is what it is); as a way down
    # it stays, as a check on an answer that might turn out otherwise.
    up = [
        item(c)
        for c in advice.kleinste_wijzigingen
        if c.richting == "hoger"
        and not any(_is_fact(rs, w) and w.van != (UNKNOWN,) for w in c.wijzigingen)
    ]
    down = [item(c) for c in advice.kleinste_wijzigingen if c.richting == "lager"]
    if advice.spanning:
        intro = texts.TENSION_INTRO.format(
            ambition=names[advice.ambitie].lower(),
            cap=names[advice.plafond or advice.niveau].lower(),
            level=names[advice.niveau].lower(),
        )
        return [
            Section("spanning", texts.SECTION_TENSION, tuple(up), intro=intro, kind="warning"),
            Section("wat_als", texts.SECTION_RISK, tuple(down)),
        ]
    return [Section("wat_als", texts.SECTION_CHANGE, tuple(up + down))]


def _unknown_section(rs: RuleSet, advice: Advice, names: dict[str, str]) -> list[Section]:
    """The unknown answers, those that can change the level first (what to find out first)."""
    items = []
    first = set(advice.voorlopig)
    ordered = sorted(advice.onbekend, key=lambda u: u.vraag not in first)
    for unknown in ordered:
        question = rs.questions[unknown.vraag]
        assumed = (
            texts.UNKNOWN_ASSUMED.format(assumed=rs.answer_label(question.id, unknown.aanname))
            if unknown.aanname
            else texts.UNKNOWN_NO_ASSUMPTION
        )
        levels = set(unknown.niveau_per_antwoord.values())
        if (
            levels == {advice.niveau}
            and first - {unknown.vraag}
            and unknown.vraag in rs.level_questions  # a level rule reads it
        ):
            others = [rs.questions[q].label().lower() for q in advice.voorlopig]
            template = (
                texts.UNKNOWN_SAME_FOR_NOW_MANY if len(others) > 1 else texts.UNKNOWN_SAME_FOR_NOW
            )
            spread = template.format(others=texts.listing(others))
        elif levels == {advice.niveau}:
            spread = texts.UNKNOWN_SAME.format(level=names[advice.niveau].lower())
        else:
            pairs = ", ".join(
                f"{rs.answer_label(question.id, (o,))} → {names[lv].lower()}"
                for o, lv in unknown.niveau_per_antwoord.items()
            )
            spread = texts.UNKNOWN_PER_ANSWER.format(pairs=pairs)
        detail = " ".join(p for p in (assumed, spread) if p)
        items.append(
            Item(
                question.tekst,
                detail=detail,
                label=question.label(),
                emphasis=unknown.vraag in first,
            )
        )
    intro = ""
    if advice.voorlopig:
        intro = texts.UNKNOWN_FIRST.format(
            questions=texts.listing([rs.questions[q].label().lower() for q in advice.voorlopig])
        )
    return [Section("onbekend", texts.SECTION_UNKNOWN, tuple(items), intro=intro)] if items else []


def _warning_section(advice: Advice) -> list[Section]:
    items = tuple(Item(w.tekst) for w in advice.waarschuwingen)
    return (
        [Section("waarschuwingen", texts.SECTION_WARNINGS, items, kind="warning")] if items else []
    )


def _tip_sections(rs: RuleSet, advice: Advice) -> list[Section]:
    sections = []
    categories = rs.categorieen or ()
    for category in categories:
        tips = [t for t in advice.tips if t.categorie == category.id]
        if not tips:
            continue
        items = tuple(
            Item(
                tip.titel,
                detail=tip.tekst,
                sources="; ".join(rs.sources[s].short() for s in rs.tips_by_id[tip.id].bronnen),
                why=texts.TIP_WHY.format(why=" ".join(tip.waarom)),
            )
            for tip in tips
        )
        sections.append(
            Section(f"tips:{category.id}", category.naam, items, intro=category.uitleg, kind="tips")
        )
    return sections


def _answers_section(rs: RuleSet, advice: Advice) -> Section:
    items = tuple(
        Item(rs.answer_label(q, a), label=rs.questions[q].label(), emphasis=a == (UNKNOWN,))
        for q, a in advice.antwoorden.items()
    )
    return Section("antwoorden", texts.SECTION_ANSWERS, items)


def _group_section(rs: RuleSet, advice: Advice, names: dict[str, str]) -> list[Section]:
    items = tuple(
        Item(
            texts.GROUP_LINE.format(group=group.naam, level=names[group.niveau].lower()),
            detail=group.toelichting,
            why=_group_tips([rs.tips_by_id[t].titel for t in group.tips]),
            emphasis=group.niveau != advice.niveau,
        )
        for group in advice.per_groep
    )
    return [Section("per_groep", texts.SECTION_GROUPS, items)] if items else []


def _group_tips(titles: list[str]) -> str:
    return texts.GROUP_TIPS.format(tips="; ".join(titles)) if titles else ""
