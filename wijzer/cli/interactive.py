"""The interactive `wijzer advies`: draft handling, the interview, and saving the results."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import typer

from wijzer import texts
from wijzer.answers import Answers, Project, dump_answers
from wijzer.atomic import write_atomic
from wijzer.cli.output import say
from wijzer.cli.prompts import TerminalAsker
from wijzer.drafts import Drafts
from wijzer.errors import EXIT_INTERRUPTED, InputError, UsageError
from wijzer.interview import Interview, run
from wijzer.precedence import SOURCE_PROMPT
from wijzer.ruleset import RuleSet

_RESUME, _FRESH = "hervat", "opnieuw"


@contextmanager
def interruptible(drafts: Drafts) -> Iterator[None]:
    """Ctrl-C or a closed input: one line saying where the answers are, then exit 130."""
    try:
        yield
    except (KeyboardInterrupt, EOFError):
        if drafts.exists():
            say("\n" + texts.INTERRUPTED.format(path=drafts.path))
        elif drafts.last_path.exists():
            say("\n" + texts.LAST_KEPT.format(path=drafts.last_path))
        else:
            say("\nwijzer: onderbroken.")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def collect(
    rs: RuleSet,
    asker: TerminalAsker,
    drafts: Drafts,
    command_line: Mapping[str, tuple[str, ...]],
    file_project: Project | None,
    resume: bool,
) -> Project:
    """Run the interview for whatever the command line and the answer file left open."""
    prompted: Answers = {}
    name = gemeente = None
    file_answers: Answers = {}
    if file_project is not None:
        name, gemeente = file_project.naam, file_project.gemeente
        file_answers = {
            q: a for q, a in file_project.antwoorden.items() if q not in file_project.ontbrekend
        }
    draft = _read_draft(asker, drafts, rs)
    if draft is not None and (resume or _wants_resume(asker, drafts, draft[0])):
        prompted, draft_name, draft_gemeente = draft
        name, gemeente = name or draft_name, gemeente or draft_gemeente
    elif resume:
        raise UsageError(texts.DRAFT_NONE.format(path=drafts.path))
    else:
        drafts.discard()
    interview = Interview(rs, dict(command_line), file_answers, dict(prompted))
    asker.say(texts.INTERVIEW_WELCOME.format(count=len(interview.to_ask)))
    if file_project is None and not prompted:
        name = asker.text(texts.PROJECT_NAME) or None
        gemeente = asker.text(texts.MUNICIPALITY) or None

    def save(answers: Answers) -> None:
        kept = {q: a for q, a in answers.items() if q not in command_line}
        drafts.save(rs, kept, name, gemeente)

    answers = run(interview, asker, save)
    return Project(naam=name, gemeente=gemeente, bron=SOURCE_PROMPT, antwoorden=answers)


def _read_draft(
    asker: TerminalAsker, drafts: Drafts, rs: RuleSet
) -> tuple[Answers, str | None, str | None] | None:
    """The draft, if there is one that still reads; a broken one is set aside, not lost."""
    if not drafts.exists():
        return None
    try:
        return drafts.load(rs)
    except InputError as exc:
        kept = drafts.set_aside()
        asker.say(texts.DRAFT_BROKEN.format(path=kept, reason=exc.problems[0].format()))
        return None


def _wants_resume(asker: TerminalAsker, drafts: Drafts, given: Answers) -> bool:
    asker.say(texts.DRAFT_FOUND.format(count=len(given), path=drafts.path))
    options = [(_RESUME, texts.DRAFT_RESUME), (_FRESH, texts.DRAFT_FRESH)]
    return asker.choose(texts.DRAFT_QUESTION, options) == _RESUME


def offer_saving(
    rs: RuleSet, asker: TerminalAsker, drafts: Drafts, project: Project, report: str | None
) -> None:
    """After the advice: keep the answers (and the report) in files the user names."""
    last = drafts.finish()
    slug = _slug(project.naam)
    if asker.confirm(texts.SAVE_ANSWERS, default=True):
        text = dump_answers(rs, project.antwoorden, project.naam, project.gemeente)
        _save(asker, Path(f"{slug}.yaml"), text)
    if report is not None and asker.confirm(texts.SAVE_REPORT, default=False):
        _save(asker, Path(f"{slug}-advies.md"), report)
    if last is not None:
        asker.say(texts.LAST_KEPT.format(path=last))


def _save(asker: TerminalAsker, default: Path, content: str) -> None:
    while True:
        path = Path(asker.text(texts.SAVE_WHERE, default=str(default)) or str(default))
        if not path.exists() or asker.confirm(
            texts.SAVE_OVERWRITE.format(path=path), default=False
        ):
            break
    write_atomic(path, content)
    asker.say(texts.SAVED.format(path=path))


def _slug(name: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
    return slug[:60] or "project"
