"""The command-line interface: `main(argv) -> exit code` (`wijzer.cli.exits` maps errors to codes).

This module imports as little as it can: a request to stop that comes while wijzer is
still importing (Ctrl-C a moment after Enter) is answered from the first line of `main`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from wijzer.cli.stops import answer_stops


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


def _utf8_streams() -> None:
    """stdout and stderr write UTF-8 whatever the locale's encoding (a file redirected on
    Windows would get cp1252, which has no ▶, ← or ✔): what wijzer writes is UTF-8 text."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding != "utf8" and reconfigure is not None:
            reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run wijzer with the given arguments (default: sys.argv[1:]) and return the exit code."""
    previous = answer_stops()
    try:
        _utf8_streams()
        if _reopen_closed_streams():
            from wijzer import texts
            from wijzer.cli.output import say

            say(f"wijzer: {texts.STDOUT_CLOSED}")
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BaseException as exc:  # a stop before a command started, or after
        from wijzer.cli.exits import exit_code

        return exit_code(exc)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _main(args: list[str]) -> int:
    from wijzer.cli import dutch  # the app module installs the help texts when built

    if not args or "--help" in args or "-h" in args:
        dutch.install_rich_help()
    from wijzer.cli.app import app
    from wijzer.cli.exits import exit_code
    from wijzer.cli.stops import Escaped

    try:
        result = app(args=args, prog_name="wijzer", standalone_mode=False)
    except Escaped as escaped:
        return exit_code(escaped.inner)
    except BaseException as exc:
        return exit_code(exc)
    return result if isinstance(result, int) else 0
