"""The result of inference: an advice with its reasoning, as data (rendering is separate).

The JSON form of these models (`Advice.model_dump(mode="json")`) is a documented contract
for scripts: see docs/json.md. Keys are only added, never renamed, within `wijzer.advies/1`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from wijzer.ruleset import Frozen, LevelEffect

ADVICE_FORMAT = "wijzer.advies/1"


class Levels(NamedTuple):
    """An outcome's levels by id: the level fields of an `Advice` (same names, same order:
    tests/test_engine.py holds them together) and of a batch summary."""

    niveau: str
    ambitie: str
    plafond: str | None
    bodem: str | None
    spanning: bool
    """Whether a cap holds the ambition down."""


class RuleSetRef(Frozen):
    """Which rule set gave the advice, so that it can be reproduced."""

    naam: str
    versie: str
    hash: str


class Reason(Frozen):
    """A rule that fired and shaped the level, with the answers that made it fire."""

    regel: str
    effect: LevelEffect
    niveau: str
    toelichting: str
    antwoorden: dict[str, tuple[str, ...]]
    bepalend: bool
    bronnen: tuple[str, ...] = ()


class Unknown(Frozen):
    """An unanswered question: what was assumed, and the level under each possible answer."""

    vraag: str
    aanname: tuple[str, ...]
    uitleg: str
    niveau_per_antwoord: dict[str, str]


class WhatIf(Frozen):
    """One changed answer that would move the advice to another level."""

    vraag: str
    van: tuple[str, ...]
    naar: tuple[str, ...]
    niveau: str
    richting: Literal["hoger", "lager"]
    beinvloedbaar: bool


class AdviceWarning(Frozen):
    """A warning: from a rule (`regel`), or from the engine itself (`regel` is null)."""

    regel: str | None
    tekst: str


class Change(Frozen):
    """One answer changed: from `van` to `naar`."""

    vraag: str
    van: tuple[str, ...]
    naar: tuple[str, ...]


class ChangeSet(Frozen):
    """A smallest set of changed answers that moves the advice to another level."""

    wijzigingen: tuple[Change, ...]
    niveau: str
    richting: Literal["hoger", "lager"]
    beinvloedbaar: bool


class ChosenTip(Frozen):
    """A tip attached to the advice, with why it was chosen and where it comes from."""

    id: str
    categorie: str
    titel: str
    tekst: str
    waarom: tuple[str, ...]
    regels: tuple[str, ...]
    bronnen: tuple[str, ...]


class GroupAdvice(Frozen):
    """The advice for one group (a segment of the rule set): its level and its own tips."""

    segment: str
    naam: str
    niveau: str
    toelichting: str
    tips: tuple[str, ...]
    """Ids of the group's own tips (their texts are in the rule set's tips)."""
    bronnen: tuple[str, ...]


class Advice(Frozen):
    """The full advice for one project."""

    formaat: str = ADVICE_FORMAT
    project: str | None
    gemeente: str | None
    bron: str
    niveau: str
    ambitie: str
    plafond: str | None
    bodem: str | None
    spanning: bool
    voorlopig: tuple[str, ...] = ()
    """The unknown answers that can still change the level (empty: the level stands)."""
    redenen: tuple[Reason, ...]
    onbekend: tuple[Unknown, ...]
    wat_als: tuple[WhatIf, ...]
    kleinste_wijzigingen: tuple[ChangeSet, ...] = ()
    per_groep: tuple[GroupAdvice, ...] = ()
    tips: tuple[ChosenTip, ...]
    eerst_doen: tuple[str, ...] = ()
    """Ids of the chosen tips to act on first, most urgent first (see `Tip.prioriteit`)."""
    waarschuwingen: tuple[AdviceWarning, ...]
    antwoorden: dict[str, tuple[str, ...]]
    regelset: RuleSetRef
