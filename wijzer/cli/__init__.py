"""The command-line interface: `main(argv) -> exit code`, the one place errors become exit codes."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from wijzer.errors import EXIT_INVALID_INPUT, EXIT_USAGE, Terminated, WijzerError

INTERNAL_ERROR = 3


@contextmanager
def _stoppable() -> Iterator[None]:
    """While wijzer runs, a polite request to stop (`kill PID`, a closed terminal, a
    supervisor) unwinds the program like Ctrl-C instead of killing it mid-write."""

    def stop(number: int, frame: object) -> None:
        raise Terminated(number)

    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, stop) for s in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run wijzer with the given arguments (default: sys.argv[1:]) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    from wijzer.cli import dutch  # the app module installs the help texts when built

    if not args or "--help" in args or "-h" in args:
        dutch.install_rich_help()
    from typer import Abort
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from wijzer import texts
    from wijzer.cli.app import app
    from wijzer.cli.output import report_error, report_stop, say, silence_stdout

    try:
        with _stoppable():
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
    except (KeyboardInterrupt, Abort) as exc:  # outside a command (commands: reports_errors)
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
