"""The interview flow with a scripted asker: order, going back, review, resume, precedence."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from wijzer.answers import Answers
from wijzer.conditions import UNKNOWN
from wijzer.drafts import Drafts
from wijzer.errors import UsageError
from wijzer.interview import CONFIRM, Interview, Nav, ReviewRow, run
from wijzer.precedence import (
    SOURCE_COMMAND_LINE,
    SOURCE_FILE,
    SOURCE_PROMPT,
    combine,
    parse_assignments,
)
from wijzer.ruleset import Question, RuleSet


class ScriptedAsker:
    """Answers from a script; records what was asked and what the review showed."""

    def __init__(self, answers: Iterable[Any], reviews: Iterable[str | None] = (CONFIRM,)) -> None:
        self.answers = list(answers)
        self.reviews = list(reviews)
        self.asked: list[tuple[str, tuple[str, ...] | None]] = []
        self.review_rows: list[list[ReviewRow]] = []

    def ask(
        self, question: Question, number: int, total: int, current: tuple[str, ...] | None
    ) -> tuple[str, ...] | Nav:
        self.asked.append((question.id, current))
        answer = self.answers.pop(0)
        if answer is Nav.BACK:
            return Nav.BACK
        return answer if isinstance(answer, tuple) else (answer,)

    def review(self, rows: list[ReviewRow]) -> str | None:
        self.review_rows.append(rows)
        return self.reviews.pop(0)


def first_options(rules: RuleSet) -> list[Any]:
    return [q.option_ids[0] for q in rules.vragen]


def test_asks_every_question_in_order_and_saves_after_each(rules: RuleSet) -> None:
    saved: list[Answers] = []
    asker = ScriptedAsker(first_options(rules))
    answers = run(Interview(rules, {}, {}, {}), asker, saved.append)
    assert [q for q, _ in asker.asked] == [q.id for q in rules.vragen]
    assert answers == {q.id: (q.option_ids[0],) for q in rules.vragen}
    assert [len(s) for s in saved] == list(range(1, len(rules.vragen) + 1))


def test_going_back_keeps_later_answers_and_shows_the_current_one(rules: RuleSet) -> None:
    ids = [q.id for q in rules.vragen]
    at = ids.index("beleidsruimte")
    # The questions between doel and beleidsruimte come from a file: not asked.
    from_file = {q: (rules.questions[q].option_ids[0],) for q in ids[1:at]}
    later = [rules.questions[q].option_ids[0] for q in ids[at + 1 :]]
    script = ["advies_vragen", "keuzes", Nav.BACK, "alles", *later]
    asker = ScriptedAsker(script)
    answers = run(Interview(rules, {}, from_file, {}), asker, lambda a: None)
    assert asker.asked[2] == (ids[at + 1], None)
    assert asker.asked[3] == ("beleidsruimte", ("keuzes",))  # asked again, with the old answer
    assert answers["beleidsruimte"] == ("alles",)
    assert answers["doel"] == ("advies_vragen",)


def test_back_on_the_first_question_stays_there(rules: RuleSet) -> None:
    asker = ScriptedAsker([Nav.BACK, *first_options(rules)])
    run(Interview(rules, {}, {}, {}), asker, lambda a: None)
    assert [q for q, _ in asker.asked[:2]] == ["doel", "doel"]


def test_review_edit_changes_one_answer(rules: RuleSet) -> None:
    asker = ScriptedAsker([*first_options(rules), "groot"], reviews=["draagvlak", CONFIRM])
    answers = run(Interview(rules, {}, {}, {}), asker, lambda a: None)
    assert answers["draagvlak"] == ("groot",)
    assert asker.asked[-1] == ("draagvlak", ("geen",))
    assert len(asker.review_rows) == 2


def test_resume_asks_only_what_is_open(rules: RuleSet) -> None:
    first, second = rules.vragen[0], rules.vragen[1]  # a draft holds the answers so far
    prompted = {first.id: (first.option_ids[0],), second.id: (second.option_ids[-1],)}
    open_ = [q for q in rules.vragen if q.id not in prompted]
    asker = ScriptedAsker([q.option_ids[0] for q in open_])
    answers = run(Interview(rules, {}, {}, dict(prompted)), asker, lambda a: None)
    assert [q for q, _ in asker.asked] == [q.id for q in open_]
    assert answers[second.id] == (second.option_ids[-1],)


def test_precedence_command_line_over_file_over_prompt(rules: RuleSet) -> None:
    command_line = {"draagvlak": ("groot",)}
    answer_file = {"draagvlak": ("geen",), "doel": ("informeren",)}
    asked = [q.option_ids[0] for q in rules.vragen if q.id not in ("draagvlak", "doel")]
    asker = ScriptedAsker(asked, reviews=["draagvlak", CONFIRM])
    answers = run(Interview(rules, command_line, answer_file, {}), asker, lambda a: None)
    assert "draagvlak" not in [q for q, _ in asker.asked]
    assert "doel" not in [q for q, _ in asker.asked]
    assert answers["draagvlak"] == ("groot",)
    assert answers["doel"] == ("informeren",)
    sources = {row.question.id: row.source for row in asker.review_rows[0]}
    assert sources["draagvlak"] == SOURCE_COMMAND_LINE
    assert sources["doel"] == SOURCE_FILE
    assert sources["rol"] == SOURCE_PROMPT
    assert not next(r for r in asker.review_rows[0] if r.question.id == "draagvlak").editable


def test_combine_is_first_source_wins() -> None:
    assert combine({"a": ("1",)}, {"a": ("2",), "b": ("2",)}, {"b": ("3",), "c": ("3",)}) == {
        "a": ("1",),
        "b": ("2",),
        "c": ("3",),
    }


def test_parse_assignments(rules: RuleSet) -> None:
    parsed = parse_assignments(["draagvlak=groot", "doelgroepen=jongeren, ouderen"], rules)
    assert parsed == {"draagvlak": ("groot",), "doelgroepen": ("jongeren", "ouderen")}
    with pytest.raises(UsageError, match="Bedoelde u 'groot'"):
        parse_assignments(["draagvlak=grot"], rules)
    with pytest.raises(UsageError, match="vraag=optie"):
        parse_assignments(["draagvlak"], rules)


def test_draft_round_trip_and_finish(rules: RuleSet, tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    answers = {
        "doel": ("advies_vragen",),
        "doelgroepen": ("lage_ses", "jongeren"),
        "rol": (UNKNOWN,),
    }
    drafts.prepare()
    drafts.save(rules, answers, 'Plein "Noord"', None)
    assert drafts.path is not None
    assert drafts.path.is_file()
    drafts.close()  # the interview stops; the draft stays
    later = Drafts(tmp_path)
    found, notes = later.resumable(rules)
    assert notes == []
    assert [(d.path, d.answers, d.project, d.gemeente) for d in found] == [
        (drafts.path, answers, 'Plein "Noord"', None)
    ]
    assert later.adopt(found[0])
    later.finish(rules, answers, 'Plein "Noord"', None)
    assert found[0].path.exists()  # until the interview has really ended
    last = later.settle()
    assert last == tmp_path / "laatste-antwoorden.yaml"
    assert not found[0].path.exists()
    text = last.read_text(encoding="utf-8")
    assert "laatst afgeronde vraaggesprek" in text
    assert "onderbroken" not in text


def test_a_broken_draft_is_set_aside_not_lost(rules: RuleSet, tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    (tmp_path / "concept.yaml").write_text("antwoorden:\n  doel: kapot\n", encoding="utf-8")
    found, notes = drafts.resumable(rules)
    assert found == []
    assert len(notes) == 1
    assert "niet meer te lezen" in notes[0]
    assert not (tmp_path / "concept.yaml").exists()
    (kept,) = tmp_path.glob("concept-onleesbaar-*.yaml")
    assert kept.read_text(encoding="utf-8").endswith("kapot\n")
    assert str(kept) in notes[0]
