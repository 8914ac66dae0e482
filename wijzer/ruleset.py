"""The rule-set models (levels, questions, rules, tips, sources) and their cross-reference check."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from wijzer import texts
from wijzer.conditions import (
    UNKNOWN,
    AnswerContains,
    AnswerIn,
    AnswerIs,
    Condition,
    LevelAtMost,
    LevelFrom,
    LevelIn,
    Predicate,
    compile_condition,
    uses_level,
    walk,
)
from wijzer.memo import Memo
from wijzer.printable import one_line, printable_line

if TYPE_CHECKING:
    from wijzer.decision import LevelDecision

FORMAT_VERSION = 1
M = TypeVar("M", bound=BaseModel)

RECENT = 4096
"""How many per-project results `RuleSet.recent` keeps before it starts afresh."""

Side = Literal["ambitie", "capaciteit", "context"]
LevelEffect = Literal["voorstel", "plafond", "bodem"]
LEVEL_EFFECTS: tuple[LevelEffect, ...] = ("voorstel", "plafond", "bodem")


OneLine = Annotated[str, AfterValidator(one_line)]
"""A text shown on one line (a name, a title, a question): line breaks fold at load."""


def _plain_id(value: str) -> str:
    if printable_line(value) is not value:
        raise ValueError(texts.ID_NOT_PLAIN)
    return value


Id = Annotated[str, AfterValidator(_plain_id)]
"""An id: any text that stays on one line (no line break, tab or control character), so
that an id shown in a table, a CSV cell or a label can add no line."""


class Frozen(BaseModel):
    """Base of all wijzer models: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class Source(Frozen):
    """A publication that a level, tip or rule rests on."""

    id: Id
    titel: OneLine
    auteur: OneLine = ""
    jaar: int | None = None
    uitgever: OneLine = ""
    url: str = ""
    kort: OneLine = ""

    def short(self) -> str:
        """A short label for inline use: 'De Weger e.a. 2018'."""
        if self.kort:
            return self.kort
        if self.auteur:
            return self.auteur.split(",")[0] + (f" {self.jaar}" if self.jaar else "")
        return self.titel

    def citation(self) -> str:
        """A short citation: 'Auteur (jaar). Titel. Uitgever.'"""
        parts = [self.auteur + (f" ({self.jaar})" if self.jaar else "")] if self.auteur else []
        parts.append(self.titel)
        if self.uitgever:
            parts.append(self.uitgever)
        return ". ".join(p.rstrip(".") for p in parts if p) + "."


class Level(Frozen):
    """One rung of the participation ladder."""

    id: Id
    naam: OneLine
    betekenis: str
    belofte: str
    vraagt: str
    werkvormen: tuple[str, ...] = ()
    risicos: tuple[str, ...] = ()
    bronnen: tuple[str, ...] = ()


class Option(Frozen):
    """One answer a question offers."""

    id: Id
    tekst: OneLine
    uitleg: str = ""
    vast: bool = False
    """The answer is fixed from outside (a law, an earlier decision): changing it is not
    something the municipality can bring about itself, so what-if never offers it as such."""


