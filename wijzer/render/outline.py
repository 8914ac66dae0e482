"""What an advice says, in Dutch, independent of how it is drawn.

The terminal renderer (`wijzer.render.text`) and the report templates (`wijzer.render.report`)
both format this outline, so the wording of an advice lives in one place and every
output says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from wijzer import texts
from wijzer.advice import Advice, Change, ChangeSet, Reason
from wijzer.conditions import UNKNOWN
from wijzer.ruleset import RuleSet

TIPS_IN_FULL = 3
"""At normal depth, at most this many tips are shown in full: the first steps, then the
first tip of each category; the others are named by their title."""
TITLES_SHOWN = 3
"""At normal depth, a tip category names at most this many of the tips it does not show."""
CHANGES_IN_FULL = 3
"""At normal depth, at most this many ways the advice would change are shown."""

Mark = Literal["", "bepalend", "onbekend"]
"""What an item's bullet says: the reason that decided the level, an unknown answer, or
nothing beyond being an item (one symbol, one meaning, in every renderer)."""

Depth = Literal["kort", "normaal", "volledig"]
"""How much of the advice to show: the first screen only, the first screen and the rest in
short, or everything."""


@dataclass(frozen=True)
class Rung:
    """One level on the drawn ladder, with its marks (advies, gewenst, haalbaar)."""

    id: str
    name: str
    advised: bool
    marks: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One line of a section: a lead text, optional detail and sources. `prominent` items
    are shown in full at normal depth; the others of a tip section by their title."""

    text: str
    detail: str = ""
    ref: str = ""
    """The id of what the item shows, where it is a tip (for a report that regroups them)."""
    mark: Mark = ""
    sources: str = ""
    label: str = ""
    why: str = ""
    prominent: bool = False
    short: str = ""
    """The detail in short, for a brief section (empty: the detail as it is)."""
    brief_text: str = ""
    """The lead in short, for a brief section (empty: the lead as it is)."""


@dataclass(frozen=True)
class Section:
    """A titled block of the advice; `kind` lets renderers style warnings and tips;
    `full_only` sections are shown only when everything is asked for, and of a `brief`
    section only the prominent items unless everything is (a tip section names the
    others by their title)."""

    key: str
    title: str
    items: tuple[Item, ...]
    intro: str = ""
    kind: str = "normal"
    full_only: bool = False
    brief: bool = False
    rest: str = ""
    """What stands for the items a brief section leaves out ("Ook van belang: …")."""
    titles: str = ""
    """A tip section in one line, for a brief advice that shows none of its tips in full."""
    legend: str = ""
    """What the section's bullets mean, for a renderer that draws them as symbols."""


@dataclass(frozen=True)
class Summary:
    """The advice at a glance (the first screen): the level, whether it is provisional,
    the promise, what decided it, the tension and the way up, and the first steps."""

    level: str
    provisional: bool
    lines: tuple[Item, ...]
    """Labelled lines: the promise, what decided, the tension, what is still open."""
    steps: tuple[Item, ...]
    """Eerst doen: the chosen tips to act on first, most urgent first."""


@dataclass(frozen=True)
class Outline:
    """The whole advice: the summary first, then titled sections."""

    title: str
    subtitle: str
    level: str
    headline: str
    ladder: tuple[Rung, ...]
    summary: Summary
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
        summary=_summary(rs, advice, names),
        sections=tuple(s for s in sections if s.items or s.intro),
        footer=texts.FOOTER.format(
            name=advice.regelset.naam,
            version=advice.regelset.versie,
            hash=advice.regelset.hash[:12],
        ),
    )


def _summary(rs: RuleSet, advice: Advice, names: dict[str, str]) -> Summary:
    level = rs.levels[advice.niveau]
    lines = [Item(level.belofte, label=texts.ITEM_PROMISE)]
    decisive = [r for r in advice.redenen if r.bepalend]
    phrases = [
        texts.SUMMARY_DECIDED.format(
            answers=_main_answer(rs, r),
            effect=texts.EFFECT_PHRASE[r.effect].format(level=names[r.niveau].lower()),
        )
        for r in decisive[:2]
    ]
    if len(decisive) > 2:
        phrases.append(texts.SUMMARY_DECIDED_MORE.format(count=len(decisive) - 2))
    lines.append(Item(" ".join(phrases), label=texts.SUMMARY_DECIDED_LABEL))
    if advice.spanning:
        tension = texts.SUMMARY_TENSION.format(
            ambition=names[advice.ambitie].lower(),
            cap=names[advice.plafond or advice.niveau].lower(),
        )
        way_up = _way_up(rs, advice, names)
        lines.append(Item(f"{tension} {way_up}".strip(), label=texts.SUMMARY_TENSION_LABEL))
    if advice.voorlopig:
        questions = texts.listing([rs.questions[q].label().lower() for q in advice.voorlopig])
        lines.append(
            Item(
                texts.SUMMARY_PROVISIONAL.format(questions=questions),
                label=texts.SUMMARY_PROVISIONAL_LABEL,
            )
        )
    steps = tuple(Item(rs.tips_by_id[t].titel) for t in advice.eerst_doen)
    return Summary(level.naam, bool(advice.voorlopig), tuple(lines), steps)


