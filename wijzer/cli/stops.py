"""Requests to stop (Ctrl-C, `kill`, a closed terminal), and what a command raised on
its way to `wijzer.cli.main`. Nothing is imported here but `signal`: a stop can come
while wijzer is still importing, and must be answered however early it comes."""

from __future__ import annotations

import signal
from typing import Any

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


def answer_stops() -> dict[int, Any]:
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
