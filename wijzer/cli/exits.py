"""The one place where an exception becomes an explanation on stderr and an exit code."""

from __future__ import annotations

import os

from wijzer.cli.stops import Terminated

INTERNAL_ERROR = 3


def exit_code(exc: BaseException) -> int:
    """Explain an exception on stderr and give its exit code: the one place that does.
    1 for bad input, 2 for bad usage, 128 + the signal for a stop on request, 0 when the
    reader of stdout went away early (`| head`: as for a full read), 3 for a bug."""
    if isinstance(exc, (KeyboardInterrupt, Terminated)):  # may come before typer is loaded
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
