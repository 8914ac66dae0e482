"""Where an answer comes from, written once: command line > answer file > prompt.

Both `wijzer advies` (interactive or not) and `wijzer batch` combine answers with
`combine`; a later source only fills what an earlier one left open.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence

from wijzer import texts
from wijzer.answers import Answers, check_answers
from wijzer.errors import InputError, UsageError
from wijzer.ruleset import RuleSet

SOURCE_COMMAND_LINE = "opdrachtregel"
SOURCE_FILE = "bestand"
SOURCE_PROMPT = "vraaggesprek"


def combine(
    command_line: Mapping[str, tuple[str, ...]],
    answer_file: Mapping[str, tuple[str, ...]],
    prompted: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The answers that hold: the first source that has a question's answer wins."""
    return dict(ChainMap(dict(command_line), dict(answer_file), dict(prompted or {})))


def source_of(
    question: str,
    command_line: Mapping[str, object],
    answer_file: Mapping[str, object],
) -> str:
    """Which source an answer came from (for the review screen)."""
    if question in command_line:
        return SOURCE_COMMAND_LINE
    if question in answer_file:
        return SOURCE_FILE
    return SOURCE_PROMPT


def parse_assignments(assignments: Sequence[str], rs: RuleSet) -> Answers:
    """`--set id=waarde` (a list for multi-choice: `id=a,b`) -> checked answers."""
    raw: dict[str, object] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(texts.SET_FORMAT.format(item=item))
        key = key.strip()
        question = rs.questions.get(key)
        parts = [v.strip() for v in value.split(",") if v.strip()]
        raw[key] = parts if question is not None and question.meerkeuze else value.strip()
    try:
        answers = check_answers(raw, rs, source="--set")
    except InputError as exc:
        raise UsageError("; ".join(f"{p.message} {p.hint}".strip() for p in exc.problems)) from None
    return {k: v for k, v in answers.items() if k in raw}
