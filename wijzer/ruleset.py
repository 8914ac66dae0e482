"""The rule-set models: levels, questions, rules, tips, segments and sources. Pure data.

How the parts refer to each other is checked in `wijzer.references`; what deciding
compiles from a rule set, and the results it keeps, live in `wijzer.compiled`."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from wijzer import texts
from wijzer.conditions import UNKNOWN, Condition, questions_of
from wijzer.printable import one_line, printable_line

FORMAT_VERSION = 1

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
    url: str = Field(default="", pattern=r"^(https?://[^\s<>\"'`\\]+)?$", max_length=2000)
    """A web address (http or https only: a report links to it)."""
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
    prioriteit: int | None = Field(default=None, ge=1, le=1000)
    """The urgency of this rule's tips as first steps, in place of the tips' own
    `prioriteit`: the same tip can be the first thing to do in one situation only."""
    bronnen: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _has_effect(self) -> Rule:
        if not (self.level_effects or self.tips or self.waarschuwing):
            raise ValueError(
                "een regel heeft minstens één effect nodig: voorstel, plafond, bodem, tips "
                "of waarschuwing"
            )
        if self.prioriteit is not None and not self.tips:
            raise ValueError(
                "'prioriteit' geldt voor de tips van een regel; deze regel kiest er geen"
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
    """A group of tips, shown together. A `kader` category (the legal frame) is a chapter
    of its own in the participation plan; its tips are not in the checklist."""

    id: Id
    naam: OneLine
    uitleg: str = ""
    soort: Literal["tips", "kader"] = "tips"


class Phase(Frozen):
    """One phase of the process plan: what happens, with whom, when participants hear
    back, who decides and how the participation is evaluated. Its id is an option of the
    plan's phase question, whose text names the phase."""

    id: Id
    wat: str
    met_wie: str
    terugkoppelen: str
    wie_beslist: str
    evalueren: str
    werkvormen: str = ""
    """How residents take part in this phase, where that is not the advised level's work
    forms (in the decision, say, residents speak at the council)."""
    bronnen: tuple[str, ...] = ()


class ProcessPlan(Frozen):
    """The process plan of the participation plan: its phases, in order, from the phase
    the project is in (the answer to `vraag`) on."""

    vraag: Id
    fasen: tuple[Phase, ...] = Field(min_length=1)


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
    prioriteit: int | None = Field(default=None, ge=1, le=1000)
    """How urgent the tip is as a first step: of the chosen tips that have one, the three
    with the highest priority are the advice's "Eerst doen" (ties in the tips' order). A
    rule that chooses the tip may set its own (`Rule.prioriteit`)."""


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
    procesplan: ProcessPlan | None = None
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
    def level_questions(self) -> frozenset[str]:
        """The questions that some level rule reads (the others cannot change the level)."""
        return frozenset(
            q for rule in self.regels if rule.level_effects for q in questions_of(rule.als)
        )

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
    def content_hash(self) -> str:
        """SHA-256 of the canonical content: formatting and comments do not change it."""
        canonical = json.dumps(
            _without_later_defaults(self.model_dump(mode="json", by_alias=True)),
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


_LATER_DEFAULTS: dict[str, object] = {
    "vast": False,
    "veronderstelt": None,
    "feit": False,
    "prioriteit": None,
    "soort": "tips",
    "procesplan": None,
}
"""Keys added to the format after its first release, with their defaults: left out of the
hash while they hold the default, so that a rule set that does not use them keeps its hash."""


def _without_later_defaults(data: object) -> object:
    if isinstance(data, dict):
        return {
            k: _without_later_defaults(v)
            for k, v in data.items()
            if not (k in _LATER_DEFAULTS and _is_default(v, _LATER_DEFAULTS[k]))
        }
    if isinstance(data, list):
        return [_without_later_defaults(v) for v in data]
    return data


def _is_default(value: object, default: object) -> bool:
    return type(value) is type(default) and value == default