_SIDE_OF_EFFECT = {"voorstel": "ambitie", "plafond": "capaciteit", "bodem": "context"}


def _main_question(rs: RuleSet, reason: Reason) -> str | None:
    """The question a reason is about: of the answers that made its rule fire, the first
    on the side its effect works from (a cap from the capacity, a proposal from the
    ambition), else the first. The others are the rule's conditions (its exceptions)."""
    if not reason.antwoorden:
        return None
    side = _SIDE_OF_EFFECT[reason.effect]
    first = next(iter(reason.antwoorden))
    return next((q for q in reason.antwoorden if rs.questions[q].kant == side), first)


def _main_answer(rs: RuleSet, reason: Reason) -> str:
    """The answer a reason is about, as the subject of a sentence ("Middelen 'Beperkt'")."""
    question = _main_question(rs, reason)
    if question is None:
        return texts.SUMMARY_ALWAYS
    return texts.CHANGE_PART.format(
        question=rs.questions[question].label(),
        answer=rs.answer_label(question, reason.antwoorden[question]),
    )


def _way_up(rs: RuleSet, advice: Advice, names: dict[str, str]) -> str:
    """The one change that would lift the level: one the municipality can influence
    first, else the smallest."""
    up = sorted(_ways_up(rs, advice), key=lambda c: (not c.beinvloedbaar, len(c.wijzigingen)))
    return _change_phrase(rs, up[0], names) if up else ""


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
        Item(lv.vraagt, label=texts.ITEM_ASKS, prominent=True),
    ]
    if lv.risicos:
        items.append(Item(" ".join(lv.risicos), label=texts.ITEM_RISKS, prominent=True))
    return Section("niveau", texts.SECTION_LEVEL, tuple(items), brief=True)


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
        main = _main_question(rs, reason)
        if not reason.bepalend:
            label = rs.questions[main].label() if main else texts.REASON_ALWAYS
            brief.setdefault(effect, {})[label] = None
            continue
        main_answer = {main: reason.antwoorden[main]} if main else {}
        items.append(
            Item(
                f"{_answer_phrase(rs, reason.antwoorden)} → {effect}",
                brief_text=f"{_answer_phrase(rs, main_answer)} → {effect}",
                detail=reason.toelichting,
                mark="bepalend",
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
    shown = tuple(replace(item, prominent=True) for item in items)  # brief: all, in short
    return Section(
        "redenen", texts.SECTION_REASONS, shown, legend=texts.REASONS_LEGEND_TEXT, brief=True
    )


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


def _ways_up(rs: RuleSet, advice: Advice) -> list[ChangeSet]:
    """The smallest changes that would lift the level. A fact that was answered is not
    offered as a way up (it is what it is); as a way down it stays, as a check on an
    answer that might turn out otherwise."""
    return [
        c
        for c in advice.kleinste_wijzigingen
        if c.richting == "hoger"
        and not any(_is_fact(rs, w) and w.van != (UNKNOWN,) for w in c.wijzigingen)
    ]


def _change_sections(rs: RuleSet, advice: Advice, names: dict[str, str]) -> list[Section]:
    def items(changes: list[ChangeSet]) -> tuple[Item, ...]:
        return tuple(
            Item(
                _change_phrase(rs, c, names),
                detail=texts.CHANGE_INFLUENCE if c.beinvloedbaar and c.richting == "hoger" else "",
                prominent=i < CHANGES_IN_FULL,
            )
            for i, c in enumerate(changes)
        )

    up = _ways_up(rs, advice)
    down = [c for c in advice.kleinste_wijzigingen if c.richting == "lager"]
    if advice.spanning:
        intro = texts.TENSION_INTRO.format(
            ambition=names[advice.ambitie].lower(),
            cap=names[advice.plafond or advice.niveau].lower(),
            level=names[advice.niveau].lower(),
        )
        return [
            _brief_changes("spanning", texts.SECTION_TENSION, items(up), intro, "warning"),
            _brief_changes("wat_als", texts.SECTION_RISK, items(down)),
        ]
    return [_brief_changes("wat_als", texts.SECTION_CHANGE, items(up + down))]


def _brief_changes(
    key: str, title: str, items: tuple[Item, ...], intro: str = "", kind: str = "normal"
) -> Section:
    hidden = len(items) - CHANGES_IN_FULL
    rest = texts.MORE_ITEMS.format(count=hidden) if hidden > 0 else ""
    return Section(key, title, items, intro=intro, kind=kind, brief=True, rest=rest)


def _titles(items: list[Item]) -> str:
    """The titles of tips not shown in full: the first few, and how many more there are."""
    titles = "; ".join(item.text for item in items[:TITLES_SHOWN])
    hidden = len(items) - TITLES_SHOWN
    return titles + texts.MORE_TITLES.format(count=hidden) if hidden > 0 else titles


def _rest_titles(items: tuple[Item, ...]) -> str:
    rest = [item for item in items if not item.prominent]
    return texts.MORE_TIPS.format(titles=_titles(rest)) if rest else ""


def _unknown_section(rs: RuleSet, advice: Advice, names: dict[str, str]) -> list[Section]:
    """The unknown answers, those that can change the level first (what to find out first)."""
    items = []
    first = set(advice.voorlopig)
    ordered = sorted(advice.onbekend, key=lambda u: u.vraag not in first)
    for unknown in ordered:
        question = rs.questions[unknown.vraag]
        brief = ""
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
            ordered_levels = [lv.id for lv in rs.niveaus if lv.id in levels]
            brief = texts.UNKNOWN_LEVELS.format(
                levels=texts.listing([names[lv].lower() for lv in ordered_levels], texts.OR)
            )
        detail = " ".join(p for p in (assumed, spread) if p)
        items.append(
            Item(
                question.tekst,
                detail=detail,
                short=" ".join(p for p in (assumed, brief) if p),
                label=question.label(),
                mark="onbekend",
                prominent=True,
            )
        )
    intro = ""
    if advice.voorlopig:
        template = texts.UNKNOWN_FIRST_MANY if len(advice.voorlopig) > 1 else texts.UNKNOWN_FIRST
        intro = template.format(
            questions=texts.listing([rs.questions[q].label().lower() for q in advice.voorlopig])
        )
    section = Section(
        "onbekend",
        texts.SECTION_UNKNOWN,
        tuple(items),
        intro=intro,
        brief=True,
        legend=texts.UNKNOWN_LEGEND_TEXT,
    )
    return [section] if items else []


def _warning_section(advice: Advice) -> list[Section]:
    # The engine's own warning that the advice is provisional comes first; the summary
    # says the same, so a brief advice leaves it out.
    items = tuple(
        Item(w.tekst, prominent=not (i == 0 and advice.voorlopig and w.regel is None))
        for i, w in enumerate(advice.waarschuwingen)
    )
    section = Section("waarschuwingen", texts.SECTION_WARNINGS, items, kind="warning", brief=True)
    return [section] if items else []


def _tip_sections(rs: RuleSet, advice: Advice) -> list[Section]:
    sections = []
    prominent = _prominent_tips(rs, advice)
    for category in rs.categorieen:
        tips = [t for t in advice.tips if t.categorie == category.id]
        if not tips:
            continue
        items = tuple(
            Item(
                tip.titel,
                detail=tip.tekst,
                ref=tip.id,
                sources="; ".join(rs.sources[s].short() for s in rs.tips_by_id[tip.id].bronnen),
                why=texts.TIP_WHY.format(why=" ".join(tip.waarom)),
                prominent=tip.id in prominent,
            )
            for tip in tips
        )
        sections.append(
            Section(
                f"tips:{category.id}",
                category.naam,
                items,
                intro=category.uitleg,
                kind="tips",
                brief=True,
                rest=_rest_titles(items),
                titles=_titles(list(items)),
            )
        )
    return sections


def _prominent_tips(rs: RuleSet, advice: Advice) -> set[str]:
    """The tips worth reading in full at a glance: the first steps, then the first
    (strongest) tip of each category, at most `TIPS_IN_FULL`."""
    chosen = dict.fromkeys(advice.eerst_doen)
    for category in rs.categorieen:
        first = next((t.id for t in advice.tips if t.categorie == category.id), None)
        if first is not None:
            chosen[first] = None
    return set(list(chosen)[:TIPS_IN_FULL])


def _answers_section(rs: RuleSet, advice: Advice) -> Section:
    items = tuple(
        Item(
            rs.answer_label(q, a),
            label=rs.questions[q].label(),
            mark="onbekend" if a == (UNKNOWN,) else "",
        )
        for q, a in advice.antwoorden.items()
    )
    return Section(
        "antwoorden",
        texts.SECTION_ANSWERS,
        items,
        legend=texts.ANSWERS_LEGEND_TEXT if any(i.mark for i in items) else "",
        full_only=True,
    )


def _group_section(rs: RuleSet, advice: Advice, names: dict[str, str]) -> list[Section]:
    items = tuple(
        Item(
            (texts.GROUP_LINE if group.niveau == advice.niveau else texts.GROUP_LINE_OTHER).format(
                group=group.naam, level=names[group.niveau].lower()
            ),
            detail=group.toelichting,
            why=(approach := _group_tips([rs.tips_by_id[t].titel for t in group.tips])),
            short=approach,
            prominent=True,
        )
        for group in advice.per_groep
    )
    return [Section("per_groep", texts.SECTION_GROUPS, items, brief=True)] if items else []


def _group_tips(titles: list[str]) -> str:
    return texts.GROUP_TIPS.format(tips="; ".join(titles)) if titles else ""
