"""The one exception hierarchy of wijzer, and located problems in input files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file: where it is, what is wrong, what would fix it."""

    source: str
    message: str
    line: int | None = None
    path: str = ""
    hint: str = ""

    def format(self) -> str:
        """Render as one Dutch paragraph: 'file, regel N (pad): message hint'."""
        where = self.source
        if self.line is not None:
            where += f", regel {self.line}"
        if self.path:
            where += f" ({self.path})"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class WijzerError(Exception):
    """Root of all expected errors; the CLI maps them to exit codes."""

    exit_code = EXIT_INVALID_INPUT


MAX_PROBLEMS = 20
"""At most this many problems are reported in detail; the rest are counted."""


class InputError(WijzerError):
    """An answer file or rule set is invalid; carries one or more located problems."""

    def __init__(self, problems: Iterable[Problem], omitted: int = 0) -> None:
        found = list(problems)
        omitted += max(0, len(found) - MAX_PROBLEMS)
        found = found[:MAX_PROBLEMS]
        if omitted and found:
            found.append(Problem(found[0].source, f"… en nog {omitted} andere problemen."))
        self.problems: Sequence[Problem] = tuple(found)
        super().__init__("\n".join(p.format() for p in self.problems))

    def shifted(self, lines: int) -> InputError:
        """The same problems, `lines` lines further down: for a document that starts
        further on in a stream than the text it was parsed from."""
        moved = [
            replace(p, line=p.line + lines) if p.line is not None else p for p in self.problems
        ]
        return self._as(moved)

    @classmethod
    def _as(cls, problems: Sequence[Problem]) -> InputError:
        """An error with exactly these problems (already counted and cut)."""
        error = cls(problems[:1])
        error.problems = tuple(problems)
        error.args = ("\n".join(p.format() for p in error.problems),)
        return error

    @classmethod
    def single(
        cls, source: str, message: str, *, line: int | None = None, path: str = "", hint: str = ""
    ) -> InputError:
        """Build the error for a single problem."""
        return cls([Problem(source, message, line, path, hint)])


class UsageError(WijzerError):
    """The command was called wrongly (exit 2)."""

    exit_code = EXIT_USAGE
