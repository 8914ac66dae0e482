"""Text made safe to show to a person: no character from a file can steer a terminal.

Control characters (C0 but tab and line feed, DEL, C1) are shown as escapes (`\\u001b`),
so a project name or a file name can clear no screen, set no window title and write no
clipboard (OSC 52); where a value must stay on one line (a table cell, a CSV field, a
file name), line breaks and tabs are shown as escapes too. The escapes are JSON's, so
applying this to JSON text keeps it valid JSON with the same content. A file name
that is not valid UTF-8 shows its odd bytes as `\\xNN`, as Python writes them.

Everything a person sees passes one of these at the boundary: the CLI's writers, its
Rich consoles (a render hook) and the report templates apply them; YAML values with
control characters are refused when they are read (`wijzer.yamlio`).
"""

from __future__ import annotations

import os
import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters that text shown on several lines may not carry."""
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""In one-line text, also tab, line feed and the Unicode line and paragraph separators."""
_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """`text` with every control character but tab and line feed shown as an escape."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def printable_line(text: str) -> str:
    """`text` as one line: line breaks and tabs escaped too."""
    if _CONTROL_LINE.search(text) is None:
        return text
    return _CONTROL_LINE.sub(_escape, text)


def one_line(text: str) -> str:
    """Text for one line of data: line breaks, tabs, control characters and runs of spaces
    fold into one space (as YAML folds a plain text over several lines), so a name can
    never add a line to a table, a CSV file or a report."""
    return " ".join(_CONTROL_LINE.sub(" ", text).split())


STDIN = "-"
"""The file name that means standard input, wherever wijzer takes one."""
STDIN_SOURCE = "<stdin>"
"""How problems name standard input."""


def is_stdin(name: str | os.PathLike[str]) -> bool:
    """Whether a file name given to wijzer means standard input."""
    return os.fspath(name) == STDIN


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file name as a person can read it: one line, undecodable bytes as `\\xNN`."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    decoded = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return printable_line(decoded)


def has_control(text: str) -> str | None:
    """The first control character (but tab and line feed) in `text`, escaped; None
    when there is none."""
    found = _CONTROL.search(text)
    return None if found is None else _escape(found)
