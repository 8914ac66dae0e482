"""The interactive `wijzer advies`: draft handling, the interview, and saving the results."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from wijzer import texts
from wijzer.answers import (
    GEMEENTE_MAX,
    PROJECT_MAX,
    Answers,
    Project,
    dump_answers,
    plan_meta,
)
from wijzer.atomic import write_atomic
from wijzer.cli.output import say
from wijzer.cli.prompts import TerminalAsker
from wijzer.cli.stops import Terminated
from wijzer.config import LONGEST as CONFIG_LONGEST
from wijzer.config import read_config, remember
from wijzer.drafts import Draft, Drafts
from wijzer.errors import UsageError, WijzerError
from wijzer.interview import Interview, Stopped, run
from wijzer.precedence import SOURCE_PROMPT
from wijzer.render.report import format_for
from wijzer.ruleset import RuleSet

_RESUME, _FRESH = "hervat", "opnieuw"


@contextmanager
def interruptible(drafts: Drafts) -> Iterator[None]:
    """Ctrl-C, Ctrl-D or a closed input: one line saying where this interview's answers
    are (never another interview's file), then exit 130."""
    try:
        yield
    except (KeyboardInterrupt, EOFError, Terminated) as exc:
        number = exc.number if isinstance(exc, Terminated) else signal.SIGINT
        if drafts.path is not None:
            template = texts.INTERRUPTED if drafts.saved else texts.INTERRUPTED_UNSAVED
            say("", template.format(path=drafts.path))
        elif drafts.finished is not None:
            say("", texts.LAST_KEPT.format(path=drafts.finished))
        else:
            say("", texts.INTERRUPTED_EMPTY)
        raise Terminated(number, reported=True) from None
    finally:
        drafts.close()


def collect(
    rs: RuleSet,
    asker: TerminalAsker,
    drafts: Drafts,
    command_line: Mapping[str, tuple[str, ...]],
    file_project: Project | None,
    resume: bool,
) -> Project:
    """Run the interview for whatever the command line and the answer file left open."""
    drafts.prepare()
    prompted: Answers = {}
    name = gemeente = None
    file_answers: Answers = {}
    if file_project is not None:
        name, gemeente = file_project.naam, file_project.gemeente
        file_answers = {
            q: a for q, a in file_project.antwoorden.items() if q not in file_project.ontbrekend
        }
    found, notes = drafts.resumable(rs)
    for note in notes:
        asker.say(note)
    chosen = _choose_draft(asker, found, resume)
    if chosen is None and found:
        drafts.discard(found)  # the user chose to start afresh, and was told what it means
    elif chosen is None and resume:
        raise UsageError(texts.DRAFT_NONE.format(path=drafts.folder))
    elif chosen is not None and not drafts.adopt(chosen):
        asker.say(texts.DRAFT_TAKEN)
    elif chosen is not None:
        prompted = dict(chosen.answers)
        name, gemeente = name or chosen.project, gemeente or chosen.gemeente
    interview = Interview(rs, dict(command_line), file_answers, dict(prompted))
    meta = {"project": name, "gemeente": gemeente}

    def save(answers: Answers) -> None:
        kept = {q: a for q, a in answers.items() if q not in command_line}
        if drafts.path is None and not kept and not any(meta.values()):
            return  # nothing given yet: no draft
        try:
            drafts.save(rs, kept, meta["project"], meta["gemeente"])
        except WijzerError as exc:  # a full disk must not end the interview
            asker.say(texts.DRAFT_SAVE_FAILED.format(reason=exc))

    asker.say(
        texts.INTERVIEW_WELCOME.format(questions=texts.questions_count(len(interview.to_ask)))
    )
    if file_project is None and not prompted:
        remembered = remembered_user(asker)
        # Kept as soon as it is given, or as far as it was typed when the user stops.
        for field, question, longest in (
            ("project", texts.PROJECT_NAME, PROJECT_MAX),
            ("gemeente", texts.MUNICIPALITY, GEMEENTE_MAX),
        ):
            suggested = meta[field] or remembered.get(field, "")
            try:
                meta[field] = asker.text(question, suggested, longest) or None
            except Stopped as stop:
                meta[field] = stop.text.strip() or meta[field]
                save(interview.answers())
                raise
            save(interview.answers())
        if meta["gemeente"] and meta["gemeente"] != remembered.get("gemeente"):
            keep_user(asker, {"gemeente": meta["gemeente"]})
    answers = run(interview, asker, save)
    return Project(
        naam=meta["project"],
        gemeente=meta["gemeente"],
        **(plan_meta(file_project) if file_project is not None else {}),
        bron=SOURCE_PROMPT,
        antwoorden=answers,
    )


def _choose_draft(asker: TerminalAsker, found: list[Draft], resume: bool) -> Draft | None:
    """The draft to continue in, if any: asked when there is a choice to make."""
    if not found:
        return None
    if len(found) == 1:
        draft = found[0]
        if resume:
            return draft
        given = texts.answers_count(len(draft.answers))
        asker.say(texts.DRAFT_FOUND.format(answers=given, path=draft.path))
        options = [(_RESUME, texts.DRAFT_RESUME), (_FRESH, texts.DRAFT_FRESH)]
        return draft if asker.choose(texts.DRAFT_QUESTION, options) == _RESUME else None
    asker.say(texts.DRAFTS_FOUND.format(count=len(found), folder=found[0].path.parent))
    options = [(str(i), _draft_title(d)) for i, d in enumerate(found)]
    if not resume:
        options.append((_FRESH, texts.DRAFTS_FRESH.format(count=len(found))))
    chosen = asker.choose(texts.DRAFT_QUESTION, options)
    return None if chosen == _FRESH else found[int(chosen)]


def _draft_title(draft: Draft) -> str:
    return texts.DRAFT_TITLE.format(
        project=draft.project or texts.DRAFT_NO_NAME,
        answers=texts.answers_count(len(draft.answers)),
        saved=texts.moment(draft.saved, dt.datetime.now()),
    )


def offer_saving(
    rs: RuleSet,
    asker: TerminalAsker,
    drafts: Drafts,
    project: Project,
    plan: Callable[[Path, dict[str, str | None]], str | bytes] | None,
) -> list[str]:
    """After the advice: keep the answers (and the participation plan, in the format its
    file name asks for, with its front matter asked once) in files the user names.
    Returns where everything went."""
    drafts.finish(rs, project.antwoorden, project.naam, project.gemeente)
    slug = _slug(project.naam)
    where: list[str] = []
    if asker.confirm(texts.SAVE_ANSWERS, default=True):
        text = dump_answers(
            rs, project.antwoorden, project.naam, project.gemeente, meta=plan_meta(project)
        )
        path = _save(asker, Path(f"{slug}.yaml"), lambda _: text)
        where.append(texts.SAVED_ANSWERS.format(path=path))
    if plan is not None and asker.confirm(texts.SAVE_REPORT, default=True):
        meta = front_matter(asker, project)
        path = _save(
            asker, Path(f"{slug}-participatieplan.html"), lambda p: plan(p, meta), report=True
        )
        where.append(texts.SAVED_REPORT.format(path=path))
    kept = drafts.settle(kept_elsewhere=bool(where))
    if kept is not None and kept == drafts.finished:
        where.append(texts.LAST_KEPT.format(path=kept))
    elif kept is not None:
        where.append(texts.DRAFT_KEPT.format(path=kept))
    return where


def remembered_user(asker: TerminalAsker) -> dict[str, str]:
    """What the user's config remembers; a broken config is said once, and left alone."""
    try:
        return read_config()
    except WijzerError as exc:
        asker.say(texts.CONFIG_SKIPPED.format(error=exc))
        return {}


def keep_user(asker: TerminalAsker, values: dict[str, str]) -> None:
    """Remember these for the next interview; a config that cannot be written is said,
    and the interview goes on."""
    try:
        remember(values)
    except (WijzerError, OSError) as exc:
        asker.say(texts.CONFIG_SKIPPED.format(error=exc))


def front_matter(asker: TerminalAsker, project: Project) -> dict[str, str | None]:
    """The plan's metadata: from the answer file, else what the user's config remembers,
    else asked (once: the answer is remembered for the next plan)."""
    meta = plan_meta(project)
    remembered = remembered_user(asker)
    asked: dict[str, str] = {}
    for field, question in (
        ("afdeling", texts.PLAN_ASK_AFDELING),
        ("opsteller", texts.PLAN_ASK_OPSTELLER),
    ):
        if meta[field]:
            continue
        value = remembered.get(field) or asker.text(question, "", CONFIG_LONGEST)
        if value and field not in remembered:
            asked[field] = value
        meta[field] = value or None
    if asked:
        keep_user(asker, asked)
    return meta


def _save(
    asker: TerminalAsker,
    default: Path,
    content: Callable[[Path], str | bytes],
    *,
    report: bool = False,
) -> Path:
    """Ask for a file name until the content is written there (a file that exists only
    after a yes; a report name whose extension names no format, or a file that cannot be
    written, says why and asks again). Returns the path written."""
    while True:
        path = Path(asker.text(texts.SAVE_WHERE, default=str(default)) or str(default))
        if report and format_for(path) is None:
            asker.say(texts.UNSUPPORTED_REPORT.format(suffix=path.suffix or path.name))
            continue
        if os.path.lexists(path) and not asker.confirm(
            texts.SAVE_OVERWRITE.format(path=path), default=False
        ):
            continue
        try:
            write_atomic(path, content(path))
        except WijzerError as exc:
            asker.say(f"{exc}")
            continue
        asker.say(texts.SAVED.format(path=path))
        return path


def _slug(name: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")
    return slug[:60] or "project"
