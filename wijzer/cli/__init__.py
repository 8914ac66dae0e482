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

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


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
    except (KeyboardInterrupt, Terminated) as exc:  # before a command started, or after
        from wijzer.cli.output import report_stop

        return report_stop(exc)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _main(args: list[str]) -> int:
    from wijzer.cli import dutch  # the app module installs the help texts when built
    from wijzer.errors import EXIT_INVALID_INPUT, EXIT_USAGE, WijzerError

    if not args or "--help" in args or "-h" in args:
        dutch.install_rich_help()
    from typer import Abort
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from wijzer import texts
    from wijzer.cli.app import app
    from wijzer.cli.output import report_error, report_stop, say, silence_stdout

    try:
        result = app(args=args, prog_name="wijzer", standalone_mode=False)
    except NoArgsIsHelpError:
        return EXIT_USAGE  # typer has already shown the help
    except UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" Zie '{exc.ctx.command_path} --help'."
        say(f"wijzer: {dutch.usage_message(exc.format_message())}{hint}")
        return EXIT_USAGE
    except WijzerError as exc:
        report_error(exc)
        return exc.exit_code
    except Abort as exc:
        return report_stop(exc)
    except OSError as exc:  # the system refused a read or write that no command expected
        if os.environ.get("WIJZER_DEBUG"):
            raise
        silence_stdout()  # stdout may be what failed: the last flush must not fail again
        reason = texts.os_reason(exc)
        if exc.filename is None:
            say(f"wijzer: {texts.OUTPUT_FAILED.format(reason=reason)}")
        else:
            say(f"wijzer: {texts.FILE_FAILED.format(path=exc.filename, reason=reason)}")
        return EXIT_INVALID_INPUT
    except Exception as exc:
        if os.environ.get("WIJZER_DEBUG"):
            raise
        say(texts.INTERNAL_ERROR.format(kind=type(exc).__name__, error=exc))
        return INTERNAL_ERROR
    return result if isinstance(result, int) else 0
