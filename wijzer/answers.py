"""Answer files: the model, and the check of answers against a rule set's questions."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from pydantic import Field

from wijzer import texts
from wijzer.conditions import UNKNOWN
from wijzer.errors import MAX_PROBLEMS, InputError, Problem
from wijzer.printable import one_line
from wijzer.ruleset import Frozen, OneLine, RuleSet
from wijzer.validation import dotted, suggestion, type_name

FORMAT_VERSION = 1

Answers = dict[str, tuple[str, ...]]
"""Question id -> chosen option ids; `("weet_ik_niet",)` for an unknown answer."""


PROJECT_MAX = 300
GEMEENTE_MAX = 120
DESCRIPTION_MAX = 20_000
"""The longest project and municipality names an answer file takes (the interview too)."""


class AnswerFile(Frozen):
    """An answer file as written: format version, optional metadata, and the answers."""

    wijzer: int = FORMAT_VERSION
    project: OneLine | None = Field(default=None, max_length=PROJECT_MAX)
    gemeente: OneLine | None = Field(default=None, max_length=GEMEENTE_MAX)
    afdeling: OneLine | None = Field(default=None, max_length=GEMEENTE_MAX)
    opsteller: OneLine | None = Field(default=None, max_length=GEMEENTE_MAX)
    omschrijving: str | None = Field(default=None, max_length=DESCRIPTION_MAX)
    toelichting: str | None = Field(default=None, max_length=DESCRIPTION_MAX)
    """Read as the description when there is no `omschrijving` (an older name)."""
    antwoorden: dict[str, Any] = Field(default_factory=dict)


class Project(Frozen):
    """A project's validated answers, complete for the rule set (missing ones are unknown)."""

    naam: str | None = None
    gemeente: str | None = None
    afdeling: str | None = None
    opsteller: str | None = None
    omschrijving: str | None = None
    bron: str = ""
    antwoorden: dict[str, tuple[str, ...]]
    ontbrekend: tuple[str, ...] = ()
    """Questions the source did not mention (their answers count as unknown)."""


def plan_meta(project: Project) -> dict[str, str | None]:
    """The metadata that the participation plan's front matter takes from a project."""
    return {
        "afdeling": project.afdeling,
        "opsteller": project.opsteller,
        "omschrijving": project.omschrijving,
    }


