"""The cross-reference check of a rule set: every id a part names exists, and fits.

Run once when a rule set is loaded (`wijzer.loading`), after its models are validated:
the models (`wijzer.ruleset`) check each part on its own, this checks how they refer to
each other (levels, questions and options, tips, categories, sources), with the path of
every problem so that the loader can point at its line and suggest the nearest valid id.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

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
    uses_level,
    walk,
)
from wijzer.ruleset import RuleSet

Broken = tuple[tuple[str | int, ...], str, tuple[str, ...] | None]
"""A broken reference: where, what is wrong, and the valid ids to suggest from."""


def broken_references(rs: RuleSet) -> Iterator[Broken]:
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
        yield from _sources(rs, tip.bronnen, ("tips", ti))
        if tip.veronderstelt is not None:
            yield from _condition_refs(
                rs, tip.veronderstelt, ("tips", ti, "veronderstelt"), tuple(rs.rank)
            )
    for li, level in enumerate(rs.niveaus):
        yield from _sources(rs, level.bronnen, ("niveaus", li))
    for ri, rule in enumerate(rs.regels):
        base: tuple[str | int, ...] = ("regels", ri)
        for kind, level_id in rule.level_effects:
            if level_id not in rs.rank:
                yield (*base, kind), _unknown("niveau", level_id), level_pool
        yield from _sources(rs, rule.bronnen, base)
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
        yield from _sources(rs, segment.bronnen, base)
        if segment.als is not None:
            yield from _condition_refs(rs, segment.als, (*base, "als"), level_pool)
    if rs.procesplan is not None:
        yield from _plan_refs(rs)


def _sources(rs: RuleSet, ids: tuple[str, ...], base: tuple[str | int, ...]) -> Iterator[Broken]:
    for bi, source in enumerate(ids):
        if source not in rs.sources:
            yield (*base, "bronnen", bi), _unknown("bron", source), tuple(rs.sources)


def _plan_refs(rs: RuleSet) -> Iterator[Broken]:
    """The process plan names a single-choice question, and each phase one of its options."""
    plan = rs.procesplan
    assert plan is not None
    question = rs.questions.get(plan.vraag)
    if question is None:
        yield ("procesplan", "vraag"), _unknown("vraag", plan.vraag), tuple(rs.questions)
        return
    if question.meerkeuze:
        yield ("procesplan", "vraag"), texts.PLAN_SINGLE.format(question=plan.vraag), None
    for pi, phase in enumerate(plan.fasen):
        base: tuple[str | int, ...] = ("procesplan", "fasen", pi)
        if phase.id not in question.option_ids:
            yield (*base, "id"), _unknown("optie", phase.id), tuple(question.option_ids)
        yield from _sources(rs, phase.bronnen, base)


def _unknown(kind: str, ref: str) -> str:
    return texts.REF_UNKNOWN.format(kind=texts.REF_KIND[kind], ref=ref)


def _duplicates(rs: RuleSet) -> Iterator[Broken]:
    groups: list[tuple[tuple[str, ...], tuple[BaseModel, ...]]] = [
        (("niveaus",), rs.niveaus),
        (("vragen",), rs.vragen),
        (("regels",), rs.regels),
        (("tips",), rs.tips),
        (("bronnen",), rs.bronnen),
        (("categorieen",), rs.categorieen),
        (("segmenten",), rs.segmenten),
    ]
    if rs.procesplan is not None:
        groups.append((("procesplan", "fasen"), rs.procesplan.fasen))
    for where, items in groups:
        seen: set[str] = set()
        for i, item in enumerate(items):
            item_id = getattr(item, "id")  # noqa: B009 - every group's model has an id
            if item_id in seen:
                yield (*where, i, "id"), texts.DUPLICATE_ID.format(id=item_id), None
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
