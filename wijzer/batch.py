"""Batch evaluation: many answer files (or a multi-document stream) -> a stream of records.

Records come out in input order whatever the number of worker processes, one per YAML
document; a bad file or document becomes an error record and never stops the batch.
When a data format was asked for, each record is rendered in it where it was evaluated
(in the worker), so what crosses process boundaries is a few short fields and ready
bytes, and nothing large is kept in memory.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from wijzer import texts
from wijzer.advice import Advice
from wijzer.answers import Project, unknown_questions
from wijzer.conditions import UNKNOWN
from wijzer.engine import Verdict, advise, named_levels, verdict
from wijzer.errors import InputError, Problem
from wijzer.loading import load_ruleset, project_from_document
from wijzer.precedence import combine
from wijzer.ruleset import RuleSet
from wijzer.yamlio import ANSWER_LIMITS, STREAM_LIMITS, decode, parse, read_bytes

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")


class Summary(NamedTuple):
    """The fields of an advice that tables and CSV show."""

    project: str | None
    gemeente: str | None
    niveau: str
    ambitie: str
    plafond: str | None
    bodem: str | None
    spanning: bool
    onbekend: int
    waarschuwingen: int
    bepalend: tuple[str, ...]
    tegenhouders: tuple[str, ...]
    """The questions behind the cap that holds the ambition down (when there is tension)."""
    hash: str


class Record(NamedTuple):
    """The outcome for one YAML document: its summary, or its problems; and, when a data
    format was asked for, the record in that format (see `Settings.render`)."""

    bestand: str
    document: int
    summary: Summary | None = None
    problems: tuple[Problem, ...] = ()
    text: bytes = b""


Render = Callable[[Record, Advice | None], bytes]
"""A record (with the full advice of a good document) -> its text in an output format."""


@dataclass(frozen=True)
class Settings:
    """What every document in a batch is evaluated with."""

    fixed: Mapping[str, tuple[str, ...]]
    strict: bool = False
    render: Render | None = None
    """Renders each record where it is evaluated; None keeps only the summary (tables)."""
    full: bool = False
    """Whether `render` needs the full advice; otherwise only the verdict is reached (the
    level, its reasons and the warnings: what a summary shows)."""


def expand(paths: Sequence[str]) -> Iterator[str]:
    """Files in a stable order: a folder gives its *.yaml/*.yml files (recursively, sorted),
    a glob its matches (sorted), '-' standard input; anything else is passed on as given."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            yield from _folder(path)
        elif not path.exists() and glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))  # noqa: PTH207 - a user's pattern
            for match in matches:
                if Path(match).is_dir():
                    yield from _folder(Path(match))
                else:
                    yield match
            if not matches:
                yield given
        else:
            yield given


def _folder(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)  # noqa: PTH118 - per file: plain strings are cheaper


def evaluate_file(name: str, rs: RuleSet, settings: Settings) -> list[Record]:
    """Every document of one file (or of stdin for '-')."""
    return [_rendered(record, advice, settings) for record, advice in _evaluate(name, rs, settings)]


def _rendered(record: Record, advice: Advice | None, settings: Settings) -> Record:
    if settings.render is None:
        return record
    return record._replace(text=settings.render(record, advice))


def _evaluate(name: str, rs: RuleSet, settings: Settings) -> list[tuple[Record, Advice | None]]:
    source = "<stdin>" if name == STDIN else name
    try:
        raw = read_bytes(name, STREAM_LIMITS if name == STDIN else ANSWER_LIMITS)
        docs = parse(decode(raw, source), source, ANSWER_LIMITS)
    except InputError as exc:
        return [(Record(source, 0, problems=tuple(exc.problems)), None)]
    docs = [d for d in docs if d.data is not None] or docs
    if not docs or (len(docs) == 1 and docs[0].data is None):
        expected = texts.EMPTY_FILE.format(expected=texts.ANSWERS_EXPECTED)
        return [(Record(source, 0, problems=(Problem(source, expected),)), None)]
    return [_evaluate_document(doc, number, rs, settings) for number, doc in enumerate(docs, 1)]


def _evaluate_document(
    doc: Any, number: int, rs: RuleSet, settings: Settings
) -> tuple[Record, Advice | None]:
    try:
        project: Project = project_from_document(doc, rs)
    except InputError as exc:
        return Record(doc.source, number, problems=tuple(exc.problems)), None
    if settings.fixed:
        answers = combine(settings.fixed, project.antwoorden)
        project = project.model_copy(update={"antwoorden": answers})
    if settings.strict:
        unknown = unknown_questions(project.antwoorden)
        if unknown:
            message = texts.STRICT_UNKNOWN.format(questions=", ".join(unknown))
            problem = Problem(doc.source, message, doc.line)
            return Record(doc.source, number, problems=(problem,)), None
    decided = verdict(rs, project.antwoorden)
    summary = summarize(rs, project, decided)
    if not settings.full:
        return Record(doc.source, number, summary), None
    return Record(doc.source, number, summary), advise(rs, project, decided)


def summarize(rs: RuleSet, project: Project, decided: Verdict) -> Summary:
    """The table and CSV fields of an advice, from its verdict."""
    deciding = [r for r in decided.reasons if r.bepalend]
    holding = [r for r in deciding if r.effect == "plafond"]
    return Summary(
        project=project.naam,
        gemeente=project.gemeente,
        **named_levels(rs, decided.outcome)._asdict(),
        onbekend=len(decided.unknown),
        waarschuwingen=len(decided.warnings),
        bepalend=tuple(r.regel for r in deciding),
        tegenhouders=tuple(dict.fromkeys(q for r in holding for q in r.antwoorden)),
        hash=rs.content_hash,
    )


def counting(records: Iterable[Record], tally: dict[str, int]) -> Iterator[Record]:
    """Pass records through while counting them per level (and 'fout' for bad ones)."""
    for record in records:
        key = record.summary.niveau if record.summary is not None else "fout"
        tally[key] = tally.get(key, 0) + 1
        yield record


# --- running a batch, in order, on one or more processes ----------------------------------

_worker: dict[str, Any] = {}
"""Per worker process: the rule set and settings, set once by the pool initializer (the
usual multiprocessing pattern; the main process never reads it)."""


def _adopt(rs: RuleSet, settings: Settings) -> None:
    """Initializer for forked workers: the rule set is inherited, not pickled or reloaded.
    Ctrl-C reaches the whole process group; only the main process answers it (it stops the
    pool), so workers ignore it instead of each printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker["rs"] = rs
    _worker["settings"] = settings


def _load(rules_path: str, settings: Settings) -> None:
    """Initializer for spawned workers (no fork): load the rule set from its file (with
    Ctrl-C ignored from the start, see `_adopt`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _adopt(load_ruleset(Path(rules_path)), settings)


def _work(name: str) -> list[Record]:
    return evaluate_file(name, _worker["rs"], _worker["settings"])


def _warm_up(rs: RuleSet, settings: Settings) -> None:
    """Build the models' validators and the rule set's compiled parts once, before forking,
    so that workers start ready instead of each building them again."""
    project = Project(antwoorden={q.id: (UNKNOWN,) for q in rs.vragen})
    decided = verdict(rs, project.antwoorden)
    advice = advise(rs, project, decided)
    _rendered(Record("", 1, summarize(rs, project, decided)), advice, settings)


def run(
    names: Iterable[str],
    rs: RuleSet,
    settings: Settings,
    jobs: int = 1,
    rules_path: Path | None = None,
) -> Iterator[Record]:
    """Evaluate files lazily, in input order; `jobs > 1` spreads files over processes."""
    if jobs <= 1 or rules_path is None:
        for name in names:
            yield from evaluate_file(name, rs, settings)
        return
    files = list(names)
    if STDIN in files or len(files) < 2:  # stdin belongs to this process
        yield from run(files, rs, settings, jobs=1)
        return
    import multiprocessing

    fork = sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    chunk = max(1, min(64, len(files) // (jobs * 8)))
    if fork:
        _warm_up(rs, settings)
        initializer, initargs = _adopt, (rs, settings)
    else:
        initializer, initargs = _load, (str(rules_path), settings)  # type: ignore[assignment]
    with context.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
        for records in pool.imap(_work, files, chunksize=chunk):
            yield from records
