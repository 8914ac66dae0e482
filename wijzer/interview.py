"""The interview flow: one question at a time, going back, a review screen, nothing lost.

The flow is independent of any prompt library: it talks to an `Asker` (the terminal
adapter in `wijzer.cli.prompts`, or a scripted fake in tests) and calls `save` after every
answer, so the caller can keep a draft.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from wijzer import texts
from wijzer.answers import Answers, Project
from wijzer.errors import UsageError
from wijzer.precedence import SOURCE_COMMAND_LINE, combine, source_of
from wijzer.ruleset import Question, RuleSet


def require_terminal(answer_file: bool, resume: bool, terminal: bool) -> None:
    """Refuse, before anything is read or asked, an interview that cannot happen: without
    an answer file, or to resume one, `advies` asks, and asking needs a terminal."""
    if (not answer_file or resume) and not terminal:
        raise UsageError(texts.NO_TERMINAL)


def needs_interview(
    given: Project,
    fixed: Mapping[str, tuple[str, ...]],
    *,
    resume: bool,
    terminal: bool,
    from_stdin: bool,
) -> bool:
    """Whether `advies` with an answer file asks anything: when resuming, or when the file
    leaves questions open that the command line does not fix, in a terminal whose input
    is not the file itself."""
    if resume:
        return True
    if not terminal or from_stdin:
        return False
    return bool(set(given.ontbrekend) - set(fixed))


class Nav(Enum):
    """Navigation instead of an answer."""

    BACK = "terug"


class Stopped(KeyboardInterrupt):
    """The user stopped the interview (Ctrl-C, Ctrl-D) in a free-text prompt; `text` is
    what was typed so far, so it can be kept."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.text = text


CONFIRM = None
"""What `Asker.review` returns to accept the answers."""


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review screen."""

    question: Question
    answer: tuple[str, ...]
    source: str

    @property
    def editable(self) -> bool:
        """Answers fixed on the command line win over the interview and cannot be edited."""
        return self.source != SOURCE_COMMAND_LINE


class Asker(Protocol):
    """What the flow needs from a user interface."""

    def ask(
        self, question: Question, number: int, total: int, current: tuple[str, ...] | None
    ) -> tuple[str, ...] | Nav:
        """Ask one question; return the chosen option ids, or `Nav.BACK`."""
        ...

    def review(self, rows: list[ReviewRow]) -> str | None:
        """Show all answers; return a question id to change, or `CONFIRM`."""
        ...


@dataclass
class Interview:
    """The state of one interview: fixed answers, prompted answers, and where we are."""

    rs: RuleSet
    command_line: Mapping[str, tuple[str, ...]]
    answer_file: Mapping[str, tuple[str, ...]]
    prompted: dict[str, tuple[str, ...]]

    @property
    def to_ask(self) -> list[Question]:
        """The questions no other source answered, in rule-set order."""
        fixed = set(self.command_line) | set(self.answer_file)
        return [q for q in self.rs.vragen if q.id not in fixed]

    def answers(self) -> Answers:
        """All answers so far, by precedence (command line > file > prompt)."""
        return combine(self.command_line, self.answer_file, self.prompted)

    def rows(self) -> list[ReviewRow]:
        """The review screen's rows, for every answered question."""
        merged = self.answers()
        return [
            ReviewRow(q, merged[q.id], source_of(q.id, self.command_line, self.answer_file))
            for q in self.rs.vragen
            if q.id in merged
        ]


def run(interview: Interview, asker: Asker, save: Callable[[Answers], None]) -> Answers:
    """Ask what is open (resuming after answers already given), review, and return the answers."""
    questions = interview.to_ask
    index = next(
        (i for i, q in enumerate(questions) if q.id not in interview.prompted), len(questions)
    )
    while index < len(questions):
        question = questions[index]
        result = asker.ask(question, index + 1, len(questions), interview.prompted.get(question.id))
        if result is Nav.BACK:
            index = max(0, index - 1)
            continue
        interview.prompted[question.id] = result
        save(interview.answers())
        index += 1
    while (chosen := asker.review(interview.rows())) is not CONFIRM:
        question = interview.rs.questions[chosen]
        if question.id in interview.command_line:
            continue
        position = next((i for i, q in enumerate(interview.rs.vragen) if q.id == chosen), 0)
        current = interview.answers().get(chosen)
        result = asker.ask(question, position + 1, len(interview.rs.vragen), current)
        if result is Nav.BACK:
            continue
        interview.prompted[chosen] = result
        if chosen in interview.answer_file:
            # An edit on the review screen overrides the file: the user chose it explicitly.
            interview.answer_file = {k: v for k, v in interview.answer_file.items() if k != chosen}
        save(interview.answers())
    return interview.answers()
