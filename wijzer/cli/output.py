"""Where the CLI writes: results to stdout, diagnostics to stderr."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from wijzer.errors import InputError, WijzerError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def silence_stdout() -> None:
    """The reader of stdout went away (`| head`): point stdout at the null device, so that
    the interpreter's last flush does not fail a second time."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def say(message: str) -> None:
    """A diagnostic line on stderr."""
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


def report_error(exc: WijzerError) -> None:
    """Explain an expected error on stderr: every located problem on its own line."""
    if isinstance(exc, InputError):
        count = len(exc.problems)
        head = "wijzer: de invoer klopt niet" + (f" ({count} problemen)" if count > 1 else "") + ":"
        say("\n".join([head, *(f"  {p.format()}" for p in exc.problems)]))
    else:
        say(f"wijzer: {exc}")


def write(text: str) -> None:
    """A result on stdout, as is."""
    sys.stdout.write(text)
    sys.stdout.flush()


def stdout_console() -> Console:
    """A Rich console on stdout; plain (no colour, no frames) when stdout is not a terminal."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def show(console: Console, renderable: RenderableType) -> None:
    """Print a renderable; off a terminal as plain lines without the padding Rich adds."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as capture:
        console.print(renderable)
    write("\n".join(line.rstrip() for line in capture.get().splitlines()) + "\n")
