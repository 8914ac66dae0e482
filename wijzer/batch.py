"""Batch evaluation: many answer files (or a multi-document stream) -> a stream of records.

Records come out in input order whatever the number of worker processes, one per YAML
document; a bad file or document becomes an error record and never stops the batch.
Files are evaluated in pieces of a few dozen (the unit a worker takes and hands back).
When the output is text made per record (a data format, or the table off a terminal),
each record is rendered where it was evaluated, and a piece carries only the ready bytes,
a count per level and the problems of bad documents: little crosses process boundaries,
the main process hardly does more than write, and nothing large is kept in memory.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wijzer import parallel, texts
from wijzer.advice import Advice, Levels
from wijzer.answers import Project, unknown_questions
from wijzer.compiled import Compiled, compile_rules
from wijzer.conditions import UNKNOWN
from wijzer.engine import Verdict, advise, named_levels, verdict
from wijzer.errors import InputError, Problem
from wijzer.inputs import Found, Skipped
from wijzer.loading import load_ruleset, project_from_document
from wijzer.precedence import combine
from wijzer.printable import STDIN
from wijzer.yamlio import (
    ANSWER_LIMITS,
    YamlDocument,
    decode,
    has_markers,
    is_stream,
    open_stream,
    parse,
    read_bytes,
    source_name,
    stream_documents,
)

if TYPE_CHECKING:
    from multiprocessing.connection import Connection


class Summary(NamedTuple):
    """The fields of an advice that tables and CSV show."""

    project: str | None
    gemeente: str | None
    levels: Levels
    onbekend: int
    waarschuwingen: int
    bepalend: tuple[str, ...]
    tegenhouders: tuple[str, ...]
    """The questions behind the cap that holds the ambition down (when there is tension)."""
    hash: str


PIECE = 32
"""Files per piece: passing a piece between processes then costs little per file, and
output still streams."""


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


class Piece(NamedTuple):
    """Consecutive files, evaluated, with their documents counted per level ('fout' for
    bad ones). Rendered (see `Settings.render`): the records' texts, one after the other
    (`Settings.between` between them), and the bad documents' problems; otherwise the
    records themselves."""

    files: int
    tally: dict[str, int]
    text: bytes = b""
    bad: tuple[tuple[int, tuple[Problem, ...]], ...] = ()
    """For each bad document: where its text starts in `text`, and its problems."""
    records: tuple[Record, ...] = ()


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
    between: bytes = b""
    """Put between two rendered records."""


def evaluate_piece(names: Sequence[str], compiled: Compiled, settings: Settings) -> Piece:
    """Every document of some files, in order."""
    records = [record for name in names for record in evaluate_file(name, compiled, settings)]
    return _piece(records, len(names), settings)


def _in_process(names: Iterable[str], compiled: Compiled, settings: Settings) -> Iterator[Piece]:
    """Pieces of at most PIECE records, made here: a stream's documents are passed on as
    they are evaluated (a piece then counts the files it finished)."""
    records: list[Record] = []
    files = 0
    for name in names:
        for record in evaluate_file(name, compiled, settings):
            if len(records) == PIECE:  # passed on once more comes: never an empty piece
                yield _piece(records, files, settings)
                records, files = [], 0
            records.append(record)
        files += 1
    if records:
        yield _piece(records, files, settings)


def _piece(records: list[Record], files: int, settings: Settings) -> Piece:
    tally: dict[str, int] = {}
    for record in records:
        key = record.summary.levels.niveau if record.summary is not None else "fout"
        tally[key] = tally.get(key, 0) + 1
    if settings.render is None:
        return Piece(files, tally, records=tuple(records))
    between = settings.between
    bad = []
    if "fout" in tally:
        start = 0
        for record in records:
            if record.summary is None:
                bad.append((start, record.problems))
            start += len(record.text) + len(between)
    return Piece(files, tally, between.join([r.text for r in records]), tuple(bad))


def evaluate_file(name: str, compiled: Compiled, settings: Settings) -> Iterator[Record]:
    """Every document of one file (or of stdin for '-'), as it is read."""
    for record, advice in _evaluate(name, compiled, settings):
        yield _rendered(record, advice, settings)


def _rendered(record: Record, advice: Advice | None, settings: Settings) -> Record:
    if settings.render is None:
        return record
    return record._replace(text=settings.render(record, advice))


def _evaluate(
    name: str, compiled: Compiled, settings: Settings
) -> Iterator[tuple[Record, Advice | None]]:
    """Documents are evaluated one at a time as they are read, so a long stream on stdin
    is never held whole. Empty documents are skipped; a file with nothing else is reported
    as empty. A bad document is the record of its position and the file goes on; a
    problem with the file itself (unreadable, too big) is document 0."""
    if isinstance(name, Skipped):
        yield Record(name.source, 0, problems=(Problem(name.source, name.reason),)), None
        return
    source = source_name(name)
    number = 0
    try:
        for doc in _documents(name, source):
            if isinstance(doc, InputError):
                number += 1
                yield Record(source, number, problems=tuple(doc.problems)), None
            elif doc.data is not None:
                number += 1
                yield _evaluate_document(doc, number, compiled, settings)
    except InputError as exc:
        yield Record(source, 0, problems=tuple(exc.problems)), None
        return
    if not number:
        expected = texts.EMPTY_FILE.format(expected=texts.ANSWERS_EXPECTED)
        yield Record(source, 0, problems=(Problem(source, expected),)), None


def _documents(name: str, source: str) -> Iterable[YamlDocument | InputError]:
    """A file's documents (or standard input's), each parsed on its own: a problem in one
    is its InputError; one that reading the file itself meets is raised."""
    if is_stream(name):
        return _streamed(name, source)
    if isinstance(name, Found):  # found in a folder: read only where it was found
        raw = read_bytes(name.target, ANSWER_LIMITS, within=name.base, source=source)
    else:
        raw = read_bytes(name, ANSWER_LIMITS)
    if has_markers(raw):
        return stream_documents(io.BytesIO(raw), source, ANSWER_LIMITS)
    try:  # one document: the quick path (a list: no generator for the usual case)
        return parse(decode(raw, source), source, ANSWER_LIMITS)
    except InputError as exc:
        return (exc,)


def _streamed(name: str, source: str) -> Iterator[YamlDocument | InputError]:
    if name == STDIN:
        yield from stream_documents(sys.stdin.buffer, source, ANSWER_LIMITS)
        return
    with contextlib.closing(open_stream(name, source)) as stream:
        yield from stream_documents(stream, source, ANSWER_LIMITS)


def _evaluate_document(
    doc: Any, number: int, compiled: Compiled, settings: Settings
) -> tuple[Record, Advice | None]:
    try:
        project: Project = project_from_document(doc, compiled.rs)
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
    decided = verdict(compiled, project.antwoorden)
    summary = summarize(compiled, project, decided)
    if not settings.full:
        return Record(doc.source, number, summary), None
    return Record(doc.source, number, summary), advise(compiled, project, decided)


def summarize(compiled: Compiled, project: Project, decided: Verdict) -> Summary:
    """The table and CSV fields of an advice, from its verdict."""
    deciding = [r for r in decided.reasons if r.bepalend]
    holding = [r for r in deciding if r.effect == "plafond"]
    return Summary(
        project=project.naam,
        gemeente=project.gemeente,
        levels=named_levels(compiled.rs, decided.outcome),
        onbekend=len(decided.unknown),
        waarschuwingen=len(decided.warnings),
        bepalend=tuple(r.regel for r in deciding),
        tegenhouders=tuple(dict.fromkeys(q for r in holding for q in r.antwoorden)),
        hash=compiled.rs.content_hash,
    )


def counting(pieces: Iterable[Piece], tally: dict[str, int]) -> Iterator[Piece]:
    """Pass pieces through while adding up their documents per level (and 'fout')."""
    for piece in pieces:
        for key, count in piece.tally.items():
            tally[key] = tally.get(key, 0) + count
        yield piece


def _pieces(names: Iterable[str], size: int) -> Iterator[list[str]]:
    rest = iter(names)
    while piece := list(islice(rest, size)):
        yield piece


# --- running a batch, in order, on one or more processes ----------------------------------


def _serve(
    conn: Connection,
    worker: int,
    jobs: int,
    pieces: list[list[str]],
    rules: Compiled | str,
    settings: Settings,
) -> None:
    """A worker (see `wijzer.parallel`): its share of the pieces, each sent as the piece
    without its text, and the text as the payload. Forked workers inherit the compiled
    rule set; spawned ones get its path, load it and compile it."""
    compiled = rules if isinstance(rules, Compiled) else compile_rules(load_ruleset(Path(rules)))

    def make(number: int) -> tuple[Piece, bytes]:
        piece = evaluate_piece(pieces[number], compiled, settings)
        return piece._replace(text=b""), piece.text

    parallel.serve_results(conn, worker, jobs, len(pieces), make)


def _warm_up(compiled: Compiled, settings: Settings) -> None:
    """Build the models' validators and the rule set's compiled parts once, before forking,
    so that workers start ready instead of each building them again."""
    project = Project(antwoorden={q.id: (UNKNOWN,) for q in compiled.rs.vragen})
    decided = verdict(compiled, project.antwoorden)
    advice = advise(compiled, project, decided) if settings.full else None
    _rendered(Record("", 1, summarize(compiled, project, decided)), advice, settings)


def run(
    names: Iterable[str],
    compiled: Compiled,
    settings: Settings,
    jobs: int = 1,
    rules_path: Path | None = None,
) -> Iterator[Piece]:
    """Evaluate files lazily, in input order, a piece at a time; `jobs > 1` spreads the
    pieces over processes."""
    if jobs <= 1 or rules_path is None:
        yield from _in_process(names, compiled, settings)
        return
    files = list(names)
    if STDIN in files or len(files) < 2:  # stdin belongs to this process
        yield from run(files, compiled, settings, jobs=1)
        return
    size = max(1, min(PIECE, len(files) // (jobs * 8)))  # small batches: spread evenly
    pieces = list(_pieces(files, size))
    if parallel.FORKS:
        _warm_up(compiled, settings)  # once here, instead of once in every worker
    rules = compiled if parallel.FORKS else str(rules_path)
    jobs = min(jobs, len(pieces))
    for piece, text in parallel.in_order(len(pieces), jobs, _serve, pieces, rules, settings):
        yield piece._replace(text=text)
