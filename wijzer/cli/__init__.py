"""The command-line interface: `main(argv) -> exit code`, the one place errors become exit codes.

This module imports as little as it can: a request to stop that comes while wijzer is
still importing (Ctrl-C a moment after Enter) is answered from the first line of `main`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

INTERNAL_ERROR = 3
_STOPS = tuple(
    s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None
)
"""Requests to stop that wijzer answers itself: Ctrl-C, `kill PID`, a closed terminal."""


class Terminated(BaseException):
    """A request to stop arrived (SIGINT, SIGTERM or SIGHUP): unwind as Ctrl-C does
    (temporary files removed, workers stopped, the draft kept) and exit with 128 + the
    signal's number. Not a KeyboardInterrupt, which typer would swallow; defined here,
    with nothing to import, so that it can be raised however early the signal comes."""

    def __init__(self, number: int, *, reported: bool = False) -> None:
        super().__init__(number)
        self.number = number
        self.reported = reported
        """Whether the stop was already explained (where the draft is kept, say)."""


class Escaped(BaseException):
    """What a command raised, carried past click to `main` (see `wijzer.cli.options`)."""

    def __init__(self, inner: BaseException) -> None:
        super().__init__(inner)
        self.inner = inner


def _stop(number: int, frame: object) -> None:
    raise Terminated(number)


def _answer_stops() -> dict[int, Any]:
    """While wijzer runs, a request to stop unwinds the program (temporary files removed,
    workers stopped, the draft kept) instead of killing it mid-write, and says so in one
    line, whenever it comes: typer would swallow an interrupt that comes while it parses
    the command line, so it is no KeyboardInterrupt but a `Terminated`. A signal the
    caller ignores (`nohup`, a background job) stays ignored. Returns what to restore."""
    previous: dict[int, Any] = {}
    for number in _STOPS:
        if signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, _stop)
    return previous


def _reopen_closed_streams() -> bool:
    """Standard streams the caller closed (`<&-`, `>&-`) are reopened on the null device,
    so that nothing fails on a missing stream (stdin then reads as empty); True when
    stdout was closed: what would go there is lost, and wijzer says so."""
    closed = False
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        setattr(sys, name, open(fd, "r" if fd == 0 else "w", encoding="utf-8", closefd=False))  # noqa: SIM115
        closed = closed or fd == 1
    return closed


def main(argv: Sequence[str] | None = None) -> int:
    """Run wijzer with the given arguments (default: sys.argv[1:]) and return the exit code."""
    previous = _answer_stops()
    try:
        if _reopen_closed_streams():
            from wijzer import texts
            from wijzer.cli.output import say

            say(f"wijzer: {texts.STDOUT_CLOSED}")
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BaseException as exc:  # a stop before a command started, or after
        return exit_code(exc)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _main(args: list[str]) -> int:
    from wijzer.cli import dutch  # the app module installs the help texts when built

    if not args or "--help" in args or "-h" in args:
        dutch.install_rich_help()
    from wijzer.cli.app import app

    try:
        result = app(args=args, prog_name="wijzer", standalone_mode=False)
    except Escaped as escaped:
        return exit_code(escaped.inner)
    except BaseException as exc:
        return exit_code(exc)
    return result if isinstance(result, int) else 0


def exit_code(exc: BaseException) -> int:
    """Explain an exception on stderr and give its exit code: the one place that does.
    1 for bad input, 2 for bad usage, 128 + the signal for a stop on request, 0 when the
    reader of stdout went away early (`| head`: as for a full read), 3 for a bug."""
    if isinstance(exc, (KeyboardInterrupt, Terminated)):  # may come before typer is imported
        from wijzer.cli.output import report_stop

        if isinstance(exc, Terminated) and exc.reported:
            return 128 + exc.number
        return report_stop(exc)
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else 1
    from typer import Abort, Exit
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from wijzer import texts
    from wijzer.cli import dutch
    from wijzer.cli.output import report_error, report_stop, say, silence_stdout
    from wijzer.errors import EXIT_INVALID_INPUT, EXIT_USAGE, WijzerError

    if isinstance(exc, Exit):
        return exc.exit_code
    if isinstance(exc, NoArgsIsHelpError):
        return EXIT_USAGE  # typer has already shown the help
    if isinstance(exc, UsageError):
        hint = f" Zie '{exc.ctx.command_path} --help'." if exc.ctx is not None else ""
        say(f"wijzer: {dutch.usage_message(exc.format_message())}{hint}")
        return EXIT_USAGE
    if isinstance(exc, WijzerError):
        report_error(exc)
        return exc.exit_code
    if isinstance(exc, Abort):
        return report_stop(exc)
    if isinstance(exc, BrokenPipeError):
        silence_stdout()
        return 0
    if isinstance(exc, OSError) and not os.environ.get("WIJZER_DEBUG"):
        # The system refused a read or write that no command expected.
        silence_stdout()  # stdout may be what failed: the last flush must not fail again
        reason = texts.os_reason(exc)
        if exc.filename is None:
            say(f"wijzer: {texts.OUTPUT_FAILED.format(reason=reason)}")
        else:
            say(f"wijzer: {texts.FILE_FAILED.format(path=exc.filename, reason=reason)}")
        return EXIT_INVALID_INPUT
    if isinstance(exc, Exception) and not os.environ.get("WIJZER_DEBUG"):
        say(texts.INTERNAL_ERROR.format(kind=type(exc).__name__, error=exc))
        return INTERNAL_ERROR
    raise exc
