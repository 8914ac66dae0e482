"""`wijzer batch`: wire paths, settings and an output format to the batch engine."""

from __future__ import annotations

import gc
import io
import itertools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Literal

from wijzer import texts
from wijzer.atomic import destination, open_atomic, refuse_input_as_output
from wijzer.batch import Piece, Settings, counting, run
from wijzer.compiled import compile_rules
from wijzer.errors import EXIT_INVALID_INPUT, EXIT_OK, InputError, Problem
from wijzer.inputs import expand, unmatched
from wijzer.loading import load_ruleset, rules_path
from wijzer.precedence import parse_assignments
from wijzer.ruleset import RuleSet

AUTO_PARALLEL_FROM = 400
"""With --jobs left to wijzer, batches smaller than this run in one process: starting
workers costs more than it saves."""

FILE_WIDTH = 140
"""Off a terminal the table is plain text; it gets room enough not to cut columns."""

GC_GENERATION0 = 50_000
"""Allocations between young-generation collections during a batch (Python's default is
700): files make many short-lived objects, which reference counting frees anyway."""

PROGRESS_FROM = 20
"""A progress bar (stderr, terminals only) for batches with more files than this."""


OutputFormat = Literal["tabel", "json", "jsonl", "csv", "csv-excel", "yaml"]


@dataclass(frozen=True)
class BatchJob:
    """What `wijzer batch` was asked to do."""

    paths: list[str]
    format: OutputFormat = "tabel"
    output: Path | None = None
    strict: bool = False
    jobs: int = 0
    """Worker processes; 0 lets wijzer choose."""
    assignments: list[str] = field(default_factory=list)
    """`--set VRAAG=OPTIE`, as typed."""
    rules: Path | None = None


def run_batch(job: BatchJob) -> int:
    """Evaluate, write, and return the exit code (1 when any document was bad)."""
    paths, output, jobs = job.paths, job.output, job.jobs
    path = rules_path(job.rules)
    missing = unmatched(paths)
    if missing:  # said before anything is read or written
        raise InputError([Problem(given, texts.BATCH_UNMATCHED) for given in missing])
    found = expand(paths)
    first = next(found, None)
    if first is None:  # say so before any output is started
        raise InputError.single(" ".join(paths), texts.BATCH_NOTHING.format(paths=" ".join(paths)))
    names: Iterator[str] | list[str] = itertools.chain((first,), found)
    show_progress = sys.stderr.isatty()
    total = None  # the number of files, when a progress bar shows it
    if output is not None or show_progress or jobs == 0:  # these need the files up front
        listed = list(names)
        names = listed
        if output is not None:  # refused before anything is read
            refuse_input_as_output(output, [*listed, path])
            destination(output)
        if jobs == 0:
            jobs = (os.cpu_count() or 1) if len(listed) >= AUTO_PARALLEL_FROM else 1
        if show_progress and len(listed) > PROGRESS_FROM:
            total = len(listed)
    rs = load_ruleset(path)
    fixed = parse_assignments(job.assignments, rs)
    compiled = compile_rules(rs)

    def evaluate(settings: Settings) -> Iterator[Piece]:
        return _with_progress(run(names, compiled, settings, jobs, path), total)

    tally: dict[str, int] = {}
    with _settled_memory(), _destination(output) as out:
        if job.format == "tabel":
            _table(evaluate, rs, Settings(fixed, job.strict), out, output is not None, tally)
        else:
            from wijzer.render.batch_data import data_format, write

            data = data_format(job.format)
            settings = Settings(fixed, job.strict, data.render, data.full, data.between)
            first_bad: list[Problem] = []
            write(noting(counting(evaluate(settings), tally), first_bad), data, out)
            if output is not None:  # the data went to a file: one line says how it went
                from wijzer.cli.output import say

                say(written_summary(tally, first_bad[0] if first_bad else None, output))
    return EXIT_INVALID_INPUT if tally.get("fout") else EXIT_OK


def noting(pieces: Iterator[Piece], first_bad: list[Problem]) -> Iterator[Piece]:
    """Pass pieces through, keeping the first bad document's first problem."""
    for piece in pieces:
        if not first_bad and piece.bad:
            first_bad.append(piece.bad[0][1][0])
        yield piece


def written_summary(tally: dict[str, int], first_bad: Problem | None, output: Path) -> str:
    """'3.000 beoordeeld, 1 fout (map/x.yaml, regel 3); geschreven naar res.csv.'"""
    total, bad = sum(tally.values()), tally.get("fout", 0)
    if not bad:
        errors = texts.BATCH_NO_ERRORS
    else:
        where = first_bad.source if first_bad is not None else ""
        if first_bad is not None and first_bad.line is not None:
            where = texts.AT_LINE.format(source=where, line=first_bad.line)
        template = texts.BATCH_ONE_ERROR if bad == 1 else texts.BATCH_ERRORS
        errors = template.format(count=texts.number(bad), where=where)
    return texts.BATCH_WRITTEN.format(total=texts.number(total), errors=errors, path=output)


def _table(
    evaluate: Callable[[Settings], Iterator[Piece]],
    rs: RuleSet,
    settings: Settings,
    out: IO[bytes],
    to_file: bool,
    tally: dict[str, int],
) -> None:
    """The summary table: rows made by the workers off a terminal, by Rich on one."""
    from wijzer.cli.output import console as make_console
    from wijzer.render.batch_table import Columns, write_table

    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="") if to_file else None
    console = make_console(file=wrapper or sys.stdout)
    if not console.is_terminal:
        console.width = max(console.width, FILE_WIDTH)
        settings = replace(settings, render=Columns.of(rs, console.width))
    err = make_console(stderr=True)
    try:
        write_table(counting(evaluate(settings), tally), console, err, rs, tally)
    finally:
        if wrapper is not None:
            wrapper.detach()  # flushes; the file itself is closed by _destination


@contextmanager
def _settled_memory() -> Iterator[None]:
    """The garbage collector tuned for a long batch, and restored after it. What is loaded
    by now (modules, the rule set) lives until the end: frozen, the collector stops walking
    it over and over, and forked workers stop copying the pages it would touch. Evaluating
    a file makes many short-lived objects and hardly any cycles, so collections can be
    rarer. (Measured: about 10% off two workers' wall time on 10,000 files.)"""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_GENERATION0, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


@contextmanager
def _destination(output: Path | None) -> Iterator[IO[bytes]]:
    """stdout (as bytes: data formats are UTF-8), or a file that appears only complete
    (atomic)."""
    if output is None:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with open_atomic(output) as handle:
        yield handle


def _with_progress(pieces: Iterator[Piece], total: int | None) -> Iterator[Piece]:
    """A progress bar on stderr over `total` files (None: no bar)."""
    if total is None:
        yield from pieces
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(texts.BATCH_PROGRESS),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    from wijzer.cli.output import console

    # The first piece starts the workers: before the bar's refresh thread runs, so that no
    # process forks while a thread does (Python 3.12 warns; a fork then copies a lock held
    # by that thread).
    first = next(pieces, None)
    with Progress(
        *columns, console=console(stderr=True), transient=True, redirect_stdout=True
    ) as progress:
        task = progress.add_task(texts.BATCH_PROGRESS, total=total)
        for piece in itertools.chain(() if first is None else (first,), pieces):
            progress.advance(task, piece.files)
            yield piece