class Question(Frozen):
    """A question, its options, and what is assumed when the answer is unknown."""

    id: Id
    tekst: OneLine
    kort: OneLine = ""
    uitleg: str = ""
    kant: Side = "context"
    feit: bool = False
    """The answer is a fact about the project (who initiates it, how much it affects people),
    not a choice: a change to it is phrased as 'if it turns out …', never as a lever."""
    meerkeuze: bool = False
    opties: tuple[Option, ...] = Field(min_length=1)
    aanname: tuple[str, ...] = ()
    aanname_uitleg: str = ""

    @cached_property
    def option_ids(self) -> tuple[str, ...]:
        """The option ids, in order (without `weet_ik_niet`)."""
        return tuple(o.id for o in self.opties)

    @cached_property
    def option_set(self) -> frozenset[str]:
        """The option ids, for membership tests."""
        return frozenset(self.option_ids)

    def label(self) -> str:
        """A short name for the question ('Draagvlak'), for reasons and tables."""
        return self.kort or self.id.replace("_", " ").capitalize()

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if any."""
        return next((o for o in self.opties if o.id == option_id), None)

    def influenceable(self, answer: tuple[str, ...]) -> bool:
        """Whether the municipality can change this answer itself: a capacity question
        whose current answer is not fixed from outside (`vast`)."""
        return self.kant == "capaciteit" and self.fixed.isdisjoint(answer)

    @cached_property
    def fixed(self) -> frozenset[str]:
        """The ids of the options that are fixed from outside (`vast`)."""
        return frozenset(o.id for o in self.opties if o.vast)


class Rule(Frozen):
    """A declarative rule: when `als` holds, its effects apply, explained by `toelichting`."""

    id: Id
    als: Condition | None = None
    toelichting: str
    voorstel: str | None = None
    plafond: str | None = None
    bodem: str | None = None
    tips: tuple[str, ...] = ()
    waarschuwing: str | None = None
    veronderstelt: Condition | None = None
    """What the warning's text takes for granted: `regels controleer` proves that the rule
    never fires when it does not hold (a warning that contradicts the answers is an error)."""
    gewicht: int = 0
    bronnen: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _has_effect(self) -> Rule:
        if not (self.level_effects or self.tips or self.waarschuwing):
            raise ValueError(
                "een regel heeft minstens één effect nodig: voorstel, plafond, bodem, tips "
                "of waarschuwing"
            )
        return self

    @property
    def level_effects(self) -> tuple[tuple[LevelEffect, str], ...]:
        """The (kind, level) effects of this rule on the level."""
        return tuple((k, v) for k in LEVEL_EFFECTS if (v := getattr(self, k)) is not None)


class Segment(Frozen):
    """A group that gets its own advice: the same level or a capped one, and its own tips."""

    id: Id
    naam: OneLine
    als: Condition | None = None
    toelichting: str
    plafond: str | None = None
    tips: tuple[str, ...] = ()
    bronnen: tuple[str, ...] = ()


class Category(Frozen):
    """A group of tips, shown together."""

    id: Id
    naam: OneLine
    uitleg: str = ""


class Tip(Frozen):
    """Practical advice that a rule can attach to an advice."""

    id: Id
    categorie: str
    titel: OneLine
    tekst: str
    bronnen: tuple[str, ...] = Field(min_length=1)
    veronderstelt: Condition | None = None
    """What the tip's text takes for granted (a group, a theme, a level): every rule and
    segment that chooses the tip must imply it, which `regels controleer` proves."""


class RuleSet(Frozen):
    """A complete rule set: the ladder, the questions, the rules and the tips."""

    wijzer_regels: int
    naam: OneLine
    versie: OneLine
    beschrijving: str = ""
    niveaus: tuple[Level, ...] = Field(min_length=2)
    vragen: tuple[Question, ...] = Field(min_length=1)
    regels: tuple[Rule, ...] = Field(min_length=1)
    categorieen: tuple[Category, ...] = ()
    segmenten: tuple[Segment, ...] = ()
    tips: tuple[Tip, ...] = ()
    bronnen: tuple[Source, ...] = ()

    @cached_property
    def rank(self) -> dict[str, int]:
        """Level id -> position on the ladder (0 is the lowest)."""
        return {level.id: i for i, level in enumerate(self.niveaus)}

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Question id -> question."""
        return {q.id: q for q in self.vragen}

    @cached_property
    def levels(self) -> dict[str, Level]:
        """Level id -> level."""
        return {level.id: level for level in self.niveaus}

    @cached_property
    def rules_by_id(self) -> dict[str, Rule]:
        """Rule id -> rule."""
        return {r.id: r for r in self.regels}

    @cached_property
    def tips_by_id(self) -> dict[str, Tip]:
        """Tip id -> tip."""
        return {t.id: t for t in self.tips}

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Source id -> source."""
        return {s.id: s for s in self.bronnen}

    def answer_label(self, question_id: str, answer: tuple[str, ...]) -> str:
        """The answer as users read it: the options' texts, or 'weet ik niet'."""
        question = self.questions[question_id]
        texts_ = [
            "weet ik niet" if o == UNKNOWN else (opt.tekst if (opt := question.option(o)) else o)
            for o in answer
        ]
        return ", ".join(texts_)

    @cached_property
    def decision(self) -> LevelDecision:
        """The level rules, compiled for deciding and re-deciding fast."""
        from wijzer.decision import LevelDecision

        return LevelDecision(self)

    @cached_property
    def citations(self) -> dict[str, tuple[str, ...]]:
        """Tip or rule id -> the full citations of its sources."""
        items: list[Tip | Rule | Segment] = [*self.tips, *self.regels, *self.segmenten]
        return {i.id: tuple(self.sources[s].citation() for s in i.bronnen) for i in items}

    @cached_property
    def position(self) -> dict[str, int]:
        """Question id -> its position in the questionnaire."""
        return {q.id: i for i, q in enumerate(self.vragen)}

    @cached_property
    def tip_order(self) -> dict[str, tuple[int, int]]:
        """Tip id -> (position of its category, position in the file): the display order."""
        categories = {c.id: i for i, c in enumerate(self.categorieen)}
        return {t.id: (categories.get(t.categorie, 0), i) for i, t in enumerate(self.tips)}

    @cached_property
    def memo(self) -> Memo[tuple[object, ...], object]:
        """Results that depend only on this (immutable) rule set and their key: shared
        advice parts, what-if tables. `rs.memo(key, compute)`."""
        return Memo()

    @cached_property
    def recent(self) -> Memo[tuple[object, ...], object]:
        """Results whose keys vary per project (which tip rules fired, say), among the last
        RECENT: a long batch reuses the common ones while memory stays bounded."""
        return Memo(RECENT)

    def shared(self, model: type[M], **fields: Hashable) -> M:
        """An immutable result object, built once per distinct content and then shared:
        advice parts repeat across projects, and building a model costs more than a lookup."""
        return self.memo((model, *fields.items()), lambda: model(**fields))

    @cached_property
    def tip_rules(self) -> tuple[tuple[Rule, Predicate], ...]:
        """The rules that attach tips, compiled."""
        return tuple((r, compile_condition(r.als, self.rank)) for r in self.regels if r.tips)

    @cached_property
    def warning_rules(self) -> tuple[tuple[Rule, Predicate], ...]:
        """The rules that give a warning, compiled."""
        return tuple(
            (r, compile_condition(r.als, self.rank)) for r in self.regels if r.waarschuwing
        )

    @cached_property
    def segment_rules(self) -> tuple[tuple[Segment, Predicate], ...]:
        """The segments, compiled."""
        return tuple((s, compile_condition(s.als, self.rank)) for s in self.segmenten)

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the canonical content: formatting and comments do not change it."""
        canonical = json.dumps(
            _without_later_defaults(self.model_dump(mode="json", by_alias=True)),
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


_LATER_DEFAULTS = {"vast": False, "veronderstelt": None, "feit": False}
"""Keys added to the format after its first release, with their defaults: left out of the
hash while they hold the default, so that a rule set that does not use them keeps its hash."""


def _without_later_defaults(data: object) -> object:
    if isinstance(data, dict):
        return {
            k: _without_later_defaults(v)
            for k, v in data.items()
            if not (k in _LATER_DEFAULTS and v is _LATER_DEFAULTS[k])
        }
    if isinstance(data, list):
        return [_without_later_defaults(v) for v in data]
    return data


def broken_references(
    rs: RuleSet,
) -> Iterator[tuple[tuple[str | int, ...], str, tuple[str, ...] | None]]:
    """Every inconsistency between parts of a rule set: (path, message, suggestion pool).

    Unknown ids give the pool of valid ids so the caller can suggest the nearest one.
    """
    yield from _duplicates(rs)
    level_pool = tuple(rs.rank)
    for qi, q in enumerate(rs.vragen):
        for oi, option in enumerate(q.opties):
            if option.id == UNKNOWN:
                yield ("vragen", qi, "opties", oi, "id"), texts.RESERVED_OPTION, None
        for ai, assumed in enumerate(q.aanname):
            if assumed not in q.option_ids:
                path = ("vragen", qi, "aanname", ai)
                yield path, texts.ASSUMPTION_INVALID.format(option=assumed), tuple(q.option_ids)
    for ti, tip in enumerate(rs.tips):
        if rs.categorieen and tip.categorie not in {c.id for c in rs.categorieen}:
            yield (
                ("tips", ti, "categorie"),
                _unknown("categorie", tip.categorie),
                tuple(c.id for c in rs.categorieen),
            )
        for bi, source in enumerate(tip.bronnen):
            if source not in rs.sources:
                yield ("tips", ti, "bronnen", bi), _unknown("bron", source), tuple(rs.sources)
        if tip.veronderstelt is not None:
            yield from _condition_refs(
                rs, tip.veronderstelt, ("tips", ti, "veronderstelt"), tuple(rs.rank)
            )
    for li, level in enumerate(rs.niveaus):
        for bi, source in enumerate(level.bronnen):
            if source not in rs.sources:
                yield ("niveaus", li, "bronnen", bi), _unknown("bron", source), tuple(rs.sources)
    for ri, rule in enumerate(rs.regels):
        base: tuple[str | int, ...] = ("regels", ri)
        for kind, level_id in rule.level_effects:
            if level_id not in rs.rank:
                yield (*base, kind), _unknown("niveau", level_id), level_pool
        for bi, source in enumerate(rule.bronnen):
            if source not in rs.sources:
                yield (*base, "bronnen", bi), _unknown("bron", source), tuple(rs.sources)
        for ti, tip_id in enumerate(rule.tips):
            if tip_id not in rs.tips_by_id:
                yield (*base, "tips", ti), _unknown("tip", tip_id), tuple(rs.tips_by_id)
        if rule.level_effects and uses_level(rule.als):
            yield (*base, "als"), texts.LEVEL_IN_LEVEL_RULE, None
        if rule.als is not None:
            yield from _condition_refs(rs, rule.als, (*base, "als"), level_pool)
        if rule.veronderstelt is not None:
            yield from _condition_refs(rs, rule.veronderstelt, (*base, "veronderstelt"), level_pool)
    for si, segment in enumerate(rs.segmenten):
        base = ("segmenten", si)
        if segment.plafond is not None and segment.plafond not in rs.rank:
            yield (*base, "plafond"), _unknown("niveau", segment.plafond), level_pool
        for ti, tip_id in enumerate(segment.tips):
            if tip_id not in rs.tips_by_id:
                yield (*base, "tips", ti), _unknown("tip", tip_id), tuple(rs.tips_by_id)
        for bi, source in enumerate(segment.bronnen):
            if source not in rs.sources:
                yield (*base, "bronnen", bi), _unknown("bron", source), tuple(rs.sources)
        if segment.als is not None:
            yield from _condition_refs(rs, segment.als, (*base, "als"), level_pool)


def _unknown(kind: str, ref: str) -> str:
    return texts.REF_UNKNOWN.format(kind=texts.REF_KIND[kind], ref=ref)


def _duplicates(rs: RuleSet) -> Iterator[tuple[tuple[str | int, ...], str, None]]:
    groups: list[tuple[str, tuple[BaseModel, ...]]] = [
        ("niveaus", rs.niveaus),
        ("vragen", rs.vragen),
        ("regels", rs.regels),
        ("tips", rs.tips),
        ("bronnen", rs.bronnen),
        ("categorieen", rs.categorieen),
        ("segmenten", rs.segmenten),
    ]
    for name, items in groups:
        seen: set[str] = set()
        for i, item in enumerate(items):
            item_id = getattr(item, "id")  # noqa: B009 - every group's model has an id
            if item_id in seen:
                yield (name, i, "id"), texts.DUPLICATE_ID.format(id=item_id), None
            seen.add(item_id)
    for qi, q in enumerate(rs.vragen):
        seen_options: set[str] = set()
        for oi, option in enumerate(q.opties):
            if option.id in seen_options:
                yield (
                    ("vragen", qi, "opties", oi, "id"),
                    texts.DUPLICATE_ID.format(id=option.id),
                    None,
                )
            seen_options.add(option.id)


def _condition_refs(
    rs: RuleSet, condition: Condition, base: tuple[str | int, ...], level_pool: tuple[str, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, tuple[str, ...] | None]]:
    for node, rel in walk(condition):
        path = (*base, *rel)
        if isinstance(node, (AnswerIs, AnswerIn, AnswerContains)):
            question = rs.questions.get(node.vraag)
            if question is None:
                yield (*path, "vraag"), _unknown("vraag", node.vraag), tuple(rs.questions)
                continue
            if isinstance(node, AnswerIs) and question.meerkeuze:
                yield (*path, "is"), texts.OPERATOR_FOR_MULTI, None
            if isinstance(node, AnswerContains) and not question.meerkeuze:
                yield (*path, "bevat"), texts.OPERATOR_FOR_SINGLE, None
            pool = (*question.option_ids, UNKNOWN)
            if isinstance(node, AnswerIn):
                for i, option in enumerate(node.in_):
                    if option not in question.option_ids and option != UNKNOWN:
                        yield (*path, "in", i), _unknown("optie", option), pool
            else:
                option = node.is_ if isinstance(node, AnswerIs) else node.bevat
                key = "is" if isinstance(node, AnswerIs) else "bevat"
                if option not in question.option_ids and option != UNKNOWN:
                    yield (*path, key), _unknown("optie", option), pool
        elif isinstance(node, (LevelFrom, LevelAtMost)):
            level = node.niveau_vanaf if isinstance(node, LevelFrom) else node.niveau_hoogstens
            key = "niveau_vanaf" if isinstance(node, LevelFrom) else "niveau_hoogstens"
            if level not in rs.rank:
                yield (*path, key), _unknown("niveau", level), level_pool
        elif isinstance(node, LevelIn):
            for i, level in enumerate(node.niveau_in):
                if level not in rs.rank:
                    yield (*path, "niveau_in", i), _unknown("niveau", level), level_pool
