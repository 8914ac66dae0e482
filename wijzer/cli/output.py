"""Where the CLI writes: results to stdout, diagnostics to stderr, all of it printable.

This is the boundary to the terminal: `say` and `write` pass text through
`wijzer.printable`, and every Rich console the CLI makes (`console`) carries a render
hook that does the same to what it draws, so no character from a file reaches a
terminal as a control code.
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING, Any, cast

from wijzer.errors import InputError, WijzerError
from wijzer.printable import printable, printable_line

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult


def silence_stdout() -> None:
    """The reader of stdout went away (`| head`) or it cannot take more (a full disk):
    point stdout at the null device, so that the interpreter's last flush does not fail
    a second time."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def say(*lines: str) -> None:
    """Diagnostic lines on stderr. Each is one line: a line break inside one (from a file
    name, a command-line value) is shown as an escape, so no value can add a line that
    looks like wijzer's own."""
    sys.stderr.write("".join(printable_line(line) + "\n" for line in lines))
    sys.stderr.flush()


def report_error(exc: WijzerError) -> None:
    """Explain an expected error on stderr: every located problem on its own line."""
    if isinstance(exc, InputError):
        count = len(exc.problems)
        head = "wijzer: de invoer klopt niet" + (f" ({count} problemen)" if count > 1 else "") + ":"
        say(head, *(f"  {p.format()}" for p in exc.problems))
    else:
        say(f"wijzer: {exc}")


def report_stop(exc: BaseException) -> int:
    """Say in one line that wijzer stopped on request (Ctrl-C, SIGTERM, SIGHUP: see
    `wijzer.cli.stops.Terminated`), and return the exit code for it."""
    import signal

    from wijzer import texts
    from wijzer.cli.stops import Terminated
    from wijzer.errors import EXIT_INTERRUPTED

    if isinstance(exc, Terminated) and exc.number != signal.SIGINT:
        say("", texts.TERMINATED.format(signal=signal.Signals(exc.number).name))
        return 128 + exc.number
    say("", texts.INTERRUPTED_PLAIN)
    return EXIT_INTERRUPTED


def write(text: str) -> None:
    """A result on stdout (JSON stays valid: its escapes are the ones `printable` uses)."""
    sys.stdout.write(printable(text))
    sys.stdout.flush()


class _Printable:
    """A renderable drawn as another one is, with the text of its segments printable.
    Rich's own control segments (cursor moves of a progress bar) pass unchanged."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for segment in console.render(self.inner, options):
            text = segment.text
            if segment.control or printable(text) is text:
                yield segment
            else:
                yield Segment(printable(text), segment.style)


class _PrintableHook:
    """A Rich render hook (duck-typed, so that Rich is imported only where it draws)."""

    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Printable(r) for r in renderables]


def console(*, stderr: bool = False, file: IO[str] | None = None, **options: Any) -> Console:
    """A Rich console for the CLI (see the module docstring): plain, no colour and no
    frames when its stream is not a terminal; never a control character from a file.
    `options` go to Rich's Console (a test may force a terminal)."""
    from rich.console import Console, RenderHook

    made = Console(stderr=stderr, file=file, highlight=False, emoji=False, **options)
    made.push_render_hook(cast(RenderHook, _PrintableHook()))
    return made


def stdout_console() -> Console:
    """A Rich console on stdout; plain (no colour, no frames) when stdout is not a terminal."""
    return console()


def show(out: Console, renderable: RenderableType) -> None:
    """Print a renderable; off a terminal as plain lines without the padding Rich adds."""
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as capture:
        out.print(renderable)
    write("\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n")