def unknown_questions(answers: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The questions answered with (or defaulted to) `weet_ik_niet`."""
    return tuple(q for q, a in answers.items() if a == (UNKNOWN,))


def check_answers(
    raw: Mapping[Any, Any],
    rs: RuleSet,
    source: str = "<antwoorden>",
    line_of: Callable[[tuple[str | int, ...]], int | None] = lambda path: None,
    within: tuple[str | int, ...] = ("antwoorden",),
) -> Answers:
    """Validate raw answers against the rule set; all problems are reported at once.
    `within` is where the answers sit in their file (for the path and line of a problem)."""
    problems: list[Problem] = []
    answers: Answers = {}
    omitted = 0

    def problem(
        path: tuple[str | int, ...], message: str, hint: Callable[[], str] = lambda: ""
    ) -> None:
        """Record a problem; the hint (a 'bedoelde u', which costs a search) is only made
        for the problems that are explained."""
        nonlocal omitted
        if len(problems) >= MAX_PROBLEMS:  # enough detail; count the rest cheaply
            omitted += 1
            return
        full = (*within, *path)
        problems.append(Problem(source, message, line_of(full), dotted(full), hint()))

    for key, value in raw.items():
        question = rs.questions.get(key) if isinstance(key, str) else None
        if question is None:
            message = texts.UNKNOWN_QUESTION.format(question=key)
            problem((key,), message, partial(suggestion, str(key), rs.questions))
            continue
        if isinstance(value, str) and value in question.option_set:  # the usual case
            answers[key] = (value,)
            continue
        if value is None or value == UNKNOWN or value == [UNKNOWN]:
            answers[key] = (UNKNOWN,)
            continue
        if isinstance(value, list) and not question.meerkeuze:
            if len(value) == 1 and isinstance(value[0], str):
                value = value[0]
            else:
                problem((key,), texts.SINGLE_EXPECTED.format(question=key))
                continue
        items = value if isinstance(value, list) else [value]
        chosen: list[str] = []
        for i, item in enumerate(items):
            at: tuple[str | int, ...] = (key, i) if isinstance(value, list) else (key,)
            if not isinstance(item, str):
                multi = texts.ANSWER_TYPE_MULTI if question.meerkeuze else ""
                problem(at, texts.ANSWER_TYPE.format(multi=multi, got=type_name(item)))
            elif item == UNKNOWN:
                problem(at, texts.UNKNOWN_NOT_ALONE)
            elif item not in question.option_ids:
                pool = (*question.option_ids, UNKNOWN)
                problem(
                    at,
                    texts.UNKNOWN_OPTION.format(option=item, question=key),
                    partial(suggestion, item, pool),
                )
            elif item in chosen:
                problem(at, texts.DUPLICATE_OPTION.format(option=item))
            else:
                chosen.append(item)
        if not isinstance(value, list) or value:
            order = question.option_ids
            answers[key] = tuple(sorted(chosen, key=order.index))
        else:
            answers[key] = (UNKNOWN,)
    if problems:
        raise InputError(problems, omitted)
    return {q.id: answers.get(q.id, (UNKNOWN,)) for q in rs.vragen}


def project_from(
    file: AnswerFile,
    rs: RuleSet,
    source: str,
    line_of: Callable[[tuple[str | int, ...]], int | None],
) -> Project:
    """A validated project from a parsed answer file."""
    answers = check_answers(file.antwoorden, rs, source, line_of)
    missing = tuple(q.id for q in rs.vragen if q.id not in file.antwoorden)
    return Project(
        naam=file.project,
        gemeente=file.gemeente,
        afdeling=file.afdeling,
        opsteller=file.opsteller,
        omschrijving=file.omschrijving or file.toelichting,
        bron=source,
        antwoorden=answers,
        ontbrekend=missing,
    )


def dump_answers(
    rs: RuleSet,
    answers: Mapping[str, tuple[str, ...]],
    project: str | None = None,
    gemeente: str | None = None,
    header: str = "",
    meta: Mapping[str, str | None] | None = None,
) -> str:
    """An answer file (readable by `--antwoorden` and `batch`), each answer under its question;
    `meta` adds the plan's metadata (`afdeling`, `opsteller`, `omschrijving`).

    Every value is written as YAML reads it back: option ids and names that YAML would
    take for something else (`yes`, `1`, `2024-01-01`, `a: b`, `#x`) are quoted, and
    comments are kept to one line, so no text from a rule set can add an answer.
    """
    lines = [f"# {one_line(line)}".rstrip() for line in header.splitlines()] if header else []
    lines.append(f"wijzer: {FORMAT_VERSION}")
    for key, value in (("project", project), ("gemeente", gemeente), *(meta or {}).items()):
        shown = (value or "") if key == "omschrijving" else one_line(value or "")
        if shown.strip():
            lines.append(f"{key}: {yaml_scalar(shown, quoted=True)}")
    lines.append("antwoorden:")
    for question in rs.vragen:
        if question.id not in answers:
            continue
        answer = answers[question.id]
        if question.meerkeuze and answer != (UNKNOWN,):
            shown = f"[{', '.join(yaml_scalar(a) for a in answer)}]"
        else:
            shown = yaml_scalar(answer[0])
        lines += [f"  # {one_line(question.tekst)}", f"  {yaml_scalar(question.id)}: {shown}"]
    if len(lines) and lines[-1] == "antwoorden:":
        lines[-1] = "antwoorden: {}"
    return "\n".join(lines) + "\n"


_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
"""Texts that may stay unquoted if YAML reads them as the same text (not `yes`, `null`)."""


def yaml_scalar(text: str, quoted: bool = False) -> str:
    """`text` as a one-line YAML scalar that reads back as exactly this text; `quoted`
    always puts it between double quotes (free text, such as a project name)."""
    if not quoted and _PLAIN.fullmatch(text) and _is_plain_text(text):
        return text
    import yaml

    dumped: str = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=2**31 - 1)
    return dumped.rstrip("\n")


def _is_plain_text(text: str) -> bool:
    from wijzer.quickyaml import STR, resolve_plain

    return resolve_plain(text) == STR
